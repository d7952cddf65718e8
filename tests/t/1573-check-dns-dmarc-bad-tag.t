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
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
ub_start "$TMP/unbound" <(dnsfix_dmarc 'v=DMARC1; p=rejet; rua=mailto:d@example.org') ||
	{ echo "Bail out! unbound"; exit 1; }
# case NAME RECORD REASON: exit 65 and the fail line with this reason
case_() {
	ub_restart <(dnsfix_dmarc "$2") || echo "Bail out! unbound"
	rc=$(dnsfix_check "$1"); dnsfix_show "$1"
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
