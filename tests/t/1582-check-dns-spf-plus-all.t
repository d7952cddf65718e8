#!/usr/bin/env bash
# mailer check --dns on an envelope (bounce) domain whose SPF passes for
# any host, against a real unbound on a loopback port (tests/lib/
# unbound.sh).  With "v=spf1 +all" (or a bare "all", whose qualifier is
# +) the spf line failed, rightly, but the dmarc line said SPF "cannot
# pass" and DMARC fails, though SPF passes for everyone, the relay
# included, and aligns.  Now the dmarc line says SPF aligns, passing for
# any host, and warns that anyone can pass DMARC as the From domain; the
# spf line says why +all is a fault (forgers pass, the large providers
# take it as a sign of spam).  A +all reached through an include: the
# spf line warns.  "?all" with no term matching the relay: SPF is
# neutral, not pass, so "cannot pass" stays what the dmarc line says;
# its fix was to set bounce_domain to a subdomain of example.org, which
# it is: now it is to let the relay pass the bounce domain's SPF.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
# zone SPF [LINE...]: the shared zone with SPF as bounce.example.org's record
zone() {
	spf=$1; shift
	dnsfix_swap 'bounce.example.org. TXT' \
		"local-data: 'bounce.example.org. TXT \"$spf\"'" "$@"
}
anyone="warn dmarc _dmarc.news.example.org: p=reject; no DKIM signature of ours, SPF bounce.example.org aligns (aspf=r), passing for any host (+all); but since SPF passes for any host, anyone can send mail that passes DMARC as news.example.org; fix: let only your relays pass bounce_domain's SPF (see the spf line)"
ub_start "$TMP/unbound" <(zone 'v=spf1 +all') || { echo "Bail out! unbound"; exit 1; }

rc=$(dnsfix_check plus); dnsfix_show plus
[ "$rc" = 65 ] && grep -qxF "$anyone" "$TMP/plus" &&
	grep -qxF 'fail spf   bounce.example.org: envelope domain: "v=spf1 +all": +all lets any host send as this domain (SPF passes for everyone, forgers included; the large mailbox providers take such a record as a sign of spam); relay 192.0.2.25: pass (+all in bounce.example.org); fix: end the record with -all or ~all' "$TMP/plus" &&
	! grep -q 'cannot pass' "$TMP/plus"
ok $? "+all: the dmarc line says SPF passes for any host and warns, the spf line fails (got $rc)"

ub_restart <(zone 'v=spf1 all') || echo "Bail out! unbound"
rc=$(dnsfix_check bare); dnsfix_show bare
[ "$rc" = 65 ] && grep -qxF "$anyone" "$TMP/bare" &&
	grep -q '^fail spf   bounce\.example\.org: envelope domain: "v=spf1 all": +all lets any host' "$TMP/bare"
ok $? "a bare all: the same (got $rc)"

ub_restart <(zone 'v=spf1 include:lax.example.org -all' \
	"local-data: 'lax.example.org. TXT \"v=spf1 +all\"'") || echo "Bail out! unbound"
rc=$(dnsfix_check incl); dnsfix_show incl
[ "$rc" = 0 ] && grep -qxF "$anyone" "$TMP/incl" &&
	grep -q '^warn spf   bounce\.example\.org: envelope domain: "v=spf1 include:lax\.example\.org -all": it passes for any host (a record it includes or redirects to ends in +all), so anyone can send as this domain; relay 192\.0\.2\.25: pass .*; fix: remove the include or redirect whose record ends in +all$' "$TMP/incl"
ok $? "+all through an include: the spf line warns, and the dmarc line (got $rc)"

ub_restart <(zone 'v=spf1 ip4:198.51.100.7 ?all') || echo "Bail out! unbound"
rc=$(dnsfix_check neutral); dnsfix_show neutral
[ "$rc" = 65 ] && grep -q '^warn spf   bounce\.example\.org: .*relay 192\.0\.2\.25: neutral ' "$TMP/neutral" &&
	grep -qxF "fail dmarc _dmarc.news.example.org: p=reject; no DKIM signature of ours, SPF bounce.example.org cannot pass (aspf=r): DMARC fails for news.example.org, receivers reject the newsletter; fix: let the relay pass bounce.example.org's SPF (see the spf line), or sign with dkim.domain example.org or a subdomain of it" "$TMP/neutral" &&
	! grep -q 'any host' "$TMP/neutral"
ok $? "?all, no term for the relay: neutral, so SPF cannot pass, as before (got $rc)"
exit $tap_failed
