#!/usr/bin/env bash
# A message our move flagged \Deleted in INBOX (the run killed before
# the EXPUNGE) whose copy is no longer in Processed (a person deleted it
# there, or flagged the original after a refused move) was fetched and
# looked for on every run, and stayed in INBOX for good.  Now the run
# that finds it clears its \Deleted and moves it as any recorded message:
# copied once, expunged, never looked for again.  Cleared before the
# EXPUNGE: without UIDPLUS a plain EXPUNGE would take it uncopied.  A
# run killed just after the clearing leaves a recorded message the rerun
# moves.  Another client's \Deleted message stays.  A real Dovecot.
. tests/lib/imapmove.sh
imap_project delgone 8
caps IMAP4rev1 LITERAL+ UIDPLUS

# cut KILLFUNC K: K new messages moved by a run killed at KILLFUNC (after
# their STORE \Deleted), then their copies deleted from Processed
cut() {
	local before
	before=$(files "$BOX/.Processed" | wc -l)
	drop "$2"
	kill_at "$1" 1 "$T/k" || return 1
	files "$BOX/.Processed" | xargs -r grep -l "^Message-ID: <offer\.\($(seq -s '\|' $((n - $2 + 1)) $n)\)\." | xargs -r rm
	[ "$(files "$BOX/.Processed" | wc -l)" = "$before" ] && [ "$(ours | grep -c ':2,[A-Z]*T')" = "$2" ]
}

foreign
cut mailimap_uid_expunge 3
ok $? "3 messages left flagged \\Deleted in INBOX, their copies deleted from Processed"
rerun r1
settled "copy gone"
[ "$(files "$BOX" | grep -c foreign)" = 1 ]
ok $? "another client's \\Deleted message stays in INBOX"
got=$(gdb_calls "$T/c1" mailimap_uid_fetch mailimap_examine -- $M bounces | tr '\n' ' ')
[ "$got" = "mailimap_uid_fetch 0 mailimap_examine 0 " ]
ok $? "the next run reads nothing, looks for nothing ($got)"

# killed as the rerun clears \Deleted (its first UID STORE)
cut mailimap_uid_expunge 2 && kill_at mailimap_uid_store 1 "$T/k2" &&
	$M bounces >/dev/null 2>&1
settled "killed as it clears \\Deleted"

# without UIDPLUS the EXPUNGE is a plain one: cleared first
caps IMAP4rev1 LITERAL+
cut mailimap_expunge 2 && $M bounces >/dev/null 2>&1
settled "without UIDPLUS"
[ -z "$(files "$BOX")" ]
ok $? "...the plain EXPUNGE took another client's \\Deleted message"
exit $tap_failed
