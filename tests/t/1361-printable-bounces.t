#!/usr/bin/env bash
# Bounce notices and IMAP names are outside data: a notice in the bounce
# mailbox (real Dovecot) whose envelope carries a token with U+202E (text
# shown reversed; a forged or damaged token, named whole), another with no
# token whose recipient holds U+202E and U+009B (the C1 CSI, which UTF-8
# terminals obey), both with a Subject and reason holding ESC [2J;
# an imap.folder and an imap.processed_folder holding ESC, which the
# server refuses.  mailer bounces names each (the recipient it cannot
# prove, the folder, the server's refusal) with its controls spelled out
# (\xNN, <U+XXXX>): no raw control byte reaches the terminal or cron
# mail, and the notice is still read and moved.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-printable-bounces.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 9
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
ESC=$(printf '\033') RLO=$(printf '\342\200\256') CSI=$(printf '\302\233')
BS='[\]'	# a backslash, in grep -E

mkdir -p "$BOX/new" "$BOX/cur" "$BOX/tmp"
hostile_dsn "bounces+AAAA${RLO}BBBB@bounce.test" "Undelivered Mail ${ESC}[2J" \
	"evil${CSI}2J${RLO}gro@members.test" "user unknown${ESC}[2J" \
	"dsn-hostile.$$@mx.test" >"$BOX/new/hostile.eml"
hostile_dsn "bounces@bounce.test" "Undelivered Mail ${ESC}[2J" \
	"evil${CSI}2J${RLO}gro@members.test" "user unknown${ESC}[2J" \
	"dsn-hostile-2.$$@mx.test" >"$BOX/new/hostile-2.eml"
chown -R vmail:vmail "$BOX"
$M bounces --verbose >"$T/b.out" 2>"$T/b.err"; rc=$?
sed 's/^/# /' "$T/b.out" "$T/b.err"
[ $rc = 0 ]; ok $? "notices with controls in their envelope, recipient, subject and reason: read, exit 0 ($rc)"
grep -Eq "a bounce for evil<U\+009B>2J<U\+202E>gro@members.test without a valid token" "$T/b.err"
ok $? "the unproven recipient is named with U+009B and U+202E spelled out"
grep -Fq "ignored a forged or damaged token in bounces+AAAA<U+202E>BBBB@bounce.test" "$T/b.err"
ok $? "the envelope's token with U+202E: forged or damaged, named whole and spelled out"
no_raw_ctl "$T/b.err" && no_raw_ctl "$T/b.out"
ok $? "no raw control byte in what bounces wrote"
[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the notices were moved out of INBOX like any other"

cp "$P/config.yaml" "$T/config.yaml"
# folder NAME KEY YAML-VALUE REGEX: imap.KEY set to YAML-VALUE; bounces
# exits 78 with a message matching REGEX and no raw control (2 TAP lines)
folder() {
	cp "$T/config.yaml" "$P/config.yaml"
	sed -i "/^imap:/a\\  $2: $3" "$P/config.yaml"
	$M bounces >"$T/$2.out" 2>"$T/$2.err"; rc=$?
	sed 's/^/# /' "$T/$2.err"
	[ $rc = 78 ] && grep -Eq "$4" "$T/$2.err"
	ok $? "$1: exit 78, named with its controls spelled out ($rc)"
	no_raw_ctl "$T/$2.err"
	ok $? "$1: no raw control byte in the message or the server's words"
}
folder "an imap.folder with ESC" folder '"\\e]0;pwned\\aINBOX"' \
	"imap.folder \"${BS}x1b]0;pwned${BS}x07INBOX\": no such folder"
folder "an imap.processed_folder with ESC the server will not create" \
	processed_folder '"\\e[2JDone"' \
	"imap.processed_folder \"${BS}x1b\[2JDone\""
exit $tap_failed
