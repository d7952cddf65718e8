# shellcheck shell=bash
# tests/lib/bench.sh - helpers shared by the benchmarks in tests/bench/.
#   run_timed OUT CMD...  runs CMD (stdout dropped), writes "seconds
#                         maxrss_kb exit" to OUT
#   median                the median of the numbers on stdin, one a line
#   spread                "min-max" of the numbers on stdin

run_timed() {
	local out=$1; shift
	python3 - "$out" "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)
el = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write("%f %d %d\n" % (el, rss, r.returncode))
PY
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }
