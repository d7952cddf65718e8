#!/usr/bin/env bash
# A list renamed between issues (lists/east.* moved to lists/west.*): the
# journal keeps unsubscribes and suppressions under the list's id, its
# file name, so the next run sent the issue to the reader who had
# unsubscribed from east and to the address suppressed there, and said
# nothing.  Nothing tells a rename from a new list, so they are still
# sent to, but run now warns, naming the list, how many, one address,
# the old list and what to do; a removed list whose readers are on no
# other list, and a list renamed back, give no warning.  Maildir.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
echo 'send_at: 2026-01-05T08:00:00Z' >>"$I/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
DB=$P/state/mailer.db
# next_issue N: a copy of the first issue, number N, due
next_issue() {
	cp -r "$I" "$P/issues/2030-0$1"
	sed -i "s/^number: 1/number: $1/" "$P/issues/2030-0$1/issue.yaml"
}

M run >"$TMP/run1.out" 2>&1 || echo "Bail out! first run"
# bob unsubscribed from east, amy bounced hard there (as mailer bounces
# and mailer serve write them)
sqlite3 "$DB" "INSERT INTO unsubscribes(list, email, at, source)
	VALUES ('east', 'bob@example.org', 1767600000, 'test');
	INSERT INTO suppressions(list, email, reason, at)
	VALUES ('east', 'amy@example.org', '1 hard bounce(s)', 1767600000)"
for f in yaml csv; do mv "$P/lists/east.$f" "$P/lists/west.$f"; done
next_issue 2
M send --dry-run "$P/issues/2030-02" >"$TMP/dry.out" 2>"$TMP/dry.err"
sed 's/^/# /' "$TMP/dry.err"
grep -q "^mailer: warning: list west: 2 addresses (such as bob@example.org) unsubscribed or were suppressed on list east, which $P/lists no longer has, and would be sent this issue; if west is east renamed, run \"mailer lists rename east west\""  "$TMP/dry.err"
ok $? "a dry run warns: would be sent"
M run >"$TMP/run2.out" 2>"$TMP/run2.err"; rc=$?
sed 's/^/# /' "$TMP/run2.out" "$TMP/run2.err"
[ $rc = 0 ] && grep -q '^2030-02: sent 2,' "$TMP/run2.out" &&
	grep -q "list west: 2 addresses (such as bob@example.org) .* and were sent this issue" "$TMP/run2.err"
ok $? "run sends and warns: were sent (exit $rc)"
M run >"$TMP/run3.out" 2>&1; rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/run3.out" ]
ok $? "nothing more to send: silent (exit $rc)"
for f in yaml csv; do mv "$P/lists/west.$f" "$P/lists/east.$f"; done
next_issue 3
M run >"$TMP/run4.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/run4.out"
n=$(sqlite3 "$DB" "SELECT count(*) FROM recipients WHERE issue = '2030-03'
	AND state = 'suppressed'")
[ $rc = 0 ] && [ ! -s "$TMP/run4.out" ] && [ "$n" = 2 ]
ok $? "renamed back: both stay out (2 suppressed: $n), no warning (exit $rc)"
# a removed list whose readers are on no other list: nothing to say
sqlite3 "$DB" "INSERT INTO unsubscribes(list, email, at, source)
	VALUES ('gone', 'zed@example.org', 1767600000, 'test')"
next_issue 4
M run >"$TMP/run5.out" 2>"$TMP/run5.err"; rc=$?
[ $rc = 0 ] && ! grep -q warning "$TMP/run5.err"
ok $? "a removed list's readers, on no list now: no warning (exit $rc)"
