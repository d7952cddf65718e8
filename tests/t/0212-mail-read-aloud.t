#!/usr/bin/env bash
# An edition as a screen reader and a zh-CN reader take it.  The plain
# text part has no line of repeated symbols (NVDA reads "==== 要闻 ===="
# as "等号等号等号等号 要闻 ..."): a section is "一、要闻", numbered the
# way Chinese documents number their first level.  The date is written
# "2021年1月20日" (read as a date; "2021-01-20" is read as a subtraction
# or digit by digit) in both parts and on the archive's pages, where the
# HTML keeps the ISO date for machines in <time datetime>.  In the HTML
# part the English ("Unsubscribe") is marked lang="en" (headless Chromium,
# tests/lib/webcheck.js) and the unsubscribe link says where it goes
# without "点此" (click here).  The text part's footer follows "-- ".
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 7
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org/\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --list aba --quiet >"$TMP/out" 2>&1 &&
	M archive >>"$TMP/out" 2>&1
ok $? "send and archive"
sed 's/^/# /' "$TMP/out"
f=$(ls "$P"/outbox/new/* | head -1)
/usr/bin/python3 - "$f" "$TMP/mail.html" <<'PY' >"$TMP/text.out"
import email, re, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
text = m.get_body(('plain',)).get_content()
html = m.get_body(('html',)).get_content()
open(sys.argv[2], 'w', encoding='utf-8').write(html)
bad = []
for line in text.splitlines():
    if re.search(r'([=*#~_+])\1{2,}', line):
        bad.append('symbols read aloud: ' + line)
secs = [l for l in text.splitlines() if re.match(r'^[一二三四五六七八九十]+、\S', l)]
if len(secs) < 3:
    bad.append('%d section lines "一、..."' % len(secs))
print('# sections:', ' | '.join(secs[:4]))
if '2021年1月20日' not in text or '2021-01-20' in text:
    bad.append('text date not 2021年1月20日')
if not re.search(r'<time datetime="2021-01-20">2021年1月20日</time>', html):
    bad.append('html date not <time datetime="2021-01-20">2021年1月20日</time>')
for a in re.findall(r'<a [^>]*>(.*?)</a>', html, re.S):
    if re.search(r'^(点此|点击|这里|此处)', re.sub('<[^>]*>', '', a)):
        bad.append('link text: ' + a)
for b in bad:
    print('# WRONG:', b)
sys.exit(1 if bad else 0)
PY
ok $? "the text part reads as words, the date as a date, links say where they go"
sed 's/^/# /' "$TMP/text.out"
mkdir -p "$TMP/c"
english() { cdp_check "$TMP/c" tests/lib/webcheck.js "open:file://$1"; }
english "$TMP/mail.html"
ok $? "the HTML part marks its English lang=\"en\""
grep -q '<time datetime="2021-01-20">2021年1月20日</time>' "$P/archive/index.html"
ok $? "the archive's index writes the date for zh-CN readers"
grep -q '<time datetime="2021-01-20">2021年1月20日</time>' "$P/archive/2021-01/index.html"
ok $? "the archive's issue page too"
english "$P/archive/2021-01/aba.html"
ok $? "the archived edition marks its English lang=\"en\""
# the footer (contact, why you receive it, how to unsubscribe) follows the
# signature separator "-- " (RFC 3676 4.3), which mail readers dim and
# leave out of a reply's quote; "--" alone is no separator
/usr/bin/python3 - "$f" <<'PY'
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
lines = m.get_body(('plain',)).get_content().replace('\r\n', '\n').split('\n')
sys.exit(0 if '-- ' in lines and '--' not in lines else 1)
PY
ok $? "the text part's footer follows a \"-- \" signature separator"
exit $tap_failed
