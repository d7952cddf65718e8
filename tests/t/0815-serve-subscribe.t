#!/usr/bin/env bash
# Confirmed subscription and the manage page, end to end: headless
# Chromium fills the subscribe form behind nginx (TLS); the confirmation
# mail goes through the real Postfix into a Dovecot mailbox, read over
# IMAPS; the test takes the link out of it, opens it in Chromium (the GET
# changes nothing) and presses Confirm; the consent record is complete and
# the next send delivers to the new subscriber, once even when an editor
# has also added the address to the list's CSV.  The link is single-use; expired,
# forged and other-list links are refused.  The manage page mails a
# CSV subscriber a link that unsubscribes them.  Signing is on: the
# confirmation mail is PGP/MIME signed, checked with sqop.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-subscribe.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; gpgconf --homedir "$T/gnupg" --kill gpg-agent 2>/dev/null; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 24
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
NEW=xin.duzhe@example.org		# subscribes to aba on the web
ZP=zhou.peng.ab@example.org		# a CSV row of aba; unsubscribes by mail
{ project_addresses .; echo sender@example.org; echo $NEW; } |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
web_ports
P=$T/proj
mk_project "$P" "web:" "  base_url: $WEB_URL" "  trusted_proxy: 127.0.0.1" \
	"signing:" "  gnupg_home: $T/gnupg" "  create_demo_key: true"
M="$MAILER --config $P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
$M send "$P/issues/2021-01" --quiet >"$T/out" 2>&1
ok $? "first send (the journal knows the CSV subscribers)"
srv_wait_queue_empty 120
/usr/bin/python3 - "$(srv_maildir $ZP)" "$WEB_URL/lists/aba/manage" <<'PY'
import email, email.policy, glob, sys
f = glob.glob(sys.argv[1] + '/new/*')[0]
m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
text = m.get_body(('plain',)).get_content()
html = m.get_body(('html',)).get_content()
url = sys.argv[2]
sys.exit(0 if url in text and f'href="{url}"' in html else 1)
PY
ok $? "both bodies carry the list's visible unsubscribe link (manage page)"
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
web_nginx_start || { echo "Bail out! nginx"; exit 1; }
spki=$(openssl x509 -in "$SRV_CERT" -pubkey -noout | openssl pkey -pubin \
	-outform der | openssl dgst -sha256 -binary | base64)
export CDP_ARGS="--ignore-certificate-errors-spki-list=$spki"
cdp() { timeout 120 /usr/bin/python3 tests/lib/cdp.py "$@" 2>>"$T/cdp.err"; }

# imap_link ADDRESS KIND: waits (60 s) for a mail in ADDRESS's Dovecot
# INBOX, read over IMAPS, and prints the KIND link (confirm|unsubscribe).
imap_link() {
	/usr/bin/python3 - "$1" "$2" "$SRV_IMAPS_PORT" "$SRV_CA" <<'PY'
import email, email.policy, imaplib, re, ssl, sys, time
addr, kind, port, ca = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ctx = ssl.create_default_context(cafile=ca)
deadline = time.time() + 60
while time.time() < deadline:
    with imaplib.IMAP4_SSL('127.0.0.1', port, ssl_context=ctx) as m:
        m.login(addr, 's3cret-sender')
        m.select('INBOX')
        for num in m.search(None, 'ALL')[1][0].split():
            raw = m.fetch(num, '(RFC822)')[1][0][1]
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            body = msg.get_body(('plain',)).get_content()
            found = re.search(r'(https://\S+/' + kind + r'\?t=\S+)', body)
            if found and msg['Auto-Submitted'] == 'auto-generated':
                print(found.group(1))
                sys.exit(0)
    time.sleep(0.3)
sys.exit(f'no {kind} mail for {addr} in 60 s')
PY
}

mkdir -p "$T/c1" "$T/c2" "$T/c3"
cdp "$T/c1" phone "open:$WEB_URL/lists/aba/subscribe" dom:form \
	"fill:#name=新读者" "fill:#email=$NEW" click:#send dom:sent shot:sent
ok $? "Chromium filled the subscribe form and sent it"
grep -q 'data-page="subscribe_form"' "$T/c1/form.html" &&
	grep -q 'class="consent"' "$T/c1/form.html" &&
	grep -q 'data-page="subscribe_sent"' "$T/c1/sent.html"
