#!/usr/bin/env bash
# Requests to `mailer serve` carrying controls where a log line could
# quote them: ESC [2J and an OSC title (ESC ] ... BEL) in the path, the
# query and User-Agent, percent-encoded CR LF with a forged "sent" line in
# the path, a bare CR and ESC inside a header value, a header name and
# Host with ESC, a Content-Length of ESC [2J (libmicrohttpd's own error
# goes to the log), a method made of ESC, and a subscribe form whose
# address and name hold ESC.  Each is answered (4xx; the odd header is
# ignored: 200), and serve's log, what cron or journald keeps, gets no
# raw control byte; serve still answers a plain request afterwards.  A
# guard: serve logs none of these fields today, and libmicrohttpd's
# messages (printable() on each) quote none of them.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/hostile.sh
tap_tmp
plan 18
web_direct_project
web_direct_serve
# send N: raw request number N (below) to serve; prints its status line
send() {
	/usr/bin/python3 - "$PORT" "$1" <<'PY'
import socket, sys
E, B = b"\x1b", b"\x07"
end = b"Connection: close\r\n\r\n"
reqs = [
    b"GET /lists/aba/" + E + b"[2J?x=" + E + b"]0;pwned" + B +
    b" HTTP/1.1\r\nHost: x\r\nUser-Agent: " + E + b"]0;pwned" + B + b"\r\n" + end,
    b"GET /lists/aba/%1b[2J%0d%0amailer:%20sent%201?x=%1b]0;p%07 HTTP/1.1\r\n"
    b"Host: x\r\n" + end,
    b"GET /lists/aba/subscribe HTTP/1.1\r\nHost: x\r\nX-Evil: a\rb" + E +
    b"[2J\r\n" + end,
    b"GET /" + E + b"[2J HTTP/1.1\r\nHost: x" + E + b"\r\n" + E +
    b"[2J: y\r\n" + end,
    b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: " + E + b"[2J\r\n" + end,
    E + b"[2J /" + E + b" HTTP/1.1\r\nHost: x\r\n" + end,
    b"POST /lists/aba/subscribe HTTP/1.1\r\nHost: x\r\nContent-Type: "
    b"application/x-www-form-urlencoded\r\nContent-Length: 41\r\n" + end +
    b"email=a%1b%5b2J%40example.org&name=%1b]0;x",
]
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
s.sendall(reqs[int(sys.argv[2])])
d = b""
while True:
    x = s.recv(65536)
    if not x:
        break
    d += x
print(d.split(b"\r\n")[0].decode("latin-1"))
PY
}
names=("ESC and an OSC title in the path, query and User-Agent"
	"percent-encoded ESC and CR LF with a forged line in the path"
	"a bare CR and ESC inside a header value"
	"ESC in a header name, in Host and in the path"
	"a Content-Length of ESC [2J"
	"a method made of ESC"
	"a subscribe form whose address and name hold ESC")
for i in 0 1 2 3 4 5 6; do
	st=$(send $i)
	case $st in "HTTP/1.1 "[24]*) r=0 ;; *) r=1 ;; esac
	ok $r "${names[$i]}: answered $st"
	no_raw_ctl "$TMP/serve.log"
	ok $? "${names[$i]}: no raw control byte in serve's log"
done
sed 's/^/# /' "$TMP/serve.log" | cat -A | sed 's/\$$//'
grep -q "http: Failed to parse .Content-Length' header" "$TMP/serve.log"
ok $? "libmicrohttpd's error about the bad Content-Length is in the log, recognisable"
[ "$(q "select count(*) from subscriptions")" = 0 ]
ok $? "nothing recorded"
c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/lists/aba/subscribe")
[ "$c" = 200 ]; ok $? "serve still answers a plain request ($c)"
no_raw_ctl "$TMP/serve.log"
ok $? "the whole log holds no raw control byte"
exit $tap_failed
