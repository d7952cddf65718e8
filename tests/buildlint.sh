#!/usr/bin/env bash
# make lint's build checks, on what make would run (make -n -B, nothing is
# built): every link line carries $(LDFLAGS), and Check's cflags reach
# the unit tests only, never an object of the product.  Each check names
# the lines that break it.  Run from the project root.
set -u
LD=-Wl,--ldflags-probe CK=-DCHECK_CFLAGS_PROBE
targets="all $(ls tests/unit/test_*.c | sed 's/\.c$//') tests/smtpdrive
	tests/signdrive tests/dkimdrive tests/oomshim.so tests/bench/curlloop
	tests/bench/odkimsign
	$(ls tests/fuzz/fuzz_*.c | sed 's#tests/fuzz/fuzz_#tests/fuzzreplay_#; s/\.c$//')
	$(ls tests/fuzz/fuzz_*.c | sed 's#tests/fuzz/#tests/fuzz/build/#; s/\.c$//')"
# shellcheck disable=SC2086
lines=$(make -n -B LDFLAGS="$LD" CHECK_CFLAGS="$CK" $targets 2>&1) || {
	echo "buildlint: make -n failed:"; echo "$lines" | tail -5; exit 1; }
# one command a line: join the lines a backslash continues
lines=$(echo "$lines" | sed -e ':a' -e '/\\$/N; s/\\\n//; ta')
# a compiler line (cc, clang) that writes a program: -o without -c
links=$(echo "$lines" | grep -E '^(cc|gcc|clang)\b' |
	grep -E '[[:space:]]-o[[:space:]]' | grep -vE '[[:space:]]-c[[:space:]]')
nl=$(echo "$links" | grep -c .)
echo "buildlint: $nl link lines, $(echo "$lines" | grep -cF -- "$CK") with Check's cflags"
bad=0
if [ "$nl" -lt 10 ]; then
	echo "buildlint: only $nl link lines found: the check reads nothing"
	bad=1
fi
if echo "$links" | grep -vF -- "$LD" | grep .; then
	echo "buildlint: the link lines above lack \$(LDFLAGS)"
	bad=1
fi
if echo "$lines" | grep -F -- "$CK" | grep -vE '[[:space:]]-o tests/unit/test_' | grep .; then
	echo "buildlint: Check's cflags reach the lines above (not a unit test)"
	bad=1
fi
if ! echo "$lines" | grep -F -- "$CK" | grep -qE '[[:space:]]-o tests/unit/test_'; then
	echo "buildlint: no unit test line carries Check's cflags"
	bad=1
fi
exit $bad
