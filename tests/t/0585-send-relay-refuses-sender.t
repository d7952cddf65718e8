#!/usr/bin/env bash
# A relay of the pool that refuses our envelope sender at MAIL FROM, or
# at RCPT TO as Postfix does by default: a real Postfix whose sender
# restrictions answer every bounces+TOKEN@bounce.test with a 4xx (a
# lookup it cannot make, a sender quota) or a 5xx (a policy).  Either refuses the relay, not a recipient: the relay
# rests, its share goes to the other relay, nobody fails or bounces, and
# one line says why.  A 4xx used to be taken per message: each went back
# for another try (the refusing Postfix took a second a refusal), the
# send crawled (300 messages in 73 s), a sixth of the list was deferred
# to the next run after three refusals, and nothing said why.  At RCPT
# TO ("554 5.7.1 <bounces+...>: Sender address rejected") each recipient
# sent through that relay was marked failed, never to be sent again.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
pool_init refsender
plan 15

pool_relay A || { echo "Bail out! relay A"; exit 1; }
# B refuses at MAIL FROM what its sender map says (delay_reject off)
echo "bounce.test 451 4.3.0 Sender domain lookup failed, try later" >"$T/senders"
pool_relay B "smtpd_delay_reject = no" \
	"smtpd_sender_restrictions = check_sender_access texthash:$T/senders" ||
	{ echo "Bail out! relay B"; exit 1; }
URL_A=smtp://127.0.0.1:$A_PORT URL_B=smtp://127.0.0.1:$B_PORT

# proj NAME N RELAY...: project T/NAME, list flt of N, those relays
proj() {
	local d=$T/$1 n=$2; shift 2
	pool_project "$d" "$n" "$@" -- "max_connections: 2" "relay_cooldown: 600" \
		"retry_in_run_wait: 0.1"
}
send() {
	$MAILER --config "$T/$1/config.yaml" send "$T/$1/issues/2021-01" \
		--list flt >"$T/$1.out" 2>"$T/$1.err"
}
n() { sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state = '$2'"; }
refusals() { grep -c 'NOQUEUE: reject: MAIL from' "$B_LOG"; }

# --- 4xx, beside a good relay
before=$(refusals)
proj two 100 "$URL_A" "$URL_B"
send two; rc=$?; sed 's/^/# /' "$T/two.out" "$T/two.err"
[ $rc -eq 0 ] && [ "$(n two sent)" = 100 ]
ok $? "4xx at MAIL FROM beside a good relay: exit 0, all 100 sent (got $rc, $(n two sent))"
grep -q "sent 100, deferred 0, failed 0, .*; sent via $URL_A 100\$" "$T/two.out"
ok $? "...nothing deferred or failed, all via the good relay"
grep -q "^mailer: $URL_B: 2 messages in a row refused our envelope sender (451 4.3.0 <bounces+TOKEN@bounce.test>: Sender address rejected: Sender domain lookup failed, try later): resting it for 600 s (transport.relay_cooldown)\$" "$T/two.err"
ok $? "...one line names the relay, its refusal and the rest"
r=$(( $(refusals) - before ))
[ "$r" -le 4 ]; ok $? "...the refusing relay was asked $r times (at most 2 and the other connection's)"
wait_for 60 "A's log to show 100 deliveries" \
	sh -c "[ \$(grep -c 'status=sent (relay-A)\$' '$A_LOG') -ge 100 ]"
[ "$(pool_delivered "$A_LOG" A | sort -u | wc -l)" = 100 ]
ok $? "...the good relay's Postfix delivered each of the 100"

# --- 4xx, the only relay: the send stops, nobody failed
proj one 20 "$URL_B"
send one; rc=$?; sed 's/^/# /' "$T/one.out" "$T/one.err"
[ $rc -eq 69 ]; ok $? "4xx at MAIL FROM, the only relay: exit 69, nothing sent (got $rc)"
[ "$(n one failed)" = 0 ] && [ "$(n one sent)" = 0 ] && [ "$(n one deferred)" -le 2 ]
ok $? "...none failed, at most 2 deferred ($(n one deferred)), the rest pending ($(n one pending))"
grep -q "^mailer: $URL_B: 2 messages in a row refused our envelope sender" "$T/one.err" &&
	grep -q "stopped before the end: the rest stays pending" "$T/one.out"
ok $? "...the line says why, the summary that the rest stays pending"

# --- 5xx, beside a good relay: a refusal of the relay, never a bounce
echo "bounce.test 554 5.7.1 Sender domain not allowed on this relay" >"$T/senders"
SRV_DIR=$B_DIR; srv_postfix_reload
proj five 40 "$URL_A" "$URL_B"
send five; rc=$?; sed 's/^/# /' "$T/five.out" "$T/five.err"
[ $rc -eq 0 ] && [ "$(n five sent)" = 40 ] && [ "$(n five failed)" = 0 ]
ok $? "5xx at MAIL FROM beside a good relay: exit 0, all 40 sent, none failed (got $rc)"
grep -q "sent via $URL_A 40\$" "$T/five.out"
ok $? "...all via the good relay"
grep -q "^mailer: $URL_B: the relay refuses the envelope sender bounces+TOKEN@bounce.test (bounce_domain)" "$T/five.err"
ok $? "...the line names the relay and bounce_domain"
[ "$(sqlite3 "$T/five/state/mailer.db" "select count(*) from suppressions")" = 0 ]
ok $? "...nobody suppressed"

# --- at RCPT TO, where Postfix judges the sender by default
postconf -c "$B_DIR/postfix" -e "smtpd_delay_reject = yes" &&
	srv__backdate "$B_DIR/postfix/main.cf" && SRV_DIR=$B_DIR srv_postfix_reload ||
	{ echo "Bail out! relay B's smtpd_delay_reject"; exit 1; }
proj r5 40 "$URL_A" "$URL_B"
send r5; rc=$?; sed 's/^/# /' "$T/r5.out" "$T/r5.err"
[ $rc -eq 0 ] && [ "$(n r5 sent)" = 40 ] && [ "$(n r5 failed)" = 0 ] &&
	grep -q "sent via $URL_A 40\$" "$T/r5.out"
ok $? "5xx at RCPT TO naming our sender: exit 0, all 40 via the good relay, none failed (got $rc, $(n r5 failed) failed)"
grep -q "^mailer: $URL_B: the relay refuses the envelope sender bounces+TOKEN@bounce.test (bounce_domain)" "$T/r5.err"
ok $? "...the line names the relay and bounce_domain"
echo "bounce.test 451 4.3.0 Sender domain lookup failed, try later" >"$T/senders"
SRV_DIR=$B_DIR srv_postfix_reload
proj r4 40 "$URL_A" "$URL_B"
send r4; rc=$?; sed 's/^/# /' "$T/r4.out" "$T/r4.err"
[ $rc -eq 0 ] && grep -q "sent 40, deferred 0, failed 0, .*; sent via $URL_A 40\$" "$T/r4.out" &&
	grep -q "^mailer: $URL_B: 2 messages in a row refused our envelope sender (451 4.3.0 <bounces+TOKEN@bounce.test>: Sender address rejected" "$T/r4.err"
ok $? "4xx at RCPT TO naming our sender: all 40 via the good relay, the relay rests (exit $rc)"
exit $tap_failed
