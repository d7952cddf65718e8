#!/usr/bin/env bash
# The parameters mailer puts on MAIL FROM itself, as a relay receives
# them (tests/faultsrv.py --mail-log): ENVID=TOKEN (RFC 3461), the
# message's 29-character VERP token, only to a relay whose EHLO announced
# DSN; SMTPUTF8 (RFC 6531) only on the message to an internationalised
# recipient, and only to a relay that announced it (one that did not
# holds that recipient back, sending nothing for it).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init params
plan 6
run() {	# run NAME [faultsrv option...]: three ASCII recipients, one EAI
	local name=$1; shift
	fault "$name" --mail-log "$T/$name.mail" "$@"
	fault_project "$T/$name" "$PORT" 3 "tls: none" "max_connections: 1"
	printf '用户@members.test,读者,成都市\n' >>"$T/$name/lists/flt.csv"
	fault_send "$name"
}

run dsn --dsn --smtputf8; rc=$?; sed 's/^/# /' "$T/dsn.err" "$T/dsn.mail"
[ $rc = 0 ] && [ "$(wc -l <"$T/dsn.log")" = 4 ]
ok $? "DSN and SMTPUTF8 announced: the four taken, exit 0 (exit $rc)"
r=0; while read -r _ from rest; do
	t=${from#<bounces+}; t=${t%%@*}
	[ "${rest##*ENVID=}" = "$t" ] || r=1
done <"$T/dsn.mail"
[ "$(grep -cE ' ENVID=[a-z2-7]{29}$' "$T/dsn.mail")" = 4 ] && [ $r = 0 ]
ok $? "...each MAIL FROM carries ENVID=, the envelope's own VERP token"
[ "$(grep -c ' SMTPUTF8' "$T/dsn.mail")" = 1 ] &&
	grep -q '<bounces+[a-z2-7]*@bounce.test> SMTPUTF8 ENVID=' "$T/dsn.mail"
ok $? "...SMTPUTF8 on one MAIL FROM only, the EAI recipient's (before ENVID)"

run plain; rc=$?; sed 's/^/# /' "$T/plain.err" "$T/plain.mail"
[ $rc = 75 ] && [ "$(wc -l <"$T/plain.log")" = 3 ]
ok $? "neither announced: the three ASCII recipients taken, exit 75 (one owed) (exit $rc)"
! grep -q 'ENVID\|SMTPUTF8' "$T/plain.mail" && [ "$(wc -l <"$T/plain.mail")" = 3 ]
ok $? "...no ENVID, no SMTPUTF8: three bare MAIL FROMs"
! grep -q '用户' "$T/plain.log" && grep -q 'does not announce SMTPUTF8' "$T/plain.err"
ok $? "...the EAI recipient held back, and said why"
