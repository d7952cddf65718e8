#!/usr/bin/env bash
# A run killed between the STORE \Deleted of a batch and its EXPUNGE
# leaves the originals in INBOX flagged \Deleted; the rerun reads each
# one it recorded (their bytes are how their copies are looked for in
# Processed).  It read them with a UID FETCH each: 250 commands for a
# batch, 251 for 251.  Now it reads them as UID sets of up to 250 (their
# sizes, then their bodies: a few megabytes at a time), 2 UID FETCH for a
# batch.  gdb counts libetpan's UID FETCH calls of the rerun: all of them
# when 5 copies are in Processed (sizes, bodies, candidates: 3, was 6),
# and those before it clears or expunges anything (its first UID STORE)
# for 251 recorded messages flagged \Deleted by doveadm (3, was 251: the
# sizes of the 251 in one UID set, 1:251).
# Each message ends in Processed once.  A real Dovecot without MOVE.
. tests/lib/imapmove.sh
imap_project delfetch 7
caps IMAP4rev1 LITERAL+ UIDPLUS

foreign
drop 5
kill_at mailimap_uid_expunge 1 "$T/k1"
ok $? "killed after the STORE \\Deleted of 5 messages, before their UID EXPUNGE"
got=$(gdb_calls "$T/f1" mailimap_uid_fetch -- $M bounces | cut -d' ' -f2)
[ "$got" = 3 ] && grep -q 'exited normally' "$T/f1"
ok $? "the rerun reads the 5 in one UID FETCH (UID FETCH sent: $got of 3: sizes, bodies, candidates)"
settled "5 flagged \\Deleted"

# 1 recorded by a run killed before its COPY, 250 more by the next one
# (the 1 waits for the others' move), then all flagged \Deleted: no copy
drop 1
kill_at mailimap_uid_copy 1 "$T/k2" && drop 250 && kill_at mailimap_uid_copy 1 "$T/k3" &&
	doveadm -c "$SRV_DIR/dovecot/dovecot.conf" flags add -u bounces@bounce.test \
		'\Deleted' mailbox INBOX NOT HEADER Message-ID foreign. &&
	[ "$(recorded)" = 256 ] && [ "$(ours | grep -c ':2,[A-Z]*T')" = 251 ]
ok $? "251 recorded messages in INBOX flagged \\Deleted, none in Processed"
gdb_batch "$T/f2" 'break mailimap_uid_fetch' 'ignore 1 1000000' \
	'break mailimap_uid_store' run 'info breakpoints' kill -- $M bounces
got=$(awk '/^1 +breakpoint/ { b = 1 } b && /already hit/ { print $4; exit }' "$T/f2")
[ "$got" = 3 ] && grep -q 'Breakpoint 2, .*mailimap_uid_store' "$T/f2"
ok $? "the rerun reads them in two sets, before its STORE (UID FETCH sent: $got of 3: their sizes in one)"
rerun r3
settled "251 flagged \\Deleted, no copy"
exit $tap_failed
