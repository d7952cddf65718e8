#!/usr/bin/env bash
# Bug "send.c ignores journal_mark's result": when the journal refuses to
# mark a recipient suppressed (here a trigger in the database raises an
# error, as a full or damaged database would), the send says so and exits
# 70 instead of counting the address suppressed and exiting 0.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
cp -r "$P/issues/2021-01" "$P/issues/2020-12"
$M send "$P/issues/2020-12" --list ganzi --quiet >/dev/null 2>&1 || { echo "Bail out! first send"; exit 1; }
a=$(tail -n +2 "$P/lists/aba.csv" | cut -d, -f1 | head -1)
sqlite3 "$DB" "INSERT INTO suppressions VALUES ('aba', '$a', 'hard bounce', 0);
	CREATE TRIGGER refuse BEFORE UPDATE OF state ON recipients
	WHEN NEW.state = 'suppressed' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
$M send "$P/issues/2021-01" --list aba >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 70 ]; ok $? "the refused mark ends the send with 70 (got $rc)"
grep -q 'refused by the test' "$TMP/err"; ok $? "the journal's error is reported"
! grep -q 'suppressed 1' "$TMP/out"; ok $? "the address is not reported suppressed"
exit $tap_failed
