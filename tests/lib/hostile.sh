# Helpers for the tests/t/07xx-hostile-*.t scripts.  Source after tap.sh
# and tap_tmp.  hostile_project makes $TMP/p (the sample, unsigned, Maildir
# transport) and sends issue 2021-01 once, so each case can show that a
# refused input changed nothing: same outbox, same journal, no injected
# header anywhere.
. tests/lib/project.sh
hostile_tried=0
hostile_refused=0
hostile_project() {
	local d=$TMP/p
	mk_maildir_project "$d"
	P=$d
	"$MAILER" --config "$d/config.yaml" send "$d/issues/2021-01" >/dev/null 2>&1
}
# The state a refused input must leave alone.
hostile_snapshot() {
	{ ls "$P/outbox/new" | wc -l; sqlite3 "$P/state/mailer.db" .dump; } |
		md5sum
}
hostile_fresh_issue() {	# a copy of 2021-01 as $P/issues/2021-02 (I)
	rm -rf "$P/issues/2021-02"
	cp -r "$P/issues/2021-01" "$P/issues/2021-02"
	sed -i 's/^number: 1$/number: 2/' "$P/issues/2021-02/issue.yaml"
	I=$P/issues/2021-02
}
# hostile NAME CODE REGEX -- MAILER-ARGS...: the input is refused with exit
# CODE and a message matching REGEX, and nothing changed (3 TAP lines).
hostile() {
	local name=$1 code=$2 re=$3 before rc; shift 4
	before=$(hostile_snapshot)
	"$MAILER" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	rc=$?
	hostile_tried=$((hostile_tried + 1))
	[ "$rc" -eq "$code" ]; ok $? "$name: exit $code (got $rc)"
	grep -Eq -- "$re" "$TMP/stderr"; ok $? "$name: message matches /$re/"
	[ "$(hostile_snapshot)" = "$before" ] &&
		! grep -rqiE '^(bcc|x-injected):' "$P/outbox" "$TMP/stdout"
	ok $? "$name: nothing sent, journal unchanged, no injected header"
	[ "$rc" -eq "$code" ] && hostile_refused=$((hostile_refused + 1))
	sed 's/^/#   /' "$TMP/stderr" | head -2
}
# Records this script's count for tests/t/0999-harden-summary.t, under
# the script's own name (tests/.harden/0710-hostile-yaml).
hostile_record() {
	mkdir -p tests/.harden
	echo "$hostile_tried $hostile_refused" >"tests/.harden/$(basename "$0" .t)"
}
# no_raw_ctl FILE: 0 when FILE holds no raw control for a terminal or a
# log to act on (C0 but LF, DEL, C1 as UTF-8, direction or line-separator
# characters, invalid UTF-8) and no character shown as nothing (U+00AD,
# U+180E, U+200B-200D, U+2060-2064, U+206A-206F, U+FEFF), as mailer
# shows outside data (printable()).
no_raw_ctl() {
	! LC_ALL=C grep -qaP '[\x00-\x09\x0b-\x1f\x7f]' "$1" &&
		! LC_ALL=C.UTF-8 grep -qaP '[\x{80}-\x{9f}\x{ad}\x{61c}\x{180e}\x{200b}-\x{200f}\x{2028}-\x{202e}\x{2060}-\x{2064}\x{2066}-\x{206f}\x{feff}]' "$1" &&
		iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# hostile_dsn TO SUBJECT RECIPIENT REASON MESSAGE-ID [HEADERS-FILE]: a
# bounce notice (multipart/report, a 5.1.1 delivery-status part, and the
# returned message's header block read from HEADERS-FILE when given) to
# envelope TO, written to stdout with CR LF line ends; each value is
# written as it is.
hostile_dsn() {
	printf 'From: MAILER-DAEMON@mx.test\r
To: <%s>\r
Subject: %s\r
Message-ID: <%s>\r
MIME-Version: 1.0\r
Content-Type: multipart/report; report-type=delivery-status; boundary=b\r
\r
--b\r
Content-Type: text/plain\r
\r
Your message could not be delivered.\r
\r
--b\r
Content-Type: message/delivery-status\r
\r
Reporting-MTA: dns; mx.test\r
\r
Final-Recipient: rfc822; %s\r
Action: failed\r
Status: 5.1.1\r
Diagnostic-Code: smtp; 550 5.1.1 %s\r
\r
' "$1" "$2" "$5" "$3" "$4"
	if [ -n "${6:-}" ]; then
		printf -- '--b\r\nContent-Type: text/rfc822-headers\r\n\r\n'
		sed 's/\r*$/\r/' "$6"
	fi
	printf -- '--b--\r\n'
}
# returned_copy_project (after srv_init, in $T): the bounce project $P
# (mailer command $M) sends issue 2021-01 to list ganzi through real
# Postfix, which is then stopped; $T/returned.hdr holds the header block
# of the copy READER (zeren.lamu.gz@members.test) received, $tok its
# valid token, $BOX the bounce mailbox's Maildir.
returned_copy_project() {
	P=$T/proj
	READER=zeren.lamu.gz@members.test
	bounce_servers "$T/imap.pw" || return 1
	mk_bounce_project "$P" "$T/imap.pw"
	M="$MAILER --config $P/config.yaml"
	$M send "$P/issues/2021-01" --list ganzi --quiet >"$T/send.out" 2>&1 ||
		{ echo "Bail out! send"; cat "$T/send.out"; return 1; }
	srv_wait_queue_empty 120 && srv_wait_count "$READER" 1 ||
		{ echo "Bail out! delivery"; return 1; }
	srv_postfix_stop
	sed '/^\r\?$/q' "$(ls "$(srv_maildir "$READER")"/new/* | head -1)" \
		>"$T/returned.hdr"
	tok=$(sed -n 's/^Return-Path: <bounces+\([a-z2-7]*\)@.*/\1/p' \
		"$T/returned.hdr")
	[ -n "$tok" ] ||
		{ echo "Bail out! no token in the copy's Return-Path"; return 1; }
	BOX=$(srv_maildir bounces@bounce.test)
}
