#!/usr/bin/env bash
# lists sync on a full file system: removed.csv is written, the list's CSV
# is not.  The sync exits 73 as before, and now says which list is not
# synced and to run it again, and its summary says it stopped before the
# end (it read "0 of 1 lists changed" under the bare "No space left on
# device", though removed.csv had changed); the next sync, with room,
# ends exactly where one sync with room ends, no row written twice.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
[ "$(id -u)" = 0 ] || skip_all "mounting a small tmpfs needs root"
tap_tmp
plan 5
P=$TMP/p
mk_tiny_project "$P"
mk_big_list "$P" 3000 members.test east
tap_cleanup() { mountpoint -q "$P/lists" && umount "$P/lists"; }
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$I" >/dev/null 2>&1
# every third subscriber's address suppressed by bounces
sqlite3 "$P/state/mailer.db" "insert into suppressions select 'east',
	printf('east.%05d@members.test', value), 'bounce', 0
	from generate_series(1, 3000, 3)"
cp -a "$P" "$TMP/ref"
"$MAILER" --config "$TMP/ref/config.yaml" lists sync >/dev/null 2>&1
cp -a "$P/lists" "$TMP/lists.copy"
mount -t tmpfs -o mode=0755 tmpfs "$P/lists" || { echo "Bail out! mount"; exit 1; }
cp -a "$TMP/lists.copy/." "$P/lists/"
used=$(du -k --apparent-size "$P/lists" | cut -f1)
# room for the new removed.csv, not for the new CSV too
rm_k=$(du -k --apparent-size "$TMP/ref/lists/east.removed.csv" | cut -f1)
mount -o remount,size=$((used + rm_k + 16))k "$P/lists"
M lists sync >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
[ $rc -eq 73 ]; ok $? "lists sync on a full disk: exit 73 (got $rc)"
grep -q '^mailer: east: not synced; run lists sync again once the error above is mended' "$TMP/err"
ok $? "it names the list not synced and says to run it again"
grep -q 'stopped before the end' "$TMP/out"; ok $? "its summary says it stopped"
mount -o remount,size=20m "$P/lists"
M lists sync >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
[ $rc -eq 0 ]; ok $? "with room the next sync exits 0 (got $rc)"
diff -r "$TMP/ref/lists" "$P/lists" >"$TMP/diff" 2>&1
ok $? "its lists are byte for byte one sync with room's"
exit $tap_failed
