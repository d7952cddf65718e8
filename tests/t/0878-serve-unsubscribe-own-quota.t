#!/usr/bin/env bash
# Subscription bombing must not block a subscriber's way out.  The body's
# visible unsubscribe link is the manage page, which mails the address a
# link; subscribe and unsubscribe mails shared one count per address
# (web.mails_per_address_per_day), so a stranger who asked three
# subscriptions for a subscriber's address used up her day, and her own
# unsubscribe request that day got "check your mail" and no mail.  Each
# kind now has its own count: the stranger's subscribe requests send no
# more than the limit, and her unsubscribe mail goes out (an attacker who
# used up the unsubscribe count instead has sent her that many working
# unsubscribe links).  Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project 'mails_per_ip_per_hour: 1000' 'mails_per_address_per_day: 3'
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
web_direct_serve
A=yang.jinhua.ab@example.org		# on lists/aba.csv, sent an edition
for i in 1 2 3 4 5; do
	curl -s -o /dev/null --data "name=&email=$A" "$BASE/lists/aba/subscribe"
done
drained
[ "$(q "select count(*) from web_mails where kind = 'subscribe'")" = 3 ]
ok $? "five subscribe requests for her address: three mails"
code=$(curl -s -o "$TMP/m.html" -w '%{http_code}' --data "email=$A" "$BASE/lists/aba/manage")
drained
[ "$code" = 200 ] && grep -q 'data-page="manage_sent"' "$TMP/m.html"
ok $? "her unsubscribe request gets the usual page ($code)"
n=$(grep -l "^Delivered-To: $A" "$P"/outbox/new/* | xargs grep -l '^Message-ID: <web\.' | wc -l)
[ "$(q "select count(*) from web_mails where kind = 'unsubscribe' and sent_at is not null")" = 1 ] &&
	[ "$n" = 4 ]
ok $? "and the mail with her unsubscribe link goes out ($n mails to her)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
