#!/usr/bin/env bash
# Bug "results ignored in cmd_run.c": `mailer run` reads the journal to
# see whether a due issue is complete and, before and after its work,
# each issue's complaint rate.  A journal it cannot read must end the run
# with the journal's message and a non-zero code, not pass for "nothing to
# do" (the complaint rates' failure was ignored: exit 0, no warning).
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$P/issues/2021-01/issue.yaml"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
$M run >"$TMP/out" 2>"$TMP/err"; rc=$?
n=$(ls "$P/outbox/new" | wc -l)
[ $rc = 0 ] && [ "$n" -gt 0 ]; ok $? "first run sends the due issue ($n messages, exit $rc)"

# Only the complaint rates read an untraced complaint (no issue): the
# events become a view whose address column fails to compute for it
# (abs() of the smallest integer is an error in SQLite), so the issue's
# completeness still reads and only the rates fail.
sqlite3 "$DB" "ALTER TABLE events RENAME TO ev;
	CREATE VIEW events AS SELECT id, kind, issue, list,
	 CASE WHEN issue IS NULL THEN abs(-9223372036854775808) ELSE email END
	 AS email, class, status, reason, at, source_key FROM ev;
	INSERT INTO ev(kind, email, at, source_key)
	 VALUES ('complaint', 'someone@example.net', 0, 'test:untraced')"
$M run >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 70 ]; ok $? "complaint rates unreadable: exit 70 (got $rc)"
grep -q "mailer.db: .*integer overflow" "$TMP/err"
ok $? "the journal's own message names it and what failed"
[ "$(ls "$P/outbox/new" | wc -l)" = "$n" ]; ok $? "nothing sent again"

# no recipients table: completeness cannot be known, nothing is sent
sqlite3 "$DB" 'DROP VIEW events; ALTER TABLE ev RENAME TO events;
	ALTER TABLE recipients RENAME TO recipients_gone'
$M run >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 70 ] && grep -q 'mailer.db: .*recipients' "$TMP/err"
ok $? "issue state unreadable: exit 70 with the journal's message (got $rc)"
[ "$(ls "$P/outbox/new" | wc -l)" = "$n" ]; ok $? "nothing sent again"
exit $tap_failed
