#!/usr/bin/env bash
# mailer check --dns on a DMARC record whose pct= is under 100, against a
# real unbound on a loopback port (tests/lib/unbound.sh).  Receivers apply
# the policy to pct percent of the mail that fails DMARC and the next
# milder one to the rest (RFC 7489 6.6.4): "p=reject; pct=0" rejects no
# forged mail, it quarantines it.  check --dns said "ok dmarc ...
# p=reject; ..." as for pct=100; now a warning that says how much and
# what the rest gets, with the fix (remove pct= once the reports show
# only your own mail), exit 0.  Without pct=: ok, as before.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 3
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
ub_start "$TMP/unbound" <(dnsfix_dmarc 'v=DMARC1; p=reject; pct=0; rua=mailto:d@example.org') ||
	{ echo "Bail out! unbound"; exit 1; }
fix='fix: once the reports show only your own mail, remove pct= (it is 100 when absent)'

rc=$(dnsfix_check zero); dnsfix_show zero
[ "$rc" = 0 ] &&
	grep -qxF "warn dmarc _dmarc.news.example.org: p=reject; no DKIM signature of ours, SPF bounce.example.org aligns (aspf=r); but pct=0: receivers apply p=reject to only 0% of the mail forged in news.example.org's name and quarantine the rest; $fix" "$TMP/zero"
ok $? "p=reject; pct=0: a warning, the rest quarantined, exit 0 (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=quarantine; pct=25; rua=mailto:d@example.org') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check q25); dnsfix_show q25
[ "$rc" = 0 ] &&
	grep -qF "but pct=25: receivers apply p=quarantine to only 25% of the mail forged in news.example.org's name and deliver the rest; $fix" "$TMP/q25"
ok $? "p=quarantine; pct=25: a warning, the rest delivered (got $rc)"

ub_restart <(dnsfix_dmarc 'v=DMARC1; p=reject; rua=mailto:d@example.org') ||
	echo "Bail out! unbound"
rc=$(dnsfix_check full); dnsfix_show full
[ "$rc" = 0 ] && ! grep -q 'pct=' "$TMP/full" &&
	grep -q '^ok   dmarc _dmarc\.news\.example\.org: p=reject; ' "$TMP/full"
ok $? "no pct=: ok, as before (got $rc)"
exit $tap_failed
