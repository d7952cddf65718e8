#!/usr/bin/env bash
# A relay that takes messages and never answers their final "." (its
# queue stuck, a filter hung) is rested like one that gives no session,
# once two messages in a row on it got no reply: each such message is
# deferred as possibly delivered, and each cost transport.timeout, so a
# list went through it one timeout at a time, every address deferred and
# maybe delivered (the next run sends them all again), and beside a good
# relay it kept its share of the list.  One lost reply alone rests
# nothing (0335).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init norest
plan 6
n() { sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state = '$2'"; }

# one relay, silent after every "."
fault mute --slow-end 60
fault_project "$T/one" "$PORT" 20 "tls: none" "timeout: 2" "max_connections: 2"
fault_send one; rc=$?; sed 's/^/# /' "$T/one.out" "$T/one.err"
[ $rc -eq 75 ] && [ "$(n one deferred)" -le 3 ] && [ "$(n one pending)" -ge 17 ]
ok $? "a relay silent after the end: rested, the send stops (deferred $(n one deferred), pending $(n one pending), exit $rc)"
grep -q "^mailer: smtp://127.0.0.1:$PORT: 2 messages in a row got no reply to their end: resting it for 300 s (transport.relay_cooldown)" "$T/one.err"
ok $? "...one line says why it rests"
grep -q "stopped before the end: the rest stays pending" "$T/one.out"
ok $? "...the summary says the rest stays pending"

# beside a good relay: the rest goes to the good one
fault good
GOOD=$PORT
fault mute2 --slow-end 60
fault_project "$T/two" "$GOOD" 12 "tls: none" "timeout: 2" "max_connections: 2"
sed -i "s|relays: \[\"smtp://127.0.0.1:$GOOD\"\]|relays: [\"smtp://127.0.0.1:$PORT\", \"smtp://127.0.0.1:$GOOD\"]|" \
	"$T/two/config.yaml"
fault_send two; rc=$?; sed 's/^/# /' "$T/two.out" "$T/two.err"
[ "$(n two sent)" -ge 10 ] && [ "$(n two deferred)" -le 2 ] && [ "$(n two pending)" = 0 ]
ok $? "beside a good relay: $(n two sent) sent, $(n two deferred) deferred (at most the 2 that rested it)"
[ "$(wc -l <"$T/mute2.log")" -le 2 ]
ok $? "...the silent relay took $(wc -l <"$T/mute2.log") (at most 2)"
[ $rc -eq 75 ]; ok $? "...exit 75 for the deferred (got $rc)"
exit $tap_failed
