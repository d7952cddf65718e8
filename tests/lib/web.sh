# shellcheck shell=bash
# tests/lib/web.sh - mailer serve behind a real nginx (TLS) for the web tests.
# Needs tests/lib/servers.sh initialised (srv_init: the test CA and the
# server certificate for 127.0.0.1, SRV_CA / SRV_CERT / SRV_KEY).
#
#   web_ports                 - sets WEB_SERVE_PORT and WEB_TLS_PORT (free)
#   web_serve_start CONFIG    - starts `mailer serve` on WEB_SERVE_PORT;
#                               WEB_SERVE_PID, log in $SRV_DIR/serve.log
#   web_serve_stop            - SIGTERM, waits for it to exit; 0 when it
#                               exited 0
#   web_nginx_start           - nginx on 127.0.0.1:WEB_TLS_PORT with the
#                               test certificate, proxying to serve;
#                               WEB_NGINX_PID, WEB_URL (https://...)
#   web_stop_all              - stops both (by pid); chain it in tap_cleanup
#   web_curl ARGS...          - curl over TLS verified against the test CA
#
# `mailer serve` straight on loopback, over the sample project with the
# Maildir transport (every mail is a file to count): no nginx, no srv_init;
# needs tests/lib/project.sh and TMP (tap_tmp).
#
#   web_direct_project [KEY: VALUE]...
#                             - PORT (free), BASE (http://127.0.0.1:PORT),
#                               P ($TMP/proj, mk_maildir_project) whose
#                               config.yaml has web: base_url BASE and each
#                               KEY: VALUE; q SQL queries its journal
#   web_direct_serve          - mailer serve on PORT (SERVE, log
#                               $TMP/serve.log), stopped by tap_cleanup;
#                               bails out unless it listens within 60 s;
#                               drained waits for every confirmation mail
#                               to be sent
#   web_direct_reload N       - SIGHUP to SERVE, waits (30 s) for its Nth
#                               reload line in $TMP/serve.log (reloaded
#                               or reload failed)
#   web_fill URL NAME EMAIL   - loads the subscribe page at URL, fills its
#                               form's name and email fields, submits it
#                               as its method and action say; prints the
#                               status, then the error paragraph's text
#                               (or "-"); the page answered goes to the
#                               file WEB_FILL_BODY when that is set

web_ports() {
    set -- $(srv__free_ports 127.0.0.1 2)
    WEB_SERVE_PORT=$1 WEB_TLS_PORT=$2
    WEB_URL=https://127.0.0.1:$WEB_TLS_PORT
    export WEB_SERVE_PORT WEB_TLS_PORT WEB_URL
}

web_serve_start() {
    local cfg=$1
    "$MAILER" --config "$cfg" serve --listen "127.0.0.1:$WEB_SERVE_PORT" \
        >>"$SRV_DIR/serve.log" 2>&1 &
    WEB_SERVE_PID=$!
    srv__wait_port 127.0.0.1 "$WEB_SERVE_PORT" 60 ||
        { cat "$SRV_DIR/serve.log" >&2; return 1; }
}

web_serve_stop() {
    local rc=0
    [ -n "${WEB_SERVE_PID:-}" ] || return 0
    kill -TERM "$WEB_SERVE_PID" 2>/dev/null
    wait "$WEB_SERVE_PID" || rc=$?
    WEB_SERVE_PID=
    return $rc
}

