#!/usr/bin/env bash
# mailer check --dns as an operator setting up a new sending domain uses
# it, against a real unbound on a loopback port (tests/lib/unbound.sh):
# the "fix:" of each fail line must be something to do.
# - A missing RSA-2048 key record: the fix's record, pasted as it stands
#   into the zone, is taken by unbound (no quoted string over 255 bytes,
#   RFC 1035 3.3) and then checks out.  It used to be one 410-byte string
#   that no zone file takes.
# - An SPF record that evaluates to permerror (an include loop, more than
#   2 void lookups) though it lists the relay's address: the fix says to
#   correct the record and gives the limits of RFC 7208 4.6.4; it used to
#   say "add ip4:RELAY to the record", already there.  pyspf agrees on
#   permerror.
# - DMARC reports (rua=, ruf=) to another organization's domain need its
#   consent, a record at POLICY._report._dmarc.HOST (RFC 7489 7.1), or
#   receivers send none: a warning that gives the record (there was no
#   word of it); with the record, nothing more is said.
# - The bounce domain's only MX host has no address (or the MX names an
#   address, a common slip): bounces cannot come back, as with no MX at
#   all, so it fails (exit 65); it was a warning, exit 0.
# - A relay on a private address (mailer -> the local Postfix): SPF
#   cannot be evaluated here; the spf lines and DMARC say so instead of a
#   bare ok and "aligns".  A bounce domain record with no term that gives
#   pass ("v=spf1 -all") lets no one send: it fails with the record to
#   publish (it was ok, and DMARC said SPF aligns).  pyspf agrees: fail.
# - A selector delegated by CNAME to a provider's zone whose target has
#   no record: the line names the target and the fix says to publish
#   there (or replace the CNAME); it used to say to publish at the
#   selector's name, which a name holding a CNAME cannot take (RFC 1034
#   3.6.2).  With the key at the target: ok.
# - Domains written in U-labels are looked up as their A-labels.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
command -v openssl >/dev/null || skip_all "openssl missing"
/usr/bin/python3 -c 'import dns.resolver, spf' 2>/dev/null ||
	skip_all "python3-dnspython or -spf missing (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 20
P=$TMP/proj
mkdir -p "$P/dkim" "$P/state"
cp -r issues lists templates "$P/"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
	-out "$P/dkim/rsa.pem" 2>/dev/null && chmod 600 "$P/dkim/rsa.pem" ||
	{ echo "Bail out! openssl genpkey"; exit 1; }
config() {	# config FROM_DOMAIN BOUNCE_DOMAIN DKIM_DOMAIN [RELAY]
	cat <<YAML
sender:
  name: News
  address: newsletter@$1
bounce_domain: $2
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["${4:-smtp://relay.example.org:587}"]
dkim:
  domain: $3
  keys:
    - { selector: rsa2026, key_file: dkim/rsa.pem }
YAML
}
config news.example.org bounce.example.org example.org >"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

cat >"$TMP/zone.base" <<'ZONE'
local-zone: "example.org." static
local-zone: "example.net." static
local-zone: "xn--bcher-kva.example." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'news.example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
local-data: '_dmarc.news.example.org. TXT "v=DMARC1; p=reject"'
local-data: 'a.example.net. TXT "v=spf1 include:b.example.net -all"'
local-data: 'b.example.net. TXT "v=spf1 include:a.example.net -all"'
ZONE
# zone_without PATTERN [LINE...]: the base zone without the lines
# matching PATTERN, plus each LINE
zone_without() {
	grep -v -- "$1" "$TMP/zone.base"
	shift
	[ $# = 0 ] || printf '%s\n' "$@"
}
ub_start "$TMP/unbound" <(zone_without '^$') || { echo "Bail out! unbound"; exit 1; }
R=127.0.0.1:$UB_PORT
check() { M check --dns --resolver "$R" >"$TMP/$1" 2>"$TMP/$1.err"; echo $?; }
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }

