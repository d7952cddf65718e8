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
PAGES=("$P/archive/2021-01/aba.html" "$P/archive/index.html"
	"$P/archive/2021-01/index.html" "$TMP/pv/index.html" "$TMP/report.html")
# one Chromium checks every page, a dom:passN marker after each check
chain=()
for i in "${!PAGES[@]}"; do
	chain+=("open:file://${PAGES[i]}" "check:$(cat tests/lib/contrast.js)" "dom:pass$i")
done
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${chain[@]}" 2>/dev/null
# readable N: the Nth page held; if not, the check alone again, and what
# fell short from the page's title
readable() {
	[ -e "$TMP/c/pass$1.html" ] ||
		cdp_check "$TMP/c" tests/lib/contrast.js "open:file://${PAGES[$1]}"
}
readable 0
ok $? "the mail as sent"
readable 1
ok $? "the archive's index"
readable 2
ok $? "the archive's issue page"
readable 3
ok $? "preview's index"
readable 4
ok $? "the delivery report"
exit $tap_failed
