#!/usr/bin/env bash
# dkim.keys with only an Ed25519 key: Gmail, Yahoo and Microsoft verify no
# Ed25519 signature, so their DKIM check, which bulk senders must pass,
# fails there.  check, send and dkim record say so on stderr and go on
# (exit 0: the signature is valid, RFC 8463); with an RSA key beside it,
# or an RSA key alone, not a word about it.
. tests/lib/tap.sh
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
plan 4
K=$TMP/keys
mkdir -m 700 "$K"
(
	umask 077; cd "$K" || exit 1
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem
	openssl genpkey -algorithm ED25519 -out ed.pem
) >/dev/null 2>&1 || { echo "Bail out! openssl could not make the test keys"; exit 1; }
P=$TMP/p
mkdir -p "$P"
cp -r issues lists templates "$P/"
# project KEYFILE...: a Maildir project signing with each key
project() {
	rm -rf "$P/outbox" "$P/state"
	{ printf 'sender:\n  name: Test\n  address: newsletter@example.org\n'
	  printf 'paths:\n  state: state/mailer.db\nsecret_file: state/verp.key\n'
	  printf 'transport:\n  relays: [maildir:outbox]\n'
	  printf 'dkim:\n  keys:\n'
	  n=0; for k in "$@"; do n=$((n + 1))
		printf '    - { selector: s%d, key_file: %s }\n' $n "$k"; done
	} >"$P/config.yaml"
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
SAYS="config.yaml: dkim.keys has no RSA key: Gmail, Yahoo and Microsoft do not verify Ed25519 signatures, so DKIM fails there; add an RSA-2048 key beside it"

project "$K/ed.pem"
M check issues/2021-01 >/dev/null 2>"$TMP/check.err"; rc=$?
sed 's/^/# /' "$TMP/check.err"
[ $rc = 0 ] && grep -qF "$SAYS" "$TMP/check.err"
ok $? "Ed25519 alone: check warns and passes (exit $rc)"
M send issues/2021-01 --list aba >/dev/null 2>"$TMP/send.err"; rc=$?
M dkim record >/dev/null 2>"$TMP/rec.err"; rc2=$?
[ $rc = 0 ] && [ $rc2 = 0 ] && [ "$(grep -cF "$SAYS" "$TMP/send.err")" = 1 ] &&
	grep -qF "$SAYS" "$TMP/rec.err" &&
	[ "$(grep -l '^DKIM-Signature: v=1; a=ed25519-sha256;' "$P"/outbox/new/* | wc -l)" = 4 ]
ok $? "Ed25519 alone: send (once, not per message) and dkim record warn too; the 4 messages are signed"

project "$K/rsa.pem" "$K/ed.pem"
M check issues/2021-01 >/dev/null 2>"$TMP/both.err"; rc=$?
[ $rc = 0 ] && ! grep -q 'RSA key' "$TMP/both.err"
ok $? "RSA and Ed25519: no warning (exit $rc)"
project "$K/rsa.pem"
M check issues/2021-01 >/dev/null 2>"$TMP/rsa.err"; rc=$?
[ $rc = 0 ] && ! grep -q 'RSA key' "$TMP/rsa.err"
ok $? "RSA alone: no warning (exit $rc)"
exit $tap_failed
