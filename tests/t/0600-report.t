#!/usr/bin/env bash
# The delivery report: send the sample into a Maildir (no server), add a
# few failure and bounce rows to the test's own journal with sqlite3, then
# `mailer status ISSUE --html` and open the page in headless Chromium: one
# bar per list, numbers equal to the journal's, the failures with their
# escaped replies, an SVG timeline, nothing fetched from the network, and
# a screenshot that is not blank; at a 1000-pixel-wide window no table
# column is cut off; without its template the report is refused, naming
# the file, and nothing is written.
. tests/lib/tap.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 16
. tests/lib/project.sh
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
$M send "$P/issues/2021-01" --quiet >"$TMP/send.out" 2>&1
ok $? "send into the Maildir"

# Test data: what SMTP failures and the bounce processor would have put in
# the journal.  A failed and a deferred recipient (extra rows, so the 78
# sent stay), bounces, an unsubscribe, a complaint, and 30 sends moved two
# hours back so the timeline has more than one bar.
DB=$P/state/mailer.db
sqlite3 "$DB" <<'SQL'
INSERT INTO recipients(issue, list, email, token_id, state, attempts,
  last_reply, updated_at) VALUES
 ('2021-01', 'ganzi', 'nobody.gz@example.org', 'test-tok-1', 'failed', 1,
  '550 5.1.1 <nobody.gz@example.org>: Recipient address rejected: User unknown & "gone"',
  strftime('%s', 'now')),
 ('2021-01', 'aba', 'slow.ab@example.org', 'test-tok-2', 'deferred', 2,
  '451 4.7.1 <slow.ab@example.org>: Greylisted, try again later',
  strftime('%s', 'now'));
UPDATE recipients SET next_attempt = strftime('%s', 'now') + 900
  WHERE email = 'slow.ab@example.org';
INSERT INTO events(kind, issue, list, email, class, status, reason, at,
  source_key) VALUES
 ('bounce', '2021-01', 'liangshan', 'jike.ayi.ls@example.org', 'hard',
  '5.1.1', 'userunknown', strftime('%s', 'now'), 'test:1'),
 ('bounce', '2021-01', 'chengdu', 'a.cd@example.org', 'soft', '4.2.2',
  'mailboxfull', strftime('%s', 'now'), 'test:2'),
 ('bounce', '2021-01', 'chengdu', 'b.cd@example.org', 'soft', '4.2.2',
  'mailboxfull', strftime('%s', 'now'), 'test:3'),
 ('unsubscribe', '2021-01', 'aba', 'yang.jinhua.ab@example.org', NULL, NULL,
  NULL, strftime('%s', 'now'), 'test:4'),
 ('complaint', '2021-01', 'yibin', 'c.yb@example.org', NULL, NULL,
  'abuse', strftime('%s', 'now'), 'test:5');
UPDATE recipients SET updated_at = updated_at - 7200 WHERE rowid IN
  (SELECT rowid FROM recipients WHERE state = 'sent'
   ORDER BY list, email LIMIT 30);
SQL
ok $? "test rows added to the journal with sqlite3"

$M status "$P/issues/2021-01" --html "$TMP/report.html" >"$TMP/st.out" 2>&1
rc=$?; ok $rc "status --html exits 0 (got $rc)"; sed 's/^/# /' "$TMP/st.out" | tail -3
$M status --html "$TMP/x.html" >/dev/null 2>&1
[ $? = 64 ]; ok $? "--html without ISSUE_DIR is a usage error"

! grep -Eiq '(https?:|//[a-z0-9.-]+/|<script|<link|<img|<iframe|url\()' \
	"$TMP/report.html"
ok $? "no script, no external resource in the page"

chrome --dump-dom "file://$TMP/report.html" >"$TMP/dom.html"
[ -s "$TMP/dom.html" ]; ok $? "Chromium loads the page"

# The expected numbers, straight from the journal.
sqlite3 -separator ' ' "$DB" "SELECT list, sum(state='sent'),
  sum(state='deferred'), sum(state='failed') FROM recipients
  WHERE issue='2021-01' GROUP BY list" >"$TMP/expect.txt"
sqlite3 -separator ' ' "$DB" "SELECT list, kind, coalesce(class, '-'),
  count(*) FROM events GROUP BY list, kind, class" >"$TMP/events.txt"
