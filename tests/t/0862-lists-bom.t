#!/usr/bin/env bash
# A list saved by Excel as "CSV UTF-8" (a byte order mark, CRLF line ends):
# check counts every row, a send reaches each of them (the first row
# too), lists sync moves an unsubscribed row out and keeps the mark in
# the CSV, and removed.csv's header has none.  Python's csv module (with
# utf-8-sig) reads both files back.  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
n=$(($(grep -c . "$P/lists/aba.csv") - 1))
{ printf '\357\273\277'; sed 's/$/\r/' "$P/lists/aba.csv"; } >"$TMP/aba.csv"
mv "$TMP/aba.csv" "$P/lists/aba.csv"
FIRST=$(sed -n 2p "$P/lists/aba.csv" | cut -d, -f1)

M check "$P/issues/2021-01" --list aba >"$TMP/check.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/check.out"
[ $rc = 0 ] && grep -q " 1 list, $n subscribers" "$TMP/check.out"
ok $? "check reads the list with its byte order mark: $n rows (exit $rc)"

M send "$P/issues/2021-01" --list aba --quiet >"$TMP/send.out" 2>&1; rc=$?
sent=$(q "select count(*) from recipients where list='aba' and state='sent'")
first=$(q "select count(*) from recipients where list='aba' and email='$FIRST' and state='sent'")
[ $rc = 0 ] && [ "$sent" = "$n" ] && [ "$first" = 1 ]
ok $? "send reaches every row, the first one too ($sent of $n, exit $rc)"

q "insert into unsubscribes(list, email, at, source) values ('aba', '$FIRST', 1700000000, 'test')"
M lists sync aba >"$TMP/sync.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/sync.out"
head -c 3 "$P/lists/aba.csv" | od -An -tx1 | grep -q 'ef bb bf' &&
	! grep -q "^$FIRST," "$P/lists/aba.csv" &&
	head -1 "$P/lists/aba.removed.csv" | grep -q $'^email,name,city,removed,reason\r$'
ok $(( rc | $? )) "lists sync moves the row, keeps the mark in the CSV, none in removed.csv (exit $rc)"

/usr/bin/python3 - "$P/lists/aba.csv" "$P/lists/aba.removed.csv" "$FIRST" "$n" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
gone = list(csv.DictReader(open(sys.argv[2], encoding='utf-8-sig', newline='')))
ok = (len(rows) == int(sys.argv[4]) - 1 and all('@' in r['email'] for r in rows)
      and [g['email'] for g in gone] == [sys.argv[3]] and gone[0]['reason'] == 'unsubscribed')
sys.exit(0 if ok else 1)
PY
ok $? "Python's csv module reads both files back: $((n - 1)) rows and the moved one"
exit $tap_failed
