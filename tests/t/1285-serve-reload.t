#!/usr/bin/env bash
# mailer serve reads lists/ and the templates again at SIGHUP (systemctl
# reload, contrib/mailer-serve.service's ExecReload): a list added since
# it started gets its pages, one taken out loses them, a changed
# template shows, without a restart.  A reload that finds a broken YAML
# names the file and line and keeps serving what it had.  Before, serve
# read them once at start, and a SIGHUP killed it.
# serve straight on loopback, Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 7
web_direct_project
web_direct_serve
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

before=$(code "$BASE/lists/west/subscribe")
sed -e 's/^name: .*/name: 西部科协/' -e 's/^list_id: .*/list_id: west.news.example.org/' \
	"$P/lists/aba.yaml" >"$P/lists/west.yaml"
cp "$P/lists/aba.csv" "$P/lists/west.csv"
mv "$P/lists/bazhong.yaml" "$TMP/"
web_direct_reload 1
curl -s "$BASE/lists/west/subscribe" >"$TMP/west.html"
[ "$before" = 404 ] && grep -q '西部科协' "$TMP/west.html" &&
	[ "$(code "$BASE/lists/bazhong/subscribe")" = 404 ]
ok $? "after SIGHUP a list added has its pages ($before before), one taken out has none"
grep -q 'reloaded [0-9]* lists' "$TMP/serve.log"
ok $? "serve logs the reload"

sed -i 's|</body>|<p id="reloaded-mark">v2</p></body>|' "$P/templates/web.html.mustache"
web_direct_reload 2
curl -s "$BASE/lists/aba/manage" | grep -q 'reloaded-mark'
ok $? "a changed page template shows after the reload"

printf 'name: broken\nshort_name: [unclosed\n' >"$P/lists/broken.yaml"
rm "$P/lists/west.yaml" "$P/lists/west.csv"
web_direct_reload 3
grep 'broken.yaml' "$TMP/serve.log" | sed 's/^/# /'
grep -q 'broken.yaml:[0-9]' "$TMP/serve.log" && grep -q 'reload failed' "$TMP/serve.log"
ok $? "a broken YAML: the reload fails naming the file and line"
[ "$(code "$BASE/lists/west/subscribe")" = 200 ] &&
	[ "$(code "$BASE/lists/broken/subscribe")" = 404 ] &&
	curl -s "$BASE/lists/aba/manage" | grep -q 'reloaded-mark'
ok $? "and serve keeps the lists and templates it had"

rm "$P/lists/broken.yaml"
web_direct_reload 4
[ "$(code "$BASE/lists/west/subscribe")" = 404 ] && [ "$(code "$BASE/lists/aba/subscribe")" = 200 ]
ok $? "the YAML mended, the next reload takes"
kill -TERM "$SERVE"; wait "$SERVE"; ok $? "serve stops cleanly (exit 0)"
exit 0
