#!/usr/bin/env bash
# mailer check --dns for an operator whose relay is not the machine the
# mail reaches the world from: a local Postfix (smtp://127.0.0.1) that
# sends from the host's public address, against a real unbound on a
# loopback port (tests/lib/unbound.sh).  The large providers refuse mail
# from an address without forward-confirmed reverse DNS, and SPF must pass
# for it; check --dns could only say that 127.0.0.1 is not a public
# address ("fix: check the reverse DNS of the public address the relay
# sends from", nothing mailer could do) and that SPF was not evaluated.
# Now --sending-ip ADDRESS (repeatable) names the address(es) the relay
# sends from: SPF and reverse DNS are judged for them, and the warning's
# fix says to use it.  SPF that does not pass for a sending address
# given fails (for the envelope domain), as the relay may send from it.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
tap_cleanup() { ub_stop; }
plan 10
P=$TMP/proj
mkdir -p "$P/dkim" "$P/state"
openssl genpkey -algorithm ED25519 -out "$P/dkim/ed.pem" 2>/dev/null &&
	chmod 600 "$P/dkim/ed.pem" || { echo "Bail out! openssl genpkey"; exit 1; }
cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@example.org
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://127.0.0.1:25"]
dkim:
  domain: example.org
  keys:
    - { selector: ed2026, key_file: dkim/ed.pem }
web:
  base_url: https://news.example.org
YAML
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
key=$(M dkim record | sed 's/ IN TXT / TXT /')
cat >"$TMP/zone" <<ZONE
local-zone: "example.org." static
local-zone: "2.0.192.in-addr.arpa." static
local-zone: "8.b.d.0.1.0.0.2.ip6.arpa." static
local-data: 'news.example.org. A 192.0.2.80'
local-data: 'example.org. TXT "v=spf1 ip4:192.0.2.25 ip6:2001:db8::25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 ip6:2001:db8::25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'out.example.org. A 192.0.2.25'
local-data: 'out.example.org. AAAA 2001:db8::25'
local-data: 'elsewhere.example.org. A 192.0.2.99'
local-data: '25.2.0.192.in-addr.arpa. PTR out.example.org.'
local-data: '27.2.0.192.in-addr.arpa. PTR elsewhere.example.org.'
local-data: '5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR out.example.org.'
local-data: '_dmarc.example.org. TXT "v=DMARC1; p=quarantine"'
local-data: '$key'
ZONE
ub_start "$TMP/unbound" "$TMP/zone" || { echo "Bail out! unbound"; exit 1; }
check() {	# check OUT [OPTION...]
	o=$1; shift
	M check --dns --resolver "127.0.0.1:$UB_PORT" "$@" >"$TMP/$o" 2>"$TMP/$o.err"
	echo $?
}
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }

rc=$(check local); show local
[ "$rc" = 0 ] &&
	grep -q '^warn rdns  127\.0\.0\.1: relay 127\.0\.0\.1: 127\.0\.0\.1 is not a public address; fix: .*check --dns --sending-ip ADDRESS' "$TMP/local" &&
	grep -q 'not evaluated: no public relay address' "$TMP/local"
ok $? "a local relay: SPF not evaluated, and the rdns fix names --sending-ip (got $rc)"

rc=$(check good --sending-ip 192.0.2.25 --sending-ip 2001:0db8:0:0::0025); show good
[ "$rc" = 0 ] && grep -q '^check --dns: 9 ok, 0 warn, 0 fail$' "$TMP/good" &&
	grep -q '^ok   rdns  192\.0\.2\.25: sending address 192\.0\.2\.25 -> out\.example\.org -> 192\.0\.2\.25$' "$TMP/good" &&
	grep -q '^ok   rdns  2001:db8::25: sending address 2001:db8::25 -> out\.example\.org -> 2001:db8::25$' "$TMP/good" &&
	grep -q '^ok   spf   bounce\.example\.org: .*sending address 192\.0\.2\.25: pass .*sending address 2001:db8::25: pass' "$TMP/good" &&
	grep -q '^ok   dmarc _dmarc\.example\.org: .*SPF bounce\.example\.org aligns (aspf=r)$' "$TMP/good" &&
	! grep -q '127\.0\.0\.1\|if it passes' "$TMP/good"
