#!/usr/bin/env bash
# One relay of a spread pool of two real Postfix instances is down when a
# send starts: the send goes on through the other, exit 0, and stderr
# says what became of the one that is down.  It said only libcurl's
# "Failed to connect ... Couldn't connect to server", then "pool: 30
# sent": nothing told the operator that the send went on without it and
# for how long it was skipped.  Once it is up again the next send gives
# it its share; with both down the send sends nothing, fails nobody and
# exits 69.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
pool_init down
plan 8
pool_relay A || { echo "Bail out! relay A"; exit 1; }
pool_relay B || { echo "Bail out! relay B"; exit 1; }
URL_A=smtp://127.0.0.1:$A_PORT URL_B=smtp://127.0.0.1:$B_PORT
# up NAME / down NAME: start or stop that Postfix, its ports unchanged
down() { postfix -c "$(eval echo "\$${1}_DIR")/postfix" stop >/dev/null 2>&1 &&
	wait_for 30 "relay $1 to close its port" port_closed "$(eval echo "\$${1}_PORT")"; }
# a function, not `sh -c`: dash has no /dev/tcp, so that never waited
port_closed() { ! port_open "$1"; }
up() { local d; d=$(eval echo "\$${1}_DIR")
	rm -f "$d/postfix-queue/pid/master.pid"
	postfix -c "$d/postfix" start >/dev/null 2>&1 &&
	wait_for 30 "relay $1 to listen" port_open "$(eval echo "\$${1}_PORT")" &&
	# its new master, for pool_cleanup to stop
	awk '{print $1; exit}' "$d/postfix-queue/pid/master.pid" >"$d/postfix/pid"; }
P=$T/p
pool_project "$P" 30 "$URL_A" "$URL_B" -- "max_connections: 2" "relay_cooldown: 600"
mk_big_list "$P" 30 members.test second
send() {
	$MAILER --config "$P/config.yaml" send "$P/issues/2021-01" \
		--list "$1" >"$T/$1.out" 2>"$T/$1.err"
}
n() { sqlite3 "$P/state/mailer.db" \
	"select count(*) from recipients where list = '$1' and state = '$2'"; }

down B || { echo "Bail out! stopping B"; exit 1; }
send flt; rc=$?; sed 's/^/# /' "$T/flt.out" "$T/flt.err"
[ $rc -eq 0 ] && [ "$(n flt sent)" = 30 ]
ok $? "B down: exit 0, all 30 sent (got $rc)"
grep -q "sent 30, deferred 0, failed 0, .*; sent via $URL_A 30\$" "$T/flt.out"
ok $? "...all via A"
grep -q "^mailer: $URL_B: Failed to connect" "$T/flt.err" &&
	grep -q "^mailer: $URL_B: resting it for 600 s (transport.relay_cooldown): its share goes to the relays that are up\$" "$T/flt.err"
ok $? "...stderr says B failed, rests 600 s and its share goes to those up"

up B || { echo "Bail out! starting B"; exit 1; }
send second; rc=$?; sed 's/^/# /' "$T/second.out" "$T/second.err"
[ $rc -eq 0 ] && grep -q "sent via .*$URL_B [1-9]" "$T/second.out"
ok $? "B up again: the next send gives it a share (exit $rc)"
! grep -q resting "$T/second.err"; ok $? "...and says nothing of resting"

down A && down B || { echo "Bail out! stopping A and B"; exit 1; }
mk_big_list "$P" 10 members.test third
send third; rc=$?; sed 's/^/# /' "$T/third.out" "$T/third.err"
[ $rc -eq 69 ]; ok $? "both down: exit 69 (got $rc)"
[ "$(n third pending)" = 10 ]; ok $? "...all 10 pending, none failed or deferred"
grep -q "no relay available; sending stopped" "$T/third.err" &&
	grep -q "stopped before the end: the rest stays pending" "$T/third.out"
ok $? "...stderr says no relay is left, the summary that the rest stays pending"
exit $tap_failed
