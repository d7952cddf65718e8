#!/usr/bin/env bash
# Resuming an interrupted send through a real Postfix.  A run killed with
# SIGKILL part-way is rerun to completion: nobody is missed, at most
# max_connections (4) people get a second copy (the messages whose 250 was
# not yet on disk), and status --json agrees with the Maildirs.  A run sent
# SIGTERM finishes what is in flight, exits 75, marks nothing sent that
# Postfix does not have, and its rerun sends no duplicates.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-resume.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 13
P=$T/proj
mkdir -p "$P/lists"
mk_big_list "$P" 2000 members.test big
mk_big_list "$P" 800 members.test term
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ list_addresses "$P" big; list_addresses "$P" term; echo sender@example.org; } |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
mk_project "$P"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
I=$P/issues/2021-01

sent_in_journal() {	# LIST
	sqlite3 "$DB" "select count(*) from recipients where list='$1' and state='sent'" 2>/dev/null || echo 0
}
# wait_sent LIST N: until the journal has N of LIST sent (deadline 120 s).
has_sent() { [ "$(sent_in_journal "$1")" -ge "$2" ]; }
wait_sent() { wait_for 120 "$2 of list $1 sent in the journal" has_sent "$1" "$2"; }
# maildir_hist LIST: "n0 n1 n2+": how many of the list's addresses hold
# no message, one, more.
maildir_hist() {
	list_addresses "$P" "$1" | srv_maildir_counts | awk '
		{ if ($1 == 0) z++; else if ($1 == 1) one++; else more++ }
		END { print z + 0, one + 0, more + 0 }'
}

# --- SIGKILL part-way, then rerun
$M send "$I" --list big >"$T/kill.out" 2>"$T/kill.err" &
pid=$!
wait_sent big 300
kill -KILL $pid; wait $pid 2>/dev/null
at=$(sent_in_journal big)
[ "$at" -ge 300 ] && [ "$at" -lt 2000 ]; ok $? "SIGKILL part-way ($at of 2000 sent in the journal)"
$M send "$I" --list big >"$T/rerun.out" 2>"$T/rerun.err"
rc=$?; ok $rc "rerun exits 0 (got $rc)"; sed 's/^/# /' "$T/rerun.out"
grep -q "sent $((2000 - at)), deferred 0, failed 0" "$T/rerun.out"
ok $? "rerun sends exactly the $((2000 - at)) the journal had not seen sent"
srv_wait_queue_empty 120; ok $? "Postfix delivered everything"
set -- $(maildir_hist big)
[ "$1" -eq 0 ]; ok $? "nobody missed ($1 Maildirs empty)"
[ "$3" -le 4 ]; ok $? "duplicates ($3) <= max_connections (4)"
$M status "$I" --json >"$T/status.json"
python3 - "$T/status.json" "$(( $2 + $3 ))" <<'PY'
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r['list'] == 'big']
r = rows[0]
ok = len(rows) == 1 and r['sent'] == int(sys.argv[2]) and r['remaining'] == 0 \
    and r['deferred'] == 0 and r['failed'] == 0
if not ok: print('#', rows)
sys.exit(0 if ok else 1)
PY
ok $? "status --json: sent equals the Maildirs holding mail ($(( $2 + $3 )))"

# --- SIGTERM part-way: clean stop, then rerun.  At 200 messages a second
# the 800 take 4 s, so the signal after the first 200 meets a running
# send however loaded the machine is.
cp "$P/config.yaml" "$P/term.yaml"; printf '  rate: 200\n' >>"$P/term.yaml"
MT="$MAILER --config $P/term.yaml"
$MT send "$I" --list term >"$T/term.out" 2>"$T/term.err" &
pid=$!
wait_sent term 200
kill -TERM $pid; wait $pid
rc=$?; ok $([ $rc -eq 75 ]; echo $?) "SIGTERM: exit 75 (got $rc)"
sed 's/^/# /' "$T/term.out"
at=$(sent_in_journal term)
[ "$at" -lt 800 ]; ok $? "SIGTERM stopped part-way ($at of 800 sent)"
srv_wait_queue_empty 120
# one find for every Maildir (servers.sh), not an ls per address
sqlite3 "$DB" "select email from recipients where list='term' and state='sent'" |
	srv_maildir_counts | awk '$1 == 0 { print "# " $2 " sent but not delivered" }' >"$T/undelivered"
cat "$T/undelivered"
bad=0; [ -s "$T/undelivered" ] && bad=1
n=$(find "$SRV_MAIL_DIR/members.test" -path '*/term.*/new/*' -type f | wc -l)
[ $bad = 0 ] && [ "$n" -eq "$at" ]; ok $? "every journaled send was delivered, nothing more ($n delivered, $at journaled)"
# the rerun unpaced: the rate only had to keep the first send running
$M send "$I" --list term >"$T/term2.out" 2>"$T/term2.err"
rc=$?; ok $rc "rerun after SIGTERM exits 0 (got $rc)"
srv_wait_queue_empty 120
set -- $(maildir_hist term)
[ "$1" -eq 0 ] && [ "$3" -eq 0 ]; ok $? "after SIGTERM + rerun: every subscriber has exactly one ($*)"
cat "$T"/*.out "$T"/*.err >"$T/all.log"
! grep -qE "s3cret-sender|bounces\+" "$T/all.log"; ok $? "no password or VERP token in any output"
exit $tap_failed
