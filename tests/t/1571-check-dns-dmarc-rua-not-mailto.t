#!/usr/bin/env bash
# mailer check --dns on DMARC report addresses that are no mailto: URIs,
# against a real unbound on a loopback port (tests/lib/unbound.sh).
# Receivers send aggregate and failure reports by mail, to the mailto:
# URIs of rua= and ruf= (RFC 7489 6.2, 7.1); "rua=dmarc@example.org" is
# no URI, and an https: URI gets nothing from the large providers.
# - p=reject; rua=d@example.org: check --dns said a bare ok, and the
#   operator waited for reports that never came (and p=none with such an
#   rua= was told only to tighten the policy "once the reports show only
#   your own mail").  Now a warning per such URI, with the fix: write
#   rua=mailto:d@example.org (the address given), exit 0.
# - rua=https://...: the same warning, its fix rua=mailto:ADDRESS.
# - rua=mailto:... (and an empty element, "mailto:a@x,"): nothing more.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 3
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
ub_start "$TMP/unbound" <(dnsfix_dmarc 'v=DMARC1; p=reject; rua=d@example.org') ||
	{ echo "Bail out! unbound"; exit 1; }

rc=$(dnsfix_check bare); dnsfix_show bare
[ "$rc" = 0 ] &&
	grep -qxF 'warn dmarc _dmarc.news.example.org: rua=d@example.org is not a mailto: URI: receivers send their reports by mail only, so none comes; fix: write rua=mailto:d@example.org' "$TMP/bare" &&
	grep -q '^check --dns: 7 ok, 2 warn, 0 fail$' "$TMP/bare"
ok $? "rua= an address without mailto:: a warning whose fix writes it as a URI, exit 0 (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=quarantine; rua=https://reports.example.org/dmarc; ruf=mailto:f@example.org') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check https); dnsfix_show https
[ "$rc" = 0 ] &&
	grep -qxF 'warn dmarc _dmarc.news.example.org: rua=https://reports.example.org/dmarc is not a mailto: URI: receivers send their reports by mail only, so none comes; fix: write rua=mailto:ADDRESS' "$TMP/https" &&
	[ "$(grep -c 'not a mailto' "$TMP/https")" = 1 ]
ok $? "rua= an https: URI: the same warning, ruf=mailto: nothing (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=reject; rua=mailto:d@example.org,') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check good); dnsfix_show good
[ "$rc" = 0 ] && ! grep -q 'mailto: URI' "$TMP/good" &&
	grep -q '^check --dns: 7 ok, 1 warn, 0 fail$' "$TMP/good"
ok $? "rua=mailto: (an empty element after it): nothing more said (got $rc)"
exit $tap_failed
