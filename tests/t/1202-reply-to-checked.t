#!/usr/bin/env bash
# sender.reply_to is an address as sender.address is: checked and its
# domain written in A-labels.  It went into every edition's Reply-To as
# written, so 办公室@科协.中国 put raw UTF-8 into a header of a message
# sent without SMTPUTF8 (RFC 5322 allows ASCII only there; RFC 6532 only
# in an SMTPUTF8 transaction), office@科协.中国 kept its U-labels while
# From had A-labels, and "office" (no domain) or two addresses made a
# Reply-To no reply reaches, all with check saying "ok".  Maildir.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
reply_to() {
	sed -i '/^  reply_to:/d' "$P/config.yaml"
	sed -i "s/^\(  address: .*\)\$/\1\n  reply_to: \"$1\"/" "$P/config.yaml"
}
reply_to '办公室@科协.中国'
M check "$P/issues/2030-01" >"$TMP/c1.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/c1.out"
[ $rc = 78 ] && grep -qF "config.yaml: sender.reply_to \"办公室@科协.中国\": address not supported: an internationalised address (not ASCII before the @, RFC 6531): use one with only ASCII before the @" "$TMP/c1.out"
ok $? "an internationalised reply_to is refused as sender.address is (exit $rc)"
bad=0
for a in office 'a@example.org, b@example.org'; do
	reply_to "$a"
	M check "$P/issues/2030-01" >"$TMP/c2.out" 2>&1; rc=$?
	[ $rc = 78 ] && grep -qF "sender.reply_to \"$a\": " "$TMP/c2.out" ||
		{ echo "# $a: exit $rc"; sed 's/^/# /' "$TMP/c2.out"; bad=1; }
done
[ $bad = 0 ]; ok $? "a reply_to that is no address is refused, named"
reply_to 'office@科协.中国'
M check "$P/issues/2030-01" >/dev/null 2>&1 &&
	M preview "$P/issues/2030-01" --out "$TMP/pv" >/dev/null 2>&1
grep -a '^Reply-To:' "$TMP/pv/east.eml" | sed 's/^/# /'
tr -d '\r' <"$TMP/pv/east.eml" | grep -aqx 'Reply-To: office@xn--ykrz90g.xn--fiqs8s' 
ok $? "a domain in U-labels goes out as its A-labels"
! tr -d '\r' <"$TMP/pv/east.eml" | LC_ALL=C grep -aq '^Reply-To:.*[^ -~]' 
ok $? "the header is ASCII"
exit $tap_failed
