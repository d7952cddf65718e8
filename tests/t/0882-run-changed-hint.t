#!/usr/bin/env bash
# cron's `mailer run` on an issue partly sent and then edited refuses the
# changed edition, as send does, but its message said "Send the rest
# anyway with --resend-changed", an option run does not take (exit 64
# when tried).  Now it names the command that works: mailer --config
# FILE send DIR --resend-changed.  tests/faultsrv.py is the relay (451 for amy).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init runchanged
plan 3
P=$T/p
mk_tiny_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none|' \
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
exit $tap_failed
