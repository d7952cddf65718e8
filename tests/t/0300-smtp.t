#!/bin/sh
# 0300-smtp: smtp.c (through tests/smtpdrive) against Postfix's smtp-sink
# for volume and tests/faultsrv.py for scripted replies, dropped DATA,
# STARTTLS and AUTH failures.  Prints TAP.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/wait.sh
T=$PWD/tests/tmp/0300
drive=./tests/smtpdrive
n=0
fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else notok "$d"; fi; }
check_not() { d=$1; shift; if "$@"; then notok "$d"; else ok "$d"; fi; }

for need in smtp-sink python3 openssl; do
	if ! command -v $need >/dev/null 2>&1; then
		echo "1..0 # SKIP $need not installed (make deps)"
		exit 0
	fi
done
[ -x $drive ] || { echo "1..0 # SKIP $drive not built"; exit 0; }

rm -rf "$T"
mkdir -p "$T/sink"
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done' EXIT INT TERM

# Two CAs; a server certificate for 127.0.0.1 signed by the first.
cert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -days 2 -subj "/CN=$1" -keyout "$T/$1.key" -out "$T/$1.pem" \
	    2>/dev/null
}
cert ca && cert ca2
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$T/san.ext"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj /CN=127.0.0.1 -keyout "$T/srv.key" -out "$T/srv.csr" 2>/dev/null
openssl x509 -req -in "$T/srv.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" \
    -CAcreateserial -days 2 -extfile "$T/san.ext" -out "$T/srv.pem" \
    2>/dev/null

# fault NAME ARGS...: starts faultsrv and waits until it listens; sets
# PORT.  That it started is a test of its own: a server that never came
# up must fail the run, not let the assertions after it pass on nothing
# (PORT is then a port nothing listens on).
fault_ready() { [ -s "$T/$name.port" ] || ! kill -0 "$fpid" 2>/dev/null; }
fault() {
	name=$1
	shift
	python3 tests/faultsrv.py --port-file "$T/$name.port" "$@" &
	fpid=$!
	pids="$pids $fpid"
	# (a server that died is not waited for)
	wait_for 60 "faultsrv $name to listen" fault_ready
	PORT=$DOWN
	[ -s "$T/$name.port" ] && PORT=$(cat "$T/$name.port")
	# faultsrv writes the port file once it listens (no probe connection:
	# the tests count connections)
	check "faultsrv $name listens (port $PORT)" [ "$PORT" != "$DOWN" ]
}

# A port nothing listens on.
DOWN=$(free_port)

# 1. volume through smtp-sink: 4 connections, 50 messages each at most
SINK=$(free_port)
smtp-sink -u root -d "$T/sink/%M%S" 127.0.0.1:$SINK 100 &
pids="$pids $!"
check "smtp-sink listens (port $SINK)" \
    wait_for 60 "smtp-sink on port $SINK" port_open "$SINK"
$drive -u smtp://127.0.0.1:$SINK -t none -c 4 -m 50 -s 20000 \
    'reader@example.org*200' >"$T/sink.out" 2>"$T/sink.err"
check "smtp-sink: exit 0" [ $? -eq 0 ]
check "smtp-sink: 200 OK" [ "$(grep -c ' OK 250 ' "$T/sink.out")" -eq 200 ]
check "smtp-sink: 200 files" [ "$(ls "$T/sink" | wc -l)" -eq 200 ]

# 2. connection reuse: at most 4 messages per connection
fault reuse --log "$T/reuse.log"
$drive -u smtp://127.0.0.1:$PORT -t none -c 3 -m 4 'r@example.org*30' \
    >"$T/reuse.out" 2>&1
check "reuse: 30 OK with queue ids" \
    [ "$(grep -c ' OK 250 2.0.0 Ok: queued as FS' "$T/reuse.out")" -eq 30 ]
check "reuse: <= 4 messages per connection" [ "$(cut -d' ' -f1 \
    "$T/reuse.log" | sort | uniq -c | awk '$1 > 4' | wc -l)" -eq 0 ]
check "reuse: >= 8 connections" \
    [ "$(cut -d' ' -f1 "$T/reuse.log" | sort -u | wc -l)" -ge 8 ]

# 2b. a connection starts its next message while the last outcome is being
# committed (transport_sync_fn), but the relay gets that message's final
# "." only after the commit: the sync here takes 300 ms, so without the
# wait the next "." would come within milliseconds of the last one's.
fault ends --ends "$T/ends.log"
$drive -u smtp://127.0.0.1:$PORT -t none -S 300 e1@example.org \
    e2@example.org e3@example.org e4@example.org >"$T/ends.out" 2>&1
check "sync: 4 OK" [ "$(grep -c ' OK 250 ' "$T/ends.out")" -eq 4 ]
check "a message ends only after the last one's outcome is committed" \
    python3 - "$T/ends.out" "$T/ends.log" <<'PY'
import sys
syncs = [(int(h), float(t)) for _, h, t in
         (l.split() for l in open(sys.argv[1]) if l.startswith("sync "))]
ends = {r: float(t) for r, t in (l.split() for l in open(sys.argv[2]))}
bad = 0
for k in range(2, 5):
    # the first sync that covers the outcome of message k-1
    after = [t for h, t in syncs if h >= k - 1]
    end = ends.get("e%d@example.org" % k)
    if not after or end is None or end < after[0]:
        print("# message %d ended at %s, sync of %d at %s" % (k, end, k - 1, after[:1]))
        bad += 1
sys.exit(1 if bad or len(ends) != 4 else 0)
PY

# 3. per-recipient replies on one connection
fault reply --trace "$T/reply.trace" --reply 'busy@example.org=451 4.2.0 Mailbox busy' \
    --reply 'gone@example.org=550 5.1.1 No such user'
