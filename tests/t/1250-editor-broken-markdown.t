#!/usr/bin/env bash
# An editor's slips in a draft, as check and preview tell them.  Markdown
# that meant an image or a link but is none (a missing ")", a space
# between "]" and "(", a space in the path) reaches the reader as its
# literal text: a warning naming the file, the line and what the reader
# would see (exit 0 still, as for the other link warnings).  An image or
# attachment listed in the front matter that is missing is an error at
# its line under images: or attachments: (exit 65).  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/04-shaoguan-talent.md
n=$(wc -l <"$F")
printf '\n看图![天府科技云](images/tianfu-cloud.png 好\n\n![天府科技云] (images/tianfu-cloud.png)\n\n详见[网站](https://example.org/a b)。\n\n`![代码](x` 与 [好](https://example.org/b) 无妨\n' >>"$F"

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/out"
ok $? "check still passes (exit $rc)"
grep -qF "04-shaoguan-talent.md:$((n + 2)): warning: image \"![天府科技云](images/tianfu-cloud.png 好\" is no image: the reader sees this Markdown as text" "$TMP/err" &&
	grep -qF "04-shaoguan-talent.md:$((n + 4)): warning: image \"![天府科技云] (images/tianfu-cloud.png)\" is no image" "$TMP/err" &&
	grep -qF "04-shaoguan-talent.md:$((n + 6)): warning: link \"[网站](https://example.org/a b)。\" is no link: the reader sees this Markdown as text" "$TMP/err"
ok $? "a broken image, a space before \"(\" and a space in an address: each named with its line and text"
[ "$(grep -c warning "$TMP/err")" = 3 ]
ok $? "and nothing else: code and a good link are fine ($(grep -c warning "$TMP/err") warnings)"

M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>"$TMP/perr"; rc=$?
[ $rc = 0 ] && [ "$(grep -c 'is no image\|is no link' "$TMP/perr")" = 3 ]
ok $? "preview prints the same three (exit $rc)"

# a listed image and attachment that are not there: errors at their lines
sed -i 's#^order: 1#order: 1\nimages: [images/missing.png]\nattachments:\n  - files/sponsors.txt\n  - files/议程.pdf#' "$F"
printf '\n![图](images/missing.png)\n' >>"$F"
M check "$I" >"$TMP/out2" 2>"$TMP/err2"; rc=$?
sed 's/^/# /' "$TMP/err2"
[ $rc = 65 ] && grep -qF '04-shaoguan-talent.md:5:10: "images/missing.png": No such file or directory' "$TMP/err2" &&
	grep -qF '04-shaoguan-talent.md:8:5: "files/议程.pdf": No such file or directory' "$TMP/err2"
ok $? "a missing listed image and attachment are named at their front-matter lines (exit $rc)"
rm -f "$I/images/tianfu-cloud.png"
sed -i '/^images: \[images\/missing.png\]/d; /^attachments:/,/议程/d' "$F"
M preview "$I" --out "$TMP/pv2" >/dev/null 2>"$TMP/err3"; rc=$?
sed 's/^/# /' "$TMP/err3"
[ $rc = 65 ] && grep -qF '01-ziyang-cloud.md:8:10: "images/tianfu-cloud.png": No such file or directory' "$TMP/err3" &&
	[ ! -e "$TMP/pv2/aba.html" ]
ok $? "preview of an issue whose image file was deleted names images:'s line and writes nothing (exit $rc)"
