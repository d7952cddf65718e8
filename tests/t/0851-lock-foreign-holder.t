#!/usr/bin/env bash
# A lock held by a program that is not mailer (flock(1) on the lock file)
# names no pid: the message says plainly that another process, whose pid
# is unknown, holds it (it said "pid 0"), and the exit is still 75 with
# nothing sent or built.  The state lock (send, lists sync) and the
# archive's lock.  A mailer holder's pid is named: 0700.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v flock >/dev/null || skip_all "flock not installed (util-linux)"
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M="$MAILER --config $P/config.yaml"
files() { find "$P/outbox" -type f 2>/dev/null | wc -l; }
# held CMD...: runs CMD while flock(1) holds the state lock
held() {
	flock -n "$P/state/mailer.db.lock" "$@"
}
says_unknown() {	# says_unknown ERRFILE LOCKFILE
	sed 's/^/# /' "$1"
	grep -qF "another process (pid unknown) holds $2" "$1" &&
		! grep -q 'pid 0' "$1"
}

mkdir -p "$P/state"
held $M send "$P/issues/2021-01" >"$TMP/send.out" 2>"$TMP/send.err"; rc=$?
[ $rc = 75 ] && says_unknown "$TMP/send.err" "$P/state/mailer.db.lock" &&
	[ "$(files)" = 0 ]
ok $? "send while flock(1) holds the state lock: 75, another process whose pid is unknown, nothing sent (exit $rc)"

held $M lists sync >"$TMP/sync.out" 2>"$TMP/sync.err"; rc=$?
[ $rc = 75 ] && says_unknown "$TMP/sync.err" "$P/state/mailer.db.lock"
ok $? "lists sync while flock(1) holds the state lock: 75, pid unknown (exit $rc)"

$M send "$P/issues/2021-01" --quiet >/dev/null 2>&1 || { echo "Bail out! send"; exit 1; }
n=$(files)
[ "$n" -gt 0 ]; ok $? "with the lock free, send sends ($n)"

flock -n "$P/state/archive-cache.json.lock" $M archive >"$TMP/arch.out" 2>"$TMP/arch.err"; rc=$?
[ $rc = 75 ] && says_unknown "$TMP/arch.err" "$P/state/archive-cache.json.lock" &&
	[ ! -e "$P/archive" ]
ok $? "archive while flock(1) holds its lock: 75, pid unknown, no archive made (exit $rc)"
exit 0
