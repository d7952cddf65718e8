#!/usr/bin/env bash
# Crash safety of the journal: a send of one list of 6,000 subscribers to
# a Maildir is SIGKILLed at random moments, again and again, and restarted;
# then it runs to the end.  The journal passes PRAGMA integrity_check,
# every subscriber has a message, and the only duplicates are the ones a
# kill can make: maildir delivery is one message at a time (file renamed
# into new/, then its own journal commit), so a kill between the two
# repeats that one message: at most one duplicate per kill.
. tests/lib/tap.sh
. tests/lib/hostile.sh
. tests/lib/killloop.sh
tap_tmp
plan 6
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
N=6000 CYCLES=${MAILER_KILL_CYCLES:-25}
printf 'name: 压力测试协会\nshort_name: 压测\ngreeting: 你好\ncontact: test\nlist_id: big.news.example.org\n' >"$P/lists/big.yaml"
{ echo email,name; for i in $(seq $N); do echo "u$i@members.test,用户$i"; done; } >"$P/lists/big.csv"
rm -rf "$P/outbox"
hostile_fresh_issue
M="$MAILER --config $P/config.yaml"
left() { echo $((N - $(find "$P/outbox/new" -type f 2>/dev/null | wc -l))); }
kill_loop "$CYCLES" left $M send "$I" --list big
kills=$KILLS
$M send "$I" --list big >"$TMP/last.out" 2>"$TMP/last.err"; rc=$?
ok $rc "after $kills kills, a last send runs to the end (rc $rc)"
[ $kills -ge 20 ]; ok $? "at least 20 kill/restart cycles ($kills)"
[ "$(sqlite3 "$P/state/mailer.db" 'PRAGMA integrity_check')" = ok ]
ok $? "PRAGMA integrity_check: ok"
grep -h '^Delivered-To:' "$P"/outbox/new/* | sort >"$TMP/rcpts"
total=$(wc -l <"$TMP/rcpts"); distinct=$(sort -u "$TMP/rcpts" | wc -l)
dups=$((total - distinct))
echo "# $total messages, $distinct distinct recipients, $dups duplicates, $kills kills"
[ "$distinct" = $N ]; ok $? "every one of the $N subscribers has a message ($distinct)"
[ $dups -le $kills ]; ok $? "duplicates ($dups) <= kills ($kills)"
sent=$($M status "$I" --json | python3 -c 'import json,sys; print(sum(r["sent"] for r in json.load(sys.stdin) if r["list"] == "big"))')
[ "$sent" = "$distinct" ]; ok $? "status --json: sent ($sent) = distinct recipients delivered ($distinct)"
mkdir -p tests/.harden
echo "$kills $((distinct == N && dups <= kills))" >tests/.harden/kills
exit $tap_failed
