#!/bin/sh
# Bounce classifier accuracy, scored against labels on two independent
# corpora: the shared real-world set (../shared/corpus/bounces, read in
# place, never copied; the development set) and the bounces real MTAs
# produced on loopback (tests/data/mta-bounces, made by its own script,
# labelled from what that script provoked; the unseen check).  Each must
# reach recall >= 0.96, precision >= 0.99, kind and hard/soft >= 0.90.
# BOUNCE_VERBOSE=1 lists every file that is not exactly right.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP python3 absent"
	exit 0
fi
exec python3 - "${MAILER_SHARED:-../shared}/corpus/bounces" \
    tests/data/mta-bounces <<'PY'
import os, sys
sys.path.insert(0, "tests/lib")
import bounce_score

TARGETS = [("recall", 0.96), ("precision", 0.99), ("kind", 0.90),
           ("hardsoft", 0.90)]
corpora = [("shared corpus (development)", sys.argv[1]),
           ("MTA corpus (unseen)", sys.argv[2])]
print("1..%d" % (len(corpora) * (1 + len(TARGETS))))
n = 0
for name, path in corpora:
    print("# %s: %s" % (name, path))
    if not os.path.isfile(os.path.join(path, "labels.jsonl")):
        for _ in range(1 + len(TARGETS)):
            n += 1
            print("ok %d # SKIP %s absent (%s)" % (n, name, path))
        continue
    f = bounce_score.score(path, bool(os.environ.get("BOUNCE_VERBOSE")))
    n += 1
    print("%sok %d - %s: every one of %d files gives one valid JSON line" %
          ("not " if f["broken"] else "", n, name, f["files"]))
    for key, target in TARGETS:
        n += 1
        v = f[key]
        # nothing to measure is a failure, never a pass
        good = v is not None and v >= target
        print("%sok %d - %s: %s %s >= %.2f" % (
            "" if good else "not ", n, name, key,
            "n/a" if v is None else "%.4f" % v, target))
PY
