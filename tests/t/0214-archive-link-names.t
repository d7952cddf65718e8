#!/usr/bin/env bash
# The archive's links as a screen reader lists them (headless Chromium,
# tests/lib/linknames.js and tests/lib/webcheck.js): on the index, the
# issue's page and an association's edition each link's name says where it
# goes; the feed's link was "订阅(Atom)", "subscribe", the word the
# newsletter's own subscribe page uses, and it opened an XML feed: now it
# says 订阅源 (feed), "Atom" marked English.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 4
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org/\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/out" 2>&1 && M archive >>"$TMP/out" 2>&1
ok $? "send and archive"
mkdir -p "$TMP/c"
js_all "$TMP/links.js" tests/lib/linknames.js tests/lib/webcheck.js
# links WHAT PAGE: linknames.js and webcheck.js, in one Chromium
links() {
	cdp_check "$TMP/c" "$TMP/links.js" "open:file://$2"
	ok $? "$1"
}
links "the index's links say where they go" "$P/archive/index.html"
links "the issue page's links say where they go" "$P/archive/2021-01/index.html"
links "an edition's links say where they go" "$P/archive/2021-01/aba.html"
exit $tap_failed
