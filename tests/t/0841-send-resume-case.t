#!/usr/bin/env bash
# An editor changes the case of the rows' addresses between a crash of a
# send and its rerun (big.00001@ becomes Big.00001@: one address, as
# list.c and every other journal lookup say).  The journal's recipient
# rows are one per address whatever the case: the rerun, through a real
# Postfix, sends exactly what the killed run had not sent, nobody gets a
# second copy beyond the messages in flight at the kill (at most
# max_connections, as 0320), the journal keeps one row per reader, and
# every delivered message carries a token the journal knows (so its
# bounce or unsubscribe is matched).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-case.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 8
N=1000
P=$T/proj
mkdir -p "$P/lists"
mk_big_list "$P" $N members.test big
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ list_addresses "$P" big; echo sender@example.org; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
mk_project "$P"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
I=$P/issues/2021-01
sent_in_journal() {
	sqlite3 "$DB" "select count(*) from recipients where list='big' and state='sent'" 2>/dev/null || echo 0
}
has_sent() { [ "$(sent_in_journal)" -ge "$1" ]; }

$M send "$I" --list big >"$T/kill.out" 2>"$T/kill.err" &
pid=$!
wait_for 120 "200 of list big sent in the journal" has_sent 200
kill -KILL $pid; wait $pid 2>/dev/null
at=$(sent_in_journal)
[ "$at" -ge 200 ] && [ "$at" -lt $N ]; ok $? "SIGKILL part-way ($at of $N sent in the journal)"

# the editor capitalises every row's local part meanwhile
sed -i '2,$s/^big\./Big./' "$P/lists/big.csv"
[ "$(grep -c '^Big\.' "$P/lists/big.csv")" = $N ] || echo "# the CSV was not changed"
$M send "$I" --list big >"$T/rerun.out" 2>"$T/rerun.err"; rc=$?
sed 's/^/# /' "$T/rerun.out" "$T/rerun.err"
[ $rc = 0 ] && grep -q "sent $((N - at)), deferred 0, failed 0" "$T/rerun.out"
ok $? "the rerun sends exactly the $((N - at)) the killed run had not sent (exit $rc)"
srv_wait_queue_empty 120; ok $? "Postfix delivered everything"
# one find for the 1000 Maildirs (servers.sh), not an ls each
set -- $(tail -n +2 "$P/lists/big.csv" | cut -d, -f1 | tr 'A-Z' 'a-z' |
	srv_maildir_counts | awk '{ if ($1 == 0) z++; else if ($1 == 1) one++; else more++ }
		END { print z + 0, one + 0, more + 0 }')
z=$1 one=$2 more=$3
[ $z = 0 ]; ok $? "nobody missed ($z Maildirs empty)"
[ $more -le 4 ]; ok $? "second copies ($more) only for the messages in flight at the kill (<= 4 connections)"
rows=$(sqlite3 "$DB" "select count(*) from recipients where list='big'")
[ "$rows" = $N ]; ok $? "the journal holds one row per reader ($rows)"
# every delivered message's VERP token names a recipient row of the journal
find "$SRV_MAIL_DIR/members.test" -path '*/big.*/new/*' -type f -exec \
	sed -n 's/^Return-Path: <bounces+\([A-Za-z0-9]*\)@bounce.test>$/\1/p' {} + >"$T/tokens"
sqlite3 "$DB" "select token_id from recipients where list='big'" | sort >"$T/ids"
unknown=$(cut -c1-"$(head -1 "$T/ids" | tr -d '\n' | wc -c)" "$T/tokens" | sort -u | comm -23 - "$T/ids" | wc -l)
[ "$(wc -l <"$T/tokens")" = $((one + 2 * more)) ] && [ "$unknown" = 0 ]
ok $? "every delivered message's token is a journal row's ($unknown unknown of $(wc -l <"$T/tokens"))"
$M status "$I" --json >"$T/status.json"
/usr/bin/python3 - "$T/status.json" $N <<'PY'
import json, sys
r = [r for r in json.load(open(sys.argv[1])) if r['list'] == 'big']
sys.exit(0 if len(r) == 1 and r[0]['sent'] == int(sys.argv[2]) and
         r[0]['remaining'] == 0 else '# %s' % r)
PY
ok $? "status --json: $N sent, none remaining"
exit 0
