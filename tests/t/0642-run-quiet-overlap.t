#!/usr/bin/env bash
# mailer run --quiet from cron every five minutes while a long send still
# holds the lock: the overlap is no problem, so it says nothing (cron mails
# whatever a job prints) and exits 75; a holder that has kept the lock for
# a day, or one that is no mailer (pid unknown), is still said; without
# --quiet the overlap is said as before.
. tests/lib/tap.sh
. tests/lib/sysconf.sh
tap_tmp
plan 5
sys_config "$TMP/config.yaml" "$TMP/state" "templates: $PWD/templates" \
	"issues: $TMP/issues"
echo "transport: { relays: [\"maildir:$TMP/outbox\"] }" >>"$TMP/config.yaml"
mkdir -p "$TMP/issues" "$TMP/state"
L=$TMP/state/mailer.db.lock
: >"$L"
HOLDER=
# hold [AGE]: a process holds the lock with its pid in the file, as a
# mailer run does; AGE (touch -d) dates the file back
hold() {
	( exec 9<>"$L"; flock 9; echo "$BASHPID" >"$L"
	  [ -z "$1" ] || touch -d "$1" "$L"; exec sleep 30 ) &
	HOLDER=$!
	wait_for 5 "the holder's pid in the lock file" test -s "$L"
	# and dated back, before the run reads the date
	[ -z "$1" ] || wait_for 5 "the lock file dated back" dated_back
}
dated_back() { [ -n "$(find "$L" -mmin +60)" ]; }
unhold() { [ -z "$HOLDER" ] || { kill "$HOLDER"; wait "$HOLDER"; } 2>/dev/null
	HOLDER=; }
tap_cleanup() { unhold; }
run() { "$MAILER" --config "$TMP/config.yaml" run "$@" >"$TMP/out" 2>&1; }

hold
run --quiet; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 75 ] && [ ! -s "$TMP/out" ]
ok $? "run --quiet while another run holds the lock: exit 75, silent (exit $rc)"

run; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 75 ] && grep -q 'another mailer run (pid [0-9]*) holds .*mailer.db.lock' "$TMP/out"
ok $? "run without --quiet says who holds it (exit $rc)"
unhold

hold '-25 hours'
run --quiet; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 75 ] && grep -q 'holds .*mailer.db.lock.* since ' "$TMP/out"
ok $? "a lock held for a day is said under --quiet, with since when (exit $rc)"
unhold

: >"$L"
( exec 9<>"$L"; flock 9; exec sleep 30 ) &
HOLDER=$!
wait_for 5 "flock(1) holding the lock" sh -c '! flock -n "$1" true' _ "$L"
run --quiet; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 75 ] && grep -q 'another process (pid unknown) holds' "$TMP/out"
ok $? "a holder that is no mailer is said under --quiet (exit $rc)"
unhold

run --quiet; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ] && [ ! -s "$TMP/out" ]
ok $? "lock free: run --quiet exits 0, silent (exit $rc)"
exit $tap_failed
