#!/usr/bin/env bash
# mailer bounces when the journal cannot take what it reads: its write
# lock held by another process past the 10 s wait exits 75 (run again
# later), its file system full exits 73 (cannot write), each with the
# journal's line and what to do (both were 70, an internal error, with
# SQLite's bare words); the message being read stays in INBOX, nothing
# is moved that the journal has not recorded, and the next run records
# every bounce exactly once.  Genuine Postfix DSNs, Dovecot over IMAPS.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
[ "$(id -u)" = 0 ] || skip_all "mounting a small tmpfs needs root"
T=$(mktemp -d /tmp/mailer-t-bjfault.XXXXXX); chmod 755 "$T"
holder=
cleanup() {
	[ -n "$holder" ] && kill "$holder" 2>/dev/null
	mountpoint -q "$T/proj/state" && umount "$T/proj/state"
	srv_stop_all
}
trap 'cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
N=30
plan 9
P=$T/proj
ghosts_project "$P" $N "$T/imap.pw" || exit 1
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
DB=$P/state/mailer.db
n=$(ghosts_bounced "$P" $N)
[ "$n" -eq $N ]; ok $? "Postfix returned $N DSNs to the VERP address ($n)"
left() { find "$BOX/cur" "$BOX/new" -type f | wc -l; }
events() { sqlite3 "$DB" "select count(*) from events where kind = 'bounce'"; }

# --- another process holds the journal's write lock
journal_hold "$DB" "$T"
holder=$JOURNAL_HOLDER
$M bounces >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/err" | head -3
[ $rc -eq 75 ]; ok $? "journal locked by a sqlite3 shell: exit 75 (got $rc)"
grep -q "mailer.db: .*another process held the journal's write lock for 10 s.*run again once it ends" "$T/err"
ok $? "the line names the journal and says to run again once it ends"
journal_release "$DB" "$T"; holder=
[ "$(left)" -eq $N ] && [ "$(events)" = 0 ]
ok $? "nothing moved, nothing recorded ($(left) in INBOX, $(events) events)"

# --- the journal's file system full: the state folder on a small tmpfs
cp -a "$P/state" "$T/state.copy"
sqlite3 "$T/state.copy/mailer.db" "pragma wal_checkpoint(truncate)" >/dev/null
rm -f "$T/state.copy/mailer.db-wal" "$T/state.copy/mailer.db-shm"
mount -t tmpfs -o mode=0700 tmpfs "$P/state" ||
	{ echo "Bail out! mount"; exit 1; }
cp -a "$T/state.copy/." "$P/state/"
used=$(du -k --apparent-size "$P/state" | cut -f1)
mount -o remount,size=$((used + 130))k "$P/state"
head -c $((36 * 1024)) /dev/zero >"$P/state/filler" 2>/dev/null
$M bounces >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/err" | head -3
[ $rc -eq 73 ]; ok $? "journal's file system full: exit 73 (got $rc)"
grep -q "mailer.db: .*full: free space there and run again" "$T/err"
ok $? "the line names the journal and says to free space"
rm "$P/state/filler"
mount -o remount,size=20m "$P/state"
moved=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f 2>/dev/null | wc -l)
[ "$moved" -le "$(events)" ]
ok $? "no message moved that the journal did not record ($moved moved, $(events) events)"

$M bounces >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/out" "$T/err" | head -3
ev=$(sqlite3 "$DB" "select count(*), count(distinct email) from events where kind = 'bounce'")
[ $rc -eq 0 ] && [ "$ev" = "$N|$N" ]
ok $? "with room again: exit $rc, each of the $N bounces counted once ($ev)"
moved=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$moved" -eq $N ] && [ "$(left)" -eq 0 ]
ok $? "all $N in Processed ($moved), none left in INBOX ($(left))"
exit $tap_failed
