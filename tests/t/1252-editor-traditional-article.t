#!/usr/bin/env bash
# An article in Traditional Chinese (from a Hong Kong or Taiwan member)
# in an issue whose pages are zh-CN: without a word it is drawn with the
# Simplified font's glyphs (說, 溫, 骨 in mainland forms).  "lang: zh-Hant"
# (or zh-TW, zh-HK) in its front matter marks the article lang="zh-Hant"
# and names the Traditional fonts first, in the mail, the preview and the
# archive; Chromium then draws it in Noto Sans CJK TC.  A lang that is no
# language tag ("繁体", "zh_TW") is refused at its line.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/07-hk-talent.md
printf -- '---\ntitle: 香港科學會說明溫故知新\nsection: local\nlang: zh-Hant\n---\n近年來,香港科學會根據戰略目標,結合自身特色,說明骨幹人才的溫度。\n' >"$F"

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && ! grep -q . "$TMP/err"
ok $? "check takes lang: zh-Hant (exit $rc)"

M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>&1
grep -q '<div class="article" id="article-07-hk-talent" lang="zh-Hant" style="[^"]*font-family:'"'"'Noto Sans CJK TC'"'" "$TMP/pv/aba.html" &&
	[ "$(grep -c 'lang="zh-Hant"' "$TMP/pv/aba.html")" = 1 ]
ok $? "the article, and it alone, is lang=\"zh-Hant\" with the Traditional fonts first"

js='(() => { const a = document.getElementById("article-07-hk-talent"); const b = document.getElementById("article-04-shaoguan-talent"); const f = getComputedStyle(a.querySelector(".article-body")).fontFamily; document.title = a.closest("[lang]").lang + " | " + f + " | " + b.closest("[lang]").lang; return a.closest("[lang]").lang === "zh-Hant" && f.startsWith("\"Noto Sans CJK TC\"") && b.closest("[lang]").lang === "zh-CN" && getComputedStyle(b).fontFamily.startsWith("\"Noto Sans CJK SC\""); })()'
echo "$js" >"$TMP/hant.js"
cdp_check "$TMP" "$TMP/hant.js" "open:file://$TMP/pv/aba.html" phone:375 shot:hant
ok $? "Chromium: its body is zh-Hant in Noto Sans CJK TC, the other articles zh-CN in SC"

M send "$I" --list aba --quiet >/dev/null 2>&1 && M archive --quiet >/dev/null 2>&1
grep -q 'id="article-07-hk-talent" lang="zh-Hant"' "$P/archive/2021-01/index.html"
ok $? "the archive's page marks it too"

for bad in 繁体 zh_TW; do
	sed -i "s/^lang: .*/lang: $bad/" "$F"
	M check "$I" >/dev/null 2>"$TMP/err-$bad"; echo $? >"$TMP/rc-$bad"
	sed 's/^/# /' "$TMP/err-$bad"
done
[ "$(cat "$TMP/rc-繁体")" = 65 ] && [ "$(cat "$TMP/rc-zh_TW")" = 65 ] &&
	grep -qF '07-hk-talent.md:4:7: lang "繁体" is no language tag: write zh-Hant' "$TMP/err-繁体" &&
	grep -qF '07-hk-talent.md:4:7: lang "zh_TW" is no language tag' "$TMP/err-zh_TW"
ok $? "lang: 繁体 and lang: zh_TW are refused at their line (exit 65)"
sed -i 's/^lang: .*/lang: zh-TW/' "$F"
M preview "$I" --list aba --out "$TMP/pv2" >/dev/null 2>&1 &&
	grep -q 'lang="zh-TW" style="[^"]*Noto Sans CJK TC' "$TMP/pv2/aba.html"
ok $? "lang: zh-TW is Traditional too"
