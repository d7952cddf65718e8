#!/usr/bin/env bash
# An operator writes the sending domain as they spell it, in U-labels
# (bücher.example) in sender.address, bounce_domain and dkim.domain.
# mailer sends every one of them as its A-label (xn--bcher-kva.example):
# the envelope sender, List-Unsubscribe's mailto:, CFBL-Address, DKIM d=
# and `mailer dkim record` carry no 8-bit byte, which a relay without
# SMTPUTF8 refuses (RFC 6531) and no header may hold raw (RFC 5322).
# Before, bounce_domain went out in UTF-8 as written and dkim.domain was
# refused as "not a domain name"; an unsubscribe_url in U-labels went
# into List-Unsubscribe raw.  A bounce_domain that is no domain name
# at all is a config error (exit 78).
. tests/lib/tap.sh
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
plan 7
P=$TMP/proj
mkdir -p "$P/dkim" "$P/state"
cp -r issues lists templates "$P/"
openssl genpkey -algorithm ED25519 -out "$P/dkim/ed.pem" &&
	chmod 600 "$P/dkim/ed.pem" || { echo "Bail out! openssl genpkey"; exit 1; }
config() {	# config BOUNCE_DOMAIN [UNSUBSCRIBE_URL]
	cat <<YAML
sender:
  name: Bücherbrief
  address: brief@bücher.example
bounce_domain: $1
paths:
  state: state/mailer.db
secret_file: state/verp.key
unsubscribe_url: ${2:-https://xn--bcher-kva.example/abmelden}
transport:
  relays: ["maildir:outbox"]
dkim:
  domain: Bücher.example
  keys:
    - { selector: ed2026, key_file: dkim/ed.pem, type: ed25519 }
YAML
}
config bounce.bücher.example >"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M dkim record >"$TMP/record" 2>"$TMP/record.err"; rc=$?
sed 's/^/# /' "$TMP/record" "$TMP/record.err"
[ $rc = 0 ] && grep -q '^ed2026\._domainkey\.xn--bcher-kva\.example\. IN TXT "v=DKIM1; k=ed25519; p=' "$TMP/record"
ok $? "dkim.domain in U-labels: dkim record names the A-label (got $rc)"

M send "$P/issues/2021-01" --list aba --quiet >"$TMP/send.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send.out"
MSG=$(find "$P/outbox/new" -type f 2>/dev/null | head -1)
[ $rc = 0 ] && [ -n "$MSG" ]; ok $? "send into a Maildir (got $rc)"
sed -n '1,/^$/p' "$MSG" >"$TMP/head"
grep -E '^(Return-Path|List-Unsubscribe|CFBL-Address|DKIM-Signature|	d=)' "$TMP/head" | sed 's/^/# /'
grep -q '^Return-Path: <bounces+[a-z0-9]*@bounce\.xn--bcher-kva\.example>$' "$TMP/head" &&
	grep -q '^CFBL-Address: bounces+[a-z0-9]*@bounce\.xn--bcher-kva\.example; report=arf$' "$TMP/head" &&
	grep -q '^List-Unsubscribe: <mailto:unsubscribe+[a-z0-9]*@bounce\.xn--bcher-kva\.example?' "$TMP/head"
ok $? "envelope sender, CFBL-Address and the mailto: carry the A-label"
grep -Eq 'd=xn--bcher-kva\.example;' "$TMP/head"
ok $? "DKIM d= is the A-label"
! LC_ALL=C grep -q $'[\x80-\xff]' "$TMP/head"
ok $? "no 8-bit byte in the header"

config 'bounce..bücher.example' >"$P/config.yaml"
M dkim record >/dev/null 2>"$TMP/bad.err"; rc=$?
sed 's/^/# /' "$TMP/bad.err"
[ $rc = 78 ] && grep -q 'bounce_domain "bounce\.\.bücher\.example" is not a domain name' "$TMP/bad.err"
ok $? "a bounce_domain that is no domain name: exit 78, said so (got $rc)"

# The https: link goes raw into List-Unsubscribe's <...>: a host in
# U-labels there is refused with what to write instead.
config bounce.bücher.example https://bücher.example/abmelden >"$P/config.yaml"
M dkim record >/dev/null 2>"$TMP/url.err"; rc=$?
sed 's/^/# /' "$TMP/url.err"
[ $rc = 78 ] && grep -q 'unsubscribe_url "https://bücher\.example/abmelden" must be printable ASCII.*xn-- form' "$TMP/url.err"
ok $? "unsubscribe_url with a U-label host: exit 78, said so (got $rc)"
exit $tap_failed
