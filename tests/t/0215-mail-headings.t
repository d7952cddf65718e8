#!/usr/bin/env bash
# What a screen reader's list of headings says of an edition: the mail's
# HTML part and the archive's page go issue title (h1), section (h2),
# article (h3), and an article's own headings ("## 小标题" in its
# Markdown) come under its title, never beside the sections; no heading
# is deeper than one level below the one before it.  The sponsors' list
# is a part of the edition as a section is (h2), not of the last section.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/p
mk_maildir_project "$P"
# a third level, below the shipped article's "##" headings
printf '\n### 下一级小标题\n\n正文。\n' >>"$P/issues/2021-01/01-ziyang-cloud.md"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --list ziyang --quiet >"$TMP/out" 2>&1 &&
	M archive >>"$TMP/out" 2>&1
ok $? "send and archive"
sed 's/^/# /' "$TMP/out"
python3 - "$P"/outbox/new/* >"$TMP/mail.html" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
print(next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content())
PY
# heads FILE: fails when the headings skip a level going down, or an
# article's own heading is not below its h3; prints the outline.
heads() {
	python3 - "$1" <<'PY'
import re, sys
hs = re.findall(r'<h([1-6])([^>]*)>(.*?)</h\1>', open(sys.argv[1], encoding='utf-8').read(), re.S)
bad, prev, in_article = [], 0, False
for lvl, attrs, text in hs:
    lvl = int(lvl)
    print('#', '  ' * (lvl - 1) + 'h%d %s' % (lvl, re.sub('<[^>]*>', '', text).strip()))
    if lvl > prev + 1:
        bad.append('h%d after h%d: %s' % (lvl, prev, text))
    if 'article-title' in attrs:
        in_article = True
    elif lvl <= 2:
        in_article = False
    elif in_article and lvl <= 3:
        bad.append('h%d inside an article: %s' % (lvl, text))
    prev = lvl
for b in bad:
    print('# WRONG:', b)
sys.exit(1 if bad or len(hs) < 4 else 0)
PY
}
grep -q '下一级小标题' "$TMP/mail.html" && heads "$TMP/mail.html"
ok $? "the mail's headings go in order"
heads "$P/archive/2021-01/index.html"
ok $? "the archive page's headings go in order"
grep -q '<h4>奋力推进' "$TMP/mail.html" && grep -q '<h5>下一级小标题' "$TMP/mail.html"
ok $? "an article's ## is h4 and its ### h5"
exit $tap_failed
