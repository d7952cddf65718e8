#!/usr/bin/env bash
# mailer serve behind the shipped nginx site (contrib/nginx-mailer.conf,
# TLS with the test's certificate), attacked through it: the site tells
# browsers to come back only over HTTPS (Strict-Transport-Security, RFC
# 6797), on serve's pages and on the archive's files; a client's own
# X-Forwarded-For is replaced, so the consent record and the limits get
# the client's address; a request whose body length is ambiguous is
# refused before it reaches serve (nothing recorded); a plain HTTP
# request is redirected to HTTPS on the site's own name, whatever Host
# the client sent.  Maildir transport: no mail server needed.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-nginx-hostile.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
web_ports
P=$T/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: %s\n  trusted_proxy: 127.0.0.1\n' "$WEB_URL" >>"$P/config.yaml"
mkdir -p "$P/archive" && echo '<p>x</p>' >"$P/archive/index.html"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
web_nginx_start || { echo "Bail out! nginx"; exit 1; }

hsts() { grep -qi '^strict-transport-security: max-age=[1-9][0-9]\{6,\}' "$1"; }
web_curl -D "$T/h1" -o /dev/null "$WEB_URL/lists/aba/subscribe"
web_curl -D "$T/h2" -o /dev/null "$WEB_URL/archive/"
web_curl -D "$T/h3" -o /dev/null "$WEB_URL/unsubscribe?t=nope"
hsts "$T/h1" && hsts "$T/h2" && hsts "$T/h3"
ok $? "Strict-Transport-Security on a page, an archive file and a 404"

code=$(web_curl -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 203.0.113.50' \
	--data 'email=spoof@example.org' "$WEB_URL/lists/aba/subscribe")
ip=$(q "select ip from subscriptions where email='spoof@example.org'")
[ "$code $ip" = "200 127.0.0.1" ]
ok $? "a client's own X-Forwarded-For is replaced: the record has its address ($code $ip)"

/usr/bin/python3 - "${WEB_URL##*:}" "$SRV_CA" >"$T/smuggle.out" <<'PY'
import socket, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
body = b'email=smuggled@example.org'
head = b'POST /lists/aba/subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\n'
chunked = b'%x\r\n' % len(body) + body + b'\r\n0\r\n\r\n'
for name, rq in (
        ('two-cl', head + b'Content-Length: %d\r\nContent-Length: 5\r\n\r\n'
         % len(body) + body),
        ('cl-te', head + b'Content-Length: 4\r\nTransfer-Encoding: chunked'
         b'\r\n\r\n' + chunked)):
    s = ctx.wrap_socket(socket.create_connection(('127.0.0.1',
        int(sys.argv[1]))), server_hostname='127.0.0.1')
    s.settimeout(5); s.sendall(rq); out = b''
    try:
        while True:
            d = s.recv(65536)
            if not d: break
            out += d
    except (socket.timeout, ssl.SSLError, ConnectionResetError): pass
    print(name, out.split(b'\r\n', 1)[0].decode())
PY
sed 's/^/# /' "$T/smuggle.out"
grep -qx 'two-cl HTTP/1.1 400 Bad Request' "$T/smuggle.out" &&
	grep -q '^cl-te HTTP/1.1 400' "$T/smuggle.out" &&
	[ "$(q "select count(*) from subscriptions where email='smuggled@example.org'")" = 0 ]
ok $? "two Content-Length, Content-Length beside chunked: 400, nothing recorded"

port80=$(sed -n 's/^ *listen 127.0.0.1:\([0-9]*\);$/\1/p' "$SRV_DIR/nginx/site.conf")
loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: evil.example' \
	"http://127.0.0.1:$port80/lists/aba/subscribe")
[ "$loc" = "301 https://news.example.org/lists/aba/subscribe" ]
ok $? "plain HTTP with a foreign Host: 301 to the site's own name ($loc)"
! grep -q 'smuggled\|spoof@' "$SRV_DIR/nginx/logs/mailer.access.log"
ok $? "nginx's access log holds no address"
web_serve_stop; ok $? "serve stops cleanly (exit 0)"
exit 0
