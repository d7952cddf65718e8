#!/usr/bin/env bash
# A rerun on a server without MOVE looks in Processed for the copy an
# earlier run's UID COPY may have made of a message it recorded (killed
# before the EXPUNGE).  It searched by size and read every message of
# that size: after a big issue, Processed holds thousands of notices of
# one size, and each look read them all (here 41 of 41).  Now it searches
# by Message-ID and size, and reads only what matches (1); a message
# without a Message-ID, or with one a search would not find as written
# (a quote in it), is still looked up by size and bytes: no duplicate
# either way.  gdb counts libetpan's UID FETCH calls of the rerun.
# A rerun after a kill in a batch of 250 looked for each message's copy
# alone: an EXAMINE of Processed and a SELECT of INBOX a message (250 and
# 251; the rerun took 2.2-4.5 s here, now
# 0.14-0.29 s); now one look a batch: 1 EXAMINE, 2 SELECT, one
# SEARCH of the 250 Message-IDs, the candidates read in one UID FETCH.
. tests/lib/imapmove.sh
imap_project lookup 9
caps IMAP4rev1 LITERAL+ UIDPLUS

# fetches OUT: mailer bounces under gdb; prints how many UID FETCH it sent
fetches() {
	gdb_calls "$1" mailimap_uid_fetch -- $M bounces | cut -d' ' -f2
}
# in_processed PATTERN: how many messages in Processed have a line PATTERN
in_processed() { files "$BOX/.Processed" | xargs -r grep -l -- "$1" | wc -l; }

# 40 offers of one size moved to Processed, then one more of that size
# copied by a run killed before its STORE \Deleted
offer_drop "$BOX" 10 40
$M bounces >"$T/r0" 2>&1 && [ "$(files "$BOX/.Processed" | wc -l)" = 40 ] ||
	{ echo "Bail out! the first run"; cat "$T/r0"; exit 1; }
offer_drop "$BOX" 50
kill_at mailimap_uid_store 1 "$T/k1"
ok $? "killed after the COPY of offer 50, 41 messages of its size in Processed"
# the sizes, offer 50 in INBOX, then its copy only
got=$(fetches "$T/f1")
[ "$got" = 3 ] && [ "$(in_processed "offer.50.")" = 1 ] && [ -z "$(files "$BOX")" ]
ok $? "the rerun reads 1 candidate, not 41 (UID FETCH sent: $got of 3), no duplicate"

offer_drop "$BOX" 51
kill_at mailimap_uid_copy 1 "$T/k2"
got=$(fetches "$T/f2")
[ "$got" = 2 ] && [ "$(in_processed "offer.51.")" = 1 ] && [ -z "$(files "$BOX")" ]
ok $? "killed before the COPY: the rerun reads none (UID FETCH sent: $got of 2), copies it once"

# no Message-ID, and one no search finds as written: size and bytes
mkdir -p "$BOX/new"
printf 'From: <shop@shop.test>\r\nSubject: no id %s\r\n\r\nBuy now.\r\n' $$ >"$BOX/new/noid.eml"
printf 'From: <shop@shop.test>\r\nSubject: odd id\r\nMessage-ID: <"odd %s"@shop.test>\r\n\r\nBuy now.\r\n' $$ >"$BOX/new/odd.eml"
chown vmail:vmail "$BOX/new/noid.eml" "$BOX/new/odd.eml"
kill_at mailimap_uid_store 1 "$T/k3"
ok $? "killed after the COPY of a message without Message-ID and one with a quoted one"
$M bounces >"$T/r3" 2>&1
rc=$?; sed 's/^/# /' "$T/r3"
[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
[ "$(in_processed "^Subject: no id $$")" = 1 ] && [ "$(in_processed "odd $$")" = 1 ]
ok $? "...each in Processed once (by size and bytes)"
[ -z "$(files "$BOX")" ] && [ "$(recorded)" = 44 ]
ok $? "...INBOX empty, 44 messages recorded once each"

# a batch of 250 copied, the run killed before their STORE \Deleted: the
# rerun reads the 250 in INBOX (their sizes, then their bodies: one UID
# FETCH each, 251 before drain read by UID sets), looks once
offer_drop "$BOX" 100 250
kill_at mailimap_uid_store 1 "$T/k4"
ok $? "killed after the UID COPY of a batch of 250"
got=$(gdb_calls "$T/f4" mailimap_examine mailimap_select mailimap_uid_search \
	mailimap_uid_fetch mailimap_uid_copy -- $M bounces | tr '\n' ' ')
dup=$(files "$BOX/.Processed" | xargs grep -h '^Message-ID:' | sort | uniq -d | wc -l)
[ "$got" = "mailimap_examine 1 mailimap_select 2 mailimap_uid_search 3 mailimap_uid_fetch 3 mailimap_uid_copy 0 " ] &&
	[ "$dup" = 0 ] && [ -z "$(files "$BOX")" ] &&
	[ "$(files "$BOX/.Processed" | wc -l)" = 294 ]
ok $? "one look for the batch, none copied twice ($got; $dup twice)"
exit $tap_failed
