#!/usr/bin/env bash
# mailer check --dns against a real unbound started here on a loopback port
# (tests/lib/unbound.sh), serving local zones: with correct records every
# finding is ok (exit 0); then each record is broken in turn (SPF of the
# bounce domain missing, a selector publishing another key, DMARC p=reject
# with strict alignment, which neither d= nor the bounce domain meets, no MX for the bounce domain, a
# PTR that does not resolve back, the one-click unsubscribe host without an
# address): the matching fail line, exit 65; no one-click URL at all: a
# warn line, exit 0; DMARC p=none: a warn line, exit 0.
# Independent checks through the same server: pyspf evaluates SPF for the
# relay, and dkimpy (keys fetched with dnspython) verifies a message that
# mailer signed.
. tests/lib/tap.sh
. tests/lib/unbound.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
command -v openssl >/dev/null || skip_all "openssl missing"
/usr/bin/python3 -c 'import dkim, nacl, dns.resolver, spf' 2>/dev/null ||
	skip_all "python3-dkim, -nacl, -dnspython or -spf missing (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 30
P=$TMP/proj
mkdir -p "$P/dkim" "$P/state"
cp -r issues lists templates "$P/"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$P/dkim/rsa.pem" 2>/dev/null &&
	openssl genpkey -algorithm ED25519 -out "$P/dkim/ed.pem" &&
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$P/dkim/other.pem" 2>/dev/null &&
	chmod 600 "$P"/dkim/*.pem || { echo "Bail out! openssl genpkey"; exit 1; }
config() {	# config RSA_KEY_FILE RELAY
	cat <<YAML
sender:
  name: 四川省科协学会学术部
  address: newsletter@news.example.org
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["$2"]
dkim:
  domain: example.org
  keys:
    - { selector: rsa2026, key_file: $1 }
    - { selector: ed2026, key_file: dkim/ed.pem, type: ed25519 }
web:
  base_url: https://news.example.org
YAML
}
config dkim/rsa.pem smtp://relay.example.org:587 >"$P/config.yaml"
config dkim/other.pem smtp://relay.example.org:587 >"$P/other.yaml"
config dkim/rsa.pem maildir:outbox | sed 's|state/mailer.db|state/maildir.db|' \
	>"$P/maildir.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M dkim record >"$TMP/records" && "$MAILER" --config "$P/other.yaml" dkim record |
	grep '^rsa2026\.' >"$TMP/other-record"
ok $? "mailer dkim record prints the selectors' records"

# The zone: one line per record, so a case can drop or replace one.
cat >"$TMP/zone.base" <<'ZONE'
local-zone: "example.org." static
local-zone: "example.net." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'news.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'news.example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: 'news.example.org. A 192.0.2.80'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
local-data: '_dmarc.news.example.org. TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.org"'
ZONE
sed "s/^\(.*\)$/local-data: '\1'/" "$TMP/records" >>"$TMP/zone.base"
# zone_without PATTERN [LINE]: the base zone without the lines matching
# PATTERN, plus LINE
zone_without() {
	grep -v -- "$1" "$TMP/zone.base" >"$TMP/zone"
	[ -n "${2:-}" ] && printf '%s\n' "$2" >>"$TMP/zone"
	cat "$TMP/zone"
}
ub_start "$TMP/unbound" "$TMP/zone.base" || { echo "Bail out! unbound"; exit 1; }
R=127.0.0.1:$UB_PORT

# check OUT: runs check --dns through our unbound; prints the exit code
check() { M check --dns --resolver "$R" >"$TMP/$1" 2>"$TMP/$1.err"; echo $?; }
show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }
# only_fail OUT TOPIC NAME: exactly one fail line, for TOPIC NAME; the
# other eight findings ok
only_fail() {
	[ "$(grep -c '^fail ' "$TMP/$1")" = 1 ] &&
		grep -Eq "^fail $2 +$3: " "$TMP/$1" &&
		[ "$(grep -c '^ok ' "$TMP/$1")" = 8 ] &&
		grep -q '^check --dns: 8 ok, 0 warn, 1 fail$' "$TMP/$1"
}

rc=$(check good); show good
[ "$rc" = 0 ]; ok $? "correct records: exit 0 (got $rc)"
for l in 'spf +bounce.example.org: envelope domain: "v=spf1 ip4:192.0.2.25 -all"; relay 192.0.2.25: pass' \
	'spf +news.example.org: From domain: "v=spf1 ip4:192.0.2.25 -all"; relay 192.0.2.25: pass' \
	'dkim +rsa2026._domainkey.example.org: publishes the key of selector rsa2026' \
	'dkim +ed2026._domainkey.example.org: publishes the key of selector ed2026' \
	'dmarc +_dmarc.news.example.org: p=reject; DKIM d=example.org aligns \(adkim=r\), SPF bounce.example.org aligns \(aspf=r\)' \
	'mx +bounce.example.org: bounce domain: MX mx.example.org \(192.0.2.10\)' \
	'mx +news.example.org: From domain: MX mx.example.org \(192.0.2.10\)' \
	'rdns +192.0.2.25: relay relay.example.org: 192.0.2.25 -> relay.example.org -> 192.0.2.25' \
	'unsub +news.example.org: one-click unsubscribe \(RFC 8058\) at https://news.example.org/unsubscribe \(192.0.2.80\)'; do
	grep -Eq "^ok +$l" "$TMP/good" || { echo "# missing: ok $l"; false; }
done
ok $? "one ok line per record: SPF x2 (relay passes), 2 DKIM selectors, DMARC aligned, MX x2, reverse DNS, one-click host"
grep -q '^check --dns: 9 ok, 0 warn, 0 fail$' "$TMP/good"; ok $? "summary: 9 ok"

# pyspf, through the same unbound, agrees on the SPF results.
spf_py() {	# spf_py IP SENDER: pyspf's result
	/usr/bin/python3 - "$UB_PORT" "$1" "$2" <<'PY'
import sys, dns.resolver, spf
r = dns.resolver.Resolver(configure=False)
r.nameservers, r.port = ['127.0.0.1'], int(sys.argv[1])
dns.resolver.default_resolver = r
print(spf.check2(i=sys.argv[2], s=sys.argv[3], h='relay.example.org')[0])
PY
}
[ "$(spf_py 192.0.2.25 bounces+x@bounce.example.org)" = pass ] &&
	[ "$(spf_py 192.0.2.25 newsletter@news.example.org)" = pass ] &&
	[ "$(spf_py 203.0.113.1 bounces+x@bounce.example.org)" = fail ]
ok $? "pyspf: the relay passes for both domains, another address fails"

# dkimpy, with the keys from our unbound through dnspython, verifies a
# message mailer signed (sent into a Maildir with the same keys).
"$MAILER" --config "$P/maildir.yaml" send "$P/issues/2021-01" --list aba \
	--quiet >"$TMP/send.out" 2>&1
MSG=$(find "$P/outbox/new" -type f | head -1)
[ -n "$MSG" ]; ok $? "a signed message sent into the Maildir"
dkim_py() {	# prints "ALGORITHM pass|fail" per signature of $MSG
	/usr/bin/python3 - "$UB_PORT" "$MSG" <<'PY'
import re, sys, dkim, dns.resolver
r = dns.resolver.Resolver(configure=False)
r.nameservers, r.port = ['127.0.0.1'], int(sys.argv[1])
def dnsfunc(name, timeout=5):
    name = name.decode() if isinstance(name, bytes) else name
    try:
        ans = r.resolve(name, 'TXT')
    except Exception:
        return b''
    return b''.join(b''.join(rr.strings) for rr in ans)
msg = open(sys.argv[2], 'rb').read()
if b'\r\n' not in msg:
    msg = msg.replace(b'\n', b'\r\n')
n = len(re.findall(rb'(?mi)^DKIM-Signature:', msg))
for i in range(n):
    d = dkim.DKIM(msg)
    good = d.verify(idx=i, dnsfunc=dnsfunc)
    print(d.signature_fields.get(b'a', b'?').decode(), 'pass' if good else 'fail')
PY
}
dkim_py >"$TMP/dkimpy.good"; sed 's/^/# dkimpy: /' "$TMP/dkimpy.good"
[ "$(sort "$TMP/dkimpy.good" | tr '\n' ' ')" = "ed25519-sha256 pass rsa-sha256 pass " ]
ok $? "dkimpy: both signatures verify with the keys served by unbound"

# 1. No SPF record for the bounce (envelope) domain.
ub_restart <(zone_without "^local-data: 'bounce.example.org. TXT") || echo "Bail out! unbound"
rc=$(check nospf); show nospf
[ "$rc" = 65 ]; ok $? "SPF of the bounce domain missing: exit 65 (got $rc)"
only_fail nospf spf bounce.example.org &&
	grep -qF 'fail spf   bounce.example.org: envelope domain: no SPF record; fix: publish bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"' "$TMP/nospf"
ok $? "the one fail line names it and gives the record to publish"
[ "$(spf_py 192.0.2.25 bounces+x@bounce.example.org)" = none ]
ok $? "pyspf agrees: none"

# 2. The RSA selector publishes another key than ours.
ub_restart <(zone_without "^local-data: 'rsa2026\._domainkey" \
	"local-data: '$(cat "$TMP/other-record")'") || echo "Bail out! unbound"
rc=$(check otherkey); show otherkey
[ "$rc" = 65 ]; ok $? "selector key different from ours: exit 65 (got $rc)"
only_fail otherkey dkim 'rsa2026\._domainkey\.example\.org' &&
	grep -q '^fail dkim  rsa2026._domainkey.example.org: the record does not publish the key mailer signs with: .*; fix: publish rsa2026._domainkey.example.org. TXT "v=DKIM1; k=rsa; p=' "$TMP/otherkey"
ok $? "the fail line names the selector and gives our record"
dkim_py >"$TMP/dkimpy.other"; sed 's/^/# dkimpy: /' "$TMP/dkimpy.other"
[ "$(sort "$TMP/dkimpy.other" | tr '\n' ' ')" = "ed25519-sha256 pass rsa-sha256 fail " ]
ok $? "dkimpy agrees: the RSA signature no longer verifies, Ed25519 does"

# 3. DMARC p=reject with strict alignment: neither d= (example.org) nor
# the bounce domain is the From domain (news.example.org) itself.
ub_restart <(zone_without "^local-data: '_dmarc" \
	"local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=reject; adkim=s; aspf=s\"'") ||
	echo "Bail out! unbound"
rc=$(check dmarc); show dmarc
[ "$rc" = 65 ]; ok $? "DMARC p=reject with no alignment: exit 65 (got $rc)"
only_fail dmarc dmarc _dmarc.news.example.org &&
	grep -q '^fail dmarc _dmarc.news.example.org: p=reject; DKIM d=example.org does not align (adkim=s), SPF bounce.example.org does not align (aspf=s): DMARC fails for news.example.org, receivers reject the newsletter; fix: sign with dkim.domain news.example.org, or set bounce_domain to news.example.org' "$TMP/dmarc"
ok $? "the fail line says what does not align and how to fix it"

# 4. No MX for the bounce domain (and no address either).
ub_restart <(zone_without "^local-data: 'bounce.example.org. MX") || echo "Bail out! unbound"
rc=$(check nomx); show nomx
[ "$rc" = 65 ]; ok $? "no MX for the bounce domain: exit 65 (got $rc)"
only_fail nomx mx bounce.example.org &&
	grep -q '^fail mx    bounce.example.org: bounce domain: no MX record: bounces cannot come back; fix: publish bounce.example.org. MX 10 ' "$TMP/nomx"
ok $? "the fail line says bounces cannot come back"

# 5. The relay's PTR names a host that does not resolve back to it.
ub_restart <(zone_without "^local-data: '25.2.0.192" \
	"local-data: '25.2.0.192.in-addr.arpa. PTR host.example.net.'") || echo "Bail out! unbound"
rc=$(check ptr); show ptr
[ "$rc" = 65 ]; ok $? "PTR not confirmed: exit 65 (got $rc)"
only_fail ptr rdns 192.0.2.25 &&
	grep -q '^fail rdns  192.0.2.25: relay relay.example.org: 192.0.2.25 -> host.example.net, which does not resolve back to 192.0.2.25; fix: ' "$TMP/ptr"
ok $? "the fail line shows the broken round trip"

# 6. A lax SPF record is a warning, not a failure: exit 0.
ub_restart <(zone_without "^local-data: 'news.example.org. TXT" \
	"local-data: 'news.example.org. TXT \"v=spf1 ip4:192.0.2.25 ?all\"'") || echo "Bail out! unbound"
rc=$(check lax); show lax
[ "$rc" = 0 ] && grep -q '^warn spf   news.example.org: From domain: "v=spf1 ip4:192.0.2.25 ?all": no -all or ~all' "$TMP/lax" &&
	grep -q '^check --dns: 8 ok, 1 warn, 0 fail$' "$TMP/lax"
ok $? "?all: a warn line and exit 0 (got $rc)"

# 6b. DMARC p=none: the providers' minimum, so exit 0, but a warning with
# the way to enforcement (Microsoft recommends p=reject; Google's DMARC
# roll-out moves on from none after a week of reports); without rua= the
# record asks for nothing at all.
ub_restart <(zone_without "^local-data: '_dmarc" \
	"local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=none; rua=mailto:dmarc@example.org\"'") ||
	echo "Bail out! unbound"
rc=$(check none); show none
[ "$rc" = 0 ] && grep -qx 'warn dmarc _dmarc.news.example.org: p=none; DKIM d=example.org aligns (adkim=r), SPF bounce.example.org aligns (aspf=r); p=none only asks for reports: receivers take no action against mail forged in news.example.org'"'"'s name; fix: once the reports show only your own mail, publish p=quarantine, then p=reject' "$TMP/none" &&
	grep -q '^check --dns: 8 ok, 1 warn, 0 fail$' "$TMP/none"
ok $? "DMARC p=none: a warn line naming quarantine and reject, exit 0 (got $rc)"
ub_restart <(zone_without "^local-data: '_dmarc" \
	"local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=none\"'") ||
	echo "Bail out! unbound"
rc=$(check nonerua); show nonerua
[ "$rc" = 0 ] && grep -q '^warn dmarc _dmarc.news.example.org: p=none; .*; fix: add rua=mailto:ADDRESS, then once the reports show only your own mail, publish p=quarantine, then p=reject$' "$TMP/nonerua"
ok $? "p=none without rua=: the fix adds rua= first (got $rc)"

# 7. The host of the one-click unsubscribe URL (web.base_url) has no
# address: every unsubscribe from the mail fails.
ub_restart <(zone_without "^local-data: 'news.example.org. A") || echo "Bail out! unbound"
rc=$(check nounsub); show nounsub
[ "$rc" = 65 ]; ok $? "one-click host without an address: exit 65 (got $rc)"
only_fail nounsub unsub news.example.org &&
	grep -qx "fail unsub news.example.org: the one-click unsubscribe URL https://news.example.org/unsubscribe has no address (no A or AAAA record): every unsubscribe from the mail fails; fix: publish news.example.org's A or AAAA record" "$TMP/nounsub"
ok $? "the fail line names the URL and the record to publish"

# 8. No web.base_url nor unsubscribe_url: List-Unsubscribe is a mailto
# only, which the large providers do not take as one-click: warn, exit 0.
ub_restart "$TMP/zone.base" || echo "Bail out! unbound"
sed '/^web:/,$d' "$P/config.yaml" >"$P/nourl.yaml"
"$MAILER" --config "$P/nourl.yaml" check --dns --resolver "$R" >"$TMP/nourl" 2>"$TMP/nourl.err"
rc=$?; show nourl
[ $rc = 0 ] && grep -q '^warn unsub -: List-Unsubscribe is a mailto only: .*(RFC 8058); fix: set web.base_url and run mailer serve behind it$' "$TMP/nourl" &&
	grep -q '^check --dns: 8 ok, 1 warn, 0 fail$' "$TMP/nourl"
ok $? "no one-click URL: a warn line and exit 0 (got $rc)"

# Bad use and an unusable resolver.
M check --dns --resolver not-an-address >/dev/null 2>"$TMP/usage.err"; rc=$?
[ $rc = 64 ] && grep -q 'resolver not-an-address' "$TMP/usage.err"
ok $? "--resolver that is no address: exit 64 (got $rc)"
M check --dns --resolver "$R" issues/2021-01 >/dev/null 2>&1; rc=$?
[ $rc = 64 ]; ok $? "--dns takes no ISSUE_DIR: exit 64 (got $rc)"
ub_stop
t0=$(date +%s)
rc=$(check down); show down
t1=$(date +%s)
[ "$rc" = 69 ] && [ ! -s "$TMP/down" ] &&
	grep -q "no answer from $R (SERVFAIL for bounce.example.org): is it reachable?" "$TMP/down.err"
ok $? "nothing listens at the resolver: exit 69, said so ($((t1 - t0)) s)"
[ ! -e "$P/state/mailer.db" ]; ok $? "check --dns wrote no journal"
grep -qF '.SS check \-\-dns [\-\-resolver' mailer/mailer.1
ok $? "the man page documents check --dns and --resolver"
exit $tap_failed
