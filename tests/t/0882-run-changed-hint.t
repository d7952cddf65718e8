#!/usr/bin/env bash
# cron's `mailer run` on an issue partly sent and then edited refuses the
# changed edition, as send does, but its message said "Send the rest
# anyway with --resend-changed", an option run does not take (exit 64
# when tried).  Now it names the command that works: mailer --config
# FILE send DIR --resend-changed; so does its line on an edition the
# relay refuses for its size.  tests/faultsrv.py is the relay (451 for
# amy; a size limit).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init runchanged
plan 5
P=$T/p
mk_tiny_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  retry_in_run_wait: 0.1|' \
	"$P/config.yaml"
fault busy --reply 'amy@example.org=451 4.2.0 busy'
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M run >"$T/run1.out" 2>&1; rc=$?
[ $rc = 75 ] && [ "$(wc -l <"$T/busy.log")" = 1 ]
ok $? "the first run sends 1, defers amy (exit $rc)"

# the editor fixes the article; amy's backoff is over
echo 'Corrected a typo.' >>"$I/01-a.md"
q "update recipients set next_attempt = 0"
M run >"$T/run2.out" 2>"$T/run2.err"; rc=$?
sed 's/^/# /' "$T/run2.out" "$T/run2.err"
[ $rc = 65 ] && grep -q 'east edition changed after it was first sent' \
	"$T/run2.err" && [ "$(wc -l <"$T/busy.log")" = 1 ]
ok $? "run refuses the changed edition (exit $rc)"
grep -q "Send the rest anyway with: mailer --config $P/config.yaml send $I --resend-changed$" "$T/run2.err"
ok $? "...and names the command that sends the rest"

# the same for run's line on an edition the relay refuses for its size
# (0337): make it smaller and send again with what works
P2=$T/p2
mk_tiny_project "$P2"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
fault big --size-limit 100
sed "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml" \
	>"$P2/config.yaml"
"$MAILER" --config "$P2/config.yaml" run >"$T/big.out" 2>"$T/big.err"; rc=$?
sed 's/^/# /' "$T/big.out" "$T/big.err"
[ $rc = 65 ] && grep -q "amy@example.org: deferred: 552 5.3.4" "$T/big.err"
ok $? "an edition over the relay's size limit: deferred, exit 65 ($rc)"
grep -q "make it smaller (its images) and send again with: mailer --config $P2/config.yaml send $I --resend-changed$" "$T/big.err"
ok $? "...the line names the command that sends it again"
exit $tap_failed
