#!/usr/bin/env bash
# preview's index.html (the editor's list of editions) on a phone: headless
# Chromium at 390 px lays it out at the screen's width (a page without a
# viewport is laid out 980 px wide and shrunk to a third, its links too
# small to read or tap), nothing past the screen's edge, no sideways
# scroll; and at 1280 px.  A screen reader's list of links tells each
# apart (tests/lib/linknames.js; it was "text", ".eml", "text", ".eml",
# ... once per association, in English), and no English is left unmarked
# (tests/lib/webcheck.js).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 4
P=$TMP/p
mk_maildir_project "$P"
"$MAILER" --config "$P/config.yaml" preview "$P/issues/2021-01" \
	--out "$TMP/pv" >"$TMP/out" 2>&1
ok $? "preview"
sed 's/^/# /' "$TMP/out"
FITS='check:document.scrollingElement.scrollWidth <= screen.width && [...document.querySelectorAll("body *")].every(e => e.getBoundingClientRect().right <= screen.width)'
WIDTH='check:window.innerWidth == screen.width'
mkdir -p "$TMP/c"
cdp() { timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "$@" 2>>"$TMP/cdp.err"; }
cdp phone "open:file://$TMP/pv/index.html" "$WIDTH" "$FITS"
ok $? "at 390 px the index is laid out at the screen's width and fits"
# headless Chromium's screen stays 800 px wide on a desktop: the window's
CDP_ARGS=--window-size=1280,900 cdp "open:file://$TMP/pv/index.html" \
	"check:window.innerWidth == 1280" "${FITS//screen.width/window.innerWidth}"
ok $? "at 1280 px it fits"
sed 's/^/# /' "$TMP/cdp.err"
js_all "$TMP/links.js" tests/lib/linknames.js tests/lib/webcheck.js
cdp_check "$TMP/c" "$TMP/links.js" "open:file://$TMP/pv/index.html"
ok $? "every link's name says where it goes, the English marked"
exit $tap_failed
