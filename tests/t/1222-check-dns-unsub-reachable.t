#!/usr/bin/env bash
# mailer check --dns on the one-click unsubscribe URL (RFC 8058) that
# Gmail, Yahoo and Microsoft ask of bulk senders, against a real unbound
# on a loopback port (tests/lib/unbound.sh).  The URL must be https and
# reachable from the world, or no recipient's unsubscribe reaches
# mailer serve.
# - web.base_url http://127.0.0.1:8025 (config takes plain http for a
#   loopback host, as in the demo): the host was looked up as a name,
#   "has no address (SERVFAIL for 127.0.0.1); fix: publish 127.0.0.1's
#   A or AAAA record".  Now it fails for what it is: not https (RFC 8058
#   3.1), at a loopback address.
# - https://127.0.0.1:8443: an address no one outside reaches; fails.
# - https://intra.example.org whose only address is private (10.1.2.3):
#   it was "ok"; now a warning (the world's DNS may say otherwise).
# - https://192.0.2.80 (a public address written in the URL): ok, with
#   no lookup; https://news.example.org: ok as before.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 5
P=$TMP/proj
mkdir -p "$P/state"
config() {	# config BASE_URL
	cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@example.org
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://relay.example.org:587"]
web:
  base_url: $1
YAML
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
cat >"$TMP/zone" <<'ZONE'
local-zone: "example.org." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. A 192.0.2.80'
local-data: 'intra.example.org. A 10.1.2.3'
local-data: 'example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
local-data: '_dmarc.example.org. TXT "v=DMARC1; p=none"'
ZONE
ub_start "$TMP/unbound" "$TMP/zone" || { echo "Bail out! unbound"; exit 1; }
check() {	# check OUT BASE_URL: the exit code
	config "$2"
	M check --dns --resolver "127.0.0.1:$UB_PORT" >"$TMP/$1" 2>"$TMP/$1.err"
	echo $?
}
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }

rc=$(check lo http://127.0.0.1:8025); show lo
[ "$rc" = 65 ] &&
	grep -q '^fail unsub 127\.0\.0\.1: the one-click unsubscribe URL http://127\.0\.0\.1:8025/unsubscribe is not https (RFC 8058 3\.1): the providers show no unsubscribe button for it; and 127\.0\.0\.1 is a private or loopback address: no recipient or provider reaches it; fix: set web\.base_url to the public https:// URL mailer serve is reached at$' "$TMP/lo" &&
	! grep -q 'SERVFAIL\|A or AAAA' "$TMP/lo"
ok $? "http://127.0.0.1:8025: not https, loopback; no lookup of an address as a name (got $rc)"

rc=$(check los https://127.0.0.1:8443); show los
[ "$rc" = 65 ] &&
	grep -q '^fail unsub 127\.0\.0\.1: the one-click unsubscribe URL https://127\.0\.0\.1:8443/unsubscribe: 127\.0\.0\.1 is a private or loopback address: no recipient or provider reaches it; fix: set web\.base_url to the public https:// URL mailer serve is reached at$' "$TMP/los"
ok $? "https://127.0.0.1:8443: fails, loopback (got $rc)"

rc=$(check intra https://intra.example.org); show intra
[ "$rc" = 0 ] &&
	grep -q '^warn unsub intra\.example\.org: the one-click unsubscribe URL https://intra\.example\.org/unsubscribe: intra\.example\.org has only private or loopback addresses here (10\.1\.2\.3): if the world'"'"'s DNS says the same, no recipient or provider reaches it; fix: ' "$TMP/intra"
ok $? "a name with only a private address: a warning (got $rc)"

rc=$(check lit https://192.0.2.80); show lit
[ "$rc" = 0 ] &&
	grep -q '^ok   unsub 192\.0\.2\.80: one-click unsubscribe (RFC 8058) at https://192\.0\.2\.80/unsubscribe (192\.0\.2\.80)$' "$TMP/lit"
ok $? "a public address in the URL: ok (got $rc)"

rc=$(check name https://news.example.org); show name
[ "$rc" = 0 ] &&
	grep -q '^ok   unsub news\.example\.org: one-click unsubscribe (RFC 8058) at https://news\.example\.org/unsubscribe (192\.0\.2\.80)$' "$TMP/name"
ok $? "a public name: ok as before (got $rc)"