sqlite3 -separator ' ' "$DB" "SELECT (SELECT count(*) FROM recipients WHERE
  state='sent'), (SELECT count(DISTINCT updated_at / 3600) FROM recipients
  WHERE state='sent')" >"$TMP/sent.txt"
python3 - "$TMP" <<'PY'
import html, re, sys
t = sys.argv[1]
dom = open(t + '/dom.html', encoding='utf-8').read()
raw = open(t + '/report.html', encoding='utf-8').read()
fails = 0
def check(cond, what):
    global fails
    print('#', 'ok  ' if cond else 'FAIL', what)
    fails += not cond
rows = dict(re.findall(r'<tr class="list" data-list="([^"]*)">(.*?)</tr>', dom, re.S))
def cell(row, cls):
    m = re.search(r'<td class="%s">(\d+)</td>' % cls, row)
    return int(m.group(1)) if m else None
check(len(rows) == 21, '21 bar groups (got %d)' % len(rows))
check(all('<svg class="bar"' in r for r in rows.values()), 'each list row holds an SVG bar')
for line in open(t + '/expect.txt'):
    lst, sent, dfr, fld = line.split()
    r = rows.get(lst, '')
    got = (cell(r, 'sent'), cell(r, 'deferred'), cell(r, 'failed'))
    check(got == (int(sent), int(dfr), int(fld)), '%s: sent/deferred/failed %s' % (lst, got))
ev = {'hard': {}, 'soft': {}, 'unsubscribed': {}, 'complained': {}}
for line in open(t + '/events.txt'):
    lst, kind, cls, n = line.split()
    k = {'bounce': cls, 'unsubscribe': 'unsubscribed', 'complaint': 'complained'}[kind]
    ev[k][lst] = ev[k].get(lst, 0) + int(n)
for k, per in ev.items():
    for lst, n in per.items():
        check(cell(rows.get(lst, ''), k) == n, '%s: %s %d' % (lst, k, n))
    m = re.search(r'data-kind="%s">(\d+)<' % k, dom)
    check(m and int(m.group(1)) == sum(per.values()), 'total %s %s' % (k, m and m.group(1)))
sent, hours = map(int, open(t + '/sent.txt').read().split())
m = re.search(r'data-kind="sent">(\d+)<', dom)
check(m and int(m.group(1)) == sent == 78, 'total sent shown %s, journal %d' % (m and m.group(1), sent))
foot = re.search(r'<tfoot>.*?<td class="sent">(\d+)</td>', dom, re.S)
check(foot and int(foot.group(1)) == 78, 'table total sent 78')
sys.exit(1 if fails else 0)
PY
ok $? "per-list numbers in the DOM equal the journal's"

python3 - "$TMP" "$DB" <<'PY'
import html, re, sqlite3, sys
dom = open(sys.argv[1] + '/dom.html', encoding='utf-8').read()
db = sqlite3.connect(sys.argv[2])
want = db.execute("SELECT email, state, last_reply FROM recipients WHERE state IN ('failed','deferred')").fetchall()
got = re.findall(r'<tr class="failure (\w+)"><td class="l">[^<]*</td><td class="l">([^<]*)</td>.*?<code class="reply">(.*?)</code>', dom, re.S)
got = {(html.unescape(e), s, html.unescape(r)) for s, e, r in got}
bad = [w for w in want if w not in got]
for w in bad: print('# missing failure row:', w)
print('# %d failure rows, %d expected' % (len(got), len(want)))
sys.exit(1 if bad or len(got) != len(want) or len(want) != 2 else 0)
PY
ok $? "failures table lists each failed/deferred recipient with its reply, escaped"

python3 - "$TMP" <<'PY'
import re, sys
t = sys.argv[1]
dom = open(t + '/dom.html', encoding='utf-8').read()
sent, hours = map(int, open(t + '/sent.txt').read().split())
svg = re.search(r'<svg class="timeline"[^>]*>(.*?)</svg>', dom, re.S)
bars = [int(n) for n in re.findall(r'<rect class="hour" data-sent="(\d+)"', svg.group(1))] if svg else []
nonzero = len([b for b in bars if b])
print('# timeline: %d bars, %d non-empty, sum %d' % (len(bars), nonzero, sum(bars)))
sys.exit(0 if svg and sum(bars) == sent and nonzero == hours >= 2 else 1)
PY
ok $? "SVG timeline of sends per hour sums to the sent count"