ok $? "--sending-ip with forward-confirmed PTRs: SPF and rdns judged for them, all ok (got $rc)"

rc=$(check noptr --sending-ip 192.0.2.26); show noptr
[ "$rc" = 65 ] &&
	grep -q '^fail rdns  192\.0\.2\.26: sending address 192\.0\.2\.26 has no PTR record (the large providers refuse such mail); fix: ' "$TMP/noptr" &&
	grep -q '^fail spf   bounce\.example\.org: .*sending address 192\.0\.2\.26: fail .*; fix: add ip4:192\.0\.2\.26 to the record$' "$TMP/noptr"
ok $? "a sending address without PTR: rdns fails, SPF fails and says to add it (got $rc)"

rc=$(check back --sending-ip 192.0.2.27); show back
[ "$rc" = 65 ] &&
	grep -q '^fail rdns  192\.0\.2\.27: sending address 192\.0\.2\.27 -> elsewhere\.example\.org, which does not resolve back to 192\.0\.2\.27; fix: ' "$TMP/back"
ok $? "a PTR that does not resolve back: rdns fails (got $rc)"

rc=$(check bad --sending-ip relay.example.org); show bad
[ "$rc" = 64 ] && grep -q 'sending-ip relay\.example\.org: not an IP address' "$TMP/bad.err"
ok $? "--sending-ip takes an address, not a name: exit 64 (got $rc)"

rc=$(check priv --sending-ip 10.0.0.5); show priv
[ "$rc" = 0 ] && grep -q '^warn rdns  10\.0\.0\.5: sending address 10\.0\.0\.5 is not a public address' "$TMP/priv"
ok $? "a private --sending-ip is a warning as the relay's was (got $rc)"

# A named public relay is judged by its own addresses, as before.
sed -i 's|smtp://127.0.0.1:25|smtp://out.example.org:587|' "$P/config.yaml"
rc=$(check named); show named
[ "$rc" = 0 ] && grep -q '^ok   rdns  192\.0\.2\.25: relay out\.example\.org: 192\.0\.2\.25 -> out\.example\.org -> 192\.0\.2\.25$' "$TMP/named"
ok $? "a named relay without --sending-ip: its own addresses (got $rc)"
# ... and --sending-ip overrides them (a provider's submission host that
# sends from other addresses).
rc=$(check over --sending-ip 192.0.2.26); show over
[ "$rc" = 65 ] && grep -q '^fail rdns  192\.0\.2\.26: sending address' "$TMP/over" &&
	! grep -q '^ok   rdns' "$TMP/over"
ok $? "--sending-ip replaces the relay's addresses (got $rc)"

M check --dns --help | grep -q -- '--sending-ip ADDRESS'
ok $? "the usage names --sending-ip"

# An envelope (bounce) domain record that does not let the address named
# by --sending-ip send: the relay does send from it, so SPF fails for the
# mail (Gmail and Yahoo require SPF of bulk senders): a fail line, exit
# 65, where a relay's own address (which may not be the one it sends
# from) is a warning.  The From domain's record, which receivers do not
# evaluate unless it is the envelope's, stays a warning.
sed 's/^local-data: .bounce\.example\.org\. TXT .*/local-data: '"'"'bounce.example.org. TXT "v=spf1 ip4:192.0.2.99 -all"'"'"'/;
	s/^local-data: .example\.org\. TXT .*/local-data: '"'"'example.org. TXT "v=spf1 ip4:192.0.2.99 -all"'"'"'/' \
	"$TMP/zone" >"$TMP/zone.spf"
ub_restart "$TMP/zone.spf" || echo "Bail out! unbound"
rc=$(check spf --sending-ip 192.0.2.25); show spf
[ "$rc" = 65 ] &&
	grep -q '^fail spf   bounce\.example\.org: envelope domain: .*sending address 192\.0\.2\.25: fail (-all in bounce\.example\.org); fix: add ip4:192\.0\.2\.25 to the record$' "$TMP/spf" &&
	grep -q '^warn spf   example\.org: From domain: ' "$TMP/spf" &&
	grep -q '^ok   rdns  192\.0\.2\.25: ' "$TMP/spf"
ok $? "SPF fails for the sending address: the envelope line fails, exit 65 (got $rc)"