ok $? "DOM: the form with its consent text, then the check-your-mail page"
[ "$(q "select count(*) from subscriptions where email='$NEW' and confirmed_at is null")" = 1 ]
ok $? "a consent record waits for confirmation"
LINK=$(imap_link $NEW confirm); rc=$?
ok $rc "the confirmation mail came through Postfix into Dovecot (IMAPS)"
case $LINK in "$WEB_URL/lists/aba/confirm?t=s"*) r=0 ;; *) r=1 ;; esac
ok $r "it holds the confirmation link ($LINK)"
gpg --homedir "$T/gnupg" --export >"$T/cert.pgp" 2>/dev/null
f=$(grep -l '^Auto-Submitted: auto-generated' "$(srv_maildir $NEW)"/new/* "$(srv_maildir $NEW)"/cur/* 2>/dev/null | head -1)
python3 tests/lib/pgpmime.py "$f" "$T/x" >/dev/null &&
	sqop verify "$T/x/sig" "$T/cert.pgp" <"$T/x/data" >/dev/null 2>&1
ok $? "the confirmation mail is PGP/MIME signed with the newsletter's key (sqop)"
before=$(q "select count(*) from subscriptions where confirmed_at is not null")
cdp "$T/c2" phone "open:$LINK" dom:ask
[ "$(q "select count(*) from subscriptions where confirmed_at is not null")" = "$before" ] &&
	grep -q 'data-page="confirm_ask"' "$T/c2/ask.html"
ok $? "opening the link asks and changes nothing"
cdp "$T/c3" phone "open:$LINK" click:#confirm dom:done shot:done
grep -q 'data-page="confirm_done"' "$T/c3/done.html" &&
	/usr/bin/python3 tests/lib/pngcheck.py "$T/c3/done.png"
ok $? "Confirm pressed in Chromium: the confirmation page, not blank"
/usr/bin/python3 - "$P/state/mailer.db" "$NEW" <<'PY'
import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(
    "select list, name, submitted_at, confirmed_at, ended_at, ip, form from subscriptions"
    " where email = ?", (sys.argv[2],)).fetchone()
ok = (r[0] == 'aba' and r[1] == '新读者' and r[2] <= r[3] and r[4] is None
      and r[5] == '127.0.0.1' and 'I agree' in r[6] and '阿坝' in r[6])
sys.exit(0 if ok else f'consent record: {r}')
PY
ok $? "consent record: list, name, submitted, confirmed, client address, form text"
# the link again (a second press, a reload): the same page while the
# subscription holds, and nothing changes; once it ended, refused as used
code=$(web_curl -o "$T/replay.html" -w '%{http_code}' -X POST --data confirm=1 "$LINK")
was=$(q "select confirmed_at from subscriptions where email='$NEW'")
q "update subscriptions set ended_at = 1700000000 where email='$NEW'"
c2=$(web_curl -o "$T/replay2.html" -w '%{http_code}' -X POST --data confirm=1 "$LINK")
q "update subscriptions set ended_at = NULL where email='$NEW'"
[ "$code" = 200 ] && grep -q 'data-page="confirm_done"' "$T/replay.html" &&
	[ "$(q "select confirmed_at from subscriptions where email='$NEW'")" = "$was" ] &&
	[ "$c2" = 409 ] && grep -q 'data-page="used"' "$T/replay2.html"
ok $? "the link again: the done page while subscribed ($code), used once ended ($c2)"
tok=${LINK#*t=}
code=$(web_curl -o "$T/f.html" -w '%{http_code}' -X POST --data confirm=1 \
	"$WEB_URL/lists/aba/confirm?t=${tok%?}$( [ "${tok: -1}" = 0 ] && echo 1 || echo 0)")
c2=$(web_curl -o "$T/o.html" -w '%{http_code}' -X POST --data confirm=1 \
	"$WEB_URL/lists/bazhong/confirm?t=$tok")
[ "$code$c2" = 404404 ] && grep -q 'data-page="invalid"' "$T/f.html" &&
	grep -q 'data-page="invalid"' "$T/o.html"
ok $? "a forged link and the link on another list: refused (404)"
# a genuine but expired link: made with the key, like serve makes them
key=$P/state/verp.key
sid=$(q "select id from subscriptions where email='$NEW'")
exp=$(( $(date +%s) - 60 ))
mac=$(/usr/bin/python3 -c '
import hmac, hashlib, sys
k = open(sys.argv[1], "rb").read()
m = b"mailer-web1\0s\0aba\0" + sys.argv[2].encode() + b"\0" + sys.argv[3].encode()
print(hmac.new(k, m, hashlib.sha256).hexdigest()[:32])' "$key" "$sid" "$exp")
code=$(web_curl -o "$T/e.html" -w '%{http_code}' -X POST --data confirm=1 \
	"$WEB_URL/lists/aba/confirm?t=s$sid-$exp-$mac")
[ "$code" = 410 ] && grep -q 'data-page="expired"' "$T/e.html"
ok $? "an expired link: refused (410)"
[ "$(q "select count(*) from subscriptions where confirmed_at is not null")" = 1 ]
ok $? "after all that: exactly one confirmed subscription"

# The manage page: a CSV subscriber asks for a link and uses it.
code=$(web_curl -o "$T/m.html" -w '%{http_code}' --data "email=$ZP" \
	"$WEB_URL/lists/aba/manage")
c2=$(web_curl -o "$T/m2.html" -w '%{http_code}' --data "email=nobody.here@example.org" \
	"$WEB_URL/lists/aba/manage")
[ "$code$c2" = 200200 ] && cmp -s "$T/m.html" "$T/m2.html"
ok $? "manage: the same answer for a subscriber and a stranger"
ULINK=$(imap_link $ZP unsubscribe)
ok $? "the unsubscribe link reached the subscriber's mailbox"
code=$(web_curl -o /dev/null -w '%{http_code}' "$ULINK")
[ "$code" = 200 ] && [ "$(q "select count(*) from unsubscribes where email='$ZP'")" = 0 ]
ok $? "its GET asks and changes nothing"
code=$(web_curl -o "$T/u.html" -w '%{http_code}' -X POST --data x=1 "$ULINK")
[ "$code" = 200 ] && grep -q 'data-page="unsubscribe_done"' "$T/u.html" &&
	[ "$(q "select count(*) from unsubscribes where list='aba' and email='$ZP'")" = 1 ]
ok $? "its POST unsubscribes from aba"
n=$(q "select count(*) from events")
code=$(web_curl -o "$T/u2.html" -w '%{http_code}' -X POST --data x=1 "$ULINK")
[ "$code" = 200 ] && grep -q 'data-page="unsubscribe_done"' "$T/u2.html" &&
	[ "$(q "select count(*) from events")" = "$n" ]
ok $? "pressed again: the same page, no new event ($code)"

# Behind the trusted proxy the client's address is the X-Forwarded-For
# nginx sets; straight from that same peer (trusted) its header counts too.
curl -s -o /dev/null -H 'X-Forwarded-For: 198.51.100.1, 203.0.113.7' \
	--data 'email=via.proxy@example.org' "http://127.0.0.1:$WEB_SERVE_PORT/lists/aba/subscribe"
[ "$(q "select ip from subscriptions where email='via.proxy@example.org'")" = 203.0.113.7 ]
ok $? "from a web.trusted_proxy, the last X-Forwarded-For entry is the client"

# The next issue reaches the web subscriber and skips the unsubscriber.
web_serve_stop
echo "$NEW,新读者,马尔康市" >>"$P/lists/aba.csv"	# the editor adds it too
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
lines=$(wc -l <"$SRV_POSTFIX_LOG")
$M send "$P/issues/2021-02" >"$T/out" 2>&1
ok $? "second send exits 0"; sed 's/^/# /' "$T/out" | tail -2
srv_wait_queue_empty 120
tail -n +$((lines + 1)) "$SRV_POSTFIX_LOG" | grep 'status=sent' |
	grep -o 'to=<[^>]*>' | sort >"$T/delivered"
[ "$(grep -c "to=<$NEW>" "$T/delivered")" = 1 ] &&
	[ "$(grep -c "to=<$ZP>" "$T/delivered")" = 0 ]
ok $? "Postfix's log: the web subscriber got it once, the unsubscriber not"
[ "$(wc -l <"$T/delivered")" = "$(( $(project_addresses "$P" | wc -l) - 1 ))" ]
ok $? "everyone else got it: every CSV row but the unsubscriber, no duplicate"
exit 0
