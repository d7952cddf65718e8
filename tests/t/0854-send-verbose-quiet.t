#!/usr/bin/env bash
# send --verbose prints one line per recipient, as mailer(1) says (it
# printed the per-list line only), for a send, a dry run and a test send;
# --quiet prints nothing when nothing went wrong (the summary included:
# run relies on it).  --to with --dry-run sends nothing and says so (it
# said "test sent 1").  A list named twice (--list east --list east) is
# one list: the test copy went out twice and check counted 2 lists; so
# is a list named twice in issue.yaml's sponsors.
# Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 8
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M send "$I" --dry-run --verbose >"$TMP/dry.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/dry.out"
[ $rc = 0 ] && grep -q 'east bob@example.org: would be sent' "$TMP/dry.out" &&
	grep -q 'east amy@example.org: would be sent' "$TMP/dry.out"
ok $? "--dry-run --verbose: a line per recipient (exit $rc)"

M send "$I" --to editor@example.org --verbose >"$TMP/to.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q 'east editor@example.org: sent' "$TMP/to.out"
ok $? "--to --verbose: the test copy's line (exit $rc)"

files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }
n=$(files)
M send "$I" --to editor@example.org --dry-run >"$TMP/todry.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/todry.out"
[ $rc = 0 ] && grep -q 'dry run: would send 1,' "$TMP/todry.out" &&
	! grep -q 'test sent' "$TMP/todry.out" && [ "$(files)" = "$n" ]
ok $? "--to --dry-run: \"would send 1\", nothing sent (exit $rc)"

M send "$I" --to editor@example.org --list east --list east >"$TMP/to2.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/to2.out"
[ $rc = 0 ] && grep -q 'test sent 1,' "$TMP/to2.out" && [ "$(files)" = $((n + 1)) ]
ok $? "--list east --list east: one test copy (exit $rc)"
M check "$I" --list east --list east >"$TMP/chk.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q ' 1 list, 2 subscribers' "$TMP/chk.out"
ok $? "check counts the list once (exit $rc)"
echo 'sponsors: [east, east]' >>"$I/issue.yaml"
M check "$I" >"$TMP/chk2.out" 2>&1; rc=$?
sed -i '/^sponsors:/d' "$I/issue.yaml"
[ $rc = 0 ] && grep -q ' 1 list, 2 subscribers' "$TMP/chk2.out"
ok $? "a sponsor named twice: one list (exit $rc)"

M send "$I" --verbose >"$TMP/send.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send.out"
[ $rc = 0 ] && grep -q 'east bob@example.org: sent' "$TMP/send.out" &&
	grep -q 'east amy@example.org: sent' "$TMP/send.out"
ok $? "--verbose: a line per recipient sent (exit $rc)"

echo 'carol@example.org,Carol' >>"$P/lists/east.csv"
M send "$I" --quiet >"$TMP/q.out" 2>&1; rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/q.out" ]
ok $? "--quiet: nothing printed when all went well (exit $rc)"
exit $tap_failed
