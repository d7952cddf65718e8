# shellcheck shell=bash
# tests/lib/bench.sh - helpers shared by the benchmarks in tests/bench/.
#   run_timed OUT CMD...  runs CMD (stdout dropped), writes "seconds
#                         maxrss_kb exit" to OUT, the CPU seconds it
#                         used (user + system, all threads) to OUT.cpu
#                         and its stderr to OUT.err
#   proc_cpu PID          CPU seconds process PID has used so far
#   median                the median of the numbers on stdin, one a line
#   spread                "min-max" of the numbers on stdin

run_timed() {
	local out=$1; shift
	python3 - "$out" "$@" <<'PY'
import os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL,
                     stderr=open(sys.argv[1] + ".err", "w"))
_, status, ru = os.wait4(p.pid, 0)	# this child's own usage
el = time.monotonic() - t
p.returncode = os.waitstatus_to_exitcode(status)
open(sys.argv[1], "w").write("%f %d %d\n" % (el, ru.ru_maxrss, p.returncode))
open(sys.argv[1] + ".cpu", "w").write("%f\n" % (ru.ru_utime + ru.ru_stime))
PY
}

proc_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

spread() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }
