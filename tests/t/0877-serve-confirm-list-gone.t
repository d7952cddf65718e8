#!/usr/bin/env bash
# Confirmation mails still waiting (their relay down) that can no longer
# be sent: one whose list was taken out of lists/ before serve restarted
# (no list to name), one not sent within web.token_days (its link would be
# dead on arrival).  serve dropped them without a word, marked as sent,
# so the operator could not tell the requesters' mail never left; now it
# says so on standard error, naming the list and the masked address, and
# still drops them.  Maildir transport after a relay that refuses
# connections; the wait is made by dating the journal's row back.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 5
web_direct_project 'token_days: 2'
DEAD=$(srv__free_ports 127.0.0.1 1)
sed -i "s|relays: \[maildir:outbox\]|relays: [smtp://127.0.0.1:$DEAD]|" "$P/config.yaml"
web_direct_serve
c1=$(curl -s -o /dev/null -w '%{http_code}' --data 'name=&email=late@example.org' \
	"$BASE/lists/aba/subscribe")
c2=$(curl -s -o /dev/null -w '%{http_code}' --data 'name=&email=slow@example.org' \
	"$BASE/lists/bazhong/subscribe")
tried() { grep -q 'confirmation mail to .*tried again later' "$TMP/serve.log"; }
wait_for 60 "a first try" tried
[ "$c1$c2" = 200200 ] && [ "$(q "select count(*) from web_mails where sent_at is null")" = 2 ]
ok $? "the requests are taken; their mails wait for the relay ($c1 $c2)"
kill -TERM $SERVE; wait $SERVE
mv "$P/lists/aba.yaml" "$P/lists/aba.csv" "$TMP/"
q "update web_mails set at = at - 2 * 86400 where list = 'bazhong'"
sed -i "s|relays: \[smtp://127.0.0.1:$DEAD\]|relays: [maildir:outbox]|" "$P/config.yaml"
mv "$TMP/serve.log" "$TMP/serve1.log"
web_direct_serve
drained
[ ! -d "$P/outbox/new" ] || [ -z "$(ls "$P/outbox/new")" ]
ok $? "no mail goes out for the list that is gone, none with an expired link"
grep 'l\*\*\*\|s\*\*\*' "$TMP/serve.log" | sed 's/^/# /'
grep -q 'confirmation mail to l\*\*\*@example.org.*aba.*dropped' "$TMP/serve.log"
ok $? "serve says the mail for the list that is gone was dropped"
grep -q 'confirmation mail to s\*\*\*@example.org.*bazhong.*expired.*dropped' "$TMP/serve.log"
ok $? "and the mail whose link expired"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
