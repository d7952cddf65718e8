#!/usr/bin/env bash
# A relay that accepts the connection and then says nothing during the
# TLS handshake, after its 220 to STARTTLS or on a port that starts with
# TLS (smtps://): the line names the handshake and the wait (it was
# libcurl's "server response timeout", and for smtps:// the advice to
# write smtps://, which the URL already was); the relay could not be
# reached: exit 69, as for one that never greets (not 76, which blames
# TLS and its certificates); every recipient stays pending.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-tlshang.XXXXXX)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
plan 6
send() { $MAILER --config "$T/$1/config.yaml" send "$T/$1/issues/2021-01" \
	--list flt >"$T/$1.out" 2>"$T/$1.err"; }
pending_only() { [ "$(sqlite3 "$T/$1/state/mailer.db" \
	"select count(*) from recipients where state <> 'pending'")" = 0 ]; }

fault st --tls-hang
fault_project "$T/st" "$PORT" 4 "tls: required" "timeout: 2"
send st; rc=$?; sed 's/^/# /' "$T/st.err"
[ $rc -eq 69 ]; ok $? "STARTTLS answered, no handshake: exit 69 (got $rc)"
grep -q "^mailer: smtp://127.0.0.1:$PORT: no reply to the TLS handshake after STARTTLS within 2 s (transport.timeout)" "$T/st.err"
ok $? "...the line names the handshake and the wait"
pending_only st; ok $? "...all pending"

# a port that starts with TLS and says nothing
python3 -c '
import os, socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(120)' "$T/hole.port" &
pids="$pids $!"
wait_for 60 "the silent relay to listen" test -s "$T/hole.port"
PORT=$(cat "$T/hole.port")
fault_project "$T/im" "$PORT" 4 "timeout: 2"
sed -i "s|smtp://127.0.0.1:$PORT|smtps://127.0.0.1:$PORT|" "$T/im/config.yaml"
send im; rc=$?; sed 's/^/# /' "$T/im.err"
[ $rc -eq 69 ]; ok $? "smtps://, no handshake: exit 69 (got $rc)"
grep -q "^mailer: smtps://127.0.0.1:$PORT: no reply to the TLS handshake within 2 s (transport.timeout)" "$T/im.err" &&
	! grep -q "is written smtps://" "$T/im.err"
ok $? "...the line names the handshake, not the smtps:// spelling"
pending_only im; ok $? "...all pending"
exit $tap_failed
