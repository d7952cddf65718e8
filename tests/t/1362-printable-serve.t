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
# messages (printable() on each) quote none of them.  Then a relay
# (tests/faultsrv.py) refuses a confirmation mail with an OSC title in
# its reply: serve's line names the refusal with the controls spelled out.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/hostile.sh
. tests/lib/fault.sh
tap_tmp
plan 20
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

# a relay refusing the confirmation mail with an OSC title in its reply
tap_cleanup	# serve stops; it starts again with the relay
T=$TMP pids=	# fault's folder and the servers it starts
trap 'for p in $pids; do kill $p 2>/dev/null; done; tap_cleanup 2>/dev/null; rm -rf "$TMP"' EXIT
ESC=$(printf '\033') BEL=$(printf '\007')
SERVE_PORT=$PORT
fault r --reply "new.reader@example.org=550 5.7.1 ${ESC}]0;pwned${BEL}refused"
sed -i "s|relays: \\[maildir:outbox\\]|relays: [\"smtp://127.0.0.1:$PORT\"]\\n  tls: none|" "$P/config.yaml"
PORT=$SERVE_PORT
web_direct_serve
curl -s -o /dev/null --data 'email=new.reader@example.org' "$BASE/lists/aba/subscribe"
refused() { grep -q 'confirmation mail to' "$TMP/serve.log"; }
wait_for 60 "the refused confirmation mail" refused
sed 's/^/# /' "$TMP/serve.log" | grep 'confirmation mail'
BS='[\]'	# a backslash, in grep -E
grep -Eq "confirmation mail to .*: 550 5.7.1 ${BS}x1b]0;pwned${BS}x07refused; dropped" "$TMP/serve.log"
ok $? "the relay's refusal of a confirmation mail is logged with ESC and BEL spelled out"
no_raw_ctl "$TMP/serve.log"
ok $? "no raw control byte in that log"
exit $tap_failed