$drive -u smtp://127.0.0.1:$PORT -t none ok1@example.org busy@example.org \
    gone@example.org ok2@example.org >"$T/reply.out" 2>&1
check "451 at RCPT: TEMPFAIL with the reply text" \
    grep -qx '2 busy@example.org TEMPFAIL 451 4.2.0 Mailbox busy' "$T/reply.out"
check "550 at RCPT: PERMFAIL with the reply text" \
    grep -qx '3 gone@example.org PERMFAIL 550 5.1.1 No such user' "$T/reply.out"
check "the connection goes on after refusals" \
    grep -q '^4 ok2@example.org OK 250 ' "$T/reply.out"
# a refused transaction ends with RSET and leaves its connection to the
# next message (libcurl closed it after any failed transfer: 3 for 4)
check "a refused message keeps its connection (1 for 4 messages, 2 RSETs)" \
    [ "$(cut -d' ' -f1 "$T/reply.trace" | sort -u | wc -l)" -eq 1 -a \
    "$(grep -c ' RSET$' "$T/reply.trace")" -eq 2 ]

# 4. connection dropped in the middle of DATA: never sent; TEMPFAIL, or
# NOREPLY when the message's end had gone out before the drop (the client
# cannot tell that from a drop after the server read it: see 0335)
fault drop --drop-data 2 --log "$T/drop.log"
$drive -u smtp://127.0.0.1:$PORT -t none a@example.org b@example.org \
    c@example.org >"$T/drop.out" 2>&1
check "dropped DATA: TEMPFAIL or NOREPLY" \
    grep -Eq '^2 b@example.org (TEMPFAIL|NOREPLY) ' "$T/drop.out"
check_not "dropped DATA: reason is no server reply" grep -q ' 354 ' "$T/drop.out"
check "dropped DATA: the others OK" \
    [ "$(grep -c ' OK 250 ' "$T/drop.out")" -eq 2 ]
check_not "dropped DATA: not accepted by the server" grep -q b@example.org "$T/drop.log"

# 5. STARTTLS and AUTH
fault tls --tls "$T/srv.pem:$T/srv.key" --auth user:secret \
    --trace "$T/tls.trace"
TLS=$PORT
$drive -u smtp://127.0.0.1:$TLS -C "$T/ca.pem" -U user -P secret \
    x@example.org >"$T/tls.out" 2>&1
check "STARTTLS + AUTH: OK" grep -q '^1 x@example.org OK 250 ' "$T/tls.out"
$drive -u smtp://127.0.0.1:$TLS -C "$T/ca.pem" -U user -P wrong \
    x@example.org y@example.org >"$T/pw.out" 2>&1
rc=$?
check "wrong password: AUTHFAIL" grep -q '^1 x@example.org AUTHFAIL' "$T/pw.out"
check "wrong password: run stops with exit 1" [ $rc -eq 1 ]
# y may have been handed to the connection ahead of its start: it comes
# back UNSENT, never tried
check_not "wrong password: nothing more tried" \
    grep -Eq '^[0-9]+ y@example.org (OK|TEMPFAIL|NOREPLY|PERMFAIL|CONNFAIL|TLSFAIL|AUTHFAIL)' "$T/pw.out"
check_not "wrong password: not printed" grep -q wrong "$T/pw.out"
$drive -u smtp://127.0.0.1:$TLS -C "$T/ca2.pem" -U user -P secret \
    x@example.org >"$T/ca.out" 2>&1
check "untrusted CA: TLSFAIL" grep -q '^1 x@example.org TLSFAIL' "$T/ca.out"
$drive -u smtp://127.0.0.1:$TLS -k -U user -P secret x@example.org \
    >"$T/k.out" 2>&1
check "tls_verify off: OK" grep -q 'OK 250' "$T/k.out"
check "tls_verify off: warned" grep -q 'tls_verify is off' "$T/k.out"

fault plain --auth user:secret --trace "$T/plain.trace"
$drive -u smtp://127.0.0.1:$PORT -U user -P secret x@example.org \
    >"$T/plain.out" 2>&1
check "TLS required, no STARTTLS offered: TLSFAIL" \
    grep -q '^1 x@example.org TLSFAIL' "$T/plain.out"
check_not "...before AUTH" grep -q AUTH "$T/plain.trace"

# 6. relays down
$drive -u smtp://127.0.0.1:$DOWN -t none x@example.org >"$T/down.out" 2>&1
check "server down: CONNFAIL" grep -q '^1 x@example.org CONNFAIL' "$T/down.out"
fault spare
$drive -u smtp://127.0.0.1:$DOWN -u smtp://127.0.0.1:$PORT -t none \
    'f@example.org*5' >"$T/failover.out" 2>&1
check "failover: second relay takes all 5" \
    [ "$(grep -c ' OK 250 ' "$T/failover.out")" -eq 5 ]
check "failover: first relay tried once" \
    [ "$(grep -c "Failed to connect to 127.0.0.1 port $DOWN " \
    "$T/failover.out")" -eq 1 ]
check "failover: ...and said to rest" \
    grep -q "127.0.0.1:$DOWN: resting it for" "$T/failover.out"

# 7. rate limit: 10 messages at 40/s take at least 0.2 s
start=$(date +%s%N)
$drive -u smtp://127.0.0.1:$PORT -t none -c 4 -r 40 'r@example.org*10' \
    >"$T/rate.out" 2>&1
ms=$((($(date +%s%N) - start) / 1000000))
check "rate 40/s: 10 messages in ${ms} ms (>= 200)" [ $ms -ge 200 ]

echo "1..$n"
[ $fails -eq 0 ]
