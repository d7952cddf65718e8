#!/usr/bin/env bash
# An editor adds "Li, Ming" to a list's CSV unquoted, as typed in a text
# editor: check said only "aba.csv:6: wrong number of fields", and the
# editor, seeing the three columns of the header, could not tell what
# was wrong.  Now the row says how many fields it has against the
# header's, and one too many that a value holding a comma goes in double
# quotes; a row missing a field gets its counts.  check exits 65; the
# same name quoted passes.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
C=$P/lists/aba.csv
n=$(wc -l <"$C")
printf 'li.ming.ab@example.org,Li, Ming,马尔康市\nwang.fang.ab@example.org,王芳\n' >>"$C"

M check "$I" --list aba >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ]
ok $? "check refuses (exit $rc)"
grep -qxF "mailer: $C:$((n + 1)): wrong number of fields: 4 where the header has 3: a value holding a comma goes in double quotes, as \"Li, Ming\"" "$TMP/err"
ok $? "the unquoted comma: both counts and the quotes to write"
grep -qxF "mailer: $C:$((n + 2)): wrong number of fields: 2 where the header has 3" "$TMP/err"
ok $? "a row missing a field: both counts"
sed -i '$d' "$C"
sed -i 's/,Li, Ming,/,"Li, Ming",/' "$C"
M check "$I" --list aba >"$TMP/out2" 2>"$TMP/err2"; rc=$?
[ $rc = 0 ] && ! grep -q 'wrong number' "$TMP/err2"
ok $? "quoted, the name passes (exit $rc)"
