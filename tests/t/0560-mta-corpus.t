#!/bin/sh
# The MTA bounce corpus (tests/data/mta-bounces/, made by `make corpus`) is
# well-formed: every message parses with Python's email module, every file
# has exactly one label and every label a file, kinds are known, bounces and
# delays name a recipient that the message carries, every MTA is there, and
# the plain-text set-ups gave plain-text notices (no delivery-status part).
cd "$(dirname "$0")/../.." || exit 1
exec /usr/bin/python3 - tests/data/mta-bounces <<'PY'
import email, email.policy, json, os, sys

d = sys.argv[1]
n = 0
fails = 0


def ok(cond, what):
    global n, fails
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what))
    if not cond:
        fails += 1


MTAS = ["postfix", "exim", "sendmail", "opensmtpd", "courier", "dma"]
# instances whose bounces (and delay warnings, where they have them) are
# plain text
PLAIN = {"sendmail_text": ["bounce", "delay"], "dma": ["bounce"]}
KINDS = {"bounce", "delay", "autoreply"}
labels = [json.loads(l) for l in open(os.path.join(d, "labels.jsonl"))
          if l.strip()]
files = sorted(f for f in os.listdir(d) if f.endswith(".eml"))
print("1..%d" % 11)

names = [l["file"] for l in labels]
bad_inst = [l["file"] for l in labels
            if l["file"].rsplit("-", 1)[0] != l.get("instance", l["module"])]
ok(not bad_inst, "each file is named after its instance (%s)"
   % " ".join(bad_inst[:5]))
ok(len(names) == len(set(names)), "one label per file (%d labels)" % len(names))
ok(sorted(names) == files, "labels and .eml files match (%d files)"
   % len(files))

bad_parse = []
for f in files:
    raw = open(os.path.join(d, f), "rb").read()
    try:
        m = email.message_from_bytes(raw, policy=email.policy.default)
        # walk every part and decode it: a broken structure raises here
        for p in m.walk():
            if not p.is_multipart():
                p.get_payload(decode=True)
        if not m["From"] or not m.get_content_type():
            raise ValueError("no From or Content-Type")
        if m.defects:
            raise ValueError(str(m.defects))
    except Exception as e:
        bad_parse.append("%s: %s" % (f, e))
ok(not bad_parse, "every message parses with Python's email module "
   "(%s)" % ("; ".join(bad_parse[:3]) or "%d" % len(files)))

bad_kind = [l["file"] for l in labels if l.get("kind") not in KINDS]
ok(not bad_kind, "every label has a known kind (%s)" % " ".join(bad_kind[:5]))

bad_rcpt = []
for l in labels:
    rs = l.get("recipients") or []
    if l["kind"] in ("bounce", "delay"):
        if not rs or not all("@" in r.get("address", "") for r in rs):
            bad_rcpt.append(l["file"])
        elif not all(isinstance(r.get("hard"), bool) for r in rs):
            bad_rcpt.append(l["file"] + " (hard)")
ok(not bad_rcpt, "every bounce and delay names its recipient and hard/soft "
   "(%s)" % " ".join(bad_rcpt[:5]))

missing = []
for l in labels:
    if l["file"] not in files:
        continue
    raw = open(os.path.join(d, l["file"]), "rb").read().lower()
    for r in l.get("recipients", []):
        if r["address"].lower().encode() not in raw:
            missing.append(l["file"])
ok(not missing, "every labelled address is written in its message (%s)"
   % " ".join(missing[:5]))

bad_delay = [l["file"] for l in labels if l["kind"] == "delay" and
             any(r.get("hard") or r.get("status_class") != "4"
                 for r in l["recipients"])]
ok(not bad_delay, "delays are soft, class 4 (%s)" % " ".join(bad_delay[:5]))

have = {l["module"] for l in labels}
ok(all(m in have for m in MTAS), "labels cover every MTA (missing: %s)"
   % " ".join(m for m in MTAS if m not in have))

plain = {}
for l in labels:
    if l.get("instance") not in PLAIN or l["file"] not in files:
        continue
    m = email.message_from_bytes(open(os.path.join(d, l["file"]), "rb").read(),
                                 policy=email.policy.default)
    if not any(p.get_content_type() == "message/delivery-status"
               for p in m.walk()):
        plain.setdefault(l["instance"], set()).add(l["kind"])
short = ["%s %s" % (i, k) for i, ks in sorted(PLAIN.items()) for k in ks
         if k not in plain.get(i, ())]
ok(not short, "plain-text notices from %s (missing: %s)"
   % (" ".join(sorted(PLAIN)), " ".join(short)))

counts = {}
for l in labels:
    counts.setdefault(l["module"], {}).setdefault(l["kind"], 0)
    counts[l["module"]][l["kind"]] += 1
kinds = {l["kind"] for l in labels}
ok(KINDS <= kinds, "bounces, delays and auto-replies all present (%s)"
   % " ".join(sorted(kinds)))
for m in sorted(counts):
    print("# %-10s %s" % (m, " ".join("%s %d" % kv
                                      for kv in sorted(counts[m].items()))))
sys.exit(1 if fails else 0)
PY
