#!/bin/sh
# Precision properties of the bounce classifier that must hold on any
# message, checked by changing each message of the corpora (the shared
# development set read in place, the MTA set, the format samples) and
# parsing it again; the changed copies live only in a temporary folder:
#  - the returned message's To/Cc addresses become fresh ones: no fresh
#    address may come out (the original's To alone is no failed recipient);
#  - contact and sender addresses written into the notice text (help desk,
#    administrator, "sent by") never come out, and the recipients found
#    stay the same.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "${MAILER_SHARED:-../shared}/corpus/bounces" \
    tests/data/mta-bounces tests/data/bounce-formats <<'PY'
import os, re, sys
sys.path.insert(0, "tests/lib")
import bounce_score

tmp = sys.argv[1]
corpora = [c for c in sys.argv[2:]
           if os.path.isfile(os.path.join(c, "labels.jsonl"))]
CANARY = "canary.example"
CONTACT = ("If you need assistance, please contact zz-help@%s or write to "
           "the administrator at zz-admin@%s.\nThis notice was sent by "
           "zz-sender@%s on behalf of <zz-relay@%s>.\n\n" % ((CANARY,) * 4))

def rename_to(raw):
    """The To:/Cc: lines after the notice's own header get fresh addresses."""
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return None
    n = [0]
    def fresh(m):
        n[0] += 1
        return b"zz-to%d@%s" % (n[0], CANARY.encode())
    def field(m):
        return re.sub(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+",
                      fresh, m.group(0))
    body = re.sub(rb"(?im)^(to|cc):[^\n]*(\n[ \t][^\n]*)*", field, body)
    return head + sep + body if n[0] else None

def add_contact(raw):
    """CONTACT at the start of the first plain-text part not in base64."""
    text = CONTACT.encode()
    head, sep, body = raw.partition(b"\n\n")
    if not sep:
        return None
    if not re.search(rb"(?im)^content-type:\s*multipart", head):
        if re.search(rb"(?im)^content-transfer-encoding:\s*base64", head) \
                or re.search(rb"(?im)^content-type:\s*(?!text/plain)", head):
            return None
        return head + sep + text + body
    for m in re.finditer(rb"(?ims)^content-type:\s*text/plain.*?\n\n", body):
        part_head = m.group(0)
        if re.search(rb"(?i)content-transfer-encoding:\s*base64",
                     part_head) or b"\n--" in part_head:
            continue
        return head + sep + body[:m.end()] + text + body[m.end():]
    return None

jobs = {"to": [], "contact": []}
for c in corpora:
    for lab in bounce_score.load_labels(c):
        if lab["kind"] in ("complaint", "autoreply"):
            continue	# their recipient is the original's addressee
        raw = open(os.path.join(c, lab["file"]), "rb").read()
        raw = raw.replace(b"\r\n", b"\n")
        for kind, f in (("to", rename_to), ("contact", add_contact)):
            new = f(raw)
            if new is None:
                continue
            name = "%s-%d-%s" % (kind, len(jobs[kind]), lab["file"])
            open(os.path.join(tmp, name), "wb").write(new)
            jobs[kind].append((name, os.path.join(c, lab["file"])))

def parse(paths):
    return bounce_score._run(paths)

print("1..3")
n = 0
for kind, desc in (("to", "renamed returned To/Cc"),
                   ("contact", "contact and sender lines added")):
    names = [os.path.join(tmp, x) for x, _ in jobs[kind]]
    got = parse(names) if names else []
    bad = []
    for (name, _), g in zip(jobs[kind], got):
        addrs = [r["address"].lower() for r in (g or {}).get("recipients",
                 [])]
        if g is None or any(a.endswith("@" + CANARY) for a in addrs):
            bad.append("%s: %s" % (name, addrs))
    n += 1
    for b in bad:
        print("# %s" % b)
    print("%sok %d - %s: no made-up address reported in %d messages" % (
        "not " if bad or not names else "", n, desc, len(names)))
    if kind == "contact":
        before = parse([o for _, o in jobs[kind]]) if names else []
        changed = []
        for (name, _), g, b in zip(jobs[kind], got, before):
            key = lambda x: sorted(r["address"].lower() for r in
                                   (x or {}).get("recipients", []))
            if key(g) != key(b):
                changed.append("%s: %s -> %s" % (name, key(b), key(g)))
        n += 1
        for c in changed:
            print("# %s" % c)
        print("%sok %d - %s: the same recipients in %d messages" % (
            "not " if changed or not names else "", n, desc, len(names)))
PY
