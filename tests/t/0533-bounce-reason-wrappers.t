#!/bin/sh
# A server's reply means the same whichever MTA reports it.  Every
# verdict row of mailer/bounce_rules.c is put, as a remote server's "550"
# reply, into the plain-text notices of five MTAs (Postfix, qmail, Exim,
# Sendmail, Courier), each with its own boilerplate around the reply
# (qmail's "Giving up on <host>.", Sendmail's transcript, Courier's
# banner); each notice must name exactly its one recipient as failed,
# and the five must agree on the reason and on hard or soft.  Rows that
# speak of a list's members are left out: a line-leading address followed
# by such words is a list's (Postfix's "<l>: ... members-only list").
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import collections, json, os, re, subprocess, sys

tmp = sys.argv[1]
src = open("mailer/bounce_rules.c", encoding="utf-8").read()
rows = re.findall(r'\{\s*"((?:[^"\\]|\\.)*)"\s*,\s*"[0-9x.]*"\s*,\s*'
                  r'(?:HARD|SOFT)\s*,\s*"\w+"\s*\}', src)

def unescape(s):
    """A C string literal's text: its escapes are bytes of UTF-8."""
    def byte(m):
        e = m.group(1).decode()
        if e[0] == "x":
            return bytes([int(e[1:], 16)])
        if e[0].isdigit():
            return bytes([int(e, 8)])
        return e.encode()
    return re.sub(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", byte,
                  s.encode("utf-8")).decode("utf-8")

R = "anna.berg@example.net"
WRAP = {
 "postfix": "This is the mail system at host mx.example.org.\n\nI'm sorry "
  "to have to inform you that your message could not\nbe delivered to one "
  "or more recipients. It's attached below.\n\n<{r}>: host "
  "mx.example.net[192.0.2.9] said: 550 {p} (in\n    reply to RCPT TO "
  "command)\n\n------ This is a copy of the message's headers. ------\n",
 "qmail": "Hi. This is the qmail-send program at mx.example.org.\nI'm "
  "afraid I wasn't able to deliver your message to the following "
  "addresses.\nThis is a permanent error; I've given up. Sorry it didn't "
  "work out.\n\n<{r}>:\n192.0.2.9 does not like recipient.\nRemote host "
  "said: 550 {p}\nGiving up on 192.0.2.9.\n\n--- Below this line is a copy "
  "of the message.\n",
 "exim": "This message was created automatically by mail delivery "
  "software.\n\nA message that you sent could not be delivered to one or "
  "more of its\nrecipients. This is a permanent error. The following "
  "address(es) failed:\n\n  {r}\n    host mx.example.net [192.0.2.9]\n    "
  "SMTP error from remote mail server after RCPT TO:<{r}>:\n    550 {p}\n\n"
  "------ This is a copy of the message, including all the headers. "
  "------\n",
 "sendmail": "The original message was received at Thu, 3 Dec 2026 "
  "06:00:00 +0000\nfrom news.example.org [192.0.2.1]\n\n   ----- The "
  "following addresses had permanent fatal errors -----\n<{r}>\n    "
  "(reason: 550 {p})\n\n   ----- Transcript of session follows -----\n"
  "... while talking to mx.example.net.:\n>>> RCPT To:<{r}>\n<<< 550 {p}\n"
  "\n   ----- Original message follows -----\n",
 "courier": "This is a delivery status notification from mx.example.org,"
  "\nrunning the Courier mail server, version 1.1.\n\n" + "-" * 75 +
  "\n\n                           UNDELIVERABLE MAIL\n\nYour message to the "
  "following recipients cannot be delivered:\n\n<{r}>:\n    mx.example.net "
  "[192.0.2.9]:\n>>> RCPT TO:<{r}>\n<<< 550 {p}\n\n" + "-" * 75 + "\n",
}
HEAD = ("From: MAILER-DAEMON@mx.example.org\nTo: bounces+k1@news.example.org\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n")
COPY = "\nFrom: news@example.org\nTo: readers@lists.example.org\nSubject: x\n"

jobs = []
for i, row in enumerate(rows):
    p = unescape(row)
    if "member" in p:
        continue
    for k, w in WRAP.items():
        f = os.path.join(tmp, "%s-%04d.eml" % (k, i))
        with open(f, "w", encoding="utf-8") as fh:
            fh.write(HEAD + w.format(r=R, p=p) + COPY)
        jobs.append((f, p, k))
got = []
for k in range(0, len(jobs), 500):
    out = subprocess.run(["mailer/mailer", "bounces", "parse"] +
                         [f for f, _, _ in jobs[k:k + 500]],
                         capture_output=True, check=True).stdout
    got += [json.loads(l) for l in out.decode().splitlines()]
print("1..3")
print("%s 1 - %d rows read from bounce_rules.c, one output line a notice" %
      ("ok" if len(rows) > 400 and len(got) == len(jobs) else "not ok",
       len(rows)))
wrong, seen = [], collections.defaultdict(dict)
for (f, p, k), d in zip(jobs, got):
    rc = [r["address"] for r in d["recipients"]]
    if rc != [R] or d["kind"] != "bounce":
        wrong.append("%s / %s: %s %s" % (k, p, d["kind"], rc))
        continue
    r = d["recipients"][0]
    seen[p][k] = "%s %s" % (r["reason"], r.get("class"))
for w in wrong[:10]:
    print("# " + w)
print("%s 2 - exactly the one recipient and kind bounce in %d notices "
      "(%d wrong)" % ("not ok" if wrong else "ok", len(jobs), len(wrong)))
split = [(p, m) for p, m in seen.items() if len(set(m.values())) > 1]
for p, m in split[:10]:
    print("# %s: %s" % (p, ", ".join("%s %s" % kv for kv in sorted(m.items()))))
print("%s 3 - the same reason and hardness from all five MTAs for each of "
      "%d replies (%d differ)" % ("not ok" if split else "ok", len(seen),
                                  len(split)))
PY
