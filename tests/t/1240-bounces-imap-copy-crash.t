#!/usr/bin/env bash
# On a server without MOVE (RFC 6851) messages go to Processed as UID
# COPY, STORE \Deleted, EXPUNGE, now of a whole UID set at a time (up to
# 250 messages a command; one command per message cost 51-58 ms a message
# on 5,000).  A run killed after the COPY left the originals in INBOX,
# undeleted; the rerun finds them recorded under their very UIDs and looks
# for each in Processed (Message-ID, size, bytes) before copying it: no
# duplicate.  A run killed after the STORE left the originals flagged
# \Deleted: they stayed in INBOX for good (skipped as deleted); now the
# rerun expunges those it recorded whose copy is in Processed, and leaves
# another client's \Deleted message alone (with UIDPLUS; without it the
# plain EXPUNGE takes that one too, as every move there does).  The run is
# killed at each step (before the COPY, after it, after the STORE, during
# the rerun's look and its expunge, the 2nd of two batches, MOVE) with and
# without UIDPLUS: each message ends in Processed exactly once, recorded
# once, none left in INBOX.  A real Dovecot, its capabilities set by
# imap_capability.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/gdb.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-copycrash.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 24
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
caps() {
	srv_dovecot_caps bounces@bounce.test imap-s3cret "$@" ||
		{ echo "Bail out! Dovecot offering $*"; exit 1; }
}
caps IMAP4rev1 LITERAL+ UIDPLUS

# kill_at FUNC N OUT: mailer bounces SIGKILLed as it calls libetpan's
# FUNC the Nth time; true when it was.
kill_at() { gdb_kill_at "$1" "$2" "$3" $M bounces; }
files() { find "$1/new" "$1/cur" -type f 2>/dev/null; }
# ids DIR: the Message-IDs of the messages in the Maildir DIR, sorted
ids() { files "$1" | xargs -r grep -h '^Message-ID:' | tr -d '\r' | sort; }
undeleted() { files "$BOX" | grep -v ':2,[A-Z]*T[A-Z]*$'; }
# ours: the messages in INBOX but another client's deleted one
ours() { files "$BOX" | grep -v foreign; }
recorded() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM messages"; }
n=0
# drop K: K new messages in INBOX (offers; all of one size per digit count)
drop() {
	offer_drop "$BOX" $((n + 1)) "$1"
	n=$((n + $1))
}
# settled WHAT: each message dropped is in Processed exactly once, none
# left in INBOX, each recorded once
settled() {
	local want have dup
	want=$(seq "$n" | sed "s/.*/Message-ID: <offer.&.$$@shop.test>/" | sort)
	have=$(ids "$BOX/.Processed")
	dup=$(printf '%s\n' "$have" | uniq -d)
	[ "$have" = "$want" ] && [ -z "$(ours)" ] && [ "$(recorded)" = "$n" ]
	ok $? "$1: $n in Processed once each, none left in INBOX ($(files "$BOX/.Processed" | wc -l) in Processed, $(ours | wc -l) in INBOX${dup:+, twice: $dup})"
}
rerun() {
	$M bounces >"$T/$1" 2>&1
	rc=$?; sed 's/^/# /' "$T/$1"
	[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
}

drop 3
kill_at mailimap_uid_store 1 "$T/k1"
ok $? "killed after the COPY of the 3 messages' UIDs, before their STORE \\Deleted"
[ "$(files "$BOX/.Processed" | wc -l)" = 3 ] && [ "$(undeleted | wc -l)" = 3 ]
ok $? "...their copies in Processed, the originals still in INBOX undeleted"
rerun r1
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
mkdir -p "$BOX/cur"
printf 'From: <a@shop.test>\r\nSubject: gone\r\nMessage-ID: <foreign.%s@shop.test>\r\n\r\nx\r\n' $$ >"$BOX/cur/foreign:2,ST"
chown vmail:vmail "$BOX/cur/foreign:2,ST"
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
