#!/usr/bin/env bash
# check says when run will send an issue with send_at, in the machine's
# local time with its zone: an editor in Beijing writing "08:00" for a
# server kept in UTC sees 08:00 UTC, and that a send_at without a zone is
# read as the local time of the machine that runs mailer (cron's).  An
# issue without send_at gets no such line.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M check "$I" >"$TMP/out0" 2>&1; rc=$?
[ $rc = 0 ] && ! grep -q 'run sends it' "$TMP/out0"
ok $? "no send_at: no line about it (exit $rc)"

echo 'send_at: 2030-01-20T08:00:00+08:00' >>"$I/issue.yaml"
TZ=UTC M check "$I" >"$TMP/out1" 2>&1; rc=$?
sed 's/^/# /' "$TMP/out1"
[ $rc = 0 ] && grep -q '^2030-01: run sends it from 2030-01-20 00:00 UTC (UTC+0000)$' "$TMP/out1"
ok $? "send_at with its zone, shown in UTC on a UTC machine (exit $rc)"

sed -i 's/^send_at: .*/send_at: 2030-01-20 08:00/' "$I/issue.yaml"
TZ=UTC M check "$I" >"$TMP/out2" 2>&1; rc=$?
sed 's/^/# /' "$TMP/out2"
[ $rc = 0 ] && grep -q '^2030-01: run sends it from 2030-01-20 08:00 UTC (UTC+0000); send_at names no zone: the local time of the machine that runs mailer$' "$TMP/out2"
ok $? "send_at without a zone: the machine's time, said so (exit $rc)"
TZ=Asia/Shanghai M check "$I" >"$TMP/out3" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '^2030-01: run sends it from 2030-01-20 08:00 CST (UTC+0800); send_at names no zone' "$TMP/out3"
ok $? "the same on a machine in Asia/Shanghai (exit $rc)"
exit $tap_failed
