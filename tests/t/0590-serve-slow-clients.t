#!/usr/bin/env bash
# Slowloris straight at mailer serve (no nginx in front): one client opens
# more connections than web.max_connections and sends its request a byte
# at a time, each byte within web.timeout, so no connection is ever
# silent long enough to be closed.  Another client (127.0.0.2) must still
# be answered: one client holds at most web.max_connections_per_client
# (16) connections and the server closes the rest.  A web.trusted_proxy
# (nginx, whose connections all come from it) is not limited.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
tap_tmp
plan 4
web_direct_project 'max_connections: 64' 'timeout: 5' \
	'trusted_proxy: [127.0.0.3]'
web_direct_serve
# 70 connections from 127.0.0.1, a header byte on each every second
# (within web.timeout) from start to end; after 5 s one request from
# 127.0.0.2, given 8 s (more than web.timeout, 5) for its answer
/usr/bin/python3 - "$PORT" >"$TMP/slow.out" 2>&1 <<'PY'
import http.client, socket, sys, threading, time
port = int(sys.argv[1])
def conn(src):
    return socket.create_connection(('127.0.0.1', port), timeout=8,
                                    source_address=(src, 0))
slow, stop = [], threading.Event()
for i in range(70):
    s = conn('127.0.0.1')
    s.send(b'GET /lists/aba/subscribe HTTP/1.1\r\nHost: x\r\nX-Slow: ')
    slow.append(s)
def trickle():
    while not stop.wait(1):
        for s in slow[:]:
            try:
                s.send(b'a')
            except OSError:
                slow.remove(s)
t = threading.Thread(target=trickle)
t.start()
time.sleep(5)
c = http.client.HTTPConnection('127.0.0.1', port, timeout=8)
c.sock = conn('127.0.0.2')
try:
    c.request('GET', '/lists/aba/subscribe')
    print('other client:', c.getresponse().status)
except OSError as e:
    print('other client: no answer:', e)
print('held:', len(slow))
stop.set()
t.join()
PY
grep -qx 'other client: 200' "$TMP/slow.out"
ok $? "another client is answered while one trickles on 70 connections" ||
	sed 's/^/# /' "$TMP/slow.out"
held=$(sed -n 's/^held: //p' "$TMP/slow.out")
# (the server's two threads accept in parallel: one more may slip in)
[ -n "$held" ] && [ "$held" -le 17 ]
ok $? "the trickling client keeps at most 16 connections ($held)"

# many requests at once, each on its own connection: all from the
# trusted proxy are answered; from another client (not the one above,
# whose connections the server may still be closing), 16.  web.max_connections
# (64) leaves room for both batches and what may linger of the first.
/usr/bin/python3 - "$PORT" >"$TMP/many.out" 2>&1 <<'PY'
import socket, sys
port = int(sys.argv[1])
for src in ('127.0.0.3', '127.0.0.4'):
    socks = [socket.create_connection(('127.0.0.1', port), timeout=3,
                                      source_address=(src, 0))
             for i in range(20)]
    answered = 0
    for s in socks:
        try:
            s.sendall(b'GET /lists/aba/subscribe HTTP/1.1\r\nHost: x\r\n'
                      b'Connection: close\r\n\r\n')
            answered += s.recv(12).startswith(b'HTTP/1.1 200')
        except OSError:
            pass
    print(src, answered)
    for s in socks:
        s.close()
PY
grep -qx '127.0.0.3 20' "$TMP/many.out"
ok $? "the trusted proxy's 20 connections at once are all answered" ||
	sed 's/^/# /' "$TMP/many.out"
grep -qx '127.0.0.4 1[67]' "$TMP/many.out"
ok $? "another client's 20 at once: 16 answered" ||
	sed 's/^/# /' "$TMP/many.out"
