#!/usr/bin/env bash
# Counts printed to the user agree with their noun: "lists sync aba" said
# "0 of 1 lists changed" (and its dry run "in 0 of 1 lists"); now "0 of 1
# list changed", while "0 of 21 lists" keeps its plural.  (The soft-bounce
# suppression reason, "1 soft bounce in 1 day", is test_journal's
# test_policy_reason_plural.)  check's "ok: 1 articles in 1 sections, 1
# lists, 2 subscribers" reads "1 article in 1 section, 1 list".  Maildir
# project, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
n=$(ls "$P"/lists/*.yaml | wc -l)

M lists sync aba >"$TMP/o1" 2>"$TMP/e1"; rc=$?
sed 's/^/# /' "$TMP/o1"
[ $rc = 0 ] && grep -q '^lists sync: 0 rows moved, 0 web subscribers appended, 0 of 1 list changed$' "$TMP/o1"
ok $? "lists sync of one list: 0 of 1 list changed (exit $rc)"
M lists sync --dry-run aba >"$TMP/o2" 2>"$TMP/e2"; rc=$?
sed 's/^/# /' "$TMP/e2"
[ $rc = 0 ] && grep -q '^lists sync: dry run: 0 rows to move, 0 web subscribers to append, in 0 of 1 list; nothing written$' "$TMP/e2"
ok $? "its dry run: in 0 of 1 list (exit $rc)"
M lists sync >"$TMP/o3" 2>"$TMP/e3"; rc=$?
sed 's/^/# /' "$TMP/o3"
[ $rc = 0 ] && grep -q "^lists sync: 0 rows moved, 0 web subscribers appended, 0 of $n lists changed\$" "$TMP/o3"
ok $? "every list: 0 of $n lists changed (exit $rc)"
mk_tiny_project "$TMP/tiny"
"$MAILER" --config "$TMP/tiny/config.yaml" check "$TMP/tiny/issues/2030-01" >"$TMP/o4" 2>&1; rc=$?
sed 's/^/# /' "$TMP/o4" | head -1
[ $rc = 0 ] && grep -q '^2030-01: ok: 1 article in 1 section, 1 list, 2 subscribers$' "$TMP/o4"
ok $? "check of one article, section and list: singular (exit $rc)"
exit $tap_failed
