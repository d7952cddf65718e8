#!/usr/bin/env bash
# An issue date in the YYYY-MM-DD form that is no day of the calendar
# (2026-13-45, 2026-02-30) went into <time datetime> and was shown as
# 2026年2月30日.  Now check, preview and send --to refuse it at
# issue.yaml:LINE:COL saying what is wrong, exit 65, write nothing.  A
# date in another form ("2021年春") is still shown as written, but in no
# <time datetime>, which must hold a real date: the mail's HTML and the
# archive's pages are read with Python's html.parser, every datetime
# checked with datetime.date.fromisoformat.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
mk_archived_project "$TMP/proj"
Y=$I/issue.yaml
rm -r "$P/outbox"	# the send done: refused_everywhere looks for none
# TIMES FILE...: every <time datetime> is a calendar date; prints their count
TIMES() {
	/usr/bin/python3 - "$@" <<'PY'
import sys, datetime
from html.parser import HTMLParser
n = 0
class P(HTMLParser):
    def handle_starttag(self, tag, attrs):
        global n
        a = dict(attrs)
        if tag == 'time' or 'datetime' in a:
            if tag != 'time' or 'datetime' not in a:
                sys.exit('%s: <%s> %s' % (f, tag, a))
            datetime.date.fromisoformat(a['datetime'])
            n += 1
for f in sys.argv[1:]:
    P().feed(open(f, encoding='utf-8').read())
print(n)
PY
}

sed -i 's/^date: .*/date: 2026-13-45/' "$Y"
refused_everywhere "$P" "$I"
ok $? "2026-13-45: check, preview and send --to refuse, write nothing (exits $REFUSED)"
grep -qxF "mailer: $Y:2:7: date \"2026-13-45\" is no calendar date: there is no month 13" "$TMP/err"
ok $? "its line and column, and what is wrong"
sed -i 's/^date: .*/date: "2026-02-30"/' "$Y"
refused_everywhere "$P" "$I" &&
	grep -qxF "mailer: $Y:2:7: date \"2026-02-30\" is no calendar date: February 2026 has days 1 to 28" "$TMP/err"
ok $? "2026-02-30: refused everywhere, February's days named (exits $REFUSED)"
sed -i 's/^date: .*/date: 2024-02-29/' "$Y"
M preview "$I" --out "$TMP/leap" >/dev/null 2>&1 &&
	grep -qF '<time datetime="2024-02-29">2024年2月29日</time>' "$TMP/leap/aba.html"
ok $? "a leap day passes, in <time datetime>"
sed -i 's/^date: .*/date: 2021年春/' "$Y"
M check "$I" >/dev/null 2>&1 && M preview "$I" --out "$TMP/pv" >/dev/null 2>&1 &&
	grep -qF '第1期 · 2021年春 · ' "$TMP/pv/aba.html" &&
	n=$(TIMES "$TMP/pv/aba.html") && [ "$n" = 0 ]
ok $? "2021年春 is shown as written, in no <time datetime> (${n:-?} there)"
M archive --quiet >/dev/null 2>&1 &&
	grep -qF '第1期 · 2021年春' "$A/index.html" &&
	grep -qF '第1期 · 2021年春' "$A/2021-01/index.html" &&
	n=$(TIMES "$A/index.html" "$A/2021-01/index.html") && [ "$n" = 0 ]
ok $? "the archive's index and page too (${n:-?} there)"
