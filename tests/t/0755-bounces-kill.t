#!/usr/bin/env bash
# Crash safety of bounce processing: 500 genuine DSNs from Postfix in the
# bounce mailbox (Dovecot, IMAPS); `mailer bounces` is SIGKILLed at random
# points at least 20 times, then run to the end: first under gdb at the
# Nth message a run records, N a few past the last one recorded, every
# second time inside that record's pwrite64 to the journal (a run
# reads the messages in UID sets and records them a few hundred a
# millisecond apart: random moments alone met the work fewer than 20
# times), then at random moments.  The journal must pass
# PRAGMA integrity_check and count every bounce exactly once; every
# message must have moved to Processed, none lost, none left in INBOX.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/killloop.sh
. tests/lib/gdb.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-bkill.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
N=500 CYCLES=${MAILER_KILL_CYCLES:-20}
plan 7
P=$T/proj
ghosts_project "$P" $N "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
n=$(ghosts_bounced "$P" $N)
[ "$n" -eq $N ]; ok $? "Postfix returned $N DSNs to the VERP address ($n)"

left() { find "$BOX/cur" "$BOX/new" -type f | wc -l; }
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
recorded() { sqlite3 "$P/state/mailer.db" 'SELECT count(*) FROM messages'; }
# each run passes the messages in INBOX in UID order, those recorded
# before first: it is killed 1 to 2N/CYCLES messages past them
kills=0 mid_write=0
while [ $kills -lt "$CYCLES" ] && [ "$(left)" -gt 0 ]; do
	at=$(($(recorded) - (N - $(left)) + 1 + RANDOM % (2 * N / CYCLES)))
	[ $at -le "$(left)" ] || at=$(left)
	if [ $((kills % 2)) = 0 ]; then
		gdb_kill_at bounces_record "$at" "$T/gdb" $M bounces || break
	else
		# inside that message's record: at its 1st to 4th write to
		# the journal, so some kills land between a transaction's
		# WAL frames and its commit frame
		gdb_batch "$T/gdb" "break bounces_record" "ignore 1 $((at - 1))" \
			run "break pwrite64" "ignore 2 $((RANDOM % 4))" continue \
			kill -- $M bounces
		grep -q 'Breakpoint 2[.0-9]*, .*pwrite64' "$T/gdb" &&
			grep -q 'Inferior 1 .* killed' "$T/gdb" || break
		mid_write=$((mid_write + 1))
	fi
	kills=$((kills + 1))
done
at_message=$kills
# what is left (none, often) at random moments, a few tries
kill_loop 5 left $M bounces
kills=$((kills + KILLS))
echo "# $at_message kills at a message ($mid_write of them inside its journal write), $KILLS at random moments"
$M bounces >"$T/last.out" 2>"$T/last.err"; rc=$?
ok $rc "after $kills kills, a last run ends cleanly (rc $rc)"
[ $kills -ge "$CYCLES" ] && [ $mid_write -ge $((CYCLES / 2)) ]
ok $? "at least $CYCLES kill/restart cycles ($kills, $mid_write inside a journal write)"
DB=$P/state/mailer.db
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]; ok $? "PRAGMA integrity_check: ok"
ev=$(sqlite3 "$DB" "SELECT count(*), count(DISTINCT email) FROM events WHERE kind = 'bounce' AND class = 'hard'")
[ "$ev" = "$N|$N" ]; ok $? "each of the $N bounces counted exactly once ($ev)"
sup=$(sqlite3 "$DB" "SELECT count(*) FROM suppressions WHERE list = 'ghosts'")
[ "$sup" -eq $N ]; ok $? "all $N addresses suppressed ($sup)"
moved=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f 2>/dev/null | wc -l)
left=$(find "$BOX/cur" "$BOX/new" -type f | wc -l)
[ "$moved" -eq $N ] && [ "$left" -eq 0 ]
ok $? "all $N messages in Processed ($moved), none left in INBOX ($left)"
mkdir -p tests/.harden
good=0; [ "$ev" = "$N|$N" ] && [ "$moved" -eq $N ] && [ "$left" -eq 0 ] && good=1
echo "$kills $good" >tests/.harden/kills-bounces
exit $tap_failed
