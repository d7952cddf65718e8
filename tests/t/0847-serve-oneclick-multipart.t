#!/usr/bin/env bash
# RFC 8058 section 3.2: the one-click POST "SHOULD be sent as
# multipart/form-data" and MAY be urlencoded (0800 sends the latter, as
# Gmail does).  A multipart one-click POST, as curl -F and as the RFC's
# own example writes it (a comma before the boundary), is recorded and
# answered 200; a multipart body without the pair is refused like an
# urlencoded one (400, nothing recorded).  A one-click POSTed again a
# second later answers 200 and writes no second event (the delivery
# report would count two unsubscribes).  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 8
web_direct_project
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
web_direct_serve
# url_of LIST N: the one-click URL of the Nth message of LIST in the outbox
url_of() {
	grep -l "^List-Id:.*<$1\." "$P"/outbox/new/* | sed -n "${2}p" | xargs /usr/bin/python3 -c '
import email, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
print(re.search(r"<(http://[^>]+)>", str(m["List-Unsubscribe"])).group(1))'
}
# email_of URL: the address its token names
email_of() { q "select email from recipients where token_id = substr('${1#*t=}', 1, 13)"; }
unsub() { [ "$(q "select count(*) from unsubscribes where list='$1' and email='$2'")" = 1 ]; }

U1=$(url_of aba 1) U2=$(url_of aba 2) U3=$(url_of bazhong 1)
E1=$(email_of "$U1") E2=$(email_of "$U2") E3=$(email_of "$U3")
[ -n "$E1" ] && [ -n "$E2" ] && [ -n "$E3" ] || { echo "Bail out! no tokens"; exit 1; }

c=$(curl -s -o /dev/null -w '%{http_code}' -F 'List-Unsubscribe=One-Click' "$U1")
[ "$c" = 200 ] && unsub aba "$E1"
ok $? "multipart/form-data one-click (curl -F): 200, recorded ($c)"

printf -- '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n' >"$TMP/rfc.body"
c=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: multipart/form-data, boundary=XyZ' \
	--data-binary @"$TMP/rfc.body" "$U2")
[ "$c" = 200 ] && unsub aba "$E2"
ok $? "the RFC's example form (a comma before boundary=): 200, recorded ($c)"

before=$(q "select count(*) from events")
c1=$(curl -s -o /dev/null -w '%{http_code}' -F 'List-Unsubscribe=Two-Clicks' "$U3")
c2=$(curl -s -o /dev/null -w '%{http_code}' -F 'Other=One-Click' "$U3")
c3=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: multipart/form-data; boundary=Q' \
	--data-binary @"$TMP/rfc.body" "$U3")
[ "$c1$c2$c3" = 400400400 ] && [ "$(q "select count(*) from events")" = "$before" ]
ok $? "multipart without the pair (another value, another name, another boundary): 400, nothing recorded"
c=$(curl -s -o /dev/null -w '%{http_code}' --data 'List-Unsubscribe=One-Click' "$U3")
[ "$c" = 200 ] && unsub bazhong "$E3"
ok $? "urlencoded still works ($c)"
# a body that ends in a line end (written with echo, or a form's CRLF)
U4=$(url_of bazhong 2); E4=$(email_of "$U4")
printf 'List-Unsubscribe=One-Click\r\n' >"$TMP/crlf.body"
c=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$TMP/crlf.body" "$U4")
[ "$c" = 200 ] && unsub bazhong "$E4"
ok $? "urlencoded with a final CRLF: 200, recorded ($c)"
# A mail client or a scanner that POSTs again, seconds later: still 200,
# and no second event, which the delivery report would count as a second
# unsubscribe.
sleep 1.1
before=$(q "select count(*) from events")
c1=$(curl -s -o /dev/null -w '%{http_code}' --data 'List-Unsubscribe=One-Click' "$U3")
c2=$(curl -s -o /dev/null -w '%{http_code}' -F 'List-Unsubscribe=One-Click' "$U1")
[ "$c1$c2" = 200200 ] && [ "$(q "select count(*) from events")" = "$before" ]
ok $? "a replayed one-click a second later: 200, no new event ($c1 $c2)"
"$MAILER" --config "$P/config.yaml" status --html "$TMP/report.html" "$P/issues/2021-01" >/dev/null 2>&1
/usr/bin/python3 - "$TMP/report.html" <<'PY'
import re, sys
text = re.sub(r'\s+', ' ', re.sub(r'<[^>]+>', ' ', open(sys.argv[1]).read()))
sys.exit(0 if re.search(r'aba 已发送 sent: \d+ 退订 unsubscribed: 2 ', text) else 1)
PY
ok $? "the delivery report counts aba's two unsubscribes as two"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
