#!/usr/bin/env bash
# mailer check --dns with a pool of relays (transport.relays with more
# than one entry: the connections, and so the mail, are divided among
# them), against a real unbound on a loopback port (tests/lib/unbound.sh).
# check --dns judged the first smtp:// relay alone: a second relay that
# carries two thirds of the mail (weight 2) from an address without
# reverse DNS, which the large providers refuse, and that the SPF record
# does not name, left "check --dns: ... 0 fail", exit 0.  Now each relay's
# addresses are judged, SPF and forward-confirmed reverse DNS, each line
# naming its relay, and a relay name without an address fails.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
mkdir -p "$P/state"
config() {	# config RELAYS-YAML-LINES
	cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@example.org
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays:
$1
web:
  base_url: https://news.example.org
YAML
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
cat >"$TMP/zone" <<'ZONE'
local-zone: "example.org." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. A 192.0.2.80'
local-data: 'example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay1.example.org. A 192.0.2.25'
local-data: 'relay2.example.org. A 192.0.2.26'
local-data: '25.2.0.192.in-addr.arpa. PTR relay1.example.org.'
local-data: '_dmarc.example.org. TXT "v=DMARC1; p=none"'
ZONE
ub_start "$TMP/unbound" "$TMP/zone" || { echo "Bail out! unbound"; exit 1; }
check() { M check --dns --resolver "127.0.0.1:$UB_PORT" >"$TMP/$1" 2>"$TMP/$1.err"; echo $?; }
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }

config '    - "smtp://relay1.example.org:587"'
rc=$(check one); show one
[ "$rc" = 0 ] && grep -q '^ok   rdns  192\.0\.2\.25: relay relay1\.example\.org: 192\.0\.2\.25 -> relay1\.example\.org -> 192\.0\.2\.25$' "$TMP/one"
ok $? "one relay: judged as before (got $rc)"

config '    - "smtp://relay1.example.org:587"
    - url: "smtp://relay2.example.org:587"
      weight: 2'
rc=$(check two); show two
[ "$rc" = 65 ] &&
	grep -q '^ok   rdns  192\.0\.2\.25: relay relay1\.example\.org: ' "$TMP/two" &&
	grep -q '^fail rdns  192\.0\.2\.26: relay relay2\.example\.org: 192\.0\.2\.26 has no PTR record (the large providers refuse such mail); fix: ' "$TMP/two"
ok $? "the second relay without PTR: its rdns line fails, exit 65 (got $rc)"
grep -q '^warn spf   bounce\.example\.org: .*relay 192\.0\.2\.25: pass .*relay 192\.0\.2\.26: fail .*; fix: if the relay sends from 192\.0\.2\.26, add ip4:192\.0\.2\.26 to the record$' "$TMP/two"
ok $? "SPF is evaluated for the second relay's address too"

# The same relay twice (two ports) and a relay name without an address.
config '    - "smtp://relay1.example.org:587"
    - "smtps://relay1.example.org:465"
    - "smtp://relay3.example.org:587"'
rc=$(check three); show three
[ "$rc" = 65 ] &&
	[ "$(grep -c '^ok   rdns  192\.0\.2\.25: ' "$TMP/three")" = 1 ] &&
	grep -q '^fail rdns  relay3\.example\.org: relay relay3\.example\.org has no address (no A or AAAA record); fix: ' "$TMP/three"
ok $? "a relay listed twice is judged once; one without an address fails (got $rc)"
