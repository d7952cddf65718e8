#!/usr/bin/env bash
# An article saved as 03-x.MD or 07-x.Md (a Windows tool's case) or
# 08-x.md.txt (Notepad's "Text Documents") was left out of the issue
# without a word: check said "ok: 5 articles".  Now check (and preview
# and send) warns naming each such file and the name to give it, and
# does not read it (whether it is an article is the editor's to decide);
# a file of another kind (README, an image, notes.txt) stays quiet.
# Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
mv "$I/03-deyang-workstation.md" "$I/03-deyang-workstation.MD"
cp "$I/04-shaoguan-talent.md" "$I/07-shaoguan-copy.Md"
printf -- '---\ntitle: x\n' >"$I/08-draft.md.txt"	# unread: no error for it
printf 'notes\n' >"$I/README"; printf 'x\n' >"$I/notes.txt"
cp "$I/images/"* "$I/" 2>/dev/null
W() { printf 'mailer: %s: warning: not read as an article: only a name ending in ".md" is one; if it is one, rename it "%s"\n' "$I/$1" "$2"; }

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" "$TMP/out"
[ $rc = 0 ] && grep -q '^2021-01: ok: 5 articles' "$TMP/out"
ok $? "check passes with the 5 articles it reads (exit $rc)"
{ W 03-deyang-workstation.MD 03-deyang-workstation.md
  W 07-shaoguan-copy.Md 07-shaoguan-copy.md
  W 08-draft.md.txt 08-draft.md; } >"$TMP/want"
grep 'not read' "$TMP/err" | diff -u "$TMP/want" - | sed 's/^/# /'
[ "${PIPESTATUS[1]}" = 0 ]
ok $? "each misnamed article is named with the name to give it"
[ "$(grep -c . "$TMP/err")" = 3 ]
ok $? "README, notes.txt and the images stay quiet"
M preview "$I" --out "$TMP/pv" >/dev/null 2>"$TMP/perr"; rp=$?
[ $rp = 0 ] && [ "$(grep -c 'not read as an article' "$TMP/perr")" = 3 ]
ok $? "preview warns of them too (exit $rp)"
rm "$I"/0[2-6]-*.md "$I"/01-*.md
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qxF "$(W 03-deyang-workstation.MD 03-deyang-workstation.md)" "$TMP/err" &&
	grep -q 'no articles' "$TMP/err"
ok $? "with no .md left, the refusal still names them (exit $rc)"
