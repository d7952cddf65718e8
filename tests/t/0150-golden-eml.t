#!/usr/bin/env bash
# A byte-exact golden message: tests/data/golden/make.sh sends its fixture
# project (own issue, list, templates, token key) into a Maildir with
# MAILER_TEST_SEED and SOURCE_DATE_EPOCH fixed; the message must equal
# tests/data/golden/2021-01-golden.eml byte for byte.  The golden file is
# itself checked with Python's email package, so it cannot hold garbage.
# After an intended change to the messages, regenerate and review it:
#   make && tests/data/golden/make.sh tests/data/golden/2021-01-golden.eml
#   git diff tests/data/golden/
. tests/lib/tap.sh
tap_tmp
plan 4
G=tests/data/golden/2021-01-golden.eml
MAILER=$MAILER tests/data/golden/make.sh "$TMP/a.eml" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err"
ok $rc "make.sh sends the fixture and writes the message (rc $rc)"
MAILER=$MAILER tests/data/golden/make.sh "$TMP/b.eml" 2>/dev/null
cmp -s "$TMP/a.eml" "$TMP/b.eml"
ok $? "two runs give the same bytes"
if cmp -s "$G" "$TMP/a.eml"; then ok 0 "the message equals $G byte for byte"
else
	diff -u --text "$G" "$TMP/a.eml" | head -40 | sed 's/^/# /'
	echo "# intended? regenerate: tests/data/golden/make.sh $G"
	ok 1 "the message equals $G byte for byte"
fi
/usr/bin/python3 - "$G" <<'PY'
import email, sys
from email import policy
raw = open(sys.argv[1], 'rb').read()
m = email.message_from_bytes(raw, policy=policy.default)
fails = []
def check(cond, what):
    print('#', 'ok  ' if cond else 'FAIL', what)
    cond or fails.append(what)
lines = raw.split(b'\n')
check(b'\r' not in raw, 'LF line ends (a Maildir file is in local form)')
check(max(map(len, lines)) <= 998, 'no line over 998 octets')
check(all(b < 128 for b in raw), '7-bit: non-ASCII only encoded')
tree = []
def walk(p, d=0):
    tree.append('  ' * d + p.get_content_type())
    if p.is_multipart():
        for q in p.iter_parts(): walk(q, d + 1)
walk(m)
check(tree == ['multipart/mixed', '  multipart/related',
    '    multipart/alternative', '      text/plain', '      text/html',
    '    image/png', '  text/plain'], 'structure: ' + ' / '.join(t.strip() for t in tree))
check(m['Subject'] == '四川科协学会工作通讯 2021年第1期 · a golden test with a subject long enough to fold', 'Subject decodes')
check(m['To'].addresses[0].display_name == "O'Brien, Ann", 'To display name')
check(m['Date'] == 'Wed, 20 Jan 2021 00:00:00 +0000', 'Date from SOURCE_DATE_EPOCH')
html = next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content()
check("<h3 title='“天府科技云” &amp; Tom&#39;s &lt;cloud&gt;'>" in html, "title escaped for a single-quoted attribute")
img = next(p for p in m.walk() if p.get_content_type() == 'image/png')
check('cid:' + img['Content-ID'].strip('<>') in html, 'image referenced by its Content-ID')
att = [p for p in m.walk() if p.get_filename() == 'note.txt']
check(len(att) == 1 and att[0].get_content() == '附件说明:golden test attachment.\n', 'attachment intact')
sys.exit(1 if fails else 0)
PY
ok $? "the golden message parses as intended (Python email)"
exit $tap_failed
