#!/usr/bin/env bash
# status ISSUE_DIR names the issue as send does, whatever way the editor
# gives its folder: with a trailing slash, as "." from inside it, through
# a symlink, relative from another folder.  Each shows the issue's row
# (it showed an empty table for "." and the symlink).  A folder of which
# nothing was sent says so on stderr (exit 0), not an empty table alone.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$I" --quiet >"$TMP/send.out" 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
ln -s "$I" "$TMP/本期 link"
row() { grep -q '^2030-01 *east *2 ' "$1"; }

M status "$I/" >"$TMP/s1" 2>&1; rc=$?
row "$TMP/s1" && [ $rc = 0 ]
ok $? "a trailing slash (exit $rc)"
(cd "$I" && M status . >"$TMP/s2" 2>&1); rc=$?
sed 's/^/# /' "$TMP/s2"
row "$TMP/s2" && [ $rc = 0 ]
ok $? "\".\" from inside the issue folder (exit $rc)"
M status "$TMP/本期 link" >"$TMP/s3" 2>&1; rc=$?
row "$TMP/s3" && [ $rc = 0 ]
ok $? "a symlink to the folder (exit $rc)"
(cd "$P/lists" && M status ../issues/2030-01 >"$TMP/s4" 2>&1); rc=$?
row "$TMP/s4" && [ $rc = 0 ]
ok $? "relative from another folder (exit $rc)"
M status "$I" --json >"$TMP/s5" 2>&1; rc=$?
grep -q '"sent": 2' "$TMP/s5" && [ $rc = 0 ]
ok $? "--json (exit $rc)"

M status "$P/issues/2030-02" >"$TMP/s6" 2>"$TMP/s6.err"; rc=$?
sed 's/^/# /' "$TMP/s6.err"
[ $rc = 0 ] && grep -q 'nothing of issue "2030-02" is in the journal' "$TMP/s6.err"
ok $? "an issue never sent: said on stderr (exit $rc)"
exit $tap_failed
