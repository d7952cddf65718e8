#!/usr/bin/env bash
# A message flagged \Deleted and not yet expunged is one the mailbox's
# owner removed: a person who read a bounce in a mail client and deleted
# it (a forged or mistaken one), or our own COPY fallback interrupted
# between STORE \Deleted and EXPUNGE (its copy is already in Processed).
# bounces searched UID SEARCH ALL, so it fetched such a message, counted
# it (the reader suppressed) and copied it to Processed once more; now it
# searches UNDELETED and leaves it where it is.  A real Dovecot; the
# Maildir flag T is IMAP's \Deleted.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-deleted.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 4
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" keep || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
srv_wait_queue_empty 120
# dsn FILE N: a hard bounce (5.1.1) to the N-th ganzi reader's own bounce
# address; sets rcpt
dsn() {
	local rp
	rcpt=$(sqlite3 "$P/state/mailer.db" "SELECT email FROM recipients WHERE list = 'ganzi' ORDER BY email LIMIT 1 OFFSET $2")
	rp=$(grep -h '^Return-Path:' "$(srv_maildir "$rcpt")"/new/* | head -1 | grep -o 'bounces+[a-z2-7]*@bounce.test')
	[ -n "$rp" ] || { echo "Bail out! no Return-Path for $rcpt"; exit 1; }
	printf 'From: MAILER-DAEMON@mx.members.test\r\nTo: <%s>\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn.%s.%s@mx.members.test>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nNo such user.\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.members.test\r\n\r\nFinal-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n--b--\r\n' \
		"$rp" "$2" "$$" "$rcpt" >"$1"
	chown vmail:vmail "$1"
}
dsn "$BOX/cur/deleted.eml:2,ST" 0; gone=$rcpt	# read and deleted
dsn "$BOX/new/live.eml" 1; live=$rcpt
supp() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM suppressions WHERE email = '$1'"; }
$M bounces -v >"$T/o" 2>&1
rc=$?; sed 's/^/# /' "$T/o"
[ $rc = 0 ] && [ "$(supp "$live")" = 1 ]
ok $? "the bounce not deleted: counted, $live suppressed (rc $rc)"
[ "$(supp "$gone")" = 0 ] &&
	[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM events WHERE email = '$gone'")" = 0 ]
ok $? "the one flagged \\Deleted: not counted, $gone not suppressed"
[ -f "$BOX/cur/deleted.eml:2,ST" ] && [ "$(srv_maildir_count bounces@bounce.test)" = 1 ]
ok $? "...and left where it is, for the owner's expunge"
grep -q '^bounces: 1 message: 1 bounces* (1 hard, 0 soft)' "$T/o"
ok $? "the summary counts the one message read"
exit $tap_failed
