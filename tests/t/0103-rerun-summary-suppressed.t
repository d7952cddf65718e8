#!/usr/bin/env bash
# Bug "after a rerun the send summary counts suppressed addresses as
# already done": a suppressed recipient is reported as suppressed by the
# first run, by a rerun and by status --json alike.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
# the journal, made by sending another issue, then two suppressions on aba
cp -r "$P/issues/2021-01" "$P/issues/2020-12"
$M send "$P/issues/2020-12" --list ganzi --quiet >/dev/null 2>&1 || { echo "Bail out! first send"; exit 1; }
set -- $(tail -n +2 "$P/lists/aba.csv" | cut -d, -f1 | head -2)
[ $# = 2 ] || { echo "Bail out! aba.csv"; exit 1; }
sqlite3 "$DB" "INSERT INTO suppressions VALUES ('aba', '$1', 'hard bounce', 0), ('aba', '$2', 'complaint', 0)"
rest=$(( $(tail -n +2 "$P/lists/aba.csv" | wc -l) - 2 ))

$M send "$P/issues/2021-01" --list aba >"$TMP/run1" 2>&1; rc=$?
sed 's/^/# /' "$TMP/run1" | tail -1
[ $rc = 0 ] && grep -q "sent $rest, deferred 0, failed 0, suppressed 2, already done 0" "$TMP/run1"
ok $? "first run: sent $rest, suppressed 2, already done 0 (rc $rc)"
$M send "$P/issues/2021-01" --list aba >"$TMP/run2" 2>&1; rc=$?
sed 's/^/# /' "$TMP/run2" | tail -1
[ $rc = 0 ] && grep -q "nothing to send: $rest recipients already done, 2 suppressed" "$TMP/run2"
ok $? "rerun: $rest already done, 2 still suppressed (rc $rc)"
$M send "$P/issues/2021-01" --list aba --dry-run >"$TMP/dry" 2>&1
grep -q "would send 0, suppressed 2, already done $rest" "$TMP/dry"
ok $? "dry run after it: suppressed 2, already done $rest"
$M status 2021-01 --json >"$TMP/json"
/usr/bin/python3 -c "
import json,sys
rows=[r for r in json.load(open('$TMP/json')) if r['list']=='aba']
sys.exit(0 if len(rows)==1 and rows[0]['suppressed']==2 and rows[0]['sent']==$rest else 1)"
ok $? "status --json: aba suppressed 2, sent $rest: the same counts"
n=$(sqlite3 "$DB" "SELECT count(*) FROM recipients WHERE issue='2021-01' AND state='suppressed'")
[ "$n" = 2 ]; ok $? "the journal holds the 2 as suppressed ($n)"
exit $tap_failed
