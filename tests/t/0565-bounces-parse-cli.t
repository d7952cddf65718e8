#!/usr/bin/env bash
# `mailer bounces parse` on the command line: its help, its exit codes
# (64 no file named, 66 a file it could not read or over its size limit,
# 0 otherwise), one line for every file it read and none for the others,
# and standard input as "-".
. tests/lib/tap.sh
tap_tmp
plan 7
"$MAILER" bounces parse --help >"$TMP/help" 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && grep -q 'bounces parse FILE' "$TMP/help" && [ ! -s "$TMP/err" ]
ok $? "bounces parse --help prints the usage and exits 0 (got $rc)"

"$MAILER" bounces parse >/dev/null 2>"$TMP/err"
rc=$?
[ $rc = 64 ] && grep -q 'usage:' "$TMP/err"
ok $? "no file named: the usage on stderr, exit 64 (got $rc)"

printf 'From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n\n<a@example.net>: host mx said: 550 5.1.1 unknown user\n' >"$TMP/n.eml"
cp "$TMP/n.eml" "$TMP/--help"
(cd "$TMP" && "$MAILER" bounces parse ./--help) >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && grep -q '"file": "./--help", "kind": "bounce"' "$TMP/out"
ok $? "a file called --help is read as ./--help (exit $rc)"

"$MAILER" bounces parse "$TMP/n.eml" "$TMP/absent.eml" "$TMP/n.eml" \
	>"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 66 ] && [ "$(wc -l <"$TMP/out")" = 2 ] &&
	! grep -q absent "$TMP/out" && grep -q 'absent.eml' "$TMP/err"
ok $? "an unreadable file: named on stderr, no line, the others read, exit 66 (got $rc)"

truncate -s 65M "$TMP/big.eml"
"$MAILER" bounces parse "$TMP/big.eml" "$TMP/n.eml" >"$TMP/out" 2>"$TMP/err"
rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 66 ] && [ "$(wc -l <"$TMP/out")" = 1 ] && grep -q 'big.eml' "$TMP/err"
ok $? "a file over the size limit: refused with its name, exit 66 (got $rc)"

"$MAILER" bounces parse - <"$TMP/n.eml" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc = 0 ] && grep -q '"file": "-", "kind": "bounce", "recipients": \[{"address": "a@example.net"' "$TMP/out"
ok $? "standard input as '-' (exit $rc)"

python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert list(o) == ["file", "kind", "recipients"], o
    for r in o["recipients"]:
        assert list(r) == ["address", "status", "class", "reason"], r
' "$TMP/out"
ok $? "the line is JSON with the documented fields in their order (Python's json)"
exit $tap_failed
