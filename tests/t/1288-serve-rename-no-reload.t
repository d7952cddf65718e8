#!/usr/bin/env bash
# `mailer lists rename aba abc` while serve runs, and no reload: the next
# request for a page of aba sees that the journal records a rename done
# after serve loaded lists/, reloads by itself (once, with a log line)
# and redirects to abc; a form posted to aba meanwhile ends under abc,
# not under aba, where it would have been lost to the list.  Before,
# serve answered aba's pages from what it loaded at start, recording
# consents under aba, until restarted.
# serve straight on loopback, Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project
web_direct_serve
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
# a list the journal holds nothing of leaves no record of its rename
c0=$(curl -s -o /dev/null -w '%{http_code}' --data 'name=&email=eve@example.org' \
	"$BASE/lists/aba/subscribe")
M lists rename aba abc >"$TMP/ren.out" 2>&1 &&
	[ "$(q "select count(*) from list_renames where done_at is not null")" = 1 ]
ok $? "eve asked to subscribe to aba ($c0); aba renamed abc while serve runs"
curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --data 'name=&email=dan@example.org' \
	"$BASE/lists/aba/subscribe" >"$TMP/r1"
[ "$(cat "$TMP/r1")" = "308 $BASE/lists/abc/subscribe" ] &&
	[ "$(q "select count(*) from subscriptions where list = 'aba'")" = 0 ] &&
	[ "$(q "select count(*) from subscriptions")" = 1 ]
ok $? "without a reload, a form posted to aba is redirected to abc's, nothing recorded under aba ($(cat "$TMP/r1"))"
curl -s -L --data 'name=&email=dan@example.org' "$BASE/lists/aba/subscribe" | grep -q 'data-page="subscribe_sent"' &&
	[ "$(q "select list from subscriptions where email = 'dan@example.org'")" = abc ]
ok $? "followed, it is recorded under abc"
[ "$(grep -c 'serve: reloaded' "$TMP/serve.log")" = 1 ]
ok $? "serve reloaded once by itself ($(grep -c 'serve: reloaded' "$TMP/serve.log") reload lines)"
exit 0
