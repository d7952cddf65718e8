#!/usr/bin/env bash
# A relay whose size limit the edition exceeds (tests/faultsrv.py
# --size-limit answers the "." with 552 5.3.4, as Postfix's
# message_size_limit does): the refusal is the edition's, not the
# subscribers'.  Each recipient stays deferred, not failed (a failed one
# is never sent again: the whole issue was lost, with exit 0), no bounce
# is recorded against any address, each message is offered once in the
# send, the line says what to do, and the send exits 65; once the relay
# takes the size, the rerun sends all 6, each once.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init toobig
plan 8
P=$T/p
fault small --size-limit 2000
fault_project "$P" "$PORT" 6 "tls: none"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
send() { $MAILER --config "$P/config.yaml" send "$P/issues/2021-01" \
	--list flt >"$T/$1.out" 2>"$T/$1.err"; }

send s1; rc=$?; sed 's/^/# /' "$T/s1.out" "$T/s1.err"
[ $rc -eq 65 ]; ok $? "edition too big for the relay: exit 65 (got $rc)"
n=$(q "select count(*) from recipients where state = 'deferred'")
[ "$n" = 6 ]; ok $? "...all 6 deferred, none failed (deferred: $n)"
n=$(q "select count(*) from events")
[ "$n" = 0 ]; ok $? "...no bounce recorded against an address (events: $n)"
n=$(grep -c ' DATA$' "$T/small.trace")
[ "$n" = 6 ]; ok $? "...each offered once in the send (DATA $n)"
grep -q "flt.00001@members.test: deferred: 552 5.3.4 Message size exceeds fixed limit: the relay refuses the edition's size" "$T/s1.err"
ok $? "...the line says the relay refuses the edition's size"
grep -q "sent 0, deferred 6, failed 0" "$T/s1.out"
ok $? "...the summary counts 6 deferred"

fault big
sed -i "s|127.0.0.1:[0-9]*|127.0.0.1:$PORT|" "$P/config.yaml"
send s2; rc=$?; sed 's/^/# /' "$T/s2.out" "$T/s2.err"
n=$(q "select count(*) from recipients where state = 'sent'")
[ $rc -eq 0 ] && [ "$n" = 6 ]
ok $? "a relay that takes the size: the rerun sends all 6 (rc $rc, sent $n)"
# the small relay took none (faultsrv writes its log at the first message
# it takes), the big one each address once
[ ! -e "$T/small.log" ] && [ "$(taken "$T/big.log")" = "6 0" ]
ok $? "...each once (the small relay took none)"
exit $tap_failed
