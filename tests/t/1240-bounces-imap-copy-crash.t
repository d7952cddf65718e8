#!/usr/bin/env bash
# On a server without MOVE (RFC 6851) messages go to Processed as UID
# COPY, STORE \Deleted, EXPUNGE, now of a whole UID set at a time (up to
# 250 messages a command; one command per message cost 51-58 ms a message
# on 5,000).  A run killed after the COPY left the originals in INBOX,
# undeleted; the rerun finds them recorded under their very UIDs and looks
# for their copies in Processed (Message-ID, size, bytes; one look for
# the batch: 1320) before copying them: no duplicate.  A run killed after the STORE left the originals flagged
# \Deleted: they stayed in INBOX for good (skipped as deleted); now the
# rerun expunges those it recorded whose copy is in Processed, and leaves
# another client's \Deleted message alone (with UIDPLUS; without it the
# plain EXPUNGE takes that one too, as every move there does).  The run is
# killed at each step (before the COPY, after it, after the STORE, during
# the rerun's look and its expunge, the 2nd of two batches, MOVE) with and
# without UIDPLUS: each message ends in Processed exactly once, recorded
# once, none left in INBOX.  A real Dovecot, its capabilities set by
# imap_capability.
. tests/lib/imapmove.sh
imap_project copycrash 24
caps IMAP4rev1 LITERAL+ UIDPLUS
undeleted() { files "$BOX" | grep -v ':2,[A-Z]*T[A-Z]*$'; }

drop 3
kill_at mailimap_uid_store 1 "$T/k1"
ok $? "killed after the COPY of the 3 messages' UIDs, before their STORE \\Deleted"
[ "$(files "$BOX/.Processed" | wc -l)" = 3 ] && [ "$(undeleted | wc -l)" = 3 ]
ok $? "...their copies in Processed, the originals still in INBOX undeleted"
# one look for the 3 (it was an EXAMINE and a SELECT each)
got=$(gdb_calls "$T/r1" mailimap_examine mailimap_select -- $M bounces | tr '\n' ' ')
[ "$got" = "mailimap_examine 1 mailimap_select 2 " ] && grep -q 'exited normally' "$T/r1"
ok $? "the rerun ends, one look in Processed for the 3 ($got)"
settled "killed after the COPY"

drop 2
kill_at mailimap_uid_copy 1 "$T/k2" && kill_at mailimap_uid_expunge 1 "$T/k3"
ok $? "killed before a COPY, then (the rerun, one by one) after a STORE \\Deleted"
rerun r2
settled "killed before the COPY and before the EXPUNGE"

# the rerun itself killed while it looks in Processed
drop 2
kill_at mailimap_uid_store 1 "$T/k4" && kill_at mailimap_examine 1 "$T/k5"
ok $? "killed after a COPY, then in the rerun's look in Processed"
$M bounces >/dev/null 2>&1
settled "killed in the look"

# killed between the STORE \Deleted of a batch and its EXPUNGE, nothing
# else to move on the rerun; another client's \Deleted message beside
foreign
drop 3
kill_at mailimap_uid_expunge 1 "$T/k6"
ok $? "killed after the STORE \\Deleted of 3 messages, before their UID EXPUNGE"
[ "$(ours | wc -l)" = 3 ] && [ -z "$(undeleted)" ]
ok $? "...the 3 left in INBOX flagged \\Deleted"
kill_at mailimap_examine 1 "$T/k7"
ok $? "the rerun killed as it looks for their copies"
rerun r7
settled "killed before the EXPUNGE"
[ "$(files "$BOX" | grep -c foreign)" = 1 ]
ok $? "another client's \\Deleted message stays in INBOX"

# two batches (250 + 10): killed after the 2nd one's COPY
drop 260
kill_at mailimap_uid_store 2 "$T/k8"
ok $? "killed after the COPY of the 2nd batch"
[ "$(undeleted | wc -l)" = 10 ]
ok $? "...the 1st batch moved, the 10 of the 2nd left ($(undeleted | wc -l))"
rerun r8
settled "killed in the 2nd batch"

# without UIDPLUS: a plain EXPUNGE
caps IMAP4rev1 LITERAL+
drop 3
kill_at mailimap_expunge 1 "$T/k9"
ok $? "without UIDPLUS: killed after the STORE \\Deleted, before the EXPUNGE"
rerun r9
settled "without UIDPLUS"
[ -z "$(files "$BOX")" ]
ok $? "...the plain EXPUNGE took another client's \\Deleted message too"

# with MOVE: killed before the UID MOVE of the set
caps IMAP4rev1 LITERAL+ UIDPLUS MOVE
drop 3
kill_at mailimap_uid_move 1 "$T/k10" && $M bounces >/dev/null 2>&1
settled "with MOVE, killed before the MOVE"
exit $tap_failed
