#!/usr/bin/env bash
# `mailer status` lists issues in the order they went out (the first
# message of each), as run sends them by send_at: it sorted them by folder
# name, so issues/9 and issues/10 read "10" above "9", in the table, the
# complaint rates under it and --json alike.  An issue nothing of which is
# sent yet comes last.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
for i in 9 10 2; do
	cp -r "$P/issues/2021-01" "$P/issues/$i"
	$M send "$P/issues/$i" --list aba --quiet >>"$TMP/send.out" 2>&1 ||
		{ echo "Bail out! send $i"; cat "$TMP/send.out"; exit 1; }
done
# 9 went out in January, 10 in February; nothing of 2 yet (deferred)
sqlite3 "$P/state/mailer.db" <<'SQL'
UPDATE editions SET first_sent_at = 1610000000 WHERE issue = '9';
UPDATE editions SET first_sent_at = 1612700000 WHERE issue = '10';
UPDATE editions SET first_sent_at = NULL WHERE issue = '2';
UPDATE recipients SET state = 'deferred' WHERE issue = '2';
SQL
$M status >"$TMP/st" 2>&1
got=$(awk 'NR > 1 && $2 == "aba" { printf "%s ", $1 }' "$TMP/st")
[ "$got" = "9 10 2 " ]
ok $? "the table: 9, 10, then 2 (got: $got)" || sed 's/^/# /' "$TMP/st"
got=$(awk '/^[0-9]+ +[0-9]+ \/ / { printf "%s ", $1 }' "$TMP/st")
[ "$got" = "9 10 2 " ]
ok $? "the complaint rates: 9, 10, then 2 (got: $got)"
got=$($M status --json | /usr/bin/python3 -c '
import json, sys
print(" ".join(r["issue"] for r in json.load(sys.stdin)))')
[ "$got" = "9 10 2" ]
ok $? "--json: 9, 10, then 2 (got: $got)"