# nginx runs the shipped site file, contrib/nginx-mailer.conf, with only
# its ports, certificate and log paths rewritten for the test.
web_nginx_start() {
    local d=$SRV_DIR/nginx http_port
    http_port=$(srv__free_ports 127.0.0.1 1)
    mkdir -p "$d/tmp" "$d/logs"
    sed -e "s|127.0.0.1:8025|127.0.0.1:$WEB_SERVE_PORT|" \
        -e "s|^\( *\)listen 443 ssl http2;|\1listen 127.0.0.1:$WEB_TLS_PORT ssl http2;|" \
        -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$http_port;|" \
        -e "/listen \[::\]/d" \
        -e "s|/etc/letsencrypt/live/news.example.org/fullchain.pem|$SRV_DIR/server-chain.pem|" \
        -e "s|/etc/letsencrypt/live/news.example.org/privkey.pem|$SRV_KEY|" \
        -e "s|/var/log/nginx/|$d/logs/|" \
        contrib/nginx-mailer.conf >"$d/site.conf"
    cat >"$d/nginx.conf" <<NGINX
user root;
worker_processes 1;
daemon off;
pid $d/nginx.pid;
error_log $d/logs/error.log warn;
events { worker_connections 512; }
http {
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    include $d/site.conf;
}
NGINX
    nginx -c "$d/nginx.conf" -p "$d" >"$d/logs/stdout" 2>&1 &
    WEB_NGINX_PID=$!
    srv__wait_port 127.0.0.1 "$WEB_TLS_PORT" 60 ||
        { cat "$d/logs/stdout" "$d/logs/error.log" >&2; return 1; }
}

web_stop_all() {
    web_serve_stop
    if [ -n "${WEB_NGINX_PID:-}" ]; then
        kill -QUIT "$WEB_NGINX_PID" 2>/dev/null
        wait "$WEB_NGINX_PID" 2>/dev/null
        WEB_NGINX_PID=
    fi
}

web_curl() {
    curl -s --cacert "$SRV_CA" "$@"
}

web_direct_project() {
    local line
    PORT=$(srv__free_ports 127.0.0.1 1) || return 1
    BASE=http://127.0.0.1:$PORT
    P=$TMP/proj
    mk_maildir_project "$P"
    printf 'web:\n  base_url: %s\n' "$BASE" >>"$P/config.yaml"
    for line in "$@"; do
        printf '  %s\n' "$line" >>"$P/config.yaml"
    done
    q() { sqlite3 "$P/state/mailer.db" "$1"; }
}

web_direct_serve() {
    "$MAILER" --config "$P/config.yaml" serve --listen "127.0.0.1:$PORT" \
        >"$TMP/serve.log" 2>&1 &
    SERVE=$!
    tap_cleanup() { kill "$SERVE" 2>/dev/null; wait "$SERVE" 2>/dev/null; }
    srv__wait_port 127.0.0.1 "$PORT" 60 || { echo "Bail out! serve"; exit 1; }
    unsent_none() {
        [ "$(q "select count(*) from web_mails where sent_at is null")" = 0 ]
    }
    drained() {
        wait_for 120 "the confirmation mails to be sent" unsent_none
    }
}

web__reloads() { [ "$(grep -c 'serve: reload' "$TMP/serve.log")" -ge "$1" ]; }

web_direct_reload() {
    kill -HUP "$SERVE" && wait_for 30 "reload $1" web__reloads "$1"
}

web_fill() {
    /usr/bin/python3 - "$1" "$2" "$3" <<'PY'
import html.parser, os, sys, urllib.error, urllib.parse, urllib.request
url, name, email = sys.argv[1:4]
class Form(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.form = None; self.fields = {}
        self.err = None; self.text = ''
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == 'form' and self.form is None: self.form = a
        if tag == 'input' and a.get('name'): self.fields[a['name']] = a.get('value') or ''
        if tag == 'p' and a.get('class') == 'error': self.err = ''
    def handle_data(self, d):
        if self.err is not None and not self.text: self.err += d
    def handle_endtag(self, tag):
        if tag == 'p' and self.err is not None: self.text = self.err
page = Form(); page.feed(urllib.request.urlopen(url).read().decode())
assert page.form and page.form.get('method', 'get').lower() == 'post', page.form
assert {'name', 'email'} <= set(page.fields), page.fields
page.fields.update(name=name, email=email)
req = urllib.request.Request(urllib.parse.urljoin(url, page.form.get('action') or ''),
                             urllib.parse.urlencode(page.fields).encode())
try: r = urllib.request.urlopen(req); status, body = r.status, r.read()
except urllib.error.HTTPError as e: status, body = e.code, e.read()
if os.environ.get('WEB_FILL_BODY'): open(os.environ['WEB_FILL_BODY'], 'wb').write(body)
out = Form(); out.feed(body.decode())
print(status); print(out.text or '-')
PY
}
