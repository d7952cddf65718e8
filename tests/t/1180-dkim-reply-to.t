#!/usr/bin/env bash
# DKIM replay with an added Reply-To: anyone who receives one newsletter
# can put "Reply-To: someone-else" on top of it and send it on; the
# signature must then fail, or the copy still passes as the newsletter's
# own while replies go elsewhere.  mailer signs Reply-To once more than
# the message has it (none: listed once, RFC 6376 5.4, 8.15), as it does
# From, Subject and List-Unsubscribe(-Post).  Before, Reply-To was signed
# only when present and never over-signed: an added one left both
# signatures passing in dkimpy and OpenDKIM.  Checked with and without
# sender.reply_to.
. tests/lib/tap.sh
. tests/lib/dkim.sh
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
tap_tmp
plan 5
P=$TMP/p
mkdir -p "$P"
cp -r issues lists templates config.yaml "$P/"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
# first_message: sends 2021-01 to list aba, prints one message file
first_message() {
	rm -rf "$P/outbox" "$P/demo/state"
	M send issues/2021-01 --list aba --quiet >"$TMP/send.out" 2>&1 ||
		sed 's/^/# /' "$TMP/send.out" >&2
	find "$P/outbox/new" -type f | head -1
}
f=$(first_message)
M dkim record >"$TMP/rec" && dkim_opendkim_conf "$TMP/rec" "$TMP/od"
# verdicts FILE: "N pass, N fail" over both verifiers and both signatures
# (their lines in $TMP/v.out; show prints them)
verdicts() {
	{ /usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$1"; dkim_opendkim "$TMP/od" "$1"; } \
		>"$TMP/v.out" 2>&1
	echo "$(grep -c ' pass' "$TMP/v.out") pass, $(grep -c ' fail' "$TMP/v.out") fail"
}
show() { sed "s|$TMP/||; s/^/# /" "$TMP/v.out" | cut -c1-120; }
[ -n "$f" ] && v=$(verdicts "$f"); show
[ "$v" = "4 pass, 0 fail" ]
ok $? "control: the message as sent passes (dkimpy and OpenDKIM, rsa and ed25519)"
{ printf 'Reply-To: Evil <evil@example.net>\n'; cat "$f"; } >"$TMP/added.eml"
v=$(verdicts "$TMP/added.eml"); show
[ "$v" = "0 pass, 4 fail" ]; ok $? "a Reply-To added on top: every signature fails ($v)"

# With sender.reply_to: the message has one; a second on top fails too.
sed -i 's/^\(  address: .*\)$/\1\n  reply_to: editor@example.org/' "$P/config.yaml"
grep -q '^  reply_to: editor@example.org$' "$P/config.yaml" || echo "# config.yaml: no sender.address line?"
f=$(first_message)
grep -q '^Reply-To: editor@example.org' "$f"; ok $? "sender.reply_to: the message carries Reply-To"
v=$(verdicts "$f"); show
[ "$v" = "4 pass, 0 fail" ]; ok $? "control: it passes"
{ printf 'Reply-To: Evil <evil@example.net>\n'; cat "$f"; } >"$TMP/second.eml"
v=$(verdicts "$TMP/second.eml"); show
[ "$v" = "0 pass, 4 fail" ]; ok $? "a second Reply-To on top: every signature fails ($v)"
exit $tap_failed
