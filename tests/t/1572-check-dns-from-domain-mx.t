#!/usr/bin/env bash
# mailer check --dns on the From domain's mail exchangers, against a real
# unbound on a loopback port (tests/lib/unbound.sh).  Readers answer the
# newsletter at sender.address, and Microsoft asks bulk senders (May
# 2025) for a From address that can receive replies; a From domain that
# takes no mail is also what receivers check against forged senders.
# check --dns looked at the bounce domain's MX alone: with From
# news.example.org having no MX and no address it said "8 ok, 0 fail",
# exit 0.  Now an "mx" line for the From domain when it is not the
# bounce domain, judged as the bounce domain's is:
# - no MX, no address: fail, "replies to sender.address cannot be
#   delivered", with the MX record to publish, exit 65;
# - a null MX (RFC 7505, "MX 0 ."): fail, exit 65;
# - only an address (implicit MX, RFC 5321 5.1): a warning, exit 0;
# - an MX whose host has an address: ok;
# - From at the bounce domain itself: one mx line, as before.
# dnspython, through the same unbound, agrees that the name has no MX.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
/usr/bin/python3 -c 'import dns.resolver' 2>/dev/null ||
	skip_all "python3-dnspython missing (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 6
P=$TMP/proj
dnsfix_config news.example.org https://www.example.org
zone() {	# zone LINE...: no record for news.example.org but its SPF
	dnsfix_zone "local-data: '_dmarc.example.org. TXT \"v=DMARC1; p=reject; rua=mailto:d@example.org\"'" \
		"local-data: 'news.example.org. TXT \"v=spf1 ip4:192.0.2.25 -all\"'" "$@"
}
ub_start "$TMP/unbound" <(zone) || { echo "Bail out! unbound"; exit 1; }
check() { dnsfix_check "$@"; }
show() { dnsfix_show "$@"; }
fix='fix: publish news.example.org. MX 10 <the server that takes sender.address'"'"'s mail>'

rc=$(check none); show none
[ "$rc" = 65 ] &&
	grep -qxF "fail mx    news.example.org: From domain: no MX record: replies to sender.address cannot be delivered; $fix" "$TMP/none" &&
	grep -q '^ok   mx    bounce\.example\.org: bounce domain: MX mx\.example\.org' "$TMP/none"
ok $? "From domain without MX or address: a fail line with the MX to publish, exit 65 (got $rc)"

/usr/bin/python3 - "$UB_PORT" >"$TMP/py" 2>&1 <<'PY'
import sys, dns.resolver
r = dns.resolver.Resolver(configure=False)
r.nameservers, r.port = ['127.0.0.1'], int(sys.argv[1])
for t in ('MX', 'A', 'AAAA'):
    try:
        r.resolve('news.example.org', t)
        print(t, 'found')
    except dns.resolver.NoAnswer:
        print(t, 'none')
PY
sed 's/^/# dnspython: /' "$TMP/py"
[ "$(tr '\n' ' ' <"$TMP/py")" = 'MX none A none AAAA none ' ]
ok $? "dnspython agrees: news.example.org has no MX, A or AAAA record"

ub_restart <(zone "local-data: 'news.example.org. MX 0 .'") ||
	echo "Bail out! unbound"
rc=$(check null); show null
[ "$rc" = 65 ] &&
	grep -qxF "fail mx    news.example.org: From domain: a null MX (RFC 7505): it accepts no mail, so replies to sender.address cannot be delivered; $fix" "$TMP/null"
ok $? "a null MX: fails, exit 65 (got $rc)"

ub_restart <(zone "local-data: 'news.example.org. A 192.0.2.80'") ||
	echo "Bail out! unbound"
rc=$(check aonly); show aonly
[ "$rc" = 0 ] &&
	grep -qxF "warn mx    news.example.org: From domain: no MX record; mail goes to its address 192.0.2.80 (implicit MX, RFC 5321 5.1); $fix" "$TMP/aonly"
ok $? "only an address (implicit MX): a warning, exit 0 (got $rc)"

ub_restart <(zone "local-data: 'news.example.org. MX 10 mx.example.org.'") ||
	echo "Bail out! unbound"
rc=$(check good); show good
[ "$rc" = 0 ] &&
	grep -qxF 'ok   mx    news.example.org: From domain: MX mx.example.org (192.0.2.10)' "$TMP/good" &&
	grep -q '^check --dns: 7 ok, 1 warn, 0 fail$' "$TMP/good"
ok $? "an MX whose host has an address: ok (got $rc)"

dnsfix_config bounce.example.org https://www.example.org
rc=$(check same); show same
[ "$(grep -c '^... *mx ' "$TMP/same")" = 1 ] &&
	! grep -q 'From domain: MX' "$TMP/same"
ok $? "From at the bounce domain: its one mx line, as before (got $rc)"
exit $tap_failed
