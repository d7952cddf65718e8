#!/usr/bin/env bash
# mailer runs each mail transaction itself on the connection libcurl
# opened: MAIL FROM, RCPT TO and DATA go in one write when the relay's
# EHLO announced PIPELINING (RFC 2920), one at a time when it did not.
# tests/faultsrv.py notes every command that arrived with more commands
# already sent behind it, before its reply: with PIPELINING that is each
# message's MAIL and RCPT (DATA waits for its 354, as RFC 2920 says);
# without it, none.  The same refusals (550 and 451 at RCPT, 554 at DATA,
# 554 after the ".") give the same outcome to each recipient either way,
# the refusal's own reply, not the 503s that a pipelined group draws after
# a refused command.  A refused transaction leaves its connection to the
# next message: RSET after each refusal before the "." (RFC 5321,
# 4.1.1.5), nothing after a refused ".", no new connection, EHLO, STARTTLS
# or AUTH for it; each connection ends with QUIT.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init pipe
plan 9
a() { printf 'flt.%05d@members.test' "$1"; }
FAULTS=(--reply "$(a 2)=550 5.1.1 no such user"
	--reply "$(a 3)=451 4.3.0 try again later"
	--data-reply "$(a 4)=554 5.6.0 content refused"
	--end-reply "$(a 5)=554 5.7.1 refused as spam")
outcomes() {	# outcomes NAME: every recipient's state and reply
	sqlite3 "$T/$1/state/mailer.db" "select email, state,
		coalesce(substr(last_reply, 1, 9), '') from recipients order by email"
}
run() {	# run NAME [faultsrv option]
	local name=$1; shift
	fault "$name" --pipelined "$T/$name.pipe" "${FAULTS[@]}" "$@"
	fault_project "$T/$name" "$PORT" 10 "tls: none" "max_connections: 2"
	fault_send "$name"
}
run with
rc=$?
[ $rc = 75 ] && [ "$(taken "$T/with.log")" = "6 0" ]
ok $? "with PIPELINING: exit 75 (one deferred), the six others taken once (exit $rc, $(taken "$T/with.log"))"
mails=$(grep -c ' MAIL$' "$T/with.trace")
[ "$mails" -ge 10 ] &&
	[ "$(grep -c ' MAIL$' "$T/with.pipe")" = "$mails" ] &&
	[ "$(grep -c ' RCPT$' "$T/with.pipe")" = "$mails" ] &&
	! grep -q ' DATA$' "$T/with.pipe"
ok $? "with PIPELINING: each of the $mails MAIL FROMs went with its RCPT TO and DATA, DATA alone before its 354"
run without --no-pipelining
rc=$?
[ $rc = 75 ] && [ "$(taken "$T/without.log")" = "6 0" ]
ok $? "without PIPELINING: exit 75, the six others taken once (exit $rc)"
[ "$(grep -c ' MAIL$' "$T/without.trace")" -ge 10 ] && [ ! -s "$T/without.pipe" ]
ok $? "without PIPELINING: no command sent before the last one's reply"
diff <(outcomes with) <(outcomes without) >"$T/diff"
ok $? "each recipient's outcome is the same either way"
sed 's/^/# /' "$T/diff"
o=$(outcomes with)
echo "$o" | grep -qxF "$(a 2)|failed|550 5.1.1" &&
	echo "$o" | grep -qxF "$(a 3)|deferred|451 4.3.0" &&
	echo "$o" | grep -qxF "$(a 4)|failed|554 5.6.0" &&
	echo "$o" | grep -qxF "$(a 5)|failed|554 5.7.1"
ok $? "the refusals are judged by their own replies (550 and 451 at RCPT, 554 at DATA and at the end)"
echo "$o" | sed 's/^/# /'
[ "$(echo "$o" | grep -c '|sent|250 ')" = 6 ]
ok $? "the six others are sent with the relay's 250"
r=0
for n in with without; do
	conns=$(cut -d' ' -f1 "$T/$n.trace" | sort -u | wc -l)
	[ "$(grep -c ' QUIT$' "$T/$n.trace")" = "$conns" ] || { r=1; break; }
done
ok $r "every connection ended with QUIT ($n: $conns connections)"
# refusals before the ".": 550 and 554 once, 451 three times (retry_in_run)
r=0
for n in with without; do
	conns=$(cut -d' ' -f1 "$T/$n.trace" | sort -u | wc -l)
	rsets=$(grep -c ' RSET$' "$T/$n.trace")
	[ "$conns" = 2 ] && [ "$rsets" = 5 ] || { r=1; break; }
done
ok $r "a refused transaction keeps its connection: 2 connections, 5 RSETs ($n: $conns, $rsets)"
