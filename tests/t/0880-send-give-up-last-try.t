#!/usr/bin/env bash
# transport.give_up_after ends the retrying, it does not skip the last
# try (RFC 5321 4.5.4.1; Postfix bounces a message only when a delivery
# attempt fails after maximal_queue_lifetime).  A recipient deferred
# longer than the limit was failed before any try, even when the relay
# would now take her: a clock stepped forward (NTP) or a machine switched
# off for a week gave up every deferred recipient unseen.  Now she is
# tried; taken, she is sent; deferred again, she is given up.  faketime
# moves the clock of one send; tests/faultsrv.py is the relay.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
command -v faketime >/dev/null || skip_all "faketime not installed (make deps)"
fault_init giveuplast
plan 6
a() { printf 'flt.%05d@members.test' "$1"; }
q() { sqlite3 "$T/p/state/mailer.db" "$1"; }
st() { q "select state from recipients where email = '$(a "$1")'"; }
# fsend [FAKETIME]: fault_send with the clock moved by FAKETIME; libfaketime
# is preloaded, so an ASan build is told its runtime need not come first
fsend() {
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		faketime -f "$1" $MAILER --config "$T/p/config.yaml" send \
		"$T/p/issues/2021-01" --list flt >"$T/p.out" 2>"$T/p.err"
}

fault busy --reply "$(a 2)=451 4.2.0 busy" --reply "$(a 3)=451 4.2.0 busy"
fault_project "$T/p" "$PORT" 4 "tls: none" "give_up_after: 3600" \
	"retry_in_run_wait: 0.1"
fault_send p; rc=$?; sed 's/^/# /' "$T/p.err"
[ $rc -eq 75 ] && [ "$(st 2)" = deferred ] && [ "$(st 3)" = deferred ]
ok $? "first send: a(2) and a(3) deferred, exit 75 (got $rc)"

# a(2)'s mailbox has room again; a(3)'s has not
fault ok --reply "$(a 3)=452 4.2.2 mailbox full"
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$T/p/config.yaml"
fsend +2h; rc=$?; sed 's/^/# /' "$T/p.out" "$T/p.err"
[ "$(st 2)" = sent ] && grep -q " $(a 2)\$" "$T/ok.log"
ok $? "2 h on (limit 1 h), the relay takes a(2): tried, sent ($(st 2))"
! grep -q "$(a 2).*given up" "$T/p.err"
ok $? "...not said to be given up"
[ "$(st 3)" = failed ] && [ "$(grep -c "RCPT" "$T/ok.trace")" -ge 2 ]
ok $? "a(3), refused again: failed after the try ($(st 3))"
grep -q "flt $(a 3): failed: deferred since 20[0-9-]* [0-9:]* UTC, longer than transport.give_up_after (3600 s): given up; last reply: 452 4.2.2 mailbox full" "$T/p.err"
ok $? "...one line says since when, the limit and the new attempt's reply"
grep -q "sent 1" "$T/p.out" && grep -q "failed 1" "$T/p.out" &&
	! grep -q "deferred [1-9]" "$T/p.out" && [ $rc -eq 65 -o $rc -eq 0 ]
ok $? "...the summary counts 1 sent, 1 failed, none deferred (exit $rc)"
exit $tap_failed
