#!/usr/bin/env bash
# A relay that gives no reply to a message's final "." (tests/faultsrv.py):
# it may have taken the message, and each try may be one more copy in the
# subscriber's mailbox.  Such a message is deferred at once, with a line
# that says the relay may have it, and is not tried again within the send;
# the rerun sends it once.  Two ways: the relay hangs up after the "."
# (--drop-end), and a relay slower than transport.timeout to answer it
# (--slow-end), whose late 250 must not be read as the reply to the next
# command on that connection (the connection is not used again).  A
# hang-up before the end (at RCPT TO) is a plain deferral, said so.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init noreply
plan 15
a() { printf 'flt.%05d@members.test' "$1"; }
st() { sqlite3 "$T/$1/state/mailer.db" \
	"select state from recipients where email='$2'"; }
# copies LOG ADDR: how many copies of ADDR's message the relay took
copies() { grep -c " $2\$" "$1"; }

# --- the relay hangs up after the final "." of a(2)
fault drop --drop-end "$(a 2)"
fault_project "$T/pd" "$PORT" 6 "tls: none"
fault_send pd; rc=$?; sed 's/^/# /' "$T/pd.out" "$T/pd.err"
[ $rc -eq 75 ] && [ "$(st pd "$(a 2)")" = deferred ]
ok $? "hang-up after the end: deferred, exit 75 (rc $rc, $(st pd "$(a 2)"))"
n=$(copies "$T/drop.log" "$(a 2)")
[ "$n" -eq 1 ]; ok $? "...given to the relay once in the send (took $n)"
grep -q "$(a 2): deferred: no reply to the message's end (connection lost)" \
	"$T/pd.err" && grep -q "the relay may have taken it" "$T/pd.err"
ok $? "...the line says no reply came and that the relay may have it"
grep -q "sent 5, deferred 1, failed 0" "$T/pd.out"
ok $? "...the summary counts 5 sent, 1 deferred"
fault good
sed -i "s|127.0.0.1:[0-9]*|127.0.0.1:$PORT|" "$T/pd/config.yaml"
fault_send pd; rc=$?; sed 's/^/# /' "$T/pd.out" "$T/pd.err"
[ $rc -eq 0 ] && [ "$(st pd "$(a 2)")" = sent ]
ok $? "the rerun sends it (rc $rc, $(st pd "$(a 2)"))"
cat "$T/drop.log" "$T/good.log" >"$T/both.log"
r=0; for i in 1 3 4 5 6; do [ "$(copies "$T/both.log" "$(a $i)")" = 1 ] || r=1; done
[ "$(copies "$T/both.log" "$(a 2)")" = 2 ] && [ $r = 0 ]
ok $? "...once more: the others once each, a(2) twice in all"

# --- a relay 3 s slow to answer the final ".", with transport.timeout 2:
# its 250 comes while the next command waits for its reply
fault slow --slow-end 3
fault_project "$T/sl" "$PORT" 6 "tls: none" "timeout: 2" \
	"max_connections: 1"
fault_send sl; rc=$?; sed 's/^/# /' "$T/sl.out" "$T/sl.err"
[ $rc -eq 75 ]; ok $? "slow relay: exit 75 (got $rc)"
n=$(awk '$2 == "DATA" { d[$1]++ } END { m = 0
	for (c in d) if (d[c] > m) m = d[c]; print m }' "$T/slow.trace")
[ "$n" = 1 ]
ok $? "...a connection whose \".\" got no reply carries nothing more (DATA $n)"
r=0; for i in 1 2 3 4 5 6; do [ "$(copies "$T/slow.log" "$(a $i)")" -le 1 ] || r=1; done
ok $r "...each message given to the relay at most once in the send"
grep -q "$(a 1): deferred: no reply to the message's end within 2 s" "$T/sl.err" &&
	grep -q "transport.timeout" "$T/sl.err"
ok $? "...the line names the wait and transport.timeout"
n=$(sqlite3 "$T/sl/state/mailer.db" \
	"select count(*) from recipients where state = 'deferred'")
[ "$n" = 2 ] && grep -q "2 messages in a row got no reply to their end: resting it" "$T/sl.err"
ok $? "...2 deferred, then the relay rests (0584), the other 4 pending (got $n)"
# six connections: the rerun waits the relay's 3 s once, not six times
sed -i -e "s|  timeout: 2|  timeout: 10|" \
	-e "s|  max_connections: 1|  max_connections: 6|" "$T/sl/config.yaml"
fault_send sl; rc=$?; sed 's/^/# /' "$T/sl.out" "$T/sl.err"
r=0; for i in 1 2; do [ "$(copies "$T/slow.log" "$(a $i)")" = 2 ] || r=1; done
for i in 3 4 5 6; do [ "$(copies "$T/slow.log" "$(a $i)")" = 1 ] || r=1; done
[ $rc -eq 0 ] && [ $r = 0 ]
ok $? "timeout 10: the rerun sends the 2 deferred once more, the 4 pending once (rc $rc)"

# --- lost before the end: the relay hangs up at a(4)'s RCPT TO
fault hang --hangup-rcpt "$(a 4)"
fault_project "$T/hu" "$PORT" 6 "tls: none" "retry_in_run_wait: 0.1"
fault_send hu; rc=$?; sed 's/^/# /' "$T/hu.out" "$T/hu.err"
[ $rc -eq 75 ] && [ "$(st hu "$(a 4)")" = deferred ]
ok $? "hang-up at RCPT: deferred, exit 75 (rc $rc, $(st hu "$(a 4)"))"
grep -q "$(a 4): deferred: connection lost before the reply to RCPT TO: not sent$" "$T/hu.err"
ok $? "...the line says where the connection was lost and that it was not sent"
n=$(grep -c "RCPT" "$T/hang.trace")
[ "$n" = 8 ]; ok $? "...tried 3 times within the send, as any 4xx (RCPT $n for 6)"
exit $tap_failed
