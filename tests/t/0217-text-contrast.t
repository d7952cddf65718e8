#!/usr/bin/env bash
# Grey text a reader can read: headless Chromium checks every element that
# holds text against WCAG 2's contrast ratio (4.5:1, 3:1 for large text;
# tests/lib/contrast.js) in the mail as sent (an association's edition),
# the archive's index and issue page, preview's index and the delivery
# report.  The mail's footer (why you receive it, how to unsubscribe), its
# credit lines and its view-online links were #888 on white (3.5:1).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 6
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org/\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/out" 2>&1 && M archive >>"$TMP/out" 2>&1 &&
	M preview "$P/issues/2021-01" --out "$TMP/pv" >>"$TMP/out" 2>&1 &&
	M status "$P/issues/2021-01" --html "$TMP/report.html" >>"$TMP/out" 2>&1
ok $? "send, archive, preview and the delivery report"
mkdir -p "$TMP/c"
# readable PAGE: the check, and what fell short from the page's title
readable() { cdp_check "$TMP/c" tests/lib/contrast.js "open:file://$1"; }
readable "$P/archive/2021-01/aba.html"
ok $? "the mail as sent"
readable "$P/archive/index.html"
ok $? "the archive's index"
readable "$P/archive/2021-01/index.html"
ok $? "the archive's issue page"
readable "$TMP/pv/index.html"
ok $? "preview's index"
readable "$TMP/report.html"
ok $? "the delivery report"
exit $tap_failed
