#!/usr/bin/env bash
# mailer check --dns on a DMARC record with a tag value receivers refuse,
# against a real unbound on a loopback port (tests/lib/unbound.sh).
# The line said only what was bad, "does not parse: bad p=rejet; fix:
# correct the record", and left the operator to look up what the tag
# takes; now the reason says it (RFC 7489 6.3): p= and sp= are none,
# quarantine or reject, adkim= and aspf= r or s, pct= a whole number
# from 0 to 100, and a record without p= is told where it goes.  Exit 65
# as before.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
mkdir -p "$P/state"
cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@news.example.org
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://relay.example.org:587"]
web:
  base_url: https://news.example.org
YAML
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
zone() {	# zone DMARC-RECORD: the zone with this _dmarc.news record
	cat <<'ZONE'
local-zone: "example.org." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. A 192.0.2.80'
local-data: 'news.example.org. MX 10 mx.example.org.'
local-data: 'news.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
ZONE
	echo "local-data: '_dmarc.news.example.org. TXT \"$1\"'"
}
ub_start "$TMP/unbound" <(zone 'v=DMARC1; p=rejet; rua=mailto:d@example.org') ||
	{ echo "Bail out! unbound"; exit 1; }
check() { M check --dns --resolver "127.0.0.1:$UB_PORT" >"$TMP/$1" 2>"$TMP/$1.err"; echo $?; }
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }
# case NAME RECORD REASON: exit 65 and the fail line with this reason
case_() {
	ub_restart <(zone "$2") || echo "Bail out! unbound"
	rc=$(check "$1"); show "$1"
	[ "$rc" = 65 ] && grep -qxF "fail dmarc _dmarc.news.example.org: \"$2\" does not parse: $3; fix: correct the record" "$TMP/$1"
}

case_ p 'v=DMARC1; p=rejet; rua=mailto:d@example.org' \
	'bad p=rejet (p= is none, quarantine or reject)'
ok $? "p=rejet: the reason names the three policies (got $rc)"
case_ adkim 'v=DMARC1; p=reject; adkim=strict' \
	'bad adkim=strict (adkim= is r or s)'
ok $? "adkim=strict: the reason says r or s (got $rc)"
case_ pct 'v=DMARC1; p=quarantine; pct=50%' \
	'bad pct=50% (pct= is a whole number from 0 to 100)'
ok $? "pct=50%: the reason says what pct= takes (got $rc)"
case_ nop 'v=DMARC1; rua=mailto:d@example.org' \
	'no p= tag (p= is none, quarantine or reject, right after v=DMARC1)'
ok $? "no p=: the reason says what it is and where it goes (got $rc)"
exit $tap_failed
