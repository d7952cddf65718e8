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
fault_init tlshang
plan 6

fault st --tls-hang
fault_project "$T/st" "$PORT" 4 "tls: required" "timeout: 2"
fault_send st; rc=$?; sed 's/^/# /' "$T/st.err"
[ $rc -eq 69 ]; ok $? "STARTTLS answered, no handshake: exit 69 (got $rc)"
grep -q "^mailer: smtp://127.0.0.1:$PORT: no reply to the TLS handshake after STARTTLS within 2 s (transport.timeout)" "$T/st.err"
ok $? "...the line names the handshake and the wait"
fault_pending_only st; ok $? "...all pending"

# a port that starts with TLS and says nothing
fault_silent hole
fault_project "$T/im" "$PORT" 4 "timeout: 2"
sed -i "s|smtp://127.0.0.1:$PORT|smtps://127.0.0.1:$PORT|" "$T/im/config.yaml"
fault_send im; rc=$?; sed 's/^/# /' "$T/im.err"
[ $rc -eq 69 ]; ok $? "smtps://, no handshake: exit 69 (got $rc)"
grep -q "^mailer: smtps://127.0.0.1:$PORT: no reply to the TLS handshake within 2 s (transport.timeout)" "$T/im.err" &&
	! grep -q "is written smtps://" "$T/im.err"
ok $? "...the line names the handshake, not the smtps:// spelling"
fault_pending_only im; ok $? "...all pending"
exit $tap_failed
