#!/usr/bin/env bash
# VERP addresses damaged or disguised by a character a terminal hides: a
# notice (real Postfix sent the issue, real Dovecot holds the bounce
# mailbox) returning a delivered copy's header block (its Return-Path
# holds the reader's valid token), addressed to "boun<U+202E>ces+TOKEN@"
# or "unsub<U+200B>scribe+TOKEN@" (the address scan reads them whole),
# "<U+0085>bounces+TOKEN@" (a C1 control) or
# "bou<U+00AD>nces+TOKEN@" (a soft hyphen).  Each was taken for a notice
# with no token at all, and the returned copy's token then counted the
# bounce and suppressed the reader; now each is a forged or damaged token:
# named (printable), and the message counts for nobody.  The warning
# spells the zero-width space and the soft hyphen out as well: shown raw,
# "unsub<U+200B>scribe+TOKEN@" read exactly as a genuine address.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-disguised.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 9
returned_copy_project || exit 1
q() { sqlite3 "$P/state/mailer.db" "$1"; }
RLO=$(printf '\342\200\256') ZWSP=$(printf '\342\200\213')
NEL=$(printf '\302\205') SHY=$(printf '\302\255')

mkdir -p "$BOX/new" "$BOX/cur" "$BOX/tmp"
n=0
for to in "boun${RLO}ces+$tok" "unsub${ZWSP}scribe+$tok" "${NEL}bounces+$tok" \
	"bou${SHY}nces+$tok"; do
	n=$((n + 1))
	hostile_dsn "$to@bounce.test" "Undelivered Mail" "$READER" \
		"user unknown" "dsn-$n.$$@mx.test" "$T/returned.hdr" >"$BOX/new/$n.eml"
done
chown -R vmail:vmail "$BOX"
$M bounces --verbose >"$T/b.out" 2>"$T/b.err"; rc=$?
sed 's/^/# /' "$T/b.out" "$T/b.err"
[ $rc = 0 ]; ok $? "four notices with disguised tokens: read, exit 0 ($rc)"
forged() { grep -Fq "ignored a forged or damaged token in $1@bounce.test" "$T/b.err"; }
forged "boun<U+202E>ces+$tok"
ok $? "U+202E inside bounces+: a forged or damaged token, named whole"
forged "unsub<U+200B>scribe+$tok"
ok $? "a zero-width space inside unsubscribe+: the same, U+200B spelled out"
forged "<U+0085>bounces+$tok"
ok $? "a C1 control before bounces+: the same, U+0085 spelled out"
forged "bou<U+00AD>nces+$tok"
ok $? "a soft hyphen inside bounces+: the same, U+00AD spelled out"
[ "$(q "select count(*) from events")" = 0 ] &&
	[ "$(q "select count(*) from suppressions")" = 0 ]
ok $? "no event and no suppression: the returned token counted for nobody"
grep -q '4 messages: 0 bounces.*4 other' "$T/b.out"
ok $? "the summary counts the four as other"
no_raw_ctl "$T/b.err" && no_raw_ctl "$T/b.out"
ok $? "no raw bidi, C1 or zero-width character in what bounces wrote"
[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the notices were moved out of INBOX like any other"
exit $tap_failed
