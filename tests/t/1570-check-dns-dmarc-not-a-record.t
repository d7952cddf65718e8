#!/usr/bin/env bash
# mailer check --dns on a DMARC TXT record the operator mistyped, against
# a real unbound on a loopback port (tests/lib/unbound.sh).  A record at
# _dmarc.FROM must begin with "v=DMARC1;" (RFC 7489 6.4); receivers skip
# any other TXT there without a word.
# - "v=DMARC1, p=reject" (a comma for the semicolon): check --dns said
#   "fail dmarc _dmarc.example.org: no DMARC record for news.example.org
#   ...; fix: publish _dmarc.news.example.org. TXT "v=DMARC1; p=none"",
#   naming the organizational domain's name and telling the operator to
#   publish what they believe is published.  Now the line names the
#   record at _dmarc.news.example.org, quotes it, and says why receivers
#   ignore it and how to write it.
# - "p=reject; v=DMARC1" (v= not first) with a record at the
#   organizational domain: the line says receivers apply that one
#   instead (it was judged alone, as if news.example.org had meant it).
# - A valid record beside an unrelated TXT (a site verification): ok.
# dnspython, through the same unbound, shows the TXT is there and that it
# does not match RFC 7489's grammar.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
/usr/bin/python3 -c 'import dns.resolver' 2>/dev/null ||
	skip_all "python3-dnspython missing (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 5
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
zone() { dnsfix_zone "$DNSFIX_FROM" "$@"; }	# zone DMARC-LINE...
ub_start "$TMP/unbound" <(zone "local-data: '_dmarc.news.example.org. TXT \"v=DMARC1, p=reject\"'") ||
	{ echo "Bail out! unbound"; exit 1; }
check() { dnsfix_check "$@"; }
show() { dnsfix_show "$@"; }
fix='fix: rewrite it as "v=DMARC1; p=POLICY; rua=mailto:ADDRESS": v=DMARC1 first, the tags separated by ";"'

rc=$(check comma); show comma
[ "$rc" = 65 ] &&
	grep -qxF 'fail dmarc _dmarc.news.example.org: "v=DMARC1, p=reject" is no DMARC record: it must begin with "v=DMARC1;" (RFC 7489 6.4), so receivers ignore it and find no DMARC record for news.example.org; '"$fix" "$TMP/comma" &&
	[ "$(grep -c '^fail dmarc' "$TMP/comma")" = 1 ] &&
	! grep -q 'publish _dmarc' "$TMP/comma"
ok $? "a comma for the semicolon: the record named, quoted and how to write it; no \"publish\" of what is there (got $rc)"

# what a receiver's resolver finds there, and RFC 7489 6.4's first tag
/usr/bin/python3 - "$UB_PORT" >"$TMP/py" 2>&1 <<'PY'
import re, sys, dns.resolver
r = dns.resolver.Resolver(configure=False)
r.nameservers, r.port = ['127.0.0.1'], int(sys.argv[1])
for rr in r.resolve('_dmarc.news.example.org', 'TXT'):
    t = b''.join(rr.strings).decode()
    print(t, 'record' if re.match(r'v[ \t]*=[ \t]*DMARC1[ \t]*(;|$)', t)
          else 'not-a-record')
PY
sed 's/^/# dnspython: /' "$TMP/py"
[ "$(cat "$TMP/py")" = 'v=DMARC1, p=reject not-a-record' ]
ok $? "dnspython finds the TXT, and it is no DMARC record by RFC 7489's grammar"

ub_restart <(zone "local-data: '_dmarc.news.example.org. TXT \"p=reject; v=DMARC1\"'" \
	"local-data: '_dmarc.example.org. TXT \"v=DMARC1; p=quarantine; rua=mailto:d@example.org\"'") ||
	echo "Bail out! unbound"
rc=$(check vlast); show vlast
[ "$rc" = 65 ] &&
	grep -qxF 'fail dmarc _dmarc.news.example.org: "p=reject; v=DMARC1" is no DMARC record: it must begin with "v=DMARC1;" (RFC 7489 6.4), so receivers ignore it and apply the record at _dmarc.example.org; '"$fix" "$TMP/vlast" &&
	grep -q '^ok   dmarc _dmarc\.example\.org: p=quarantine (sp= of the organizational domain)' "$TMP/vlast"
ok $? "v= not first, a record at the organizational domain: says that one applies instead (got $rc)"

ub_restart <(zone "local-data: '_dmarc.news.example.org. TXT \"v=DMARC1; p=reject; rua=mailto:d@example.org\"'" \
	"local-data: '_dmarc.news.example.org. TXT \"google-site-verification=abc\"'") ||
	echo "Bail out! unbound"
rc=$(check good); show good
[ "$rc" = 0 ] && ! grep -q 'no DMARC record' "$TMP/good" &&
	grep -q '^ok   dmarc _dmarc\.news\.example\.org: p=reject; ' "$TMP/good"
ok $? "a valid record beside an unrelated TXT: ok, exit 0 (got $rc)"

ub_restart <(zone "local-data: '_dmarc.news.example.org. TXT \"v=dmarc1; p=reject\"'") ||
	echo "Bail out! unbound"
rc=$(check lower); show lower
[ "$rc" = 65 ] &&
	grep -qF 'fail dmarc _dmarc.news.example.org: "v=dmarc1; p=reject" is no DMARC record' "$TMP/lower"
ok $? "v=dmarc1 in lower case (RFC 7489 spells it DMARC1): named and quoted (got $rc)"
exit $tap_failed
