#!/usr/bin/env bash
# A notice without a valid token naming many addresses (a forged one, a
# list's digest of its members' failures) wrote one line of standard
# error (cron's mail) for each: up to 1000 lines for one message.  Now
# the first 10 are named and one line counts the rest; every address is
# kept in the journal's unverified table all the same.  A run of many
# such notices (a mailbox of five thousand forged ones) wrote a line for
# each; now a run names 50 lines' worth, and its summary counts the
# messages after them.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-unverified.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
{
	printf 'From: MAILER-DAEMON@mx.evil.test\r\nTo: <bounces@bounce.test>\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <many.%s@mx.evil.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.evil.test\r\n' "$$"
	for i in $(seq 1 30); do
		printf '\r\nFinal-Recipient: rfc822; reader%02d@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n' "$i"
	done
	printf '\r\n--b--\r\n'
} >"$BOX/new/many.eml"
chown vmail:vmail "$BOX/new/many.eml"
$M bounces >"$T/o" 2>"$T/e"
rc=$?; sed 's/^/# /' "$T/e"
[ $rc = 0 ] && [ "$(grep -c 'kept as unverified evidence, nobody suppressed$' "$T/e")" = 10 ] &&
	grep -q ': and 20 more addresses in the same bounce, each kept as unverified evidence (table unverified), nobody suppressed$' "$T/e"
ok $? "30 addresses without proof: 10 named, one line for the 20 others (rc $rc)"
[ "$(wc -l <"$T/e")" = 11 ]; ok $? "11 lines in all"
[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM unverified")" = 30 ]
ok $? "all 30 kept in the unverified table"
for i in $(seq 1 60); do
	printf 'From: MAILER-DAEMON@mx.evil.test\r\nTo: <bounces@bounce.test>\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <one.%s.%s@mx.evil.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.evil.test\r\n\r\nFinal-Recipient: rfc822; single%02d@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n' "$i" "$$" "$i" \
		>"$BOX/new/one$i.eml"
done
chown vmail:vmail "$BOX"/new/one*.eml
$M bounces >"$T/o2" 2>"$T/e2"
rc=$?; sed 's/^/# /' "$T/o2"
[ $rc = 0 ] && [ "$(wc -l <"$T/e2")" = 50 ] &&
	grep -q '^bounces: 60 messages: .*; 10 more messages kept as unverified evidence (table unverified) without a line each, nobody suppressed$' "$T/o2"
ok $? "60 notices of one address each: 50 lines, the summary counts the 10 after them (rc $rc, $(wc -l <"$T/e2") lines)"
[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM unverified")" = 90 ]
ok $? "all 60 kept in the unverified table too"
exit $tap_failed
