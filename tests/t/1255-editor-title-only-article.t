#!/usr/bin/env bash
# An article with a title and no text (the text not pasted yet, or only a
# "<!-- 待补 -->" placeholder) previewed without a word: readers would get
# a heading with nothing under it.  check and preview now warn, naming
# the file and the line where its text should start (exit 0: it is a
# warning); an article with text says nothing.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
printf -- '---\ntitle: 只有标题的简讯\nsection: local\n---\n\n' >"$I/07-brief.md"
printf -- '---\ntitle: 待补的稿件\nsection: local\n---\n<!-- 待补 -->\n' >"$I/08-todo.md"

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q ': ok: 8 articles' "$TMP/out"
ok $? "check still passes (exit $rc)"
grep -qF '07-brief.md:5: warning: the article has no text after its front matter: readers see its title alone' "$TMP/err" &&
	grep -qF '08-todo.md:5: warning: the article has no text after its front matter' "$TMP/err" &&
	[ "$(grep -c warning "$TMP/err")" = 2 ]
ok $? "both are named with the line of their missing text, the other six not"
M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>"$TMP/perr"; rc=$?
[ $rc = 0 ] && [ "$(grep -c 'has no text' "$TMP/perr")" = 2 ] &&
	grep -q '只有标题的简讯' "$TMP/pv/aba.html"
ok $? "preview says the same and still shows the titles (exit $rc)"
printf '简讯正文。\n' >>"$I/07-brief.md"
M check "$I" >/dev/null 2>"$TMP/err2"
! grep -q '07-brief.md.*has no text' "$TMP/err2" && grep -q '08-todo.md:5: .*has no text' "$TMP/err2"
ok $? "once it has text, it is no longer named"