grep -q '<html lang="zh-CN">' "$TMP/dom.html" &&
	grep -q '<title>投递报告 2021-01 · 四川科协学会工作通讯' "$TMP/dom.html" &&
	grep -q '<h1>投递报告 Delivery report: 2021-01</h1>' "$TMP/dom.html" &&
	grep -q '阿坝州科协' "$TMP/dom.html"
ok $? "lang zh-CN; title and heading name the issue; list names in Chinese"

# Layout at a 1000-pixel-wide window: a copy of the page with a probe
# script that writes each table's right edge and the page's scroll width
# into the DOM (the report itself carries no script).
python3 - "$TMP/report.html" "$TMP/probe.html" <<'PY'
import sys
page = open(sys.argv[1], encoding='utf-8').read()
probe = """<script>
var vw = document.documentElement.clientWidth, out = [];
out.push('viewport ' + vw + ' scroll ' + document.documentElement.scrollWidth);
document.querySelectorAll('table').forEach(function (t) {
  var right = 0;
  t.querySelectorAll('th, td').forEach(function (c) {
    right = Math.max(right, c.getBoundingClientRect().right);
  });
  out.push('table ' + t.className + ' ' + Math.ceil(right));
});
var p = document.createElement('pre');
p.id = 'probe'; p.textContent = out.join('\\n');
document.body.appendChild(p);
</script>"""
open(sys.argv[2], 'w', encoding='utf-8').write(page.replace('</body>', probe + '</body>'))
PY
chrome --window-size=1000,900 --dump-dom "file://$TMP/probe.html" >"$TMP/probe.dom"
python3 - "$TMP/probe.dom" <<'PY'
import re, sys
m = re.search(r'<pre id="probe">(.*?)</pre>', open(sys.argv[1], encoding='utf-8').read(), re.S)
if not m:
    print('# the probe did not run'); sys.exit(1)
lines = m.group(1).split('\n')
for l in lines: print('#', l)
vw, scroll = map(int, re.match(r'viewport (\d+) scroll (\d+)', lines[0]).groups())
tables = [(l.split()[1], int(l.split()[2])) for l in lines[1:]]
cut = [t for t in tables if t[1] > vw]
sys.exit(0 if vw >= 960 and scroll <= vw and len(tables) == 3 and not cut else 1)
PY
ok $? "at a 1000-pixel window the three tables (lists, complaint rates, failures) fit: no column cut off"

chrome --screenshot="$TMP/shot.png" --window-size=1240,2600 \
	"file://$TMP/report.html" >/dev/null
[ -s "$TMP/shot.png" ]; ok $? "screenshot written"
[ -n "$MAILER_KEEP_SHOT" ] && cp "$TMP/shot.png" "$MAILER_KEEP_SHOT"
python3 tests/lib/pngcheck.py "$TMP/shot.png"
ok $? "screenshot is not blank"

# The page comes from templates/report.html.mustache: an edited template
# changes it, a missing one is an error naming the file.
printf '<p>{{issue}}: {{#totals}}{{id}}={{n}} {{/totals}}</p>\n' \
	>"$P/templates/report.html.mustache"
$M status "$P/issues/2021-01" --html "$TMP/edited.html" >/dev/null 2>&1
grep -qx '<p>2021-01: sent=78 deferred=1 failed=1 hard=1 soft=2 unsubscribed=1 complained=1 </p>' \
	"$TMP/edited.html"
ok $? "the report is rendered from the project's report.html.mustache"
rm "$P/templates/report.html.mustache"
$M status "$P/issues/2021-01" --html "$TMP/none.html" >"$TMP/none.out" 2>&1
rc=$?; grep 'mustache' "$TMP/none.out" | sed 's/^/# /'
[ $rc = 65 ] && grep -q 'templates/report.html.mustache: No such file' \
	"$TMP/none.out" && [ ! -e "$TMP/none.html" ]
ok $? "without the template: exit 65 (got $rc), an error naming it, nothing written"
cp templates/report.html.mustache "$P/templates/"
$M status "$P/issues/2021-01" --html "$TMP/no/such/dir.html" >"$TMP/nodir.out" 2>&1
rc=$?; grep 'dir.html' "$TMP/nodir.out" | sed 's/^/# /'
[ $rc = 73 ] && grep -q 'no/such/dir.html' "$TMP/nodir.out"
ok $? "a report that cannot be written: exit 73 (got $rc), naming the file"
exit $tap_failed
