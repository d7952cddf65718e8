#!/usr/bin/env bash
# A notice's envelope address with an invisible character in it or at its
# ends (U+202E, U+2066, U+200B): "bounces+AB<U+202E>CD@" was cut at the
# character and read as "CD@", an address with no token, so the token of
# the returned copy (real Postfix sent the issue, real Dovecot holds the
# bounce mailbox) counted the bounce and suppressed the reader;
# "<U+202E>bounces+TOKEN@", "bounces+TOKEN<U+2066>@" and
# "bounces+TOKEN@bounce.test<U+200B>" were read without it, as a valid
# token.  Each address is now read whole and named as a forged or damaged
# token, and the message counts for nobody, every such character spelled
# out in the warning (U+200B too, else the address shown is the genuine
# one).  A mark beside a notice's recipient ("rfc822; <U+200E>reader@")
# still names the reader.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-invisible-env.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 11
returned_copy_project || exit 1
q() { sqlite3 "$P/state/mailer.db" "$1"; }
RLO=$(printf '\342\200\256') LRI=$(printf '\342\201\246')
ZWSP=$(printf '\342\200\213') LRM=$(printf '\342\200\216')
# notice N TO [bare]: a notice to TO returning the copy's header block;
# bare writes "To: TO" without the angle brackets
notice() {
	hostile_dsn "$2" "Undelivered Mail" "$READER" "user unknown" \
		"dsn-$1.$$@mx.test" "$T/returned.hdr" >"$T/n.eml"
	if [ "${3-}" = bare ]; then
		sed 's/^To: <\(.*\)>\r$/To: \1\r/' "$T/n.eml"
	else
		cat "$T/n.eml"
	fi >"$BOX/new/$1.eml"
}

mkdir -p "$BOX/new" "$BOX/cur" "$BOX/tmp"
notice 1 "bounces+${tok:0:10}${RLO}${tok:10}@bounce.test"
notice 2 "${RLO}bounces+$tok@bounce.test"
notice 3 "${RLO}bounces+$tok@bounce.test" bare
notice 4 "bounces+$tok@bounce.test${ZWSP}" bare
notice 5 "bounces+$tok${LRI}@bounce.test"
chown -R vmail:vmail "$BOX"
$M bounces --verbose >"$T/b.out" 2>"$T/b.err"; rc=$?
sed 's/^/# /' "$T/b.out" "$T/b.err"
[ $rc = 0 ]; ok $? "five notices with invisible characters in their envelope: read, exit 0 ($rc)"
forged() { grep -Fq "ignored a forged or damaged token in $1" "$T/b.err"; }
forged "bounces+${tok:0:10}<U+202E>${tok:10}@bounce.test"
ok $? "U+202E inside the token: named whole, not cut to its last part"
[ "$(grep -Fc "ignored a forged or damaged token in <U+202E>bounces+$tok@bounce.test" "$T/b.err")" = 2 ]
ok $? "U+202E before bounces+, in <...> and bare: forged or damaged, both"
forged "bounces+$tok@bounce.test<U+200B>"
ok $? "a zero-width space after the domain: the same, U+200B spelled out"
forged "bounces+$tok<U+2066>@bounce.test"
ok $? "U+2066 before the @: the same"
[ "$(q "select count(*) from events")" = 0 ] &&
	[ "$(q "select count(*) from suppressions")" = 0 ]
ok $? "no event and no suppression: nobody suppressed"
grep -q '5 messages: 0 bounces.*5 other' "$T/b.out"
ok $? "the summary counts the five as other"
no_raw_ctl "$T/b.err" && no_raw_ctl "$T/b.out"
ok $? "no raw bidi or zero-width character in what bounces wrote"

# the reader's own token, the recipient marked left-to-right
hostile_dsn "bounces+$tok@bounce.test" "Undelivered Mail" "$LRM$READER" \
	"user unknown" "dsn-6.$$@mx.test" >"$BOX/new/6.eml"
chown -R vmail:vmail "$BOX"
$M bounces --verbose >"$T/b2.out" 2>"$T/b2.err"; rc=$?
sed 's/^/# /' "$T/b2.out" "$T/b2.err"
[ $rc = 0 ]; ok $? "a notice to the reader's valid token: exit 0 ($rc)"
[ "$(q "select email from suppressions")" = "$READER" ]
ok $? "it suppresses the reader: a mark before the recipient is no part of it"
[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the notices were moved out of INBOX like any other"
exit $tap_failed
