#!/usr/bin/env bash
# Hostile requests straight at `mailer serve` (Maildir transport, so every
# confirmation mail is a file to count): each changes nothing it should
# not and reveals nothing.  Oversized bodies (declared and chunked), CR/LF
# in the name (never a header), a NUL in the path (no shorter path
# served), HTML in the name (escaped on every page
# and kept as text in the mail), 1,000 rapid subscribe requests for one
# address (at most web.mails_per_address_per_day mails), a spoofed
# X-Forwarded-For from a peer that is no trusted proxy, and clients that
# open connections and send nothing (closed after web.timeout, serve
# still answers, its connections are capped).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
tap_tmp
plan 15
web_direct_project 'timeout: 2' 'max_connections: 16' \
	'mails_per_address_per_day: 3' 'mails_per_ip_per_hour: 1000'
web_direct_serve
S=$BASE/lists/aba/subscribe
mails() { grep -l "^Delivered-To: $1" "$P"/outbox/new/* 2>/dev/null | wc -l; }

head -c 200000 /dev/zero | tr '\0' a >"$TMP/big"
c1=$(curl -s -o /dev/null -w '%{http_code}' --data-binary @"$TMP/big" "$S")
c2=$(curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' \
	--data-binary @"$TMP/big" "$S")
[ "$c1$c2" = 413413 ] && [ "$(q "select count(*) from subscriptions")" = 0 ]
ok $? "oversized bodies, declared and chunked: 413, nothing recorded"

for n in 'A%0D%0ABcc: evil@example.org' 'A%0ABcc: evil@example.org' 'A%0D' 'A%00B'; do
	code=$(curl -s -o "$TMP/crlf.html" -w '%{http_code}' \
		--data "name=$n&email=victim@example.org" "$S")
	[ "$code" = 400 ] || { echo "# $n: $code"; break; }
done
[ "$code" = 400 ] && grep -q 'class="error"' "$TMP/crlf.html" &&
	[ "$(q "select count(*) from subscriptions")" = 0 ]
ok $? "CR, LF or NUL in the name: the form again with an error (400), nothing recorded"
c1=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/lists/aba/subscribe%00.png")
c2=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/lists/aba/manage%00")
[ "$c1$c2" = 404404 ]
ok $? "a NUL (%00) in the path ends it nowhere: 404, not the page before it ($c1 $c2)"
# No outbox folder at all means no mail was written, so no Bcc either.
drained; [ "$(mails victim@example.org)" = 0 ] &&
	{ [ ! -d "$P/outbox/new" ] || ! grep -rqi '^Bcc:' "$P/outbox/new"; }
ok $? "no mail went out for them, no Bcc header anywhere"

H='<script>alert(1)</script><b onmouseover=x>"Li"&amp;'
curl -s -o "$TMP/err.html" --data-urlencode "name=$H" --data 'email=not-an-address' "$S"
curl -s -o "$TMP/sent.html" --data-urlencode "name=$H" --data 'email=html.name@example.org' "$S"
drained
f=$(grep -l '^Delivered-To: html.name@example.org' "$P"/outbox/new/* | head -1)
LINK=$(/usr/bin/python3 -c '
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(re.search(r"http://\S+/confirm\?t=\S+", m.get_content()).group(0))' "$f")
curl -s -o "$TMP/ask.html" "$LINK"
curl -s -o "$TMP/done.html" --data confirm=1 "$LINK"
bad=0
for p in err ask done; do
	grep -q '<script>\|<b onmouseover' "$TMP/$p.html" && { echo "# raw HTML on $p"; bad=1; }
	grep -q '&lt;script&gt;' "$TMP/$p.html" || { echo "# name not shown escaped on $p"; bad=1; }
done
grep -q 'data-page="confirm_done"' "$TMP/done.html" || bad=1
[ $bad = 0 ]; ok $? "HTML in the name is escaped on the form, confirm and done pages"
/usr/bin/python3 - "$f" "$H" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
sys.exit(0 if m['To'].addresses[0].display_name == '' and
         m['To'].addresses[0].addr_spec == 'html.name@example.org' and
         'script' not in m.get_content() else 1)
PY
ok $? "the mail holds no name: To is the bare address (0875)"

# 1,000 rapid requests for one address on one keep-alive connection
/usr/bin/python3 - 127.0.0.1 $PORT <<'PY' >"$TMP/rapid.out"
import http.client, sys, urllib.parse
c = http.client.HTTPConnection(sys.argv[1], int(sys.argv[2]), timeout=30)
body = urllib.parse.urlencode({'name': 'Flood', 'email': 'flooded@example.org'})
codes = {}
for _ in range(1000):
    c.request('POST', '/lists/aba/subscribe', body,
              {'Content-Type': 'application/x-www-form-urlencoded'})
    r = c.getresponse(); page = r.read()
    codes[r.status] = codes.get(r.status, 0) + 1
print(codes)
PY
grep -qx '{200: 1000}' "$TMP/rapid.out"; ok $? "1,000 subscribe requests for one address: 1,000 identical answers (200)"
drained
[ "$(mails flooded@example.org)" = 3 ] &&
	[ "$(q "select count(*) from subscriptions where email='flooded@example.org'")" = 3 ]
ok $? "and exactly 3 confirmation mails (mails_per_address_per_day), 3 records"
grep -c 'limit list=aba' "$TMP/serve.log" | grep -qx 997
ok $? "each refused one is logged as over the limit"

curl -s -o /dev/null -H 'X-Forwarded-For: 203.0.113.9' \
	--data 'email=spoof@example.org' "$S"	# no name: it is optional
[ "$(q "select ip from subscriptions where email='spoof@example.org'")" = 127.0.0.1 ]
ok $? "X-Forwarded-For from a peer that is no trusted_proxy is ignored"

# clients that connect and send nothing
/usr/bin/python3 - 127.0.0.1 $PORT <<'PY' >"$TMP/idle.out"
import socket, sys, time, http.client
host, port = sys.argv[1], int(sys.argv[2])
socks = []
for _ in range(40):                     # more than max_connections (16)
    s = socket.create_connection((host, port)); socks.append(s)
start = time.time()
closed = 0
for s in socks:                         # each is closed by serve: EOF/reset
    s.settimeout(15)
    try:
        if s.recv(1) == b'': closed += 1
    except (ConnectionResetError, socket.timeout) as e:
        closed += isinstance(e, ConnectionResetError)
print('closed', closed, 'in', round(time.time() - start, 1))
c = http.client.HTTPConnection(host, port, timeout=10)
c.request('GET', '/lists/aba/subscribe'); print('then', c.getresponse().status)
PY
sed 's/^/# /' "$TMP/idle.out"
grep -q '^closed 40 in' "$TMP/idle.out"; ok $? "40 silent connections: every one closed by serve"
secs=$(awk '/^closed/ {print $4}' "$TMP/idle.out")
[ "$(echo "$secs < 12" | bc)" = 1 ]; ok $? "within the timeout (2 s) and the cap's queue ($secs s)"
grep -qx 'then 200' "$TMP/idle.out"; ok $? "serve answers a real request afterwards"
n=$(ls /proc/$SERVE/fd | wc -l); [ "$n" -lt 40 ]
ok $? "its open descriptors stay few ($n)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
