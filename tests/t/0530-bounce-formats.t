#!/bin/sh
# The published notice formats of the common MTAs and providers, one
# hand-written sample each (tests/data/bounce-formats: failures, plain-text
# delay warnings, a success notice, a notice naming only contacts, a human
# reply, an auto-reply), each classified exactly: kind, every failed
# recipient and no other address, hard or soft.
cd "$(dirname "$0")/../.." || exit 1
if [ ! -x mailer/mailer ]; then
	echo "1..0 # SKIP mailer/mailer not built (run make)"
	exit 0
fi
exec python3 - tests/data/bounce-formats <<'PY'
import sys
sys.path.insert(0, "tests/lib")
import bounce_score

corpus = sys.argv[1]
labels = bounce_score.load_labels(corpus)
out, broken = bounce_score.parse_all(corpus, labels)
print("1..%d" % (len(labels) + 1))
for n, lab in enumerate(labels, 1):
    got = out.get(lab["file"])
    why = []
    if got is None:
        why.append("no valid JSON line")
    else:
        if got["kind"] != lab["kind"]:
            why.append("kind %s, want %s" % (got["kind"], lab["kind"]))
        have = {r["address"].lower(): r for r in got["recipients"]}
        want = {r["address"].lower(): r for r in lab["recipients"]}
        if set(have) != set(want):
            why.append("recipients %s, want %s" % (sorted(have),
                                                    sorted(want)))
        for a in set(have) & set(want):
            # a bounce's and a delay's recipients have a class (hard or soft)
            if want[a]["hard"] is not None and \
                    (have[a].get("class") == "hard") != want[a]["hard"]:
                why.append("%s is %s" % (a, have[a].get("class", "no class")))
    print("%sok %d - %s: %s" % ("not " if why else "", n, lab["file"],
          "; ".join(why) if why else "%s %s" % (lab["kind"], ", ".join(
              r["address"] for r in lab["recipients"]) or "(none)")))

# Each sample's Message-IDs (its own, the returned copy's, a report's
# Original-Message-ID) are its own: a test of the Message-ID proof or of
# "processed" marks must never see two samples as one message.
import os, re
seen, dup = {}, []
for lab in labels:
    raw = open(os.path.join(corpus, lab["file"]), "rb").read()
    for m in set(re.findall(rb"(?im)^[ \t]*(?:original-)?message-id:[ \t]*"
                            rb"(<[^>\s]+>)", raw)):
        m = m.lower()
        if m in seen and seen[m] != lab["file"]:
            dup.append("%s in %s and %s" % (m.decode("ascii", "replace"),
                                            seen[m], lab["file"]))
        seen.setdefault(m, lab["file"])
print("%sok %d - no two samples share a Message-ID%s" % (
    "not " if dup else "", len(labels) + 1,
    ": " + "; ".join(dup) if dup else " (%d seen)" % len(seen)))
PY
