#!/usr/bin/env bash
# A big issue's notices were read with a UID FETCH each: 600 of them cost
# 600 round trips (5,000 from a server 30 ms away: 150 s), and the sizes
# asked first were those of the range first..last, another client's
# \Deleted message in between too.  Now drain reads them in UID sets
# (a few megabytes, at most 250 a command) and asks the sizes of the
# notices only.  Dovecot's own rawlog counts the UID FETCH commands of a
# run over 600 notices with another client's deleted message among them:
# 4 (sizes, then bodies 250 + 250 + 100), was 601.  Each is recorded
# once and moved once, a run killed between the two too.  A real Dovecot
# with MOVE.
. tests/lib/imapmove.sh
imap_project fetchset 9
caps IMAP4rev1 LITERAL+ UIDPLUS MOVE
rawlog "$T/raw" || { echo "Bail out! Dovecot's rawlog"; exit 1; }

# 300 notices, another client's deleted message, 300 more: UIDs in order
drop 300 && sync_inbox && foreign && sync_inbox && drop 300 && sync_inbox
fuid=$(doveadm -c "$SRV_DIR/dovecot/dovecot.conf" fetch -u bounces@bounce.test \
	uid mailbox INBOX HEADER Message-ID foreign. | sed -n 's/^uid: //p')
rm -f "$T/raw"/*
$M bounces >"$T/r" 2>&1
rc=$?; sed 's/^/# /' "$T/r"
[ $rc = 0 ] && grep -q '^bounces: 600 messages' "$T/r"
ok $? "600 notices read (rc $rc)"

# the client's commands, as Dovecot received them ("TIME TAG COMMAND")
cat "$T/raw"/*.in | tr -d '\r' | cut -d' ' -f2- | grep -i '^[^ ]* UID FETCH ' >"$T/fetches"
sed 's/^/# /' "$T/fetches" | cut -c1-120 | head -6
got=$(wc -l <"$T/fetches")
[ "$got" = 4 ]
ok $? "4 UID FETCH for 600 notices (sent: $got; a UID FETCH each: 601)"

# expand SET: the UIDs of an IMAP UID set, one a line
expand() {
	tr ',' '\n' <<<"$1" | awk -F: '{ e = NF > 1 ? $2 : $1; for (u = $1; u <= e; u++) print u }'
}
sizes=$(grep -i 'RFC822.SIZE' "$T/fetches" | awk '{ print $4 }')
[ -n "$fuid" ] && [ "$(expand "$sizes" | wc -l)" = 600 ] &&
	! expand "$sizes" | grep -qx "$fuid"
ok $? "the sizes asked of the 600 only, not of UID $fuid between them (set $sizes)"
bodies=$(grep -i 'BODY.PEEK' "$T/fetches" | awk '{ print $4 }' | while read -r s; do
	expand "$s" | wc -l; done | tr '\n' ' ')
[ "$bodies" = "250 250 100 " ]
ok $? "the bodies in sets of 250 at most (${bodies:0:40})"
settled "600 read in sets"

# killed as it moves the second set: 250 more recorded, not moved
drop 600
kill_at mailimap_uid_move 2 "$T/k"
ok $? "600 more, the run killed at its second UID MOVE"
[ "$(recorded)" = 1100 ]
ok $? "...500 of them recorded (recorded: $(recorded) of 1100)"
rerun r2
settled "the rerun"
exit $tap_failed
