# shellcheck shell=bash
# For the scripts that stop or kill `mailer bounces` on a real Dovecot in
# its moves to Processed (1240, 1241, 1242, 1320, 1370, 1430, 1431,
# 1470).
# Sourced first, from the project root; then imap_project NAME PLAN.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/gdb.sh
# imap_project NAME PLAN: skips without the servers or gdb; T (the work
# folder, removed on exit after tap_cleanup), Dovecot and Postfix, plan
# PLAN, P (a project that sent an issue, reading bounces@bounce.test over
# IMAPS), M (its mailer command) and BOX (INBOX's Maildir); n counts the
# messages dropped.
imap_project() {
	srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
	command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
	T=$(mktemp -d "/tmp/mailer-t-$1.XXXXXX"); chmod 755 "$T"
	trap 'tap_cleanup 2>/dev/null; rm -rf "$T"' EXIT
	srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
	plan "$2"
	P=$T/proj
	sent_bounce_project "$P" "$T/imap.pw" || exit 1
	M="$MAILER --config $P/config.yaml"
	BOX=$(srv_maildir bounces@bounce.test)
	n=0
}
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
# rawlog DIR: Dovecot keeps each IMAP session's bytes from now on under
# DIR (its rawlog: NAME.in what the client sent, NAME.out its answers)
rawlog() {
	local conf=$SRV_DIR/dovecot/dovecot.conf
	mkdir -p "$1" && chown vmail:vmail "$1" || return 1
	sed -i '/^# rawlog$/,/^}$/d' "$conf"
	printf '# rawlog\nprotocol imap {\n  rawlog_dir = %s\n}\n' "$1" >>"$conf"
	kill -HUP "$(srv__dovecot_pid)" &&
		wait_for 30 "Dovecot's rawlog in $1" rawlog__on "$1"
}
rawlog__on() {
	srv__caps_now bounces@bounce.test imap-s3cret >/dev/null
	find "$1" -name '*.in' | grep -q .
}
# sync: Dovecot gives the messages in INBOX their UIDs now, in the order
# of their names (the next drop's come after)
sync_inbox() {
	doveadm -c "$SRV_DIR/dovecot/dovecot.conf" mailbox status \
		-u bounces@bounce.test uidnext INBOX >/dev/null
}
