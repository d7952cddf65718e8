#!/usr/bin/env bash
# The bounce folder's UIDVALIDITY changes between runs (the mailbox was
# recreated or migrated, doveadm mailbox update here) while a recorded
# message is still in it (the run was killed after it recorded the
# message and before the move, as in 0520): every message comes back
# under a new key "imap:UIDVALIDITY:UID".  One with a Message-ID was
# known by it; a soft bounce without one (qmail writes none) was counted
# a second time in the ledger; now its bytes name it.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-uidvalidity.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" keep || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
DOVEADM="doveadm -c $SRV_DIR/dovecot/dovecot.conf"
srv_wait_queue_empty 120
# a soft bounce (mailbox full) to a reader's own bounce address, without
# a Message-ID
rcpt=$(sqlite3 "$P/state/mailer.db" "SELECT email FROM recipients WHERE list = 'ganzi' ORDER BY email LIMIT 1")
rp=$(grep -h '^Return-Path:' "$(srv_maildir "$rcpt")"/new/* | head -1 | grep -o 'bounces+[a-z2-7]*@bounce.test')
[ -n "$rp" ] || { echo "Bail out! no Return-Path for $rcpt"; exit 1; }
printf 'From: MAILER-DAEMON@mx.members.test\r\nTo: <%s>\r\nSubject: failure notice\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe mailbox is full.\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.members.test\r\n\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 4.2.2\r\nDiagnostic-Code: smtp; 452 4.2.2 mailbox full\r\n\r\n--b--\r\n' \
	"$rp" "$rcpt" >"$BOX/new/soft.eml"
chown vmail:vmail "$BOX/new/soft.eml"
events() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM events WHERE email = '$rcpt'"; }

# killed where it moves the message: recorded, still in the INBOX
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
gdb -q -batch -nx -iex 'set debuginfod enabled off' -iex 'set auto-solib-add off' -ex 'set pagination off' \
	-ex 'break imap_move_set' -ex run -ex kill --args $M bounces >"$T/k" 2>&1
[ "$(events)" = 1 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 1 ]
ok $? "killed before the move: one event recorded, the message still in the INBOX"
v0=$($DOVEADM -f flow mailbox status -u bounces@bounce.test uidvalidity INBOX | sed 's/.*uidvalidity=//')
$DOVEADM mailbox update -u bounces@bounce.test --uid-validity $((v0 + 1000)) INBOX
v1=$($DOVEADM -f flow mailbox status -u bounces@bounce.test uidvalidity INBOX | sed 's/.*uidvalidity=//')
[ "$v1" = $((v0 + 1000)) ]; ok $? "the INBOX's UIDVALIDITY changed ($v0 -> $v1)"
$M bounces -v >"$T/o" 2>&1
rc=$?; sed 's/^/# /' "$T/o"
[ $rc = 0 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the next run moves it (rc $rc)"
[ "$(events)" = 1 ]; ok $? "... without a second event for $rcpt (got $(events))"
grep -q '^bounces: 0 messages:' "$T/o"; ok $? "... and counts it as nothing new"
exit $tap_failed
