#!/usr/bin/env bash
# The idle-relay warning counts its connections in words that agree: with
# max_connections 1 over two relays, the second gets none, and the line
# said "none of the 1 connections"; now "none of the 1 connection" (0586
# keeps "none of the 2 connections").  Two real Postfix relays.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
pool_init idle1
plan 2
pool_relay A || { echo "Bail out! relay A"; exit 1; }
pool_relay B || { echo "Bail out! relay B"; exit 1; }
URL_A=smtp://127.0.0.1:$A_PORT URL_B=smtp://127.0.0.1:$B_PORT
pool_project "$T/one" 4 "{url: \"$URL_A\", weight: 4}" "$URL_B" -- \
	"max_connections: 1"
$MAILER --config "$T/one/config.yaml" send "$T/one/issues/2021-01" \
	--list flt >"$T/one.out" 2>"$T/one.err"; rc=$?
sed 's/^/# /' "$T/one.err" | grep 'gets none'
[ $rc = 0 ]; ok $? "4 messages over one connection: exit $rc"
grep -q "^mailer: $T/one/config.yaml: transport.relays: $URL_B gets none of the 1 connection (transport.max_connections) while the other relays are up" "$T/one.err"
ok $? "...the second relay gets none of the 1 connection, in the singular"
exit $tap_failed
