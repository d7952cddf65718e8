#!/usr/bin/env bash
# serve's pages as a screen reader reads them (tests/lib/webcheck.js in
# headless Chromium): the English beside the Chinese is marked lang="en"
# on every page, and a refused form ties its error to the field it is
# about: the field is aria-invalid, described by the error and focused,
# and the page's title starts "错误".  The subscribe form is filled and
# sent by a real click (an address that starts like a spreadsheet formula,
# then a name that does); Maildir transport, serve straight on loopback.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 7
web_direct_project
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
web_direct_serve
f=$(grep -l '^To: .*<yang.jinhua.ab@example.org>' "$P"/outbox/new/* | head -1)
URL=$(grep -o "$BASE/unsubscribe?t=[a-z0-9]*" "$f")
[ -n "$URL" ] || { echo "Bail out! no one-click URL"; exit 1; }
mkdir -p "$TMP/c"
# reads WHAT STEP...: the steps, then the check.  One Chromium walks all
# the pages in turn, a dom:passN marker after each check; a page whose
# marker is missing gets a Chromium of its own again, which names what
# fell short.
whats=() steps=() chain=()
reads() {
	local what=$1; shift
	whats+=("$what")
	steps+=("$(printf '%s\t' "$@")")
	chain+=("$@" "check:$(cat tests/lib/webcheck.js)" "dom:pass${#whats[@]}")
}
reads "the subscribe form" "open:$BASE/lists/aba/subscribe"
reads "the address refused" "open:$BASE/lists/aba/subscribe" \
	"fill:#email==formula@example.org" "click:#send"
reads "the name refused" "open:$BASE/lists/aba/subscribe" \
	"fill:#name=+张三" "fill:#email=zhang.san@example.org" "click:#send"
reads "the manage form" "open:$BASE/lists/aba/manage"
reads "the one-click page and its confirmation" "open:$URL" click:#confirm
reads "an unknown page" "open:$BASE/lists/aba/nothing"
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${chain[@]}" 2>/dev/null
for i in "${!whats[@]}"; do
	[ -e "$TMP/c/pass$((i + 1)).html" ] || {
		IFS=$'\t' read -r -a one <<<"${steps[i]}"
		cdp_check "$TMP/c" tests/lib/webcheck.js "${one[@]}"
	}
	ok $? "${whats[i]}"
done
[ "$(q "select count(*) from web_mails")" = 0 ]
ok $? "nothing refused was mailed"
exit $tap_failed
