#!/usr/bin/env bash
# The per-client limit on confirmation mails (web.mails_per_ip_per_hour)
# for IPv6 clients: one subscriber's line is a whole /64 (RFC 6177), whose
# every address a client may take in turn, so the limit counts a client's
# /64 network, not its address: distinct addresses from one /64 get at
# most that many mails an hour; another /64 is another client; an IPv4
# client is its address as before.  The consent record keeps the client's
# whole address.  Behind a trusted proxy (X-Forwarded-For); Maildir
# transport: every mail is a file.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 5
web_direct_project 'trusted_proxy: [127.0.0.1]' 'mails_per_ip_per_hour: 3'
web_direct_serve
mails() { ls "$P"/outbox/new 2>/dev/null | wc -l; }
# sub CLIENT ADDRESS: subscribes ADDRESS as CLIENT (X-Forwarded-For)
sub() {
	curl -s -o /dev/null -H "X-Forwarded-For: $1" \
		--data "email=$2" "$BASE/lists/aba/subscribe"
}
for i in 1 2 3 4 5 6 7 8; do
	sub "2001:db8:1:2:$i::$i" "v6.$i@example.org"
done
sub 2001:DB8:1:2:ffff:ffff:ffff:ffff v6.9@example.org
drained
n=$(mails); [ "$n" = 3 ]
ok $? "9 addresses from 9 addresses of one /64: 3 confirmation mails ($n)"
[ "$(grep -c 'limit list=aba address=v\*\*\*@example.org ip=2001:db8:1:2::/64' "$TMP/serve.log")" = 6 ]
ok $? "the 6 refused are logged with the client's /64"
[ "$(q "select ip from subscriptions where email='v6.2@example.org'")" = 2001:db8:1:2:2::2 ]
ok $? "the consent record keeps the client's whole address"
sub 2001:db8:1:3::1 other.net@example.org
sub 198.51.100.7 v4.1@example.org; sub 198.51.100.8 v4.2@example.org
drained
n=$(mails); [ "$n" = 6 ]
ok $? "another /64 and two IPv4 clients still get their mails ($n)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
