#!/usr/bin/env bash
# The text part of Liangshan's edition as a subscriber hears it in a
# terminal client with a screen reader, which reads a line as it is and
# has no aria-hidden: no symbol is read out by its name (the "★" of the
# "★ 本会来稿" badge was "black star" before each own article: the badge
# is now the words 本会来稿, the line before the article's title), and no
# section's pinyin subtitle, spelled letter by letter, is in it, while an
# article's own subtitle, which says something, is (checked with Python's
# email on the sent message).
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/p
mk_maildir_project "$P"
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" \
	--list liangshan --quiet >"$TMP/out" 2>&1
ok $? "send Liangshan's edition"
sed 's/^/# /' "$TMP/out"
f=$(ls "$P"/outbox/new/* | head -1)
/usr/bin/python3 - "$f" "$P/issues/2021-01/issue.yaml" >"$TMP/check" <<'PY'
import email, re, sys, unicodedata
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
lines = m.get_body(('plain',)).get_content().splitlines()
bad = []
for i, line in enumerate(lines, 1):
    for ch in line:
        if unicodedata.category(ch) == 'So':
            bad.append('symbol: line %d reads "%s" by its name: %s' % (
                i, unicodedata.name(ch, ch), line.strip()))
own = [i for i, l in enumerate(lines) if l.strip() == '本会来稿']
if not own or lines[own[0] + 1] != '凉山州档案学会奋力开创工作新局面':
    bad.append('symbol: no line 本会来稿 before the own article\'s title')
print('badge:', ' / '.join(lines[own[0]:own[0] + 2]) if own else '-')
subs = re.findall(r'^\s+subtitle: (.*)$', open(sys.argv[2]).read(), re.M)
for s in subs:
    if s in '\n'.join(lines):
        bad.append('subtitle: a section\'s pinyin subtitle is read: ' + s)
if not subs:
    bad.append('subtitle: the issue has no section subtitle to look for')
if '资阳市科协 2020 年工作取得良好成绩' not in lines:
    bad.append('subtitle: an article\'s own subtitle is missing')
for b in bad:
    print('WRONG', b)
print('read')
PY
sed 's/^/# /' "$TMP/check"
# each check: the reader ran, and found nothing wrong of its kind
clean() { grep -qx read "$TMP/check" && ! grep -q "^WRONG $1:" "$TMP/check"; }
clean symbol
ok $? "the badge reads 本会来稿 and no symbol is read by its name"
clean subtitle
ok $? "no section's pinyin subtitle is read; an article's subtitle is"
exit $tap_failed
