#!/usr/bin/env bash
# A relay of a spread pool that no connection goes to: weights 4:1 over
# max_connections 2 give both connections to the first relay, so the
# second, listed to take a fifth of the list, took nothing while the first
# was up, and nothing said so (the summary only leaves it out).  Now each
# send says which relay gets no connection and what to raise.  With
# enough connections (weights 3:1 over 4) both take a share, no word is
# said, and the summary, the journal and each real Postfix's log count
# the same messages per relay.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
pool_init idle
plan 7
pool_relay A || { echo "Bail out! relay A"; exit 1; }
pool_relay B || { echo "Bail out! relay B"; exit 1; }
URL_A=smtp://127.0.0.1:$A_PORT URL_B=smtp://127.0.0.1:$B_PORT
send() {
	$MAILER --config "$T/$1/config.yaml" send "$T/$1/issues/2021-01" \
		--list flt >"$T/$1.out" 2>"$T/$1.err"
}
via() { sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state = 'sent' and relay = '$2'"; }
logged() { pool_delivered "$1" "$2" | grep -c '^flt\.'; }

pool_project "$T/few" 40 "{url: \"$URL_A\", weight: 4}" "$URL_B" -- \
	"max_connections: 2"
send few; rc=$?; sed 's/^/# /' "$T/few.out" "$T/few.err"
[ $rc -eq 0 ] && [ "$(via few "$URL_A")" = 40 ]
ok $? "weights 4:1 over 2 connections: exit 0, all 40 via the first (got $rc)"
grep -q "^mailer: $T/few/config.yaml: transport.relays: $URL_B gets none of the 2 connections (transport.max_connections) while the other relays are up: it takes no share; raise max_connections or its weight\$" "$T/few.err"
ok $? "...a line says the second gets no connection and what to raise"
# the conditions are functions: a `sh -c` child knows no pool_delivered
in_logs() { [ $(($(logged "$A_LOG" A) + $(logged "$B_LOG" B))) -ge "$1" ]; }
wait_for 60 "A's log to show 40 deliveries" in_logs 40
[ "$(logged "$B_LOG" B)" = 0 ]; ok $? "...B's Postfix took none"

pool_project "$T/many" 400 "{url: \"$URL_A\", weight: 3}" "$URL_B" -- \
	"max_connections: 4"
send many; rc=$?; sed 's/^/# /' "$T/many.out" "$T/many.err"
a=$(via many "$URL_A") b=$(via many "$URL_B")
[ $rc -eq 0 ] && [ $((a + b)) = 400 ] && [ "$a" -gt 0 ] && [ "$b" -gt 0 ]
ok $? "weights 3:1 over 4 connections: exit 0, both relays took a share (A $a, B $b)"
! grep -q "gets none of" "$T/many.err"; ok $? "...and no line says one gets none"
grep -q "; sent via .*$URL_A $a" "$T/many.out" && grep -q "; sent via .*$URL_B $b" "$T/many.out"
ok $? "...the summary counts what the journal does"
wait_for 60 "the logs to show 400 deliveries" in_logs 440
[ "$(logged "$A_LOG" A)" = $((40 + a)) ] && [ "$(logged "$B_LOG" B)" = "$b" ]
ok $? "...each Postfix log counts what the journal says it took"
exit $tap_failed
