#!/usr/bin/env bash
# The journal's file system full, its write lock held by another process,
# its file damaged: each ends send and run with the code of the table
# (73 cannot write, 75 run again later, 70 damaged) and a line that names
# the journal and says what to do; a send stopped by it says it stopped
# before the end; and a rerun once the fault is gone sends everyone
# exactly once, but for the one message a stopped commit can repeat (a
# Maildir message renamed into new/ whose 'sent' the full disk refused).
# They were 70 for a full disk (an internal error), 65 (a data error in
# the issue) for a lock held past the 10 s wait, 73 for a damaged file,
# with SQLite's bare words ("database or disk is full") and a summary
# that read as a finished send.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
[ "$(id -u)" = 0 ] || skip_all "mounting a small tmpfs needs root"
tap_tmp
plan 19
P=$TMP/p
mk_tiny_project "$P"
mk_big_list "$P" 1500 members.test east
sed -i 's|state: state/mailer.db|state: st/mailer.db|' "$P/config.yaml"
mkdir "$P/st"
tap_cleanup() {
	[ -n "$holder" ] && kill "$holder"
	mountpoint -q "$P/st" && umount "$P/st"
}
mount -t tmpfs -o size=400k,mode=0700 tmpfs "$P/st" ||
	{ echo "Bail out! mount"; exit 1; }
DB=$P/st/mailer.db
cd "$P" || exit 1

# --- the file system fills in the middle of the send
"$MAILER" --config config.yaml send "$I" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" "$TMP/out" | head -4
[ $rc -eq 73 ]; ok $? "journal's file system full: exit 73, cannot write (got $rc)"
grep -q "st/mailer.db: .*full: free space there and run again" "$TMP/err"
ok $? "the line names the journal and says to free space"
files=$(ls outbox/new 2>/dev/null | wc -l)
# where the disk fills depends on SQLite's page use: before any message
# there is no summary
[ "$files" = 0 ] || grep -q '^2030-01: sent [1-9].*stopped before the end' "$TMP/out"
ok $? "the summary says the send stopped before the end ($files sent)"
sent=$(sqlite3 "$DB" "select count(*) from recipients where state = 'sent'")
[ "$files" -lt 1500 ] && [ "$sent" -le "$files" ]
ok $? "no row says sent that has no message ($sent sent, $files files)"

mount -o remount,size=20m "$P/st"
"$MAILER" --config config.yaml send "$I" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 0 ]; ok $? "with space again the rerun exits 0 (got $rc)"
n=$(ls outbox/new | wc -l)
dups=$(grep -h '^To:' outbox/new/* | sort | uniq -d | wc -l)
miss=$(sqlite3 "$DB" "select count(*) from recipients where state <> 'sent'")
[ "$n" -ge 1500 ] && [ "$dups" -le 1 ] && [ "$miss" = 0 ]
ok $? "each of 1500 has a message, at most one twice ($n files, $dups twice)"

# --- full before any message: the recipients' rows do not fit
mkdir -p issues/2030-02
cp "$I"/01-a.md issues/2030-02/
sed 's/number: 1/number: 2/; s/2030-01-10/2030-02-10/' "$I/issue.yaml" \
	>issues/2030-02/issue.yaml
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>issues/2030-02/issue.yaml
used=$(du -k --apparent-size "$P/st" | cut -f1)
mount -o remount,size=$((used + 40))k "$P/st"
head -c $((30 * 1024)) /dev/zero >"$P/st/filler" 2>/dev/null
before=$(ls outbox/new | wc -l)
"$MAILER" --config config.yaml run >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" "$TMP/out" | head -4
after=$(ls outbox/new | wc -l)
[ $rc -eq 73 ]; ok $? "run with the journal's disk full: exit 73 (got $rc)"
grep -q "full: free space there" "$TMP/err"
ok $? "run's line says to free space"
if [ "$after" -gt "$before" ]; then
	grep -q '^2030-02: sent .*stopped before the end: the next run' \
		"$TMP/out"
else
	true
fi
ok $? "run's issue line, if any, says it stopped before the end ($((after - before)) sent)"
rm "$P/st/filler"
mount -o remount,size=20m "$P/st"
"$MAILER" --config config.yaml run >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
n=$(grep -l '^Subject:' outbox/new/* | wc -l)
miss=$(sqlite3 "$DB" "select count(*) from recipients where state <> 'sent'")
[ $rc -eq 0 ] && [ "$miss" = 0 ] && [ "$n" -ge 3000 ] && [ "$n" -le 3002 ]
ok $? "the next run finishes it: exit $rc, $n messages for 3000, none pending"

# --- another process holds the journal's write lock past the 10 s wait
mkdir -p issues/2030-03
cp "$I"/01-a.md issues/2030-03/
sed 's/number: 1/number: 3/; s/2030-01-10/2030-03-10/' "$I/issue.yaml" \
	>issues/2030-03/issue.yaml
journal_hold "$DB" "$TMP"
holder=$JOURNAL_HOLDER
before=$(ls outbox/new | wc -l)
"$MAILER" --config config.yaml send issues/2030-03 >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 75 ]; ok $? "write lock held by a sqlite3 shell: exit 75, run again later (got $rc)"
grep -q "st/mailer.db: .*another process held the journal's write lock for 10 s.*run again once it ends" "$TMP/err"
ok $? "the line says another process held the lock and to run again"
journal_release "$DB" "$TMP"; holder=
after=$(ls outbox/new | wc -l)
[ "$after" = "$before" ]; ok $? "nothing sent while it held the lock ($((after - before)))"
"$MAILER" --config config.yaml send issues/2030-03 >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
n=$(grep -l '^Subject: .*' outbox/new/* | wc -l)
[ $rc -eq 0 ] && [ $((n - after)) = 1500 ]
ok $? "once it ends the rerun sends the issue's 1500 once (exit $rc, $((n - after)))"

# --- the journal cut to half its size (a bad restore, a full disk's copy)
command sqlite3 "$DB" "pragma wal_checkpoint(truncate)" >/dev/null
cp "$DB" "$TMP/whole.db"
s=$(stat -c %s "$DB")
truncate -s $((s / 2)) "$DB"
"$MAILER" --config config.yaml send issues/2030-03 >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 70 ]; ok $? "a journal cut short: exit 70, a damaged journal (got $rc)"
grep -q "st/mailer.db: .*malformed: the journal is damaged: restore it from a backup" "$TMP/err"
ok $? "the line says it is damaged and to restore it"
n2=$(ls outbox/new | wc -l)
[ "$n2" = "$n" ]; ok $? "nothing sent from a damaged journal ($((n2 - n)))"

# --- a journal a newer mailer wrote (a downgrade)
rm -f "$DB-wal" "$DB-shm"
cp "$TMP/whole.db" "$DB"
command sqlite3 "$DB" "pragma user_version = 99"
"$MAILER" --config config.yaml send issues/2030-03 >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
grep -q "st/mailer.db: schema version 99, written by a newer mailer (this one knows [0-9]*): run that one" "$TMP/err"
ok $? "a newer journal: the line says a newer mailer wrote it (exit $rc)"
n3=$(ls outbox/new | wc -l)
[ "$n3" = "$n" ] && [ $rc -ne 0 ]; ok $? "nothing sent ($((n3 - n)))"
exit $tap_failed
