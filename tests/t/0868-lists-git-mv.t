#!/usr/bin/env bash
# A list renamed with `git mv` (lists/east.* -> lists/eastern.*) loses its
# unsubscribes and suppressions (the journal keeps them under the list's
# id, its file name).  check warns before any send that eastern's rows
# include an address unsubscribed on east, which lists/ no longer has, and
# how to mend it; send used to be the first to say so, after mailing it.
# Renamed back, check is quiet.  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v git >/dev/null || skip_all "git not installed (make deps)"
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
G() { git -C "$P" -c user.email=ed@example.org -c user.name=ed "$@"; }
G init -q && G add lists && G commit -qm lists >/dev/null
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>&1
q "insert into unsubscribes(list, email, at, source) values ('east', 'bob@example.org', 1700000000, 'test')"
G mv lists/east.csv lists/eastern.csv && G mv lists/east.yaml lists/eastern.yaml
ok $? "git mv renames the list east to eastern"
want="warning: list eastern: 1 address (such as bob@example.org) unsubscribed or were suppressed on list east, which $P/lists no longer has, and a send would mail it; if eastern is east renamed, run \"mailer lists rename east eastern\""
M check "$P/issues/2030-01" >"$TMP/check.out" 2>"$TMP/check.err"; rc=$?
sed 's/^/# /' "$TMP/check.err"
[ $rc = 0 ] && grep -qF "$want" "$TMP/check.err"
ok $? "check warns before the send (exit $rc)"
cp -r "$P/issues/2030-01" "$P/issues/2030-02"
sed -i 's/^number: 1$/number: 2/' "$P/issues/2030-02/issue.yaml"
M send "$P/issues/2030-02" --dry-run >"$TMP/dry.out" 2>&1
grep -qF 'unsubscribed or were suppressed on list east' "$TMP/dry.out"
ok $? "send --dry-run says the same"
G mv lists/eastern.csv lists/east.csv && G mv lists/eastern.yaml lists/east.yaml &&
	M check "$P/issues/2030-01" >"$TMP/check2.out" 2>"$TMP/check2.err"
rc=$?
[ $rc = 0 ] && ! grep -q 'renamed' "$TMP/check2.err" &&
	grep -q 'east.csv:2: warning: bob@example.org no longer receives the list' "$TMP/check2.err"
ok $? "renamed back: no such warning, bob's row is the one to sync (exit $rc)"
exit $tap_failed
