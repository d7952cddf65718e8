#!/usr/bin/env bash
# The hardening summary at the end of the test log: one line per area,
# read from what the earlier scripts of this run left in tests/.harden/
# (make t empties it and stamps tests/.harden/.started first), plus what
# make check-asan, make fuzz and make leakcheck left behind.  It fails when
# a hostile input was accepted, when the journal did not survive the
# kills, and when an area has no result from this run (its script was
# skipped, aborted or run in another tree).
. tests/lib/tap.sh
plan 4
H=tests/.harden
if [ -n "${MAILER_SANITIZED:-}" ]; then
	echo "# sanitizers: this run IS make check-asan (ASan + UBSan build)"
elif [ -f tests/.asan-result ]; then
	echo "# sanitizers: last $(cat tests/.asan-result)"
else
	echo "# sanitizers: make check-asan not run in this tree"
fi
if [ -f tests/.fuzz-results ]; then
	echo "# fuzz: last make fuzz, $(date -u -r tests/.fuzz-results '+%Y-%m-%d %H:%M UTC'):"
	sed 's/^/#   /' tests/.fuzz-results
else
	echo "# fuzz: make fuzz not run in this tree"
fi
[ -f tests/.leakcheck-result ] && echo "# valgrind: $(cat tests/.leakcheck-result)"
[ -f $H/.started ] ||
	echo "# $H/.started is missing: run the suite with make t or make check"
# fresh FILE: FILE was written by this run (after make t's stamp).
fresh() { [ -f $H/.started ] && [ -f "$1" ] && ! [ $H/.started -nt "$1" ]; }

tried=0 refused=0 areas=0 stale=""
for t in tests/t/07[0-9][0-9]-hostile-*.t; do
	f=$H/$(basename "$t" .t)
	areas=$((areas + 1))
	if ! fresh "$f"; then
		stale="$stale ${t##*/}"
		echo "# hostile ${t##*/}: NO RESULT from this run"
		continue
	fi
	read -r a b <"$f"
	tried=$((tried + a)); refused=$((refused + b))
	echo "# hostile ${f##*/}: $b of $a refused"
done
[ "$areas" -gt 0 ] && [ -z "$stale" ]
ok $? "each of the $areas hostile-input scripts left a result in this run${stale:+ (missing:$stale)}"
echo "# hostile inputs: $refused of $tried refused"
[ "$tried" -gt 0 ] && [ "$tried" = "$refused" ]
ok $? "every hostile input tried was refused ($refused/$tried)"
kills=0 good=0
fresh $H/kills && read -r kills good <$H/kills ||
	echo "# crash safety, send: NO RESULT from this run (0750)"
echo "# crash safety, send: $kills SIGKILL/restart cycles survived"
[ "$good" = 1 ]; ok $? "sending survived $kills kills (this run)"
bkills=0 bgood=0
fresh $H/kills-bounces && read -r bkills bgood <$H/kills-bounces ||
	echo "# crash safety, bounces: NO RESULT from this run (0755)"
echo "# crash safety, bounces: $bkills SIGKILL/restart cycles survived"
[ "$bgood" = 1 ]; ok $? "bounce processing survived $bkills kills (this run)"
exit $tap_failed
