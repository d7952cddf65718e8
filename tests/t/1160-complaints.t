#!/usr/bin/env bash
# Complaint rates.  The sample goes out through a real Postfix; then three
# subscribers complain: ARF feedback reports (RFC 5965, written by Python's
# email package around the message each of them received) are sent through
# Postfix to the message's own VERP return path, which lands in the bounce
# mailbox (Dovecot).  `mailer run` reads them, counts them and warns once
# that the issue crossed the providers' thresholds; `status`,
# `status --json` and the HTML report (read back from headless Chromium's
# DOM) show complaints / delivered per list and per issue, the report
# with the 0.1 % and 0.3 % thresholds drawn on each gauge.
. tests/lib/tap.sh
. tests/lib/chromium.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-complaints.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 16
bounce_servers "$T/imap.pw" || exit 1
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
BOX=bounces@bounce.test

M send "$P/issues/2021-01" --quiet >"$T/send.out" 2>&1
rc=$?; ok $rc "send 2021-01 through Postfix exits 0 (got $rc)"
srv_wait_queue_empty 120 && srv_wait_count li.xiaoyu.cd@example.org 1 &&
	srv_wait_count he.lei.ab@example.org 1
ok $? "the subscribers' copies were delivered"

# Three complaints: two aba readers, one chengdu reader.  Each report goes
# to the VERP address of the message complained about (its Return-Path).
n=0
for who in yang.jinhua.ab@example.org:aba zhou.peng.ab@example.org:aba \
	li.xiaoyu.cd@example.org:chengdu; do
	addr=${who%%:*} list=${who#*:}
	f=$(grep -l "^List-Id:.*<$list\." "$(srv_maildir "$addr")"/new/* | head -1)
	rp=$(sed -n 's/^Return-Path: <\(.*\)>\r\?$/\1/p' "$f" | head -1)
	/usr/bin/python3 tests/lib/arf.py "$f" "$addr" "$rp" >"$T/arf.$n.eml" &&
		curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
			"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from fbl@example.org \
			--mail-rcpt "$rp" -u sender@example.org:s3cret-sender \
			-T "$T/arf.$n.eml" || echo "# could not send the report for $addr"
	n=$((n + 1))
done
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 3
ok $? "three feedback reports arrived in the bounce mailbox"

M run >"$T/run1.out" 2>"$T/run1.err"; rc=$?
sed 's/^/# /' "$T/run1.out" "$T/run1.err"
ok $rc "mailer run reads them (exit $rc)"
grep -q '3 complaints' "$T/run1.out"
ok $? "the run counted 3 complaints"
[ "$(grep -c 'complaint rate' "$T/run1.err")" = 1 ] &&
	grep -q '^mailer: warning: issue 2021-01: complaint rate 3.85 % (3 complaints, 78 delivered) is at or above the 0.3 % limit' "$T/run1.err"
ok $? "run warns once: issue 2021-01 crossed the 0.3 % limit"
sqlite3 "$T/proj/state/mailer.db" "SELECT list, email FROM events
	WHERE kind = 'complaint' AND issue = '2021-01' ORDER BY 1, 2" >"$T/ledger"
printf '%s\n' 'aba|yang.jinhua.ab@example.org' 'aba|zhou.peng.ab@example.org' \
	'chengdu|li.xiaoyu.cd@example.org' | diff - "$T/ledger" >/dev/null
ok $? "the journal's ledger holds the three complaints with issue and list"

M run >"$T/run2.out" 2>"$T/run2.err"; rc=$?
[ $rc = 0 ] && ! grep -q 'complaint rate' "$T/run2.err"
ok $? "a second run does not warn again (rc $rc)"

M status "$P/issues/2021-01" --json >"$T/status.json"
ok $? "status --json exits 0"
python3 - "$T/status.json" <<'PY'
import json, sys
rows = {r['list']: r for r in json.load(open(sys.argv[1]))}
fails = 0
def check(cond, what):
    global fails
    print('#', 'ok  ' if cond else 'FAIL', what)
    fails += not cond
want = {'aba': 2, 'chengdu': 1}
for lst, r in rows.items():
    c = want.get(lst, 0)
    check(r['complaints'] == c and r['delivered'] == r['sent'],
          '%s: %d complaints of %d delivered' % (lst, r['complaints'], r['delivered']))
    rate = c / r['sent']
    check(abs(r['complaint_rate'] - rate) < 1e-9, '%s: rate %s' % (lst, r['complaint_rate']))
    level = 'limit' if rate >= 0.003 else 'warning' if rate >= 0.001 else 'ok'
    check(r['complaint_level'] == level, '%s: level %s' % (lst, r['complaint_level']))
    check(r['issue_complaints'] == 3 and r['issue_delivered'] == 78 and
          abs(r['issue_complaint_rate'] - 3 / 78) < 1e-9 and
          r['issue_complaint_level'] == 'limit', '%s: issue totals' % lst)
check(len(rows) == 21, '21 lists')
sys.exit(1 if fails else 0)
PY
ok $? "status --json: complaints, delivered, rate and level per list and per issue"

M status "$P/issues/2021-01" >"$T/status.txt"
sed 's/^/# /' "$T/status.txt" | grep -E 'aba|chengdu|complaint|2021-01  '
grep -Eq '^2021-01 +aba +4 +0 +0 +0 +0 +0 +2 +50\.00 % LIMIT$' "$T/status.txt" &&
	grep -Eq '^2021-01 +chengdu +5 +0 +0 +0 +0 +0 +1 +20\.00 % LIMIT$' "$T/status.txt" &&
	grep -Eq '^2021-01 +bazhong +4 +0 +0 +0 +0 +0 +0 +0\.00 %$' "$T/status.txt"
ok $? "status: complaints and rate per list, over the limit marked"
grep -q '^2021-01      3 / 78 = 3.85 %  LIMIT: at or above 0.3 %$' "$T/status.txt" &&
	grep -q 'warn at 0.1 % and limit at 0.3 %' "$T/status.txt"
ok $? "status: the issue's rate, with the providers' thresholds named"

# The HTML report, as Chromium renders it.
TMP=$T	# chromium.sh keeps its profile and log in $TMP
M status "$P/issues/2021-01" --html "$T/report.html" >/dev/null 2>"$T/html.err"
ok $? "status --html writes the report"
chrome --dump-dom "file://$T/report.html" >"$T/dom.html"
python3 - "$T/dom.html" "$T/status.json" <<'PY'
import json, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
rows = {r['list']: r for r in json.load(open(sys.argv[2]))}
fails = 0
def check(cond, what):
    global fails
    print('#', 'ok  ' if cond else 'FAIL', what)
    fails += not cond
got = {}
for attrs, body in re.findall(r'<tr class="complaint-rate[^"]*"([^>]*)>(.*?)</tr>', dom, re.S):
    a = dict(re.findall(r'data-([a-z]+)="([^"]*)"', attrs))
    rate = re.search(r'<td class="rate">([^<]*)</td>', body)
    marks = re.findall(r'<line class="threshold (warning|limit)" data-rate="([^"]*)" x1="([0-9.]+)"', body)
    gauge = re.search(r'<svg class="gauge" width="(\d+)"', body)
    got[a.get('list')] = (int(a['complaints']), int(a['delivered']), a['level'],
                          rate.group(1) if rate else None, marks, gauge and int(gauge.group(1)))
check(len(got) == 22, '21 lists and the issue total in the complaint table (%d rows)' % len(got))
for lst, r in rows.items():
    g = got.get(lst)
    want = '%.2f %%' % (100 * r['complaints'] / r['delivered'])
    check(g and g[:4] == (r['complaints'], r['delivered'], r['complaint_level'], want),
          '%s: %s' % (lst, g and g[:4]))
t = got.get('')
any_row = next(iter(rows.values()))
check(t and t[:4] == (3, 78, 'limit', '3.85 %') and
      (any_row['issue_complaints'], any_row['issue_delivered']) == (3, 78),
      'issue total: %s' % (t and t[:4],))
ok_marks = all(g[4] and [(k, v) for k, v, x in g[4]] == [('warning', '0.1 %'), ('limit', '0.3 %')] and
               abs(float(g[4][0][2]) / g[5] - 0.2) < 1e-3 and abs(float(g[4][1][2]) / g[5] - 0.6) < 1e-3
               for g in got.values())
check(ok_marks, 'every gauge marks 0.1 % and 0.3 % (at 1/5 and 3/5 of its 0-0.5 % scale)')
sys.exit(1 if fails else 0)
PY
ok $? "report in Chromium: per list and issue complaints, delivered, rate and level equal status --json"
grep -q '<h2>投诉率 Complaint rate</h2>' "$T/dom.html" &&
	grep -q 'Gmail and Yahoo ask bulk senders to stay below 0.1 % and treat 0.3 % as the limit' "$T/dom.html"
ok $? "report: the section names the providers' thresholds"

# Each complainant is suppressed for that list at once.
M bounces --list --json >"$T/supp.json"
python3 -c "
import json, sys
rows = json.load(open('$T/supp.json'))
got = sorted((r['list'], r['email']) for r in rows if r['reason'] == 'complaint')
print('#', got)
sys.exit(0 if got == [('aba', 'yang.jinhua.ab@example.org'), ('aba', 'zhou.peng.ab@example.org'), ('chengdu', 'li.xiaoyu.cd@example.org')] else 1)"
ok $? "the three complainants are suppressed on their list"
exit $tap_failed
