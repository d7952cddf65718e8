#!/usr/bin/env bash
# A renamed list as a reader meets it, in Chromium behind nginx (TLS,
# contrib/nginx-mailer.conf): after `mailer lists rename aba abc`, with
# serve neither restarted nor reloaded, the old subscribe form's address
# lands on abc's form (308 through nginx) and subscribing there records
# under abc; the confirmation link mailed before the rename (aba's) asks
# and, pressed, confirms the subscription the rename moved to abc.
# Before, both were 404 pages.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix not installed (make deps): the test CA"
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-webrename.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
web_ports
P=$T/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: %s\n  trusted_proxy: 127.0.0.1\n' "$WEB_URL" >>"$P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
web_nginx_start || { echo "Bail out! nginx"; exit 1; }
spki=$(openssl x509 -in "$SRV_CERT" -pubkey -noout | openssl pkey -pubin \
	-outform der | openssl dgst -sha256 -binary | base64)
cdp() {
	mkdir -p "$1"
	CDP_ARGS="--ignore-certificate-errors-spki-list=$spki" \
		timeout 120 /usr/bin/python3 tests/lib/cdp.py "$@" 2>>"$T/cdp.err"
}
all_sent() { [ "$(q "select count(*) from web_mails where sent_at is null")" = 0 ]; }

cdp "$T/c1" phone "open:$WEB_URL/lists/aba/subscribe" fill:#email=amy@example.org \
	click:#send dom:sent
[ $? = 0 ] && grep -q 'data-page="subscribe_sent"' "$T/c1/sent.html" &&
	wait_for 60 "the confirmation mail" all_sent
ok $? "Chromium subscribes amy to aba through nginx; the mail is out"
LINK=$(/usr/bin/python3 - "$P/outbox/new" <<'PY'
import email, email.policy, glob, re, sys
for f in glob.glob(sys.argv[1] + '/*'):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    if m['Auto-Submitted'] and 'amy@' in str(m['To']):
        print(re.search(r'(https://\S+/confirm\?t=\S+)', m.get_body(('plain',)).get_content()).group(1))
PY
)
case $LINK in "$WEB_URL/lists/aba/confirm?t="*) r=0 ;; *) r=1 ;; esac
ok $r "her link is aba's ($LINK)"

"$MAILER" --config "$P/config.yaml" lists rename aba abc >"$T/ren.out" 2>&1
ok $? "aba renamed abc; serve left running as it was"

# one Chromium for bob's subscription and amy's link (neither touches
# what the other's checks read); dom:passN is written only once every
# step before it held
cdp "$T/c2" phone "open:$WEB_URL/lists/aba/subscribe" dom:form \
	"check:location.pathname === '/lists/abc/subscribe'" \
	fill:#email=bob@example.org click:#send dom:sent dom:pass1 \
	"open:$LINK" dom:ask click:#confirm dom:done shot:done dom:pass2
[ -e "$T/c2/pass1.html" ] && grep -q 'data-page="subscribe_form"' "$T/c2/form.html" &&
	grep -q '阿坝' "$T/c2/form.html" &&
	grep -q 'data-page="subscribe_sent"' "$T/c2/sent.html" &&
	[ "$(q "select list from subscriptions where email = 'bob@example.org'")" = abc ]
ok $? "aba's old form address shows abc's form; bob's subscription is under abc"
grep -q '"GET /lists/aba/subscribe" 308' "$SRV_DIR/nginx/logs/mailer.access.log"
ok $? "nginx passed serve's 308 on"

[ -e "$T/c2/pass2.html" ] && grep -q 'data-page="confirm_ask"' "$T/c2/ask.html" &&
	grep -q 'data-page="confirm_done"' "$T/c2/done.html" &&
	/usr/bin/python3 tests/lib/pngcheck.py "$T/c2/done.png" &&
	[ "$(q "select list from subscriptions where email = 'amy@example.org' and confirmed_at is not null")" = abc ]
ok $? "amy's link of aba, pressed in Chromium: confirmed under abc"
sed 's/^/# /' "$T/cdp.err"
exit 0
