#!/usr/bin/env bash
# A relay that takes fewer connections at once than transport.max_connections
# (tests/faultsrv.py --max-conns 2 greets a third with "421 4.7.0 Error: too
# many connections", as Postfix's smtpd_client_connection_count_limit and
# many providers' submission services do): the send goes on with the
# connections the relay takes and sends all 60, each once, exit 0, saying
# once that the relay takes fewer; the relay was rested at the first 421
# and the send stopped with 2 sent and 58 pending, every run alike.  A
# relay that refuses every connection still stops the send (exit 69).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init connlimit
plan 6
# proj NAME: list flt of 60, 4 connections, no TLS
proj() { fault_project "$T/$1" "$PORT" 60 "tls: none" "max_connections: 4"; }
n_sent() { sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state = 'sent'"; }

fault lim --max-conns 2
proj l
fault_send l; rc=$?; sed 's/^/# /' "$T/l.out" "$T/l.err"
[ $rc -eq 0 ] && [ "$(n_sent l)" = 60 ]
ok $? "a relay of 2 connections, 4 configured: all 60 sent, exit 0 (rc $rc, $(n_sent l))"
n=$(taken "$T/lim.log")
[ "$n" = "60 0" ]; ok $? "...each taken once (taken, twice: $n)"
n=$(grep -c "421 4.7.0 Error: too many connections: it takes fewer connections at once than transport.max_connections (4)" "$T/l.err")
[ "$n" = 1 ]; ok $? "...said once ($n)"
! grep -q "no relay available\|deferred" "$T/l.err"
ok $? "...no stop, no deferral"

fault all --greet "421 4.3.2 Service not available"
proj a
fault_send a; rc=$?; sed 's/^/# /' "$T/a.out" "$T/a.err"
[ $rc -eq 69 ] && [ "$(n_sent a)" = 0 ]
ok $? "a relay that refuses every connection: exit 69, none sent (rc $rc)"
grep -q "no relay available" "$T/a.err" && ! grep -q "fewer connections" "$T/a.err"
ok $? "...the send stops, and no connection limit is claimed"
exit $tap_failed