# 1. No key record yet: publish what the fail line says.
rc=$(check nokey); show nokey
fix=$(sed -n 's/^fail dkim  rsa2026\._domainkey\.example\.org: no key record.*; fix: publish //p' "$TMP/nokey")
[ "$rc" = 65 ] && [ -n "$fix" ]
ok $? "no key record: exit 65 and a fix (got $rc)"
ub_restart <(zone_without '^$' "local-data: '$fix'") 2>"$TMP/ub.err"; ub=$?
sed 's/^/# /' "$TMP/ub.err" | cut -c1-200
[ $ub = 0 ]; ok $? "unbound takes the fix's record as it stands"
rc=$(check keyed); show keyed
[ "$rc" = 0 ] && grep -q '^ok   dkim  rsa2026\._domainkey\.example\.org: publishes the key' "$TMP/keyed"
ok $? "then the key checks out: exit 0 (got $rc)"
[ "$fix" = "$(M dkim record | sed 's/ IN TXT / TXT /')" ]
ok $? "the fix is the record mailer dkim record prints"
keyline="local-data: '$fix'"

# 2. An include loop: permerror, though no term is missing.
spf_py() {	# spf_py IP SENDER: pyspf's result
	/usr/bin/python3 - "$UB_PORT" "$1" "$2" <<'PY'
import sys, dns.resolver, spf
r = dns.resolver.Resolver(configure=False)
r.nameservers, r.port = ['127.0.0.1'], int(sys.argv[1])
dns.resolver.default_resolver = r
print(spf.check2(i=sys.argv[2], s=sys.argv[3], h='relay.example.org')[0])
PY
}
# spf_case OUT RECORD: the bounce domain's SPF record replaced; checks
# into OUT, rc its exit code (not in a subshell: ub_restart sets UB_PID)
spf_case() {
	ub_restart <(zone_without "^local-data: 'bounce.example.org. TXT" \
		"$keyline" "local-data: 'bounce.example.org. TXT \"$2\"'") ||
		echo "Bail out! unbound"
	rc=$(check "$1")
}
spf_case loop 'v=spf1 include:a.example.net ip4:192.0.2.25 -all'
show loop
[ "$rc" = 65 ] && grep -q '^fail spf   bounce\.example\.org: .*relay 192\.0\.2\.25: permerror (more than 10 DNS lookups (RFC 7208 4\.6\.4)); fix: correct the record: every receiver finds it in error; it may cause at most 10 DNS lookups (include, a, mx, ptr, exists, redirect, also inside includes), 2 of them finding nothing' "$TMP/loop" &&
	! grep -q 'add ip4' "$TMP/loop"
ok $? "include loop: permerror, the fix is to correct the record, not to add ip4: (got $rc)"
[ "$(spf_py 192.0.2.25 x@bounce.example.org)" = permerror ]
ok $? "pyspf agrees: permerror"

# 3. Three a: terms that find nothing before the relay's ip4:.
spf_case void 'v=spf1 a:x1.example.net a:x2.example.net a:x3.example.net ip4:192.0.2.25 -all'
show void
[ "$rc" = 65 ] && grep -q '^fail spf   bounce\.example\.org: .*permerror (more than 2 lookups found nothing (RFC 7208 4\.6\.4)); fix: correct the record: ' "$TMP/void" &&
	! grep -q 'add ip4' "$TMP/void"
ok $? "void lookups: permerror, the fix is to correct the record (got $rc)"
[ "$(spf_py 192.0.2.25 x@bounce.example.org)" = permerror ]
ok $? "pyspf agrees: permerror"

