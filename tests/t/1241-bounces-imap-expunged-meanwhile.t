#!/usr/bin/env bash
# Another client (a person's mail client, a second mailer) expunges a
# message after mailer bounces read and recorded it, before it moves it:
# Dovecot refuses the UID MOVE (or UID COPY) with NO "Some of the
# requested messages no longer exist".  That was taken for a full
# processed folder: "2 messages recorded but left in INBOX: the server
# refused the move", exit 75, and the messages after it were left in
# INBOX until the next run.  Now a refused move of a message no longer
# in the folder is nothing to report: the run goes on, exit 0.  gdb stops
# the run at its move (the three messages' UIDs in one UID MOVE or UID
# COPY, which Dovecot refuses whole: the others are then moved one by
# one) while doveadm expunges the 2nd message; with MOVE and without it.
. tests/lib/imapmove.sh
imap_project expunged 5

# expunge_at FUNC N OUT: mailer bounces under gdb; as it calls libetpan's
# FUNC the 1st time (the move of all three, one UID set), doveadm
# expunges offer N from INBOX; its exit code into OUT.rc
expunge_at() {
	gdb_batch "$3" "break $1" run 'delete 1' \
		"shell doveadm -c $SRV_DIR/dovecot/dovecot.conf expunge -u bounces@bounce.test mailbox INBOX header Message-ID offer.$2." \
		continue 'print $_exitcode' -- $M bounces
	sed -n 's/^\$1 = //p' "$3" >"$3.rc"
}
# run FUNC FIRST: offers FIRST..FIRST+2 dropped, the 2nd expunged at FUNC
run() {
	local i
	for i in 0 1 2; do offer_drop "$BOX" $(($2 + i)); done
	expunge_at "$1" $(($2 + 1)) "$T/$1"
	sed 's/^/# /' "$T/$1" | grep -v '^# \[\|Breakpoint\|^# 0x\|^# Using'
	[ "$(cat "$T/$1.rc")" = 0 ] && ! grep -q 'left in INBOX' "$T/$1" &&
		grep -q '^bounces: 3 messages' "$T/$1"
	ok $? "$1 of a message expunged meanwhile: exit 0, no \"left in INBOX\" (rc $(cat "$T/$1.rc"))"
	[ -z "$(files "$BOX")" ] && [ "$(files "$BOX/.Processed" | wc -l)" = "$3" ]
	ok $? "...the message after it moved all the same ($(files "$BOX" | wc -l) left in INBOX, $(files "$BOX/.Processed" | wc -l) in Processed)"
}
run mailimap_uid_move 1 2
$M bounces >"$T/again" 2>&1
rc=$?; [ $rc = 0 ] && [ ! -s "$T/again" ]; ok $? "the next run: silent (rc $rc)"
caps IMAP4rev1 LITERAL+ UIDPLUS
run mailimap_uid_copy 4 4
exit $tap_failed
