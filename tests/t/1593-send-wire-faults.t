#!/usr/bin/env bash
# Replies as a server may shape them, read by the transactions mailer
# runs itself (tests/faultsrv.py): every reply a byte per TCP segment,
# lines ending in a bare LF, the reply to "." in three lines one of them
# 600 bytes long (--split): each message sent with that reply.  A
# pipelining server that answers DATA with 354 after refusing the only
# RCPT TO (RFC 2920, 3.1: the client then ends the data at once or
# closes): that recipient failed by its RCPT reply, no "." sent for it,
# the others sent.  A server that answers MAIL FROM with 421 and hangs
# up: judged by that 421, not by the RCPT TO and DATA replies that never
# came (a relay refusing our sender rests: 0338), nothing taken.  One
# that hangs up right after its 354 (--drop-354): deferred, named a
# connection lost in the middle of the message (it said "before the reply
# to DATA", which had come).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init wire
plan 7
a() { printf 'flt.%05d@members.test' "$1"; }
outcomes() {	# outcomes NAME: every recipient's state and reply
	sqlite3 "$T/$1/state/mailer.db" "select email, state,
		coalesce(substr(last_reply, 1, 9), '') from recipients order by email"
}
run() {	# run NAME N [faultsrv option...]
	local name=$1 n=$2; shift 2
	fault "$name" --ends "$T/$name.ends" "$@"
	fault_project "$T/$name" "$PORT" "$n" "tls: none" "max_connections: 2"
	fault_send "$name"
}

run split 4 --split; rc=$?; sed 's/^/# /' "$T/split.err"
[ $rc = 0 ] && [ "$(taken "$T/split.log")" = "4 0" ]
ok $? "replies a byte a segment, bare LFs, a 600-byte line: exit 0, four taken once (exit $rc, $(taken "$T/split.log"))"
[ "$(outcomes split | grep -c '|sent|250-2.0.0')" = 4 ]
ok $? "...each sent, its reply the three-line 250"
outcomes split | sed 's/^/# /'

run anyway 4 --data-anyway --reply "$(a 2)=550 5.1.1 no such user"
rc=$?; sed 's/^/# /' "$T/anyway.err"
o=$(outcomes anyway)
[ $rc = 0 ] && echo "$o" | grep -qxF "$(a 2)|failed|550 5.1.1" &&
	[ "$(echo "$o" | grep -c '|sent|250 ')" = 3 ]
ok $? "RCPT refused, DATA answered 354: failed by its 550, the three others sent (exit $rc)"
echo "$o" | sed 's/^/# /'
! grep -q "$(a 2)" "$T/anyway.log" && [ "$(wc -l <"$T/anyway.ends")" = 3 ]
ok $? "...no \".\" for it: the server saw three message ends, none of it"

run close 1 --mail-reply "421 4.3.2 shutting down" --mail-close
rc=$?; sed 's/^/# /' "$T/close.err"
o=$(outcomes close)
[ $rc = 69 ] && [ "$o" = "$(a 1)|pending|" ] &&
	grep -q 'refused our envelope sender (421 4.3.2 shutting down): resting' "$T/close.err"
ok $? "421 to MAIL FROM and a hang-up: judged by that 421 (the relay rests after two), left pending, exit 69 (exit $rc)"
echo "$o" | sed 's/^/# /'
[ ! -s "$T/close.ends" ] && [ ! -s "$T/close.log" ]
ok $? "...nothing taken"

run drop 1 --drop-354; rc=$?; sed 's/^/# /' "$T/drop.err"
o=$(sqlite3 "$T/drop/state/mailer.db" "select state || '|' || last_reply from recipients")
[ $rc = 75 ] && [ "$o" = "deferred|connection lost in the middle of the message: not sent" ] &&
	[ ! -s "$T/drop.log" ]
ok $? "a hang-up after the 354: deferred as lost in the middle of the message, not sent (exit $rc, $o)"
