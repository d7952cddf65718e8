#!/usr/bin/env bash
# preview --out DIR replaces DIR when everything was written.  An editor
# who names a folder of her own ("--out ~/Desktop", "--out .", the issue
# folder) or a file lost all of it: the folder was renamed away and
# removed.  Only a folder preview wrote (its .mailer-preview mark, or the
# shape of one written before the mark), an empty one or a new one is
# replaced; anything else is refused (exit 73) and left as it was.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 9
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0r md5sum) | md5sum; }

mkdir "$TMP/桌面"; echo 'my thesis' >"$TMP/桌面/论文.docx"
M preview "$I" --out "$TMP/桌面" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 73 ] && grep -q "桌面: not a folder preview wrote (it holds \"论文.docx\"): give --out a new or empty folder" "$TMP/err" &&
	[ "$(cat "$TMP/桌面/论文.docx")" = 'my thesis' ]
ok $? "a folder of the editor's own is refused and kept (exit $rc)"

echo 'notes' >"$TMP/notes.txt"
M preview "$I" --out "$TMP/notes.txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 73 ] && grep -q 'notes.txt: not a folder' "$TMP/err" &&
	[ "$(cat "$TMP/notes.txt")" = notes ]
ok $? "a file is refused and kept (exit $rc)"

before=$(sum "$P")
(cd "$P" && M preview "$I" --out . >"$TMP/out" 2>"$TMP/err"); rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 73 ] && [ "$(sum "$P")" = "$before" ]
ok $? "--out . from the project folder: refused, nothing changed (exit $rc)"
M preview "$I" --out "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 73 ] && [ "$(sum "$P")" = "$before" ]
ok $? "--out the issue folder: refused, nothing changed (exit $rc)"

M preview "$I" --out "$TMP/pv" >"$TMP/out" 2>&1; rc=$?
[ $rc = 0 ] && [ -f "$TMP/pv/east.eml" ]
ok $? "a new folder is written (exit $rc)"
M preview "$I" --out "$TMP/pv" >"$TMP/out" 2>&1; rc=$?
[ $rc = 0 ] && [ -f "$TMP/pv/east.eml" ]
ok $? "and replaced by the next preview (exit $rc)"

mkdir "$TMP/empty"
M preview "$I" --out "$TMP/empty" >"$TMP/out" 2>&1; rc=$?
[ $rc = 0 ] && [ -f "$TMP/empty/east.eml" ]
ok $? "an empty folder is written (exit $rc)"

# a preview written before the mark: index.html, assets/, LIST.{eml,html,txt}
mkdir -p "$TMP/old/assets"
for f in index.html east.eml east.html east.txt west.eml assets/a.png; do
	echo x >"$TMP/old/$f"
done
M preview "$I" --out "$TMP/old" >"$TMP/out" 2>&1; rc=$?
[ $rc = 0 ] && [ -f "$TMP/old/east.eml" ] && [ ! -e "$TMP/old/west.eml" ]
ok $? "a preview folder from before the mark is replaced (exit $rc)"
# only names preview writes, but not the shape of a preview: the editor's
# notes.txt alone is no preview (the message said it held "an .eml")
mkdir "$TMP/txt"; echo 'my notes' >"$TMP/txt/f.txt"
M preview "$I" --out "$TMP/txt" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 73 ] && grep -q "txt: not a folder preview wrote (it has no index.html and no .eml): give --out a new or empty folder" "$TMP/err" &&
	[ "$(cat "$TMP/txt/f.txt")" = 'my notes' ]
ok $? "a folder of .txt files alone: refused, says what it lacks (exit $rc)"
exit $tap_failed
