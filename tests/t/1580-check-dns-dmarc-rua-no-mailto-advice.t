#!/usr/bin/env bash
# mailer check --dns on a p=none DMARC record whose rua= holds no mailto:
# URI, against a real unbound on a loopback port (tests/lib/unbound.sh).
# Receivers send aggregate reports by mail only, to rua='s mailto: URIs
# (RFC 7489 6.2, 6.4): "rua=d@example.org" or "rua=https://..." brings no
# report.  dmarc.c counted any rua= as a report address, so the p=none
# advice said "once the reports show only your own mail, publish
# p=quarantine", for reports that never come.  Now that advice first says
# "add rua=mailto:ADDRESS", and the warning about the URI itself stays;
# with one mailto: URI among others, the advice is as before.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 3
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
ub_start "$TMP/unbound" <(dnsfix_dmarc 'v=DMARC1; p=none; rua=d@example.org') ||
	{ echo "Bail out! unbound"; exit 1; }
add='fix: add rua=mailto:ADDRESS, then once the reports show only your own mail, publish p=quarantine, then p=reject'
tighten='fix: once the reports show only your own mail, publish p=quarantine, then p=reject'
line="warn dmarc _dmarc.news.example.org: p=none; no DKIM signature of ours, SPF bounce.example.org aligns (aspf=r); p=none only asks for reports: receivers take no action against mail forged in news.example.org's name;"

rc=$(dnsfix_check bare); dnsfix_show bare
[ "$rc" = 0 ] && grep -qxF "$line $add" "$TMP/bare" &&
	grep -qxF 'warn dmarc _dmarc.news.example.org: rua=d@example.org is not a mailto: URI: receivers send their reports by mail only, so none comes; fix: write rua=mailto:d@example.org' "$TMP/bare"
ok $? "p=none; rua=d@example.org: the advice adds a mailto: rua= first, the URI warning stays (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=none; rua=https://reports.example.org/dmarc') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check https); dnsfix_show https
[ "$rc" = 0 ] && grep -qxF "$line $add" "$TMP/https" &&
	grep -q 'rua=https://reports.example.org/dmarc is not a mailto: URI' "$TMP/https"
ok $? "p=none; rua=https://...: the same advice (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=none; rua=https://reports.example.org/dmarc,mailto:d@example.org') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check mixed); dnsfix_show mixed
[ "$rc" = 0 ] && grep -qxF "$line $tighten" "$TMP/mixed"
ok $? "p=none; an https: and a mailto: URI: reports come, the advice as before (got $rc)"
exit $tap_failed
