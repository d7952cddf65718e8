#!/usr/bin/env bash
# A relay lost in the middle of a send (tests/faultsrv.py answers 421 at
# the greeting from its fourth connection on, one message a connection):
# the send stops with 3 of 6 sent and exit 75, and its summary line, and
# run's line for the issue, say that it stopped before the end and that
# the rest stays pending (they said "sent 3, deferred 0, failed 0" as if
# the issue were done); the rerun sends the other 3, nobody twice.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init lost
plan 10
# proj NAME: list flt of 6 alone, one connection of one message at a
# time, no TLS, send_at in the past (for run)
proj() {
	local d=$T/$1
	fault_project "$d" "$PORT" 6 "tls: none" "max_connections: 1" \
		"max_messages_per_connection: 1"
	find "$d/lists" -type f ! -name 'flt.*' -delete
	sed -i '1a send_at: 2021-01-20T08:00:00Z' "$d/issues/2021-01/issue.yaml"
	sed -i '/^sponsors:/,$d' "$d/issues/2021-01/issue.yaml"
	sed -i 's/^source: .*/source: flt/' "$d"/issues/2021-01/*.md
}
n_state() { sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state = '$2'"; }

fault lost --greet "421 4.3.2 Service shutting down" --greet-from 4
proj s
$MAILER --config "$T/s/config.yaml" send "$T/s/issues/2021-01" \
	>"$T/s.out" 2>"$T/s.err"
rc=$?; sed 's/^/# /' "$T/s.out" "$T/s.err"
[ $rc -eq 75 ] && [ "$(n_state s sent)" = 3 ] && [ "$(n_state s pending)" = 3 ]
ok $? "send: relay lost after 3: exit 75, 3 sent, 3 pending (rc $rc)"
grep -q "421 4.3.2 Service shutting down" "$T/s.err"
ok $? "...the relay's reply is named"
grep -q "^2021-01: sent 3, deferred 0, failed 0, .*; stopped before the end: the rest stays pending for the next send or run$" "$T/s.out"
ok $? "...the summary line says it stopped and the rest is pending"

# run: the same relay, a fresh journal
fault lost2 --greet "421 4.3.2 Service shutting down" --greet-from 4
proj r
$MAILER --config "$T/r/config.yaml" run >"$T/r.out" 2>"$T/r.err"
rc=$?; sed 's/^/# /' "$T/r.out" "$T/r.err"
[ $rc -eq 75 ] && [ "$(n_state r sent)" = 3 ]
ok $? "run: relay lost after 3: exit 75, 3 sent (rc $rc)"
grep -q "^2021-01: sent 3, deferred 0, failed 0, suppressed 0; stopped before the end: the next run sends the rest$" "$T/r.out"
ok $? "...run's line says it stopped and the next run sends the rest"

fault good
sed -i "s|127.0.0.1:[0-9]*|127.0.0.1:$PORT|" "$T/s/config.yaml"
$MAILER --config "$T/s/config.yaml" send "$T/s/issues/2021-01" \
	>"$T/s2.out" 2>"$T/s2.err"
rc=$?; sed 's/^/# /' "$T/s2.out" "$T/s2.err"
[ $rc -eq 0 ] && [ "$(n_state s sent)" = 6 ]
ok $? "send's rerun sends the other 3 (rc $rc)"
! grep -q "stopped" "$T/s2.out"; ok $? "...and its line says no stop"
[ "$(taken "$T/lost.log" "$T/good.log")" = "6 0" ]
ok $? "...each of the 6 taken once in all"
fault good2
sed -i "s|127.0.0.1:[0-9]*|127.0.0.1:$PORT|" "$T/r/config.yaml"
$MAILER --config "$T/r/config.yaml" run >"$T/r2.out" 2>"$T/r2.err"
rc=$?; sed 's/^/# /' "$T/r2.out" "$T/r2.err"
[ $rc -eq 0 ] && [ "$(n_state r sent)" = 6 ]
ok $? "run's rerun sends the other 3 (rc $rc)"
[ "$(taken "$T/lost2.log" "$T/good2.log")" = "6 0" ]
ok $? "...each of the 6 taken once in all"
exit $tap_failed
