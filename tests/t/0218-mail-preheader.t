#!/usr/bin/env bash
# What an inbox shows of an edition before it is opened, and what a reader
# sees of an article without credits.  An inbox lists the Subject and,
# below it, the first words of the HTML body: they were "在浏览器中阅读本期
# · 往期通讯" and the Subject again; now a hidden preheader of the
# edition's article titles (the association's own first) comes first.  An
# article with no byline, source or author had an empty credit line, a
# blank line more in the text part and an empty paragraph in the HTML.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org/\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M preview "$P/issues/2021-01" --list liangshan --out "$TMP/pv" >"$TMP/out" 2>&1
ok $? "preview"
sed 's/^/# /' "$TMP/out"
python3 - "$TMP/pv/liangshan.eml" "$P/issues/2021-01" <<'PY'
import email, glob, re, sys
from email import policy
from html.parser import HTMLParser
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
html = next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content()
class Snip(HTMLParser):     # the body's text as an inbox takes it
    def __init__(s):
        super().__init__(); s.on = False; s.text = ''
    def handle_starttag(s, t, a):
        s.on = s.on or t == 'body'
    def handle_data(s, d):
        if s.on: s.text += ' '.join(d.split()) + ' ' if d.strip() else ''
p = Snip(); p.feed(html)
snip = p.text[:80]
print('# the inbox shows:', snip)
# the liangshan edition leads with its own article
own = [re.search(r'^title: "?(.*?)"?$', open(f, encoding='utf-8').read(), re.M).group(1)
       for f in glob.glob(sys.argv[2] + '/*.md') if 'source: liangshan' in open(f, encoding='utf-8').read()]
print('# its own article:', own)
sys.exit(0 if own and snip.startswith(own[0]) else 1)
PY
ok $? "the inbox's line under the Subject starts with the association's own article"
python3 - "$TMP/pv/liangshan.eml" <<'PY'
import email, re, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
html = next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content()
pre = re.search(r'<div class="preheader"[^>]*>', html)
print('#', pre and pre.group(0))
sys.exit(0 if pre and 'display:none' in pre.group(0) and
         'mso-hide:all' in pre.group(0) else 1)
PY
# Outlook's Word engine ignores display:none: no Chromium sees mso-hide
ok $? "the preheader is hidden in the body (display:none; mso-hide:all)"
# 04-shaoguan-talent.md has no byline, source or author
! grep -q '<p class="credit"[^>]*></p>' "$TMP/pv/liangshan.html" &&
	! grep -Pzq '韶关市科协突出人才优势助力乡村振兴\n\n\n' "$TMP/pv/liangshan.txt"
ok $? "no empty credit line for an article without credits"
exit $tap_failed
