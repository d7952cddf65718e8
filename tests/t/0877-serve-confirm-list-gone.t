#!/usr/bin/env bash
# A confirmation mail still waiting (its relay down) when its list is
# taken out of lists/ and serve restarted cannot be sent: it has no list
# to name.  serve dropped it without a word, marked as sent, so the
# operator could not tell the requester's mail never left; now it says
# so on standard error, naming the list and the masked address, and still
# drops it (a link to a list that is gone would lead nowhere).  Maildir
# transport after a relay that refuses connections.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project
DEAD=$(srv__free_ports 127.0.0.1 1)
sed -i "s|relays: \[maildir:outbox\]|relays: [smtp://127.0.0.1:$DEAD]|" "$P/config.yaml"
web_direct_serve
code=$(curl -s -o /dev/null -w '%{http_code}' --data 'name=&email=late@example.org' \
	"$BASE/lists/aba/subscribe")
tried() { grep -q 'confirmation mail to l\*\*\*@example.org' "$TMP/serve.log"; }
wait_for 60 "the first try" tried
[ "$code" = 200 ] && [ "$(q "select count(*) from web_mails where sent_at is null")" = 1 ]
ok $? "the request is taken; its mail waits for the relay ($code)"
kill -TERM $SERVE; wait $SERVE
mv "$P/lists/aba.yaml" "$P/lists/aba.csv" "$TMP/"
sed -i "s|relays: \[smtp://127.0.0.1:$DEAD\]|relays: [maildir:outbox]|" "$P/config.yaml"
mv "$TMP/serve.log" "$TMP/serve1.log"
web_direct_serve
drained
[ ! -d "$P/outbox/new" ] || [ -z "$(ls "$P/outbox/new")" ]
ok $? "no mail goes out for the list that is gone"
grep 'late\|l\*\*\*' "$TMP/serve.log" | sed 's/^/# /'
grep -q 'confirmation mail to l\*\*\*@example.org.*aba.*dropped' "$TMP/serve.log"
ok $? "serve says the mail was dropped, naming the list and the masked address"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
