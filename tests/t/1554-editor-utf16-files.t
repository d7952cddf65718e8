#!/usr/bin/env bash
# An editor's article saved by Windows Notepad as "Unicode" (UTF-16 with
# its byte order mark) was "02-x.md:1: invalid UTF-8", one saved as ANSI
# (GB18030 on a Chinese Windows) "04-x.md:N: invalid UTF-8" with nothing
# on what to do, and a list saved by Excel as "Unicode Text" said its
# header "has no \"email\" column" though it plainly has one.  Now a
# UTF-16 or UTF-32 file is named as such at line 1 with what to save it
# as ("CSV UTF-8" for a list), and a legacy encoding's line says the file
# must be UTF-8, not GBK or GB18030.  check exits 65; a send of the list
# sends nothing.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
A=$I/02-liangshan-archives.md B=$I/04-shaoguan-talent.md C=$P/lists/aba.csv
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$A"; } >"$TMP/a" && mv "$TMP/a" "$A"
iconv -f UTF-8 -t GB18030 "$B" >"$TMP/b" && mv "$TMP/b" "$B"
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$C"; } >"$TMP/c" && mv "$TMP/c" "$C"

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ]
ok $? "check refuses (exit $rc)"
grep -qxF "mailer: $A:1: the file is UTF-16LE, by its byte order mark, not UTF-8: save it as UTF-8" "$TMP/err"
ok $? "the UTF-16 article is named as such"
grep -qxF "mailer: $B:2:8: invalid UTF-8 (the file must be UTF-8, not GBK, GB18030 or another legacy encoding: save it as UTF-8)" "$TMP/err"
ok $? "the GB18030 article: its line, and that it must be UTF-8"
cp issues/2021-01/02-liangshan-archives.md issues/2021-01/04-shaoguan-talent.md "$I/"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] &&
	grep -qxF "mailer: $C:1: the file is UTF-16LE, by its byte order mark, not UTF-8: save it as \"CSV UTF-8\"" "$TMP/err" &&
	! grep -q 'no "email" column' "$TMP/err"
ok $? "the articles mended: the UTF-16 list is named as such, not as a header without email (exit $rc)"
M send "$I" --list aba >"$TMP/sout" 2>&1; rs=$?
[ $rs = 65 ] && [ ! -e "$P/outbox" ]
ok $? "a send refuses and writes nothing (exit $rs)"
