#!/usr/bin/env bash
# A cap on subscribe confirmation mails over the whole server
# (web.subscribe_mails_per_hour): a sprayer with a /48 has 65,536 /64
# networks, each within web.mails_per_ip_per_hour, so the per-client and
# per-address limits alone let serve mail thousands of strangers an
# hour.  Past the cap every request still gets the same page (the form
# tells nothing), no mail goes out, and serve says so on standard error
# once (not once a request); the count is the journal's, so a restart
# does not reset it.  A subscriber's unsubscribe mail (manage page) never
# waits on it.  Behind a trusted proxy (X-Forwarded-For); Maildir
# transport: every mail is a file.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 7
web_direct_project 'trusted_proxy: [127.0.0.1]' 'mails_per_ip_per_hour: 3' \
	'subscribe_mails_per_hour: 5'
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
rm -f "$P"/outbox/new/*
web_direct_serve
mails() { ls "$P"/outbox/new 2>/dev/null | wc -l; }
# sub N: subscribes stranger.N@example.org from the /64 2001:db8:77:N::/64
sub() {
	curl -s -o "$TMP/page.$1" -w '%{http_code}' \
		-H "X-Forwarded-For: 2001:db8:77:$1::1" \
		--data "name=&email=stranger.$1@example.org" "$BASE/lists/aba/subscribe"
}
codes=
for i in 1 2 3 4 5 6 7 8 9; do codes="$codes$(sub $i)"; done
drained
n=$(mails)
[ "$codes" = 200200200200200200200200200 ] && [ "$n" = 5 ]
ok $? "9 strangers from 9 networks: 9 times the usual page, 5 mails ($codes, $n)"
cmp -s "$TMP/page.1" "$TMP/page.9"
ok $? "the page over the cap is the page under it"
grep 'subscribe_mails_per_hour' "$TMP/serve.log" | sed 's/^/# /'
[ "$(grep -c 'web.subscribe_mails_per_hour (5) reached' "$TMP/serve.log")" = 1 ] &&
	! grep -q 'limit list=aba address=s\*\*\*' "$TMP/serve.log"
ok $? "one line says the cap was reached, none per request"
A=yang.jinhua.ab@example.org		# on lists/aba.csv, sent an edition
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 198.51.100.9' \
	--data "email=$A" "$BASE/lists/aba/manage")
drained
[ "$code" = 200 ] && [ "$(grep -l "^Delivered-To: $A" "$P"/outbox/new/* | wc -l)" = 1 ]
ok $? "a subscriber's unsubscribe mail still goes out ($code)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
mv "$TMP/serve.log" "$TMP/serve.1.log"
web_direct_serve
codes="$(sub 10)$(sub 11)"
drained
n=$(mails)
[ "$codes" = 200200 ] && [ "$n" = 6 ]
ok $? "after a restart the hour's count holds: no more mails ($codes, $n)"
q "update web_mails set at = at - 3600"
codes="$(sub 12)"
drained
n=$(mails)
[ "$codes" = 200 ] && [ "$n" = 7 ]
ok $? "an hour later mails go out again ($codes, $n)"
exit 0
