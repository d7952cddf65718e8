#!/usr/bin/env bash
# An issue.yaml or a list's YAML saved in GB18030 (Notepad's ANSI on a
# Chinese Windows) said "issue.yaml:1:1: invalid trailing UTF-8 octet":
# libyaml gives an encoding's error at a byte offset and leaves its line
# and column at 1:1.  Now the true line and column of the first bad byte,
# and that the file must be UTF-8, not GBK or GB18030, as an article's
# message says (one helper); a control character is named at its line
# too.  check exits 65.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01 L=$P/lists/aba.yaml
WHY="invalid UTF-8 (the file must be UTF-8, not GBK, GB18030 or another legacy encoding: save it as UTF-8)"
iconv -f UTF-8 -t GB18030 "$I/issue.yaml" >"$TMP/y" && mv "$TMP/y" "$I/issue.yaml"

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
# line 3 is "title: 四川...": the title's first character, column 8
[ $rc = 65 ] && grep -qxF "mailer: $I/issue.yaml:3:8: $WHY" "$TMP/err"
ok $? "issue.yaml in GB18030: its line and column, and that it must be UTF-8 (exit $rc)"
! grep -q 'octet\|:1:1:' "$TMP/err"
ok $? "no libyaml octet at 1:1"
cp issues/2021-01/issue.yaml "$I/"
iconv -f UTF-8 -t GB18030 lists/aba.yaml >"$L"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qxF "mailer: $L:1:7: $WHY" "$TMP/err"
ok $? "a list's YAML in GB18030: line 1, column 7 (exit $rc)"
# a GB18030 line after UTF-8 ones: the column counts characters, not bytes
{ head -n 2 lists/aba.yaml; sed -n 3p lists/aba.yaml | iconv -f UTF-8 -t GB18030;
	tail -n +4 lists/aba.yaml; } >"$L"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qxF "mailer: $L:3:11: $WHY" "$TMP/err"
ok $? "UTF-8 lines, then one in GB18030: line 3, column 11 (exit $rc)"
{ head -n 3 lists/aba.yaml; printf 'contact: \001x\n'; } >"$L"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qxF "mailer: $L:4:10: control characters are not allowed" "$TMP/err"
ok $? "a control character: its line and column (exit $rc)"
