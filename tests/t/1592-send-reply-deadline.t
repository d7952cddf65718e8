#!/usr/bin/env bash
# transport.timeout bounds the wait for each whole reply on the
# transactions mailer runs itself (MAIL FROM .. "."), as libcurl's own
# timeout did: a relay that answers the final "." a byte at a time
# (tests/faultsrv.py --trickle-end) has not answered within it however
# long the bytes keep coming, so the message is deferred as one with no
# reply to its end, not held for as long as the relay likes.  And a
# timeout of weeks (4294968 s: 2^32 ms and a bit) is a wait of weeks, not
# one cut to a second by an overflow: a relay 2 s slow to answer the "."
# has its message sent.  A relay that never answers MAIL FROM, RCPT TO
# or DATA (--hang-at) has the message deferred as not sent, the line
# naming the command and transport.timeout, nothing taken.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init deadline
plan 7
a() { printf 'flt.%05d@members.test' "$1"; }
st() { sqlite3 "$T/$1/state/mailer.db" \
	"select state from recipients where email='$2'"; }

# --- 30 bytes of 250 at one every 0.4 s (12 s) against a timeout of 1 s
fault trickle --trickle-end 0.4
fault_project "$T/tr" "$PORT" 1 "tls: none" "timeout: 1"
fault_send tr; rc=$?; sed 's/^/# /' "$T/tr.out" "$T/tr.err"
[ $rc -eq 75 ] && [ "$(st tr "$(a 1)")" = deferred ]
ok $? "a reply trickling in past transport.timeout: deferred, exit 75 (rc $rc, $(st tr "$(a 1)"))"
grep -q "$(a 1): deferred: no reply to the message's end within 1 s" "$T/tr.err"
ok $? "...as no reply to the message's end within transport.timeout"

# --- a relay 2 s slow to answer the ".", transport.timeout 4294968 s
fault slow --slow-end 2
fault_project "$T/lg" "$PORT" 1 "tls: none" "timeout: 4294968"
fault_send lg; rc=$?; sed 's/^/# /' "$T/lg.out" "$T/lg.err"
[ $rc -eq 0 ] && [ "$(st lg "$(a 1)")" = sent ]
ok $? "a timeout of 4294968 s waits for a reply 2 s late: sent, exit 0 (rc $rc, $(st lg "$(a 1)"))"
grep -q 'sent 1, deferred 0, failed 0' "$T/lg.out"
ok $? "...the summary says so"

# --- no reply at all to one command of the transaction (the three at once)
for v in MAIL RCPT DATA; do
	fault "hang$v" --hang-at "$v"
	fault_project "$T/h$v" "$PORT" 1 "tls: none" "timeout: 1"
	fault_send "h$v" &
	eval "send_$v=\$!"
done
for v in MAIL RCPT DATA; do
	eval "wait \$send_$v"; rc=$?; sed 's/^/# /' "$T/h$v.err"
	cmd=$v; [ "$v" = MAIL ] && cmd="MAIL FROM"; [ "$v" = RCPT ] && cmd="RCPT TO"
	[ $rc -eq 75 ] && [ "$(st "h$v" "$(a 1)")" = deferred ] &&
		grep -q "$(a 1): deferred: no reply to $cmd within 1 s (transport.timeout): not sent" "$T/h$v.err" &&
		[ ! -s "$T/hang$v.log" ]
	ok $? "no reply to $cmd: deferred as not sent within transport.timeout, nothing taken (rc $rc)"
done
