"""Scores `mailer bounces parse` against a labelled bounce corpus.

A corpus is a folder of .eml files and a labels.jsonl with one object per
file: {"file", "module", "kind", "recipients": [{"address", "hard"}]}
("hard" true, false or null for not scored), the format of
../shared/corpus/bounces and of tests/data/mta-bounces.
"""
import json
import os
import subprocess
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

MAILER = "mailer/mailer"


def load_labels(corpus):
    with open(os.path.join(corpus, "labels.jsonl")) as f:
        return [json.loads(l) for l in f if l.strip()]


def _run(paths):
    """One JSON object per path, or None for a file with no valid line."""
    p = subprocess.run([MAILER, "bounces", "parse"] + paths,
                       capture_output=True, timeout=600)
    lines = p.stdout.decode("utf-8", "replace").splitlines()
    if p.returncode == 0 and len(lines) == len(paths):
        try:
            return [json.loads(l) for l in lines]
        except ValueError:
            pass
    if len(paths) == 1:
        return [None]
    # something broke: find which file, one at a time
    return [_run([x])[0] for x in paths]


def run_split(paths, n=2):
    """_run's answer, from n processes at once over shares of paths (the
    tests run one script at a time on two cores)."""
    k = max(1, -(-len(paths) // n))
    with ThreadPoolExecutor(n) as ex:
        return [g for part in ex.map(_run, [paths[i:i + k] for i in
                                            range(0, len(paths), k)])
                for g in part]


def parse_all(corpus, labels):
    """{file: parsed object}, [(file, why)] for files without a valid line."""
    files = [lab["file"] for lab in labels]
    got = _run([os.path.join(corpus, f) for f in files])
    out, broken = {}, []
    for f, g in zip(files, got):
        if g is None or "kind" not in g:
            broken.append((f, "no valid JSON line"))
        else:
            out[f] = g
    return out, broken


def ratio(a, b):
    """a / b, or None when there is nothing to measure."""
    return a / b if b else None


def fmt(x):
    return "  n/a" if x is None else "%.4f" % x


def score(corpus, verbose=False):
    """Totals and per-module figures; prints the details as TAP comments."""
    labels = load_labels(corpus)
    out, broken = parse_all(corpus, labels)
    tot = defaultdict(int)
    mod = defaultdict(lambda: defaultdict(int))
    for lab in labels:
        got = out.get(lab["file"], {"kind": "<crash>", "recipients": []})
        want = {r["address"].lower(): r for r in lab["recipients"]}
        have = {}
        for r in got.get("recipients", []):
            have.setdefault(str(r.get("address", "")).lower(), r)
        both = set(want) & set(have)
        for d in (tot, mod[lab["module"]]):
            d["files"] += 1
            d["kind_ok"] += got.get("kind") == lab["kind"]
            d["want"] += len(want)
            d["have"] += len(have)
            d["match"] += len(both)
            for a in both:
                if want[a].get("hard") is None:
                    continue
                d["hs"] += 1
                d["hs_ok"] += (have[a].get("class") == "hard") == \
                    want[a]["hard"]
        if verbose:
            hs = [a for a in both if want[a].get("hard") is not None and
                  (have[a].get("class") == "hard") != want[a]["hard"]]
            if got.get("kind") != lab["kind"] or set(want) ^ set(have) or hs:
                print("# %s: kind %s/%s rcpt %s/%s hs %s" % (
                    lab["file"], got.get("kind"), lab["kind"],
                    sorted(have), sorted(want), hs))

    def figures(d):
        return {"recall": ratio(d["match"], d["want"]),
                "precision": ratio(d["match"], d["have"]),
                "kind": ratio(d["kind_ok"], d["files"]),
                "hardsoft": ratio(d["hs_ok"], d["hs"])}

    f = figures(tot)
    print("# files %d, labelled recipients %d, found %d, matched %d" %
          (tot["files"], tot["want"], tot["have"], tot["match"]))
    print("# overall: recall %s precision %s kind %s hard/soft %s "
          "(%d scored)" % (fmt(f["recall"]), fmt(f["precision"]),
                           fmt(f["kind"]), fmt(f["hardsoft"]), tot["hs"]))
    print("# %-18s %5s %7s %9s %6s %9s" % ("module", "files", "recall",
          "precision", "kind", "hard/soft"))
    for m in sorted(mod):
        mf = figures(mod[m])
        flag = "" if all(v in (None, 1) for v in mf.values()) else "  <"
        print("# %-18s %5d %7s %9s %6s %9s%s" % (
            m, mod[m]["files"], fmt(mf["recall"]), fmt(mf["precision"]),
            fmt(mf["kind"]), fmt(mf["hardsoft"]), flag))
    for fname, why in broken:
        print("# %s: %s" % (fname, why))
    f["broken"] = broken
    f["files"] = tot["files"]
    return f
