#!/usr/bin/env bash
# The web: keys mailer serve needs, and the migration from unsubscribe_url:
# plain http only for a loopback host, unsubscribe_url next to base_url is
# an error saying what to do, serve without base_url says what is missing,
# limits out of range and a bad --listen are refused.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 9
P=$TMP/p
mk_maildir_project "$P"
cp "$P/config.yaml" "$P/base.yaml"
M="$MAILER --config $P/config.yaml"
web() { cp "$P/base.yaml" "$P/config.yaml"; printf '%s\n' "$@" >>"$P/config.yaml"; }

web 'web:' '  base_url: http://news.example.org'
$M check "$P/issues/2021-01" >/dev/null 2>"$TMP/e"; rc=$?
[ $rc = 78 ] && grep -q 'config.yaml:[0-9]*:[0-9]*: web.base_url .*must start with https://' "$TMP/e"
ok $? "plain http:// for a public host: exit 78 naming the line"
r=0
for u in http://127.0.0.1:8025 http://localhost:8025/x 'http://[::1]:8025' https://news.example.org; do
	web 'web:' "  base_url: \"$u\""
	$M check "$P/issues/2021-01" >/dev/null 2>"$TMP/e" || { echo "# $u: $(cat "$TMP/e")"; r=1; }
done
ok $r "https://, and http:// for loopback hosts, are accepted"
web 'unsubscribe_url: https://example.org/u' 'web:' '  base_url: https://news.example.org'
$M check "$P/issues/2021-01" >/dev/null 2>"$TMP/e"; rc=$?
[ $rc = 78 ] && grep -q 'remove unsubscribe_url' "$TMP/e" &&
	grep -q 'web.base_url/unsubscribe' "$TMP/e"
ok $? "unsubscribe_url beside web.base_url: 78, says to remove it and why"
web 'unsubscribe_url: https://example.org/u'
$M check "$P/issues/2021-01" >/dev/null 2>&1; ok $? "unsubscribe_url alone still loads (old configs)"
$M serve --listen 127.0.0.1:1 >/dev/null 2>"$TMP/e"; rc=$?
[ $rc = 78 ] && grep -q 'mailer serve needs web.base_url' "$TMP/e" &&
	grep -q 'unsubscribe_url is replaced by it' "$TMP/e"
ok $? "serve without web.base_url: 78, naming the key and the migration"
r=0
for kv in 'max_body: 10' 'max_body: 2000000' 'max_connections: 1' 'timeout: 0' \
	'timeout: 99999999999' 'token_days: 0' 'token_days: 366' \
	'mails_per_address_per_day: 0' 'mails_per_ip_per_hour: -1' \
	'max_connections_per_client: 0' 'subscribe_mails_per_hour: 0' \
	'complaint_days: 0' 'complaint_days: 3651'; do
	web 'web:' '  base_url: https://news.example.org' "  $kv"
	$M check "$P/issues/2021-01" >/dev/null 2>"$TMP/e"; rc=$?
	{ [ $rc = 78 ] && grep -q "config.yaml:[0-9]*:[0-9]*: web.${kv%%:*} must be .*, not ${kv#*: }\$" "$TMP/e"; } ||
		{ echo "# $kv: $rc $(cat "$TMP/e")"; r=1; }
done
ok $r "each web limit out of range: 78, naming its line, key, range and value"
web 'web:' '  base_url: https://news.example.org'
r=0
for l in 127.0.0.1 :8025 127.0.0.1:99999 'example.org:80' '[::1:80'; do
	$M serve --listen "$l" >/dev/null 2>"$TMP/e"; rc=$?
	{ [ $rc = 64 ] && grep -q 'is not ADDRESS:PORT' "$TMP/e"; } || { echo "# $l: $rc"; r=1; }
done
ok $r "a bad --listen: exit 64 naming what is wrong"
# a port another program holds: one message, with the address asked for
/usr/bin/python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True); time.sleep(120)' >"$TMP/port" &
holder=$!
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
timeout 30 $M serve --listen "127.0.0.1:$PORT" >/dev/null 2>"$TMP/e"; rc=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null
sed 's/^/# /' "$TMP/e"
[ $rc = 69 ] && ! grep -q 'http:' "$TMP/e" &&
	[ "$(grep -c 'in use' "$TMP/e")" = 1 ] &&
	grep -q "cannot listen on 127.0.0.1:$PORT: Address already in use" "$TMP/e"
ok $? "a port in use: exit 69 and one line naming it, not libmicrohttpd's \"port 0\" ($rc)"
$M serve --help | grep -q 'mailer serve \[--listen ADDRESS:PORT\]'; ok $? "serve --help"
exit 0
