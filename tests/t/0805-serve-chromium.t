#!/usr/bin/env bash
# The one-click page as a person sees it: headless Chromium loads the
# List-Unsubscribe URL through nginx over TLS (the test certificate's key
# pinned), the page names the association and the masked address and the
# journal is unchanged; a real mouse click on the button posts, the
# confirmation page comes back, the unsubscribe is in the journal, and
# both screenshots are not blank.  The page works at phone width.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix not installed (make deps): the test CA"
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-webchrome.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 8
web_ports
P=$T/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: %s\n  trusted_proxy: 127.0.0.1\n' "$WEB_URL" >>"$P/config.yaml"
M="$MAILER --config $P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
$M send "$P/issues/2021-01" --quiet >"$T/out" 2>&1
ok $? "send into the Maildir"
f=$(grep -l '^To: .*<yang.jinhua.ab@example.org>' "$P"/outbox/new/* | head -1)
URL=$(grep -o "$WEB_URL/unsubscribe?t=[a-z0-9]*" "$f")
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
web_nginx_start || { echo "Bail out! nginx"; exit 1; }

spki=$(openssl x509 -in "$SRV_CERT" -pubkey -noout | openssl pkey -pubin \
	-outform der | openssl dgst -sha256 -binary | base64)
mkdir -p "$T/c"
CDP_ARGS="--ignore-certificate-errors-spki-list=$spki" \
	timeout 120 /usr/bin/python3 tests/lib/cdp.py "$T/c" phone "open:$URL" \
	dom:ask shot:ask \
	'check:document.documentElement.scrollWidth <= 390' \
	click:#confirm dom:done shot:done 2>"$T/cdp.err"
rc=$?; sed 's/^/# /' "$T/cdp.err"
ok $rc "Chromium loaded the page over TLS and pressed the button"
grep -q 'data-page="unsubscribe_ask"' "$T/c/ask.html" &&
	grep -q '<strong class="masked">y\*\*\*@example.org</strong>' "$T/c/ask.html" &&
	grep -q '阿坝' "$T/c/ask.html" && ! grep -q '<script' "$T/c/ask.html"
ok $? "DOM: the ask page names the association and the masked address, no script"
grep -q 'data-page="unsubscribe_done"' "$T/c/done.html" &&
	grep -q 'id="done"' "$T/c/done.html"
ok $? "DOM: the confirmation page came back from the POST"
[ "$(q "select count(*) from unsubscribes where list='aba' and email='yang.jinhua.ab@example.org'")" = 1 ] &&
	[ "$(q "select count(*) from unsubscribes")" = 1 ]
ok $? "the journal holds that one unsubscribe (the GET recorded nothing)"
/usr/bin/python3 tests/lib/pngcheck.py "$T/c/ask.png" &&
	/usr/bin/python3 tests/lib/pngcheck.py "$T/c/done.png"
ok $? "neither screenshot is blank"
/usr/bin/python3 - "$T/c/ask.png" <<'PY'
import struct, sys
w, h = struct.unpack('>II', open(sys.argv[1], 'rb').read()[16:24])
sys.exit(0 if w == 390 else 1)
PY
ok $? "rendered on a 390 px phone screen with nothing wider than it"
grep -q 'POST /unsubscribe' "$SRV_DIR/nginx/logs/mailer.access.log"
ok $? "the POST went through nginx"
exit 0