# 3b. The relay's ip4: first, then three a: terms that find nothing: the
# relay passes (evaluation stops at its term), but every sender named
# after it gets a permerror: a warning, exit 0.
spf_case late 'v=spf1 ip4:192.0.2.25 a:x1.example.net a:x2.example.net a:x3.example.net -all'
show late
[ "$rc" = 0 ] && grep -q '^warn spf   bounce\.example\.org: .*relay 192\.0\.2\.25: pass (ip4:192\.0\.2\.25 in bounce\.example\.org); but the whole record is over the limits: more than 2 lookups found nothing (RFC 7208 4\.6\.4), for every sender it names after the relay.s term; fix: bring the record within 10 DNS lookups' "$TMP/late"
ok $? "over the limits after the relay's term: a warning with the fix, exit 0 (got $rc)"
[ "$(spf_py 192.0.2.25 x@bounce.example.org)" = pass ] &&
	[ "$(spf_py 203.0.113.9 x@bounce.example.org)" = permerror ]
ok $? "pyspf agrees: pass for the relay, permerror for another sender"

# (This configuration has no one-click unsubscribe URL: one "warn unsub" line
# in every run, counted below.)
# 4. rua= at a reporting service that has not agreed to take the reports.
ub_restart <(zone_without "^local-data: '_dmarc" "$keyline" \
	"local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=quarantine; rua=mailto:d@example.org,mailto:agg@dmarc.example.net\"'") ||
	echo "Bail out! unbound"
rc=$(check rua); show rua
[ "$rc" = 0 ] && grep -q '^check --dns: 7 ok, 2 warn, 0 fail$' "$TMP/rua" &&
	grep -qF 'warn dmarc news.example.org._report._dmarc.dmarc.example.net: rua=mailto:agg@dmarc.example.net is at another organization'"'"'s domain, which has not agreed to take news.example.org'"'"'s reports (RFC 7489 7.1): receivers send it none; fix: publish news.example.org._report._dmarc.dmarc.example.net. TXT "v=DMARC1"' "$TMP/rua"
ok $? "rua= elsewhere without its consent: a warning with the record to publish, exit 0 (got $rc)"
ub_restart <(zone_without "^local-data: '_dmarc" "$keyline" \
	"local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=quarantine; rua=mailto:d@example.org,mailto:agg@dmarc.example.net\"'" \
	"local-data: 'news.example.org._report._dmarc.dmarc.example.net. TXT \"v=DMARC1\"'") ||
	echo "Bail out! unbound"
rc=$(check rua-ok); show rua-ok
[ "$rc" = 0 ] && grep -q '^check --dns: 7 ok, 1 warn, 0 fail$' "$TMP/rua-ok"
ok $? "with the consent record: nothing more said (got $rc)"

# 5. The only MX host has no address; the MX names an address.
ub_restart <(zone_without "^local-data: 'mx.example.org. A" "$keyline") ||
	echo "Bail out! unbound"
rc=$(check mxdead); show mxdead
[ "$rc" = 65 ] && grep -q '^fail mx    bounce\.example\.org: bounce domain: MX mx\.example\.org (no address): no MX host has an address, so bounces cannot come back; fix: give every MX host an A or AAAA record$' "$TMP/mxdead"
ok $? "the only MX host has no address: a fail line, exit 65 (got $rc)"
ub_restart <(zone_without "^local-data: 'bounce.example.org. MX" "$keyline" \
	"local-data: 'bounce.example.org. MX 10 192.0.2.10.'") ||
	echo "Bail out! unbound"
rc=$(check mxip); show mxip
[ "$rc" = 65 ] && grep -q '^fail mx    bounce\.example\.org: bounce domain: MX 192\.0\.2\.10 (.*; fix: an MX names a host, not an address: publish mx\.bounce\.example\.org\. A 192\.0\.2\.10 and bounce\.example\.org\. MX 10 mx\.bounce\.example\.org\.$' "$TMP/mxip"
ok $? "an MX naming an address: the fix gives the host and its A record (got $rc)"

# 6. A relay on a loopback address; then "v=spf1 -all" for the bounce domain.
config news.example.org bounce.example.org example.org smtp://127.0.0.1:587 >"$P/config.yaml"
ub_restart <(zone_without '^$' "$keyline") || echo "Bail out! unbound"
rc=$(check private); show private
[ "$rc" = 0 ] && grep -q '^ok   spf   bounce\.example\.org: envelope domain: "v=spf1 ip4:192\.0\.2\.25 -all"; not evaluated: no public relay address' "$TMP/private" &&
	grep -q "^ok   dmarc _dmarc\.news\.example\.org: p=reject; DKIM d=example\.org aligns (adkim=r), SPF bounce\.example\.org aligns (aspf=r) if it passes for the relay's public address$" "$TMP/private"
