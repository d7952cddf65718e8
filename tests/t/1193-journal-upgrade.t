#!/usr/bin/env bash
# A journal written by the previous release (schema version 7: no
# recipients.deferred_since nor list_renames yet) is upgraded in place by the first
# command of this one: every command works on it, nothing sent is sent
# again, and the version is the current one.  (Version 7's step, which
# the upgrade ran again on a journal already at 7, failed with "index
# suppressions_addr already exists" and made every command exit 73.)
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
DB=$P/state/mailer.db

M send "$P/issues/2021-01" --quiet >"$TMP/send1.out" 2>&1
ok $? "send 2021-01 writes the journal"
# The journal as the previous release left it.
sqlite3 "$DB" 'ALTER TABLE recipients DROP COLUMN deferred_since; DROP TABLE list_renames;
	PRAGMA user_version = 7' 2>"$TMP/down.err"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 7 ]
ok $? "the journal is at schema version 7"
M status "$P/issues/2021-01" >"$TMP/status.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/status.out" | tail -3
ok $rc "status on it exits 0 (got $rc)"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" -gt 7 ] &&
	sqlite3 "$DB" 'SELECT deferred_since FROM recipients LIMIT 1' >/dev/null
ok $? "the journal was upgraded in place"
M send "$P/issues/2021-01" >"$TMP/send2.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q 'nothing to send: 78 recipients already done' "$TMP/send2.out"
ok $? "a second send sends nothing (rc $rc)"
exit $tap_failed
