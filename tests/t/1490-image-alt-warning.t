#!/usr/bin/env bash
# An editor drops an image into an article with no words for it,
# ![](images/a.png): the mail and the archive carry alt="", which tells a
# screen reader to skip the image as decoration.  check (and preview)
# warn with the article's file and line and what to write; it stays a
# warning (exit 0).  The same image with its alt text draws no warning.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/01-ziyang-cloud.md
n=$(grep -n '^!\[天府科技云\](images/tianfu-cloud.png)$' "$F" | cut -d: -f1)
[ -n "$n" ] || { echo "Bail out! no image line in $F"; exit 1; }

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && ! grep -q 'alt text' "$TMP/err"
ok $? "an image with its alt text: no warning (exit $rc)"

sed -i "${n}s/^!\[天府科技云\]/![]/" "$F"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
grep -qF "01-ziyang-cloud.md:$n: warning: image \"images/tianfu-cloud.png\" has no alt text: a screen reader skips it as decoration; write what it shows between the brackets: ![文字](path)" "$TMP/err"
ok $? "![](images/tianfu-cloud.png): warned with its file and line $n"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/out" && [ "$(grep -c 'alt text' "$TMP/err")" = 1 ]
ok $? "a warning, once: check still passes (exit $rc)"
M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>"$TMP/perr"; rc=$?
[ $rc = 0 ] && grep -qF "01-ziyang-cloud.md:$n: warning: image \"images/tianfu-cloud.png\" has no alt text" "$TMP/perr"
ok $? "preview says the same (exit $rc)"
sed -i "${n}s/^!\[\]/![  ]/" "$F"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && grep -qF "01-ziyang-cloud.md:$n: warning: image \"images/tianfu-cloud.png\" has no alt text" "$TMP/err"
ok $? "![  ](...), alt text of spaces alone, is warned of too (exit $rc)"
exit $tap_failed
