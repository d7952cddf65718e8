#!/bin/sh
# Bounce classifier accuracy over the shared development corpus, read in
# place (../shared/corpus/bounces, never copied), scored against its labels.
cd "$(dirname "$0")/../.." || exit 1
corpus=${MAILER_SHARED:-../shared}/corpus/bounces
if [ ! -d "$corpus" ] || [ ! -f "$corpus/labels.jsonl" ]; then
	echo "1..0 # SKIP ../shared/corpus absent"
	exit 0
fi
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 absent"
	exit 0
fi
exec python3 - "$corpus" <<'PY'
import json, os, subprocess, sys
from collections import defaultdict

corpus = sys.argv[1]
labels = [json.loads(l) for l in open(os.path.join(corpus, "labels.jsonl"))
          if l.strip()]
out = {}
broken = []
for lab in labels:
    path = os.path.join(corpus, lab["file"])
    try:
        p = subprocess.run(["mailer/mailer", "bounces", "parse", path],
                           capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        broken.append((lab["file"], "timeout"))
        continue
    lines = p.stdout.decode("utf-8", "replace").splitlines()
    try:
        if p.returncode != 0 or len(lines) != 1:
            raise ValueError("rc %d, %d lines" % (p.returncode, len(lines)))
        out[lab["file"]] = json.loads(lines[0])
    except ValueError as e:
        broken.append((lab["file"], str(e)))

def zero():
    return defaultdict(int)
tot = zero()
mod = defaultdict(zero)
for lab in labels:
    m = lab["module"]
    got = out.get(lab["file"], {"kind": "<crash>", "recipients": []})
    want = {r["address"].lower(): r for r in lab["recipients"]}
    have = {}
    for r in got.get("recipients", []):
        have.setdefault(str(r.get("address", "")).lower(), r)
    for d in (tot, mod[m]):
        d["files"] += 1
        d["kind_ok"] += got.get("kind") == lab["kind"]
        d["want"] += len(want)
        d["have"] += len(have)
        d["match"] += len(set(want) & set(have))
        for a in set(want) & set(have):
            if want[a]["hard"] is None:
                continue
            d["hs"] += 1
            d["hs_ok"] += (have[a].get("class") == "hard") == want[a]["hard"]
    if os.environ.get("BOUNCE_VERBOSE"):
        miss = set(want) ^ set(have)
        hs = [a for a in set(want) & set(have) if want[a]["hard"] is not None
              and (have[a].get("class") == "hard") != want[a]["hard"]]
        if got.get("kind") != lab["kind"] or miss or hs:
            print("# %s: kind %s/%s rcpt %s/%s hs %s" % (lab["file"],
                  got.get("kind"), lab["kind"], sorted(have), sorted(want),
                  hs))

def ratio(a, b):
    return a / b if b else 1.0
def figures(d):
    return (ratio(d["match"], d["want"]), ratio(d["match"], d["have"]),
            ratio(d["kind_ok"], d["files"]), ratio(d["hs_ok"], d["hs"]))

r, p, k, h = figures(tot)
print("1..5")
print("# files %d, labelled recipients %d, found %d, matched %d" %
      (tot["files"], tot["want"], tot["have"], tot["match"]))
print("# overall: recall %.4f precision %.4f kind %.4f hard/soft %.4f "
      "(%d scored)" % (r, p, k, h, tot["hs"]))
print("# %-18s %5s %7s %9s %6s %9s" % ("module", "files", "recall",
      "precision", "kind", "hard/soft"))
for m in sorted(mod):
    mr, mp, mk, mh = figures(mod[m])
    flag = "" if (mr, mp, mk, mh) == (1, 1, 1, 1) else "  <"
    print("# %-18s %5d %7.3f %9.3f %6.3f %9.3f%s" % (m, mod[m]["files"], mr,
          mp, mk, mh, flag))
for f, why in broken:
    print("# no valid JSON line for %s: %s" % (f, why))
def ok(cond, n, desc):
    print("%sok %d - %s" % ("" if cond else "not ", n, desc))
ok(not broken, 1, "every file gives exactly one valid JSON line")
ok(r >= 0.95, 2, "recipient recall %.4f >= 0.95" % r)
ok(p >= 0.98, 3, "recipient precision %.4f >= 0.98" % p)
ok(k >= 0.90, 4, "kind accuracy %.4f >= 0.90" % k)
ok(h >= 0.90, 5, "hard/soft agreement %.4f >= 0.90" % h)
PY
