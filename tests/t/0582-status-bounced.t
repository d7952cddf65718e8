#!/usr/bin/env bash
# `mailer status` shows the recipients whose mail bounced (read back from
# the bounce mailbox after the send): the table had no such column and
# --json no such key, so an editor saw "sent 78" where 3 had bounced (only
# the HTML report showed them).  Each address counts once however many of
# its notices came back, hard or soft; a delay is no bounce.  The table
# fits 80 columns (it was 96 wide).
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
$M send "$P/issues/2021-01" --quiet >"$TMP/send.out" 2>&1 ||
	{ echo "Bail out! send"; cat "$TMP/send.out"; exit 1; }
sqlite3 "$P/state/mailer.db" <<'SQL'
INSERT INTO events(kind, issue, list, email, class, status, reason, at,
  source_key) VALUES
 ('bounce', '2021-01', 'liangshan', 'jike.ayi.ls@example.org', 'hard',
  '5.1.1', 'userunknown', strftime('%s', 'now'), 'test:1'),
 ('bounce', '2021-01', 'chengdu', 'li.xiaoyu.cd@example.org', 'soft', '4.2.2',
  'mailboxfull', strftime('%s', 'now'), 'test:2'),
 ('bounce', '2021-01', 'chengdu', 'LI.XIAOYU.CD@example.org', 'soft', '4.2.2',
  'mailboxfull', strftime('%s', 'now'), 'test:3'),
 ('bounce', '2021-01', 'chengdu', 'yang.shan.cd@example.org', 'hard', '5.1.1',
  'userunknown', strftime('%s', 'now'), 'test:4'),
 ('delay', '2021-01', 'aba', 'zhou.peng.ab@example.org', 'soft', '4.4.7',
  'expired', strftime('%s', 'now'), 'test:5');
SQL
$M status "$P/issues/2021-01" >"$TMP/st" 2>&1
rc=$?; sed 's/^/# /' "$TMP/st"
[ $rc -eq 0 ]; ok $? "status exits 0 (got $rc)"
col=$(head -1 "$TMP/st" | tr -s ' ' '\n' | grep -n '^bounced$' | cut -d: -f1)
[ -n "$col" ]; ok $? "the table has a bounced column"
row() { awk -v l="$1" -v c="$col" '$2 == l || ($1 == l && l == "total") { print $c }' "$TMP/st"; }
[ "$(row chengdu)" = 2 ] && [ "$(row liangshan)" = 1 ] && [ "$(row aba)" = 0 ] &&
	[ "$(awk -v c="$col" '$1 == "total" { print $(c - 1) }' "$TMP/st")" = 3 ]
ok $? "...chengdu 2 (one address twice), liangshan 1, aba 0 (a delay), total 3"
! awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$TMP/st"
ok $? "...no line wider than 80 columns"
$M status "$P/issues/2021-01" --json >"$TMP/json"
/usr/bin/python3 -c "
import json, sys
rows = {r['list']: r for r in json.load(open(sys.argv[1]))}
sys.exit(0 if rows['chengdu']['bounced'] == 2 and
    rows['liangshan']['bounced'] == 1 and rows['aba']['bounced'] == 0 and
    sum(r['sent'] for r in rows.values()) == 78 else 1)" "$TMP/json"
ok $? "status --json: bounced per list"
awk 'NR == 1 { h = index($0, "bounced") + 6 } NR > 1 && NF >= 10 { n++
	if (substr($0, h, 1) !~ /[0-9]/ || substr($0, h + 1, 1) != " ") bad = 1 }
	$1 == "total" { exit } END { exit bad || n < 21 }' "$TMP/st"
ok $? "...its numbers end under the heading's last letter"
exit $tap_failed
