#!/usr/bin/env bash
# Request framing straight at `mailer serve` (RFC 9112 6): a request whose
# body length is ambiguous is refused, never read one way here and another
# way by a proxy in front (request smuggling).  Two Content-Length fields
# that differ, Content-Length beside Transfer-Encoding, and a transfer
# coding other than chunked each get one answer (400, or 501 for the
# coding) and the connection closed at once: nothing after them on that
# connection is read as a request, nothing is recorded, no mail is queued.
# A plain chunked body and a repeated equal Content-Length still work.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
tap_tmp
plan 6
web_direct_project 'timeout: 5'
web_direct_serve

# raw NAME: sends the request named NAME on one connection; prints the
# status lines it got back, then "closed SECONDS" or "open"
raw() {
	/usr/bin/python3 - 127.0.0.1 "$PORT" "$1" <<'PY'
import socket, sys, time
host, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
body = b'email=smuggled@example.org'
head = b'POST /lists/aba/subscribe HTTP/1.1\r\nHost: x\r\n'
chunked = b'%x\r\n' % len(body) + body + b'\r\n0\r\n\r\n'
next_rq = b'GET /lists/aba/manage HTTP/1.1\r\nHost: x\r\n\r\n'
rq = {
    'two-cl': head + b'Content-Length: %d\r\nContent-Length: 5\r\n\r\n'
        % len(body) + body + next_rq,
    'cl-te': head + b'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n'
        b'\r\n' + chunked + next_rq,
    'te-other': head + b'Transfer-Encoding: gzip, chunked\r\n\r\n' +
        chunked + next_rq,
    'te-chunked': head + b'Transfer-Encoding: chunked\r\n\r\n' + chunked,
    'same-cl': head + b'Content-Length: %d\r\nContent-Length: %d\r\n\r\n'
        % (len(body), len(body)) + body,
}[name]
s = socket.create_connection((host, port)); s.settimeout(4)
s.sendall(rq); out = b''; start = time.time(); closed = False
try:
    while True:
        d = s.recv(65536)
        if not d: closed = True; break
        out += d
except (socket.timeout, ConnectionResetError): pass
for line in out.split(b'\r\n'):
    if line.startswith(b'HTTP/1.1 '): print(line[9:12].decode())
print('closed %.1f' % (time.time() - start) if closed else 'open')
PY
}
refused() {	# refused NAME CODE: one answer CODE, closed at once
	raw "$1" >"$TMP/$1.out"
	sed "s/^/# $1: /" "$TMP/$1.out"
	[ "$(sed -n 1p "$TMP/$1.out")" = "$2" ] &&
		[ "$(wc -l <"$TMP/$1.out")" = 2 ] &&
		awk '/^closed/ { exit !($2 < 2) } /^open/ { exit 1 }' "$TMP/$1.out"
}
refused two-cl 400; ok $? "two Content-Length fields that differ: 400, closed, the request after it not read"
refused cl-te 400; ok $? "Content-Length beside Transfer-Encoding: 400, closed"
refused te-other 501; ok $? "a transfer coding other than chunked: 501, closed"
[ "$(q "select count(*) from subscriptions")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 0 ]
ok $? "none of them recorded a subscription or queued a mail"

raw te-chunked | grep -qx 200 && raw same-cl | grep -qx 200 &&
	[ "$(q "select count(*) from subscriptions where email='smuggled@example.org'")" = 2 ]
ok $? "a chunked body and a repeated equal Content-Length are read (200, recorded)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
