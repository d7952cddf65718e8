# shellcheck shell=bash
# For the scripts that kill `mailer bounces` in its moves to Processed
# (1240, 1370): each sets P (the project), T (its work folder) and
# sources tap.sh, servers.sh, project.sh and gdb.sh first.  Sets M (the
# command) and BOX (INBOX's Maildir); n counts the messages dropped.
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
n=0
# caps CAPABILITY...: what Dovecot offers from now on
caps() {
	srv_dovecot_caps bounces@bounce.test imap-s3cret "$@" ||
		{ echo "Bail out! Dovecot offering $*"; exit 1; }
}
# kill_at FUNC N OUT: mailer bounces SIGKILLed as it calls libetpan's
# FUNC the Nth time; true when it was.
kill_at() { gdb_kill_at "$1" "$2" "$3" $M bounces; }
files() { find "$1/new" "$1/cur" -type f 2>/dev/null; }
# ids DIR: the Message-IDs of the messages in the Maildir DIR, sorted
ids() { files "$1" | xargs -r grep -h '^Message-ID:' | tr -d '\r' | sort; }
# ours: the messages in INBOX but another client's deleted one
ours() { files "$BOX" | grep -v foreign; }
recorded() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM messages"; }
# drop K: K new messages in INBOX (offers; all of one size per digit count)
drop() {
	offer_drop "$BOX" $((n + 1)) "$1"
	n=$((n + $1))
}
# foreign: another client's message in INBOX, flagged \Deleted
foreign() {
	mkdir -p "$BOX/cur"
	printf 'From: <a@shop.test>\r\nSubject: gone\r\nMessage-ID: <foreign.%s@shop.test>\r\n\r\nx\r\n' $$ >"$BOX/cur/foreign:2,ST"
	chown vmail:vmail "$BOX/cur/foreign:2,ST"
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
# rerun OUT: mailer bounces, its output into $T/OUT; ok when it ends
rerun() {
	$M bounces >"$T/$1" 2>&1
	rc=$?; sed 's/^/# /' "$T/$1"
	[ $rc = 0 ]; ok $? "the rerun ends (rc $rc)"
}