ok $? "private relay: SPF not evaluated, said so in the spf and dmarc lines (got $rc)"
spf_case none 'v=spf1 -all'
[ "$rc" = 65 ] && grep -q '^fail spf   bounce\.example\.org: envelope domain: "v=spf1 -all": no term gives pass, so it lets no one send and every message fails SPF; .*fix: publish bounce\.example\.org\. TXT "v=spf1 ip4:ADDRESS-YOUR-RELAY-SENDS-FROM -all"$' "$TMP/none" &&
	grep -q 'SPF bounce\.example\.org cannot pass' "$TMP/none"
ok $? '"v=spf1 -all" for the bounce domain: fails, with the record to publish (got '"$rc)"
[ "$(spf_py 192.0.2.25 x@bounce.example.org)" = fail ]
ok $? "pyspf agrees: fail"

# 7. The selector a CNAME to a provider's name: without the key, then with.
config news.example.org bounce.example.org example.org >"$P/config.yaml"
cname="local-data: 'rsa2026._domainkey.example.org. CNAME rsa2026.dkim.example.net.'"
ub_restart <(zone_without '^$' "$cname") || echo "Bail out! unbound"
rc=$(check cname); show cname
[ "$rc" = 65 ] && grep -q '^fail dkim  rsa2026\._domainkey\.example\.org: no key record (a CNAME to rsa2026\.dkim\.example\.net, which has none): .*; fix: publish rsa2026\.dkim\.example\.net\. TXT "v=DKIM1; k=rsa; p=.* where the CNAME points (the provider'"'"'s zone), or replace the CNAME at rsa2026\._domainkey\.example\.org by that record$' "$TMP/cname"
ok $? "CNAME to a name without the key: the fix publishes at the target (got $rc)"
ub_restart <(zone_without '^$' "$cname" "local-data: '${fix/rsa2026._domainkey.example.org./rsa2026.dkim.example.net.}'") ||
	echo "Bail out! unbound"
rc=$(check cname-ok); show cname-ok
[ "$rc" = 0 ] && grep -q '^ok   dkim  rsa2026\._domainkey\.example\.org: publishes the key of selector rsa2026$' "$TMP/cname-ok"
ok $? "the key at the CNAME's target: ok (got $rc)"

# 8. The three domains in U-labels: looked up as A-labels.
config news.bücher.example bounce.bücher.example bücher.example >"$P/config.yaml"
idn=$(M dkim record | sed 's/ IN TXT / TXT /')
ub_restart <(zone_without '^$' "local-data: '$idn'" \
	"local-data: 'news.xn--bcher-kva.example. TXT \"v=spf1 ip4:192.0.2.25 -all\"'" \
	"local-data: 'bounce.xn--bcher-kva.example. TXT \"v=spf1 ip4:192.0.2.25 -all\"'" \
	"local-data: 'bounce.xn--bcher-kva.example. MX 10 mx.example.org.'" \
	"local-data: 'news.xn--bcher-kva.example. MX 10 mx.example.org.'" \
	"local-data: '_dmarc.news.xn--bcher-kva.example. TXT \"v=DMARC1; p=reject\"'") ||
	echo "Bail out! unbound"
rc=$(check idn); show idn
[ "$rc" = 0 ] && grep -q '^check --dns: 7 ok, 1 warn, 0 fail$' "$TMP/idn" &&
	grep -q '^ok   dmarc _dmarc\.news\.xn--bcher-kva\.example: p=reject; DKIM d=xn--bcher-kva\.example aligns' "$TMP/idn"
ok $? "U-label domains: every record found under its A-label, exit 0 (got $rc)"
exit $tap_failed
