#!/usr/bin/env bash
# On a server without MOVE (RFC 6851) a message goes to Processed as UID
# COPY, STORE \Deleted, EXPUNGE.  A run killed after the COPY (gdb stops
# it as it is about to flag the original) left the original in INBOX,
# undeleted; the rerun found it recorded and copied it once more: two
# copies in Processed.  Now a message recorded under its very UID is
# looked for in Processed (same size, same bytes) before it is copied.
# The run is killed at each step of the move (before the COPY, after it,
# after the STORE, during the rerun's look), with and without UIDPLUS:
# each message ends in Processed exactly once, none lost.  A real
# Dovecot, its capabilities set by imap_capability.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/gdb.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-copycrash.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 12
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
srv_dovecot_caps bounces@bounce.test imap-s3cret IMAP4rev1 LITERAL+ UIDPLUS ||
	{ echo "Bail out! Dovecot without MOVE"; exit 1; }

# kill_at FUNC N OUT: mailer bounces under gdb, SIGKILLed as it calls
# libetpan's FUNC the Nth time; true when it was.
kill_at() {
	gdb_batch "$3" "break $1" "ignore 1 $(($2 - 1))" run kill -- $M bounces
	grep -q "Breakpoint 1, .*$1" "$3" && grep -q 'Inferior 1 .* killed' "$3"
}
files() { find "$1/new" "$1/cur" -type f 2>/dev/null; }
# ids DIR: the Message-IDs of the messages in the Maildir DIR, sorted
ids() { files "$1" | xargs -r grep -h '^Message-ID:' | tr -d '\r' | sort; }
undeleted() { files "$BOX" | grep -v ':2,[A-Z]*T[A-Z]*$'; }
recorded() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM messages"; }
n=0
# drop K: K new messages in INBOX (offers; all of one size)
drop() {
	local i
	for i in $(seq "$1"); do n=$((n + 1)); offer_drop "$BOX" "$n"; done
}
# settled WHAT: each message dropped is in Processed exactly once, none
# left in INBOX undeleted, each recorded once
settled() {
	local want have dup
	want=$(seq "$n" | sed "s/.*/Message-ID: <offer.&.$$@shop.test>/" | sort)
	have=$(ids "$BOX/.Processed")
	dup=$(printf '%s\n' "$have" | uniq -d)
	[ "$have" = "$want" ] && [ -z "$(undeleted)" ] && [ "$(recorded)" = "$n" ]
	ok $? "$1: $n in Processed once each, none left in INBOX ($(files "$BOX/.Processed" | wc -l) in Processed${dup:+, twice: $dup})"
}

drop 3
kill_at mailimap_uid_store 2 "$T/k1"
ok $? "killed after the 2nd message's COPY, before its STORE \\Deleted"
[ "$(files "$BOX/.Processed" | wc -l)" = 2 ] && [ "$(undeleted | wc -l)" = 2 ]
ok $? "...its copy in Processed, its original still in INBOX undeleted"
$M bounces >"$T/r1" 2>&1
rc=$?; sed 's/^/# /' "$T/r1"
[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
settled "killed after the COPY"

drop 2
kill_at mailimap_uid_copy 2 "$T/k2" && kill_at mailimap_uid_expunge 1 "$T/k3"
ok $? "killed before a COPY, then after a STORE \\Deleted"
$M bounces >"$T/r2" 2>&1
rc=$?; sed 's/^/# /' "$T/r2"
[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
settled "killed before the COPY and before the EXPUNGE"

# the rerun itself killed while it looks in Processed
drop 2
kill_at mailimap_uid_store 1 "$T/k4" && kill_at mailimap_examine 1 "$T/k5"
ok $? "killed after a COPY, then in the rerun's look in Processed"
$M bounces >/dev/null 2>&1
settled "killed in the look"

# without UIDPLUS: a plain EXPUNGE
srv_dovecot_caps bounces@bounce.test imap-s3cret IMAP4rev1 LITERAL+ ||
	{ echo "Bail out! Dovecot without UIDPLUS"; exit 1; }
drop 3
kill_at mailimap_uid_store 2 "$T/k6"
ok $? "without UIDPLUS: killed after the 2nd message's COPY"
$M bounces >"$T/r6" 2>&1
rc=$?; sed 's/^/# /' "$T/r6"
[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
settled "without UIDPLUS"
exit $tap_failed
