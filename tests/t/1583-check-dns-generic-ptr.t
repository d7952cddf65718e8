#!/usr/bin/env bash
# mailer check --dns on a relay whose reverse name is generic, against a
# real unbound on a loopback port (tests/lib/unbound.sh).  An access
# provider names each address of a range after it (192-0-2-25.dsl.
# example.org) or after the pool (host25.pool.example.org); the large
# mailbox providers want a bulk sender's forward-confirmed reverse name
# to be its own.  Such a name passed as "ok rdns"; now, forward-confirmed
# still, it is a warning that says why, with the fix (a PTR to a name of
# your own), exit 0.  A generic name that does not resolve back fails as
# before, and relay.example.org stays ok.  The heuristic itself is
# unit-tested on names (tests/unit/test_dns.c, test_ptr_generic).
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
dnsfix_config news.example.org https://news.example.org
# zone PTRNAME [LINE...]: the shared zone with 192.0.2.25's PTR PTRNAME
zone() {
	ptr=$1; shift
	dnsfix_swap '25.2.0.192.in-addr.arpa. PTR' \
		"local-data: '25.2.0.192.in-addr.arpa. PTR $ptr.'" "$@"
}
fix='fix: have the owner of 192.0.2.25 (the relay'"'"'s provider) set its PTR record to a name of your own, as mail.news.example.org, whose A/AAAA record is 192.0.2.25'
ub_start "$TMP/unbound" <(zone 192-0-2-25.dsl.example.org \
	"local-data: '192-0-2-25.dsl.example.org. A 192.0.2.25'") ||
	{ echo "Bail out! unbound"; exit 1; }

rc=$(dnsfix_check dashed); dnsfix_show dashed
[ "$rc" = 0 ] &&
	grep -qxF "warn rdns  192.0.2.25: relay relay.example.org: 192.0.2.25 -> 192-0-2-25.dsl.example.org -> 192.0.2.25; but the name looks generic (it holds the address as 192-0-2-25): the large mailbox providers want a bulk sender's reverse name to be its own, not an access provider's pattern; $fix" "$TMP/dashed" &&
	! grep -q '^ok   rdns' "$TMP/dashed"
ok $? "a PTR that holds the address, dashed: a warning with the fix, exit 0 (got $rc)"

ub_restart <(zone host25.pool.example.org \
	"local-data: 'host25.pool.example.org. A 192.0.2.25'") || echo "Bail out! unbound"
rc=$(dnsfix_check pool); dnsfix_show pool
[ "$rc" = 0 ] &&
	grep -qF 'warn rdns  192.0.2.25: relay relay.example.org: 192.0.2.25 -> host25.pool.example.org -> 192.0.2.25; but the name looks generic ("pool" names an access pool)' "$TMP/pool"
ok $? "a PTR in a pool: the same warning, the word named (got $rc)"

ub_restart <(zone 192-0-2-25.dsl.example.org) || echo "Bail out! unbound"
rc=$(dnsfix_check noback); dnsfix_show noback
[ "$rc" = 65 ] &&
	grep -q '^fail rdns  192\.0\.2\.25: relay relay\.example\.org: 192\.0\.2\.25 -> 192-0-2-25\.dsl\.example\.org, which does not resolve back to 192\.0\.2\.25; fix: ' "$TMP/noback" &&
	! grep -q 'generic' "$TMP/noback"
ok $? "a generic PTR that does not resolve back: fails, as before (got $rc)"

ub_restart <(zone relay.example.org) || echo "Bail out! unbound"
rc=$(dnsfix_check own); dnsfix_show own
[ "$rc" = 0 ] &&
	grep -qxF 'ok   rdns  192.0.2.25: relay relay.example.org: 192.0.2.25 -> relay.example.org -> 192.0.2.25' "$TMP/own"
ok $? "the relay's own name: ok, as before (got $rc)"
exit $tap_failed
