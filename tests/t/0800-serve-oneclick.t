#!/usr/bin/env bash
# One-click unsubscribe (RFC 8058) through a real nginx terminating TLS
# (the shipped contrib/nginx-mailer.conf, a certificate made by the test,
# curl verifying it) in front of `mailer serve`: the providers' exact POST
# gets 200 and is in the journal, `status --json` shows it, and the next
# send through the real Postfix reaches everyone but that address on that
# list (it still gets its other list).  A GET changes nothing; forged,
# truncated and unknown tokens get one neutral page and change nothing;
# neither the logs nor nginx's access log hold a token or the address.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-oneclick.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 23
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
X=yang.jinhua.ab@example.org	# on aba, and added to bazhong below
{ project_addresses .; echo sender@example.org; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
web_ports
P=$T/proj
mk_project "$P" "web:" "  base_url: $WEB_URL" "  trusted_proxy: 127.0.0.1"
echo "$X,杨金花,巴州区" >>"$P/lists/bazhong.csv"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
q() { sqlite3 "$DB" "$1"; }

$M send "$P/issues/2021-01" --quiet >"$T/out" 2>&1
ok $? "first send exits 0"; sed 's/^/# /' "$T/out"
srv_wait_queue_empty 120; ok $? "Postfix delivered the first issue"
[ "$(srv_maildir_count "$X")" = 2 ]; ok $? "$X got both of its lists' editions"
URL=$(/usr/bin/python3 - "$(srv_maildir "$X")" <<'PY'
import email, email.policy, glob, re, sys
for f in glob.glob(sys.argv[1] + '/new/*') + glob.glob(sys.argv[1] + '/cur/*'):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    if 'aba.' in str(m['List-Id']):
        print(re.search(r'<(https://[^>]+)>', str(m['List-Unsubscribe'])).group(1))
PY
)
case $URL in "$WEB_URL/unsubscribe?t="*) r=0 ;; *) r=1 ;; esac
ok $r "List-Unsubscribe carries base_url/unsubscribe?t=TOKEN ($URL)"
TOKEN=${URL#*t=}

web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
web_nginx_start || { echo "Bail out! nginx"; exit 1; }

before=$(q "select count(*) from events; select count(*) from unsubscribes")
code=$(web_curl -o "$T/get.html" -w '%{http_code}' "$URL")
[ "$code" = 200 ] && grep -q 'y\*\*\*@example.org' "$T/get.html" &&
	grep -q '阿坝' "$T/get.html" && grep -q 'method="post"' "$T/get.html"
ok $? "GET over TLS: 200, the association, the masked address, a POST button"
! grep -q "$X" "$T/get.html"; ok $? "the page does not show the full address"
web_curl -I -o /dev/null "$URL"
[ "$(q "select count(*) from events; select count(*) from unsubscribes")" = "$before" ]
ok $? "GET and HEAD change nothing in the journal"

# The request Gmail and Yahoo send (RFC 8058 3.2): no cookie, no GET first.
code=$(web_curl -D "$T/hdr" -o "$T/post.html" -w '%{http_code}' -X POST \
	-H 'Content-Type: application/x-www-form-urlencoded' \
	--data 'List-Unsubscribe=One-Click' "$URL")
[ "$code" = 200 ]; ok $? "one-click POST answers 200 (got $code)"
! grep -qi '^location:\|^set-cookie:' "$T/hdr"; ok $? "no redirect, no cookie"
[ "$(q "select count(*) from unsubscribes where list='aba' and email='$X'")" = 1 ]
ok $? "the unsubscribe is in the journal for aba"
[ "$(q "select count(*) from unsubscribes where list<>'aba'")" = 0 ]
ok $? "and for no other list"
$M status --json >"$T/status.json"
/usr/bin/python3 - "$T/status.json" <<'PY'
import json, sys
rows = {r['list']: r for r in json.load(open(sys.argv[1]))}
sys.exit(0 if rows['aba']['unsubscribed'] == 1 and rows['bazhong']['unsubscribed'] == 0 else 1)
PY
ok $? "status --json: aba shows 1 unsubscribed, bazhong 0"
$M lists --json aba bazhong >"$T/lists.json"
/usr/bin/python3 - "$T/lists.json" <<'PY'
import json, sys
rows = {r['list']: r for r in json.load(open(sys.argv[1]))}
a, b = rows['aba'], rows['bazhong']
sys.exit(0 if (a['unsubscribed'], a['reach'], b['unsubscribed'], b['reach'])
         == (1, a['rows'] - 1, 0, b['rows']) else 1)
PY
ok $? "lists --json: aba has 1 unsubscribed and reaches one row less, bazhong all"
code=$(web_curl -o /dev/null -w '%{http_code}' -X POST \
	--data 'List-Unsubscribe=One-Click' "$URL")
[ "$code" = 200 ] &&
	[ "$(q "select count(*) from unsubscribes where email='$X'")" = 1 ]
ok $? "a repeated POST answers 200 and changes nothing"

before=$(q "select count(*) from events")
c1=$(web_curl -o "$T/forged.html" -w '%{http_code}' -X POST \
	--data 'List-Unsubscribe=One-Click' \
	"$WEB_URL/unsubscribe?t=$(echo "$TOKEN" | tr 'a-z' 'b-za')")
c2=$(web_curl -o "$T/trunc.html" -w '%{http_code}' -X POST \
	--data 'List-Unsubscribe=One-Click' "$WEB_URL/unsubscribe?t=${TOKEN%?????}")
c3=$(web_curl -o "$T/none.html" -w '%{http_code}' "$WEB_URL/unsubscribe")
[ "$c1$c2$c3" = 404404404 ] && cmp -s "$T/forged.html" "$T/trunc.html" &&
	cmp -s "$T/forged.html" "$T/none.html"
ok $? "forged, truncated and missing tokens: the same neutral 404 page"
[ "$(q "select count(*) from events")" = "$before" ]
ok $? "and the journal is unchanged"
code=$(web_curl -o /dev/null -w '%{http_code}' -X POST --data 'x=1' "$URL")
[ "$code" = 400 ]; ok $? "a POST without List-Unsubscribe=One-Click is refused (400)"

web_serve_stop; ok $? "mailer serve stops on SIGTERM with exit 0"
! grep -q "$TOKEN\|$X" "$SRV_DIR/serve.log" &&
	grep -q 'unsubscribe list=aba address=y\*\*\*@example.org' "$SRV_DIR/serve.log"
ok $? "serve's log has one line for the unsubscribe, without token or address"
! grep -q "$TOKEN" "$SRV_DIR/nginx/logs/mailer.access.log" &&
	grep -q 'POST /unsubscribe' "$SRV_DIR/nginx/logs/mailer.access.log"
ok $? "nginx's access log (contrib format) leaves the token out"

# The next issue: everyone again, except X on aba.
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
lines=$(wc -l <"$SRV_POSTFIX_LOG")
$M send "$P/issues/2021-02" >"$T/out" 2>&1
ok $? "second send exits 0"; sed 's/^/# /' "$T/out"
srv_wait_queue_empty 120
tail -n +$((lines + 1)) "$SRV_POSTFIX_LOG" | grep 'status=sent' |
	grep -o 'to=<[^>]*>' | sort >"$T/delivered"
expect=$(( $(project_addresses "$P" | wc -l) - 1 ))
[ "$(wc -l <"$T/delivered")" = "$expect" ] && grep -q 'sent 78,' "$T/out"
ok $? "Postfix's log: the second issue reached $expect recipients (all but one)"
[ "$(grep -c "to=<$X>" "$T/delivered")" = 1 ] &&
	[ "$(srv_maildir_count "$X")" = 3 ]
ok $? "$X got the second issue once: from bazhong, not from aba"
exit 0
