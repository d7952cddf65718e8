#!/usr/bin/env bash
# mailer check --dns with sender.address at a mailbox provider's domain
# (gmail.com, yahoo.co.uk, qq.com), against a real unbound on a loopback
# port (tests/lib/unbound.sh).  Gmail (since February 2024) asks bulk
# senders not to impersonate gmail.com in From, and Yahoo, AOL and
# Microsoft publish DMARC policies that their own servers alone can pass:
# no DKIM key or bounce domain of ours can align with them.  check --dns
# said only that DMARC fails, with the fix "sign with dkim.domain gmail.com
# or a subdomain of it, or set bounce_domain to a subdomain of gmail.com",
# which no operator can do (and the From domain's SPF line said "add
# ip4:RELAY to the record" of gmail.com).  Now a "from" fail line says why and to send
# from an address at a domain one owns, and the DMARC and SPF lines'
# fixes say the same.  An address at one's own domain gets no such line.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
tap_cleanup() { ub_stop; }
plan 6
P=$TMP/proj
mkdir -p "$P/dkim" "$P/state"
openssl genpkey -algorithm ED25519 -out "$P/dkim/ed.pem" 2>/dev/null &&
	chmod 600 "$P/dkim/ed.pem" || { echo "Bail out! openssl genpkey"; exit 1; }
config() {	# config FROM_ADDRESS
	cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: $1
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://relay.example.org:587"]
dkim:
  domain: example.org
  keys:
    - { selector: ed2026, key_file: dkim/ed.pem }
web:
  base_url: https://news.example.org
YAML
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
config newsletter@example.org
key=$(M dkim record | sed 's/ IN TXT / TXT /')
cat >"$TMP/zone" <<ZONE
local-zone: "example.org." static
local-zone: "gmail.com." static
local-zone: "yahoo.co.uk." static
local-zone: "qq.com." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. A 192.0.2.80'
local-data: 'example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
local-data: '_dmarc.example.org. TXT "v=DMARC1; p=quarantine"'
local-data: 'gmail.com. TXT "v=spf1 ip4:198.51.100.1 ~all"'
local-data: '_dmarc.gmail.com. TXT "v=DMARC1; p=none; sp=quarantine"'
local-data: 'yahoo.co.uk. TXT "v=spf1 ip4:198.51.100.2 ~all"'
local-data: '_dmarc.yahoo.co.uk. TXT "v=DMARC1; p=reject"'
local-data: 'qq.com. TXT "v=spf1 ip4:198.51.100.3 -all"'
local-data: '_dmarc.qq.com. TXT "v=DMARC1; p=quarantine"'
local-data: '$key'
ZONE
ub_start "$TMP/unbound" "$TMP/zone" || { echo "Bail out! unbound"; exit 1; }
check() { M check --dns --resolver "127.0.0.1:$UB_PORT" >"$TMP/$1" 2>"$TMP/$1.err"; echo $?; }
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }

rc=$(check own); show own
[ "$rc" = 0 ] && grep -q '^check --dns: 8 ok, 0 warn, 0 fail$' "$TMP/own" &&
	! grep -q '^fail from' "$TMP/own"
ok $? "an address at one's own domain: all ok, no from line (got $rc)"

fix='fix: set sender.address to an address at a domain you own and publish its SPF, DKIM and DMARC records'
for a in newsletter@gmail.com news@yahoo.co.uk news@qq.com; do
	d=${a#*@}
	config "$a"
	rc=$(check "$d"); show "$d"
	de=$(printf '%s' "$d" | sed 's/\./\\./g')
	[ "$rc" = 65 ] &&
		grep -q "^fail from  $de: sender.address is at a mailbox provider's domain: only its own servers can pass DMARC for $de.*; $fix\$" "$TMP/$d" &&
		grep -q "^fail dmarc _dmarc\.$de: .*DMARC fails for $de.*; $fix\$" "$TMP/$d" &&
		! grep -q "dkim.domain $de" "$TMP/$d" &&
		grep -q "^warn spf   $de: From domain: .*; $fix\$" "$TMP/$d" &&
		! grep -q 'add ip4:' "$TMP/$d"
	ok $? "From at $d: a from fail line; the DMARC and SPF fixes are the same, not \"sign with dkim.domain $d\" or \"add ip4:\" (got $rc)"
done

# A subdomain of one's own domain is no mailbox provider's.
config newsletter@news.example.org
rc=$(check sub); show sub
! grep -q '^fail from' "$TMP/sub"
ok $? "From at a subdomain of one's own domain: no from line"
# The organizational domain is matched, not a part of the name.
config newsletter@gmail.com.example.org
rc=$(check lookalike); show lookalike
! grep -q '^fail from' "$TMP/lookalike"
ok $? "gmail.com.example.org is not gmail.com: no from line"
