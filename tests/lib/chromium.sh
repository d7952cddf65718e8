# Headless Chromium for the HTML tests: chrome ARGS... runs Debian's
# chromium with a fresh profile in $TMP and no network chatter (the flags
# this machine needs); its log goes to $TMP/chromium.log.
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --disable-quic \
		--user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.log"
}
