#!/usr/bin/env bash
# `mailer status` and the complaint rate as each mailbox provider counts
# it: Yahoo's limit (0.3 %) is on complaints from Yahoo's users over the
# mail delivered to Yahoo's users, not over the whole list.  status gave
# one rate per issue over every delivered message, so 2 complaints from
# 300 recipients at one domain (0.67 % there: over the limit) among 3,378
# delivered read "0.06 %", under even the warning.  Now a domain whose
# own rate is at a worse level than its issue's is shown under the
# issue's line, with its level.  (The journal is the one a maildir: send
# wrote, with recipients and complaint events added by sqlite3.)
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
$M send "$P/issues/2021-01" --quiet >"$TMP/send.out" 2>&1 ||
	{ echo "Bail out! send"; cat "$TMP/send.out"; exit 1; }
list=$(sqlite3 "$P/state/mailer.db" "SELECT list FROM recipients LIMIT 1")
sqlite3 "$P/state/mailer.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3300)
INSERT INTO recipients(issue, list, email, token_id, state, updated_at)
 SELECT '2021-01', '$list',
  'r' || i || CASE WHEN i <= 300 THEN '@Yahoo.Example' ELSE '@big.example' END,
  'tk' || i, 'sent', strftime('%s', 'now') FROM n;
INSERT INTO events(kind, issue, list, email, at, source_key) VALUES
 ('complaint', '2021-01', '$list', 'r1@yahoo.example', strftime('%s', 'now'), 't:1'),
 ('complaint', '2021-01', '$list', 'r2@Yahoo.Example', strftime('%s', 'now'), 't:2'),
 ('complaint', '2021-01', '$list', 'R2@yahoo.example', strftime('%s', 'now'), 't:3');
SQL
$M status "$P/issues/2021-01" >"$TMP/st" 2>&1
rc=$?; sed 's/^/# /' "$TMP/st"
[ $rc -eq 0 ]; ok $? "status exits 0 (got $rc)"
grep -q '^2021-01 *2 / 3378 = 0\.06 %$' "$TMP/st"
ok $? "the issue's rate over every delivered message: 0.06 %, no level"
grep -q '^  at yahoo\.example *2 / 300 = 0\.67 %  LIMIT: at or above 0\.3 %$' "$TMP/st"
ok $? "yahoo.example's own rate under it: 2 / 300 = 0.67 %, LIMIT"
! grep -q 'big\.example\|at example\.org' "$TMP/st"
ok $? "domains no worse than the issue are not listed"
exit $tap_failed
