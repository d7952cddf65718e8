#!/usr/bin/env bash
# DKIM keys and the dkim:/feedback: configuration refused before anything
# is sent: `check` and `send` exit 78 naming the file (and line), and the
# Maildir stays empty, the journal records nothing sent.  Keys are made
# with the openssl command.  RSA-1024 is accepted with a warning.
. tests/lib/tap.sh
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
plan 20
K=$TMP/keys
mkdir -m 700 "$K"
(
	umask 077; cd "$K" || exit 1
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa.pem
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pem
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:768 -out rsa768.pem
	openssl genpkey -algorithm ED25519 -out ed.pem
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem
	openssl genpkey -algorithm ED25519 -aes256 -pass pass:secret -out enc.pem
	head -c 300 rsa.pem >cut.pem
	cp ed.pem open.pem; chmod 640 open.pem
) >/dev/null 2>&1 || { echo "Bail out! openssl could not make the test keys"; exit 1; }

P=$TMP/p
mkdir -p "$P"
cp -r issues lists templates "$P/"
# project KEYFILE [TYPE] [extra top-level yaml]: a Maildir project signing with it
project() {
	rm -rf "$P/outbox" "$P/state"
	{ printf 'sender:\n  name: Test\n  address: newsletter@example.org\n'
	  printf 'paths:\n  state: state/mailer.db\nsecret_file: state/verp.key\n'
	  printf 'transport:\n  relays: [maildir:outbox]\n'
	  printf 'dkim:\n  keys:\n    - selector: s1\n      key_file: %s\n' "$1"
	  [ -n "${2:-}" ] && printf '      type: %s\n' "$2"
	  [ -n "${3:-}" ] && printf '%s\n' "$3"; } >"$P/config.yaml"
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
nothing_sent() {
	[ ! -d "$P/outbox/new" ] || [ -z "$(ls -A "$P/outbox/new")" ] || return 1
	[ ! -f "$P/state/mailer.db" ] || { n=$(sqlite3 "$P/state/mailer.db" \
		"select count(*) from recipients where state = 'sent'") && [ "$n" = 0 ]; }
}
# refused KEYFILE TYPE SAYS DESCRIPTION: check and send both exit 78 saying it
refused() {
	project "$1" "$2"
	M check issues/2021-01 >"$TMP/out" 2>"$TMP/err"; rc1=$?
	M send issues/2021-01 >>"$TMP/out" 2>>"$TMP/err"; rc2=$?
	sed 's/^/# /' "$TMP/err" | sort -u | head -3
	[ $rc1 = 78 ] && [ $rc2 = 78 ] && grep -q -- "$3" "$TMP/err" && nothing_sent
	ok $? "$4: check and send exit 78, nothing sent"
}

refused "$K/rsa768.pem" "" "rsa768.pem: RSA-768 is too weak" "RSA-768 key"
refused "$K/ec.pem" "" "ec.pem: a .* key; DKIM signs with RSA or Ed25519" "EC P-256 key"
refused "$K/enc.pem" "" "enc.pem: an encrypted key" "encrypted key"
refused "$K/cut.pem" "" "cut.pem: not a PEM private key" "truncated PEM file"
refused "$K/open.pem" "" "open.pem is readable by group or others (mode 640); chmod 600 it" "key file mode 0640"
refused "$K/none.pem" "" "none.pem: No such file" "missing key file"
refused "$K/rsa.pem" ed25519 "config.yaml:[0-9]*:[0-9]*: selector s1 has type: ed25519 but .*rsa.pem holds an RSA key" "type: that does not match"

project "$K/rsa1024.pem"
M check issues/2021-01 >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && grep -q "rsa1024.pem: RSA-1024: 2048 bits or more is recommended" "$TMP/err"
ok $? "RSA-1024: check warns and passes"
M send issues/2021-01 >/dev/null 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && [ "$(ls "$P/outbox/new" | wc -l)" = 78 ] && grep -q '^DKIM-Signature: v=1; a=rsa-sha256;' "$P"/outbox/new/*
ok $? "RSA-1024: send signs and sends"

# configuration errors: exit 78, file and line named where there is one
cfg_refused() {	# cfg_refused SAYS DESCRIPTION (after $P/config.yaml is written)
	M check issues/2021-01 >"$TMP/out" 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/err" | head -2
	[ $rc = 78 ] && grep -q -- "$1" "$TMP/err" && nothing_sent
	ok $? "$2: exit 78"
}
project "$K/rsa.pem" "" "bounce_domain: bounce.other.test"
cfg_refused "config.yaml: bounce_domain bounce.other.test does not align with dkim.domain example.org" \
	"a bounce_domain outside dkim.domain's tree (CFBL-Address alignment)"
project "$K/rsa.pem" "" "bounce_domain: bounce.example.org"
M check issues/2021-01 >/dev/null 2>&1
ok $? "a bounce_domain under dkim.domain is aligned"
project "$K/rsa.pem" rsa "    - selector: s1
      key_file: $K/ed.pem"
cfg_refused 'config.yaml:[0-9]*:[0-9]*: dkim selector "s1" is listed twice' "a selector listed twice"
project "$K/rsa.pem" "" "    - selector: bad_selector!
      key_file: $K/ed.pem"
cfg_refused 'config.yaml:[0-9]*:[0-9]*: dkim selector "bad_selector!" is not a DNS name' "a selector that is not a DNS name"
project "$K/rsa.pem" dsa
cfg_refused 'config.yaml:[0-9]*:[0-9]*: dkim key type must be rsa or ed25519, not "dsa"' "an unknown key type"
printf 'sender:\n  name: T\n  address: newsletter@example.org\ndkim:\n  domain: example.org\n' >"$P/config.yaml"
cfg_refused 'config.yaml:[0-9]*:[0-9]*: missing required key "keys"' "dkim: without keys"
printf 'sender:\n  name: T\n  address: newsletter@example.org\ndkim:\n  keys: [a, b]\n' >"$P/config.yaml"
cfg_refused 'config.yaml:5:10: dkim.keys entries are maps {selector, key_file}' "keys that are not maps"
printf 'sender:\n  name: T\n  address: newsletter@example.org\ndkim:\n  domain: "exa mple.org"\n  keys:\n    - {selector: a, key_file: x}\n' >"$P/config.yaml"
cfg_refused 'dkim.domain "exa mple.org" is not a domain name' "a dkim.domain that is not a domain"
project "$K/rsa.pem" "" "feedback:
  sender_id: a:b"
cfg_refused "feedback.sender_id and feedback.campaign may hold only letters" "a feedback.sender_id holding ':'"

printf 'sender:\n  name: T\n  address: newsletter@example.org\n' >"$P/config.yaml"
M dkim record >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 78 ] && grep -q "has no dkim: section" "$TMP/err" && [ ! -s "$TMP/out" ]
ok $? "dkim record without a dkim: section: exit 78, nothing printed"
project "$K/ec.pem"
M dkim record >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 78 ] && [ ! -s "$TMP/out" ]
ok $? "dkim record with a refused key: exit 78, nothing printed"
