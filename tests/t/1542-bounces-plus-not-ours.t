#!/usr/bin/env bash
# A notice to a '+' address at the bounce domain that is no VERP address
# of ours in form ("bounces+shop-orders@", "news+x@", a token cut short:
# not 29 characters of base32) was taken for one whose token was forged
# or damaged: a warning said so, the message counted for nobody, and
# nothing was kept as evidence, though its returned copy proved which
# reader's message had bounced.  Nothing needed that: a notice sent to
# the plain bounces@ is read as one without a token, and so anyone could
# have had it read so.  Now such an address counts as no token at all:
# the returned copy's token counts the bounce, and without one the
# notice is kept as unverified evidence (0540's rules).  A token of the
# right form whose MAC is wrong, a '+' address there that ends in a
# token's form ("ces+TOKEN@", what an address scan may keep of a
# disguised "boun<U+3164>ces+TOKEN@"), and an address with a character
# shown as nothing in it are still forged: the message counts for nobody,
# and the warning spells such a character out (U+3164, a Hangul filler,
# was written raw: "boun<U+3164>ces+TOKEN@" read as our address).
# Real Postfix sent the issue, real Dovecot holds the bounce mailbox.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-plusnotours.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 11
returned_copy_project || exit 1
q() { sqlite3 "$P/state/mailer.db" "$1"; }
mkdir -p "$BOX/new" "$BOX/cur" "$BOX/tmp"
n=0
# expect WANT WHAT TO [HDR]: a DSN for READER to TO (returned headers
# HDR), read by one mailer bounces run (its stderr in $T/b.err); ok when
# WANT is "forged/EVENTS/UNVERIFIED": whether it said the token was
# forged or damaged, the events and unverified rows the run added
last=0 lastu=0
expect() {
	local rc ev unv forged=no
	n=$((n + 1))
	hostile_dsn "$3" "Undelivered Mail" "$READER" "user unknown" \
		"dsn-$n.$$@mx.test" "${4:-}" >"$BOX/new/$n.eml"
	chown -R vmail:vmail "$BOX"
	$M bounces >"$T/b.out" 2>"$T/b.err"; rc=$?
	sed 's/^/# /' "$T/b.err"
	ev=$(($(q "select count(*) from events") - last)); last=$((last + ev))
	unv=$(($(q "select count(*) from unverified") - lastu)); lastu=$((lastu + unv))
	grep -q 'forged or damaged token' "$T/b.err" && forged=yes
	[ $rc = 0 ] && [ "$forged/$ev/$unv" = "$1" ]
	ok $? "$2 ($forged/$ev/$unv, exit $rc)"
}
# the reader's token with its last character changed: a MAC that fails
bad=${tok%?}$([ "${tok: -1}" = a ] && echo b || echo a)
ZWSP=$(printf '\342\200\213') H=$T/returned.hdr

expect yes/0/0 "bounces+ a token of our form, its MAC wrong: forged, counts for nobody" \
	"bounces+$bad@bounce.test" "$H"
expect yes/0/0 "bounces+shop<U+200B>orders@: forged, counts for nobody" \
	"bounces+shop${ZWSP}orders@bounce.test" "$H"
expect yes/0/0 "ces+TOKEN@ (what the scan may keep of a disguised bounces+TOKEN@): forged" \
	"ces+$tok@bounce.test" "$H"
expect yes/0/0 "boun<U+3164>ces+TOKEN@ (a Hangul filler): forged" \
	"boun$(printf '\343\205\244')ces+$tok@bounce.test" "$H"
grep -Fq "forged or damaged token in boun<U+3164>ces+$tok@bounce.test" "$T/b.err" && no_raw_ctl "$T/b.err" &&
	! LC_ALL=C.UTF-8 grep -qP '\x{3164}' "$T/b.err"
ok $? "...named with the filler spelled out, U+3164 (was shown raw: bounces+ to the eye)"
expect no/0/1 "bounces+shop-orders@, no returned copy: no token, kept as unverified evidence" \
	"bounces+shop-orders@bounce.test"
grep -q "for $READER $UNPROVEN: kept as unverified evidence" "$T/b.err"
ok $? "...and said so"
expect no/1/0 "bounces+shop-orders@ with the returned copy: its token counts the bounce" \
	"bounces+shop-orders@bounce.test" "$H"
expect no/1/0 "news+x@: the same" "news+x@bounce.test" "$H"
expect no/1/0 "bounces+ a token cut to 28 characters: the same" "bounces+${tok%?}@bounce.test" "$H"
[ "$(q "select count(*) from events where email = '$READER' and kind = 'bounce'")" = 3 ] &&
	[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "three bounces recorded for $READER, all eight notices moved out of INBOX"
exit $tap_failed
