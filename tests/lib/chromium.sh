# Headless Chromium for the HTML tests: chrome ARGS... runs Debian's
# chromium with a fresh profile in $TMP and no network chatter (the flags
# this machine needs); its log goes to $TMP/chromium.log.
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --disable-quic \
		--user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.log"
}
# cdp_check DIR JS STEP...: cdp.py's STEPs in DIR, then the check JS (a
# file whose expression is true when the page passes and otherwise names
# what fell short in document.title, "a | b"); on failure the steps run
# again to print those names as TAP comments.
cdp_check() {
	local dir=$1 js; js=$(cat "$2"); shift 2
	timeout 120 /usr/bin/python3 tests/lib/cdp.py "$dir" "$@" \
		"check:$js" 2>/dev/null && return 0
	timeout 120 /usr/bin/python3 tests/lib/cdp.py "$dir" "$@" \
		"check:($js, true)" dom:page 2>/dev/null
	sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$dir/page.html" |
		tr '|' '\n' | head -6 | sed 's/^ */# /'
	return 1
}
# js_all OUT JS...: writes OUT, one check for cdp_check that is true when
# every JS file's check is, run in turn until one is not (its names then
# in document.title): several checks of a page in one Chromium.
js_all() {
	local out=$1 f sep=
	shift
	for f; do printf '%s(\n' "$sep"; cat "$f"; printf '\n)'; sep=' && '; done >"$out"
}
