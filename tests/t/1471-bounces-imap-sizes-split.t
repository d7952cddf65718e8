#!/usr/bin/env bash
# The sizes of the messages to read were asked as one range first..last:
# with another client's \Deleted messages between them, theirs came too,
# and no command named only the UIDs wanted.  Now they are asked as a UID
# set of those only, compressed into ranges, split so that no command
# line passes 8 KB (RFC 7162 section 4).  2,000 notices with a deleted
# message after each (UIDs 1, 3, ..., 3999 to read): Dovecot's rawlog
# shows two or more UID FETCH of sizes, each line under 8 KB, their sets
# the 2,000 UIDs exactly; the bodies in 8 sets of 250.  A real Dovecot
# with MOVE.
. tests/lib/imapmove.sh
imap_project sizesplit 5
caps IMAP4rev1 LITERAL+ UIDPLUS MOVE
rawlog "$T/raw" || { echo "Bail out! Dovecot's rawlog"; exit 1; }

drop 4000 && sync_inbox &&
	doveadm -c "$SRV_DIR/dovecot/dovecot.conf" flags add -u bounces@bounce.test \
		'\Deleted' mailbox INBOX uid "$(seq -s, 2 2 4000)" ||
	{ echo "Bail out! 4000 messages, the even UIDs flagged \\Deleted"; exit 1; }
rm -f "$T/raw"/*
$M bounces >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
[ $rc = 0 ] && grep -q '^bounces: 2000 messages' "$T/r"
ok $? "2000 notices read (rc $rc)"

# the client's commands, as Dovecot received them ("TIME TAG COMMAND")
cat "$T/raw"/*.in | tr -d '\r' | cut -d' ' -f2- | grep -i '^[^ ]* UID FETCH ' >"$T/fetches"
grep -i 'RFC822.SIZE' "$T/fetches" >"$T/sizes"
cut -c1-100 "$T/sizes" | sed 's/^/# /'
# expand SET: the UIDs of an IMAP UID set, one a line
expand() {
	tr ',' '\n' <<<"$1" | awk -F: '{ e = NF > 1 ? $2 : $1; for (u = $1; u <= e; u++) print u }'
}
long=$(awk 'length($0) + 2 > 8192' "$T/sizes" | wc -l)
[ "$(wc -l <"$T/sizes")" -ge 2 ] && [ "$long" = 0 ]
ok $? "the sizes in $(wc -l <"$T/sizes") UID FETCH, $long of them over 8 KB"
awk '{ print $4 }' "$T/sizes" | while read -r s; do expand "$s"; done >"$T/asked"
[ "$(sort -n "$T/asked")" = "$(seq 1 2 3999)" ]
ok $? "...of the 2000 to read only, each once ($(wc -l <"$T/asked") asked)"
bodies=$(grep -i 'BODY.PEEK' "$T/fetches" | awk '{ print $4 }' | while read -r s; do
	expand "$s" | wc -l; done | tr '\n' ' ')
[ "$bodies" = "250 250 250 250 250 250 250 250 " ]
ok $? "the bodies in 8 sets of 250 (${bodies:0:60})"
[ "$(files "$BOX/.Processed" | wc -l)" = 2000 ] && [ "$(recorded)" = 2000 ] &&
	[ "$(files "$BOX" | wc -l)" = 2000 ]
ok $? "2000 in Processed, each recorded once; the 2000 deleted left in INBOX"
exit $tap_failed
