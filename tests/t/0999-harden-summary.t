#!/usr/bin/env bash
# The hardening summary at the end of the test log: one line per area,
# read from what the earlier scripts, make check-asan and make fuzz left
# behind.  It fails only when a hostile input was accepted or the journal
# did not survive the kills.
. tests/lib/tap.sh
plan 3
if [ -n "${MAILER_SANITIZED:-}" ]; then
	echo "# sanitizers: this run IS make check-asan (ASan + UBSan build)"
elif [ -f tests/.asan-result ]; then
	echo "# sanitizers: last $(cat tests/.asan-result)"
else
	echo "# sanitizers: make check-asan not run in this tree"
fi
if [ -f tests/.fuzz-results ]; then
	sed 's/^/# /' tests/.fuzz-results
else
	echo "# fuzz: not run in this check (make fuzz)"
fi
[ -f tests/.leakcheck-result ] && echo "# valgrind: $(cat tests/.leakcheck-result)"
tried=0 refused=0
for f in tests/.harden/07[0-9][0-9]-*; do
	[ -f "$f" ] || continue
	read -r a b <"$f"
	tried=$((tried + a)); refused=$((refused + b))
	echo "# hostile ${f##*/}: $b of $a refused"
done
echo "# hostile inputs: $refused of $tried refused"
[ "$tried" -gt 0 ] && [ "$tried" = "$refused" ]
ok $? "every hostile input tried was refused ($refused/$tried)"
read -r kills good <tests/.harden/kills 2>/dev/null
echo "# crash safety, send: ${kills:-0} SIGKILL/restart cycles survived"
[ "${good:-0}" = 1 ]; ok $? "sending survived ${kills:-0} kills"
read -r bkills bgood <tests/.harden/kills-bounces 2>/dev/null
echo "# crash safety, bounces: ${bkills:-0} SIGKILL/restart cycles survived"
[ "${bgood:-0}" = 1 ]; ok $? "bounce processing survived ${bkills:-0} kills"
exit $tap_failed
