#!/usr/bin/env bash
# A Chinese editor who types a list's CSV with the input method in Chinese
# punctuation writes full-width commas (，U+FF0C): the header row or a row
# was refused with no word of why ("the header row must name the columns
# ...", "wrong number of fields"); a header with "email" but no "name"
# column was told 'names are lower case, not "email"'.  Each now names
# what is there.  A full-width comma inside a field of a row with the
# right number of fields is text (a name "张三，李四").  Maildir.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
hdr='the header row must name the columns "email" and "name"'
printf '%s\n' 'email，name' 'bob@example.org，Bob' >"$P/lists/east.csv"
M check "$P/issues/2030-01" >/dev/null 2>"$TMP/c1.err"; rc=$?
sed 's/^/# /' "$TMP/c1.err"
[ $rc = 65 ] && grep -qxF "mailer: $P/lists/east.csv:1: $hdr: its fields are separated by full-width commas (，), not commas" "$TMP/c1.err"
ok $? "a header of full-width commas is named (exit $rc)"
printf '%s\n' 'email' 'bob@example.org' >"$P/lists/east.csv"
M check "$P/issues/2030-01" >/dev/null 2>"$TMP/c2.err"; rc=$?
sed 's/^/# /' "$TMP/c2.err"
[ $rc = 65 ] && grep -qxF "mailer: $P/lists/east.csv:1: $hdr: it has no \"name\" column" "$TMP/c2.err"
ok $? "a header without name says so, not 'names are lower case' (exit $rc)"
printf '%s\n' 'email,name' 'bob@example.org，Bob' 'amy@example.org,"张三，李四"' \
	'cy@example.org,Cy' >"$P/lists/east.csv"
M check "$P/issues/2030-01" >/dev/null 2>"$TMP/c3.err"; rc=$?
sed 's/^/# /' "$TMP/c3.err"
[ $rc = 65 ] && grep -qxF "mailer: $P/lists/east.csv:2: wrong number of fields: a field holds a full-width comma (，): separate the fields with an ASCII comma" "$TMP/c3.err" &&
	[ "$(wc -l <"$TMP/c3.err")" = 1 ]
ok $? "a row with a full-width comma for a separator is named; one inside a name is text"
printf '%s\n' 'Email,Name' 'bob@example.org,Bob' >"$P/lists/east.csv"
M check "$P/issues/2030-01" >/dev/null 2>"$TMP/c4.err"
grep -qxF "mailer: $P/lists/east.csv:1: $hdr: names are lower case, not \"Email\"" "$TMP/c4.err"
ok $? "a header in another case is named as before"
exit $tap_failed
