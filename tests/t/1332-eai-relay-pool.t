#!/usr/bin/env bash
# A pool of two real Postfix relays, A without SMTPUTF8 (smtputf8_enable
# = no) and B with it, sharing one list of six ASCII and three
# internationalised subscribers (张三@members.test...): each
# internationalised one goes through B, though the pool picks A for
# every message, and A hears no RCPT of them; A is named once (the relay to
# change), and nothing stays owed since B took them.  The ASCII ones go
# through both.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
pool_init eaipool
plan 4
pool_relay A "smtputf8_enable = no" || { echo "Bail out! relay A"; exit 1; }
pool_relay B "smtputf8_enable = yes" || { echo "Bail out! relay B"; exit 1; }
P=$T/p
# one connection, all of it A's (weight 4 of 5, 1234): every message is
# picked for A first
pool_project "$P" 6 "{url: \"smtp://127.0.0.1:$A_PORT\", weight: 4}" \
	"smtp://127.0.0.1:$B_PORT" -- "max_connections: 1"
printf '%s\n' '张三@members.test,张三,成都市' '李四@members.test,李四,成都市' '王五@members.test,王五,成都市' >>"$P/lists/flt.csv"
$MAILER --config "$P/config.yaml" send "$P/issues/2021-01" --list flt \
	>"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/out" "$T/err"
[ $rc = 0 ] && [ "$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")" = 9 ]
ok $? "all nine sent (exit $rc)"
srv_wait_queue_empty 30
pool_delivered "$B_LOG" B | LC_ALL=C grep -a '[^ -~]' | sort | sed 's/^/# B: /'
[ "$(pool_delivered "$B_LOG" B | grep -c '^[王张李]')" = 3 ]
ok $? "relay B delivered the three internationalised ones"
a=$(pool_delivered "$A_LOG" A | wc -l)
echo "# relay A took $a ASCII ones"
[ "$a" = 6 ] && ! LC_ALL=C grep -aq 'to=<[^>]*[^ -~]\|to=<?' "$A_LOG"
ok $? "relay A took the six ASCII ones and none of the others"
[ "$(grep -c "smtp://127.0.0.1:$A_PORT: the relay does not announce SMTPUTF8" "$T/err")" = 1 ] &&
	! grep -q "$B_PORT.*SMTPUTF8" "$T/err"
ok $? "relay A named once, B never"
exit $tap_failed
