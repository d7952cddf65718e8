#!/usr/bin/env bash
# A relay's reply text is outside data: tests/faultsrv.py answers one RCPT
# with 550 and an OSC title sequence (ESC ] ... BEL) followed by a bare CR
# and a forged "sent" line, the final "." of another with 451 and ESC [2J,
# and a second relay greets with 421 and ESC.  The failed, deferred and
# relay lines name the fact (code, words) with each control spelled out
# (\x1b, \x0d): no raw control reaches the operator's terminal or cron mail.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/hostile.sh
fault_init printable-reply
plan 8
ESC=$(printf '\033') BEL=$(printf '\007') CR=$(printf '\r')
BS='[\]'	# a backslash, in grep -E
fault r --reply "flt.00001@members.test=550 5.1.1 ${ESC}]0;pwned${BEL}no such user${CR}mailer: flt.00003@members.test: sent" \
	--end-reply "flt.00002@members.test=451 4.3.0 ${ESC}[2Jtry later"
fault_project "$T/p" "$PORT" 3 "tls: none" "retry_in_run_wait: 0"
fault_send p; rc=$?; sed 's/^/# /' "$T/p.err"
[ $rc = 75 ]; ok $? "a 550 and a 451 with controls: the send ends as before, exit 75 ($rc)"
grep -Eq "flt.00001@members.test: failed: 550 5.1.1 ${BS}x1b]0;pwned${BS}x07no such user${BS}x0dmailer: flt.00003@members.test: sent$" "$T/p.err"
ok $? "the failed line shows the 550 reply with ESC, BEL and CR spelled out"
grep -Eq "flt.00002@members.test: deferred: 451 4.3.0 ${BS}x1b\[2Jtry later$" "$T/p.err"
ok $? "the deferred line shows the 451 reply with ESC spelled out"
[ "$(grep -c 'flt.00003@members.test' "$T/p.err")" = 1 ]
ok $? "no line of its own claims the forged 'sent' (only inside the 550 line)"
no_raw_ctl "$T/p.err"
ok $? "no raw control byte in what send wrote to stderr"

fault g --greet "421 4.3.2 ${ESC}]0;pwned${ESC}\\ busy"
fault_project "$T/g" "$PORT" 1 "tls: none"
fault_send g; rc=$?; sed 's/^/# /' "$T/g.err"
[ $rc = 69 ]; ok $? "a relay greeting 421 with ESC: exit 69 as before ($rc)"
grep -Eq "smtp://127.0.0.1:$PORT: 421 4.3.2 ${BS}x1b]0;pwned${BS}x1b${BS} busy$" "$T/g.err"
ok $? "the relay's line shows its greeting with ESC spelled out"
no_raw_ctl "$T/g.err"
ok $? "no raw control byte in that send's stderr"
exit $tap_failed
