#!/usr/bin/env bash
# run after a send --list of the same issue.  An operator sent one list by
# hand (send ISSUE --list east, send_at passed, before cron's next run);
# the run then sent nothing to the other list: it took the issue as sent
# once every recipient the journal had was done.  Now the first send of an
# issue leaves it owed to every list until each has its edition: that
# send says the next run sends west, the run sends west and not east
# again, and a second run sends nothing.  A list added after the issue
# went to every list gets no back issue, as before; so does one added to
# a journal from before this rule (no mark: run unchanged).  Maildir.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 7
P=$TMP/proj
mk_tiny_project "$P"
mklist() {	# mklist ID ADDRESS
	sed "s/east/$1/g" "$P/lists/east.yaml" >"$P/lists/$1.yaml"
	printf '%s\n' 'email,name' "$2,X" >"$P/lists/$1.csv"
}
mklist west carl@example.org
printf 'send_at: "2020-01-10T08:00:00+08:00"\n' >>"$I/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
got() { grep -l "^Delivered-To: $1" "$P"/outbox/new/* 2>/dev/null | wc -l; }

M send "$I" --list east >"$TMP/o1" 2>"$TMP/e1"; rc=$?
sed 's/^/# /' "$TMP/e1" | grep -v ' sent$'
[ $rc = 0 ] && [ "$(got amy@example.org)" = 1 ] &&
	grep -q 'the lists not sent yet (west) get it from the next mailer run (send_at .* has passed)' "$TMP/e1"
ok $? "send --list east after send_at: east sent, the note names west and the next run (exit $rc)"

M run >"$TMP/o2" 2>"$TMP/e2"; rc=$?
sed 's/^/# /' "$TMP/o2"
[ $rc = 0 ] && [ "$(got carl@example.org)" = 1 ] && grep -q '^2030-01: sent 1, ' "$TMP/o2"
ok $? "run sends west (exit $rc, $(got carl@example.org) to carl)"
[ "$(got amy@example.org)" = 1 ] && [ "$(got bob@example.org)" = 1 ]
ok $? "...and not east again"
M run >"$TMP/o3" 2>"$TMP/e3"; rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/o3" ] && [ "$(ls "$P"/outbox/new | wc -l)" = 3 ]
ok $? "a second run sends nothing and says nothing (exit $rc)"

# a list added once the issue went to every list: no back issue
mklist north dan@example.org
M run >"$TMP/o4" 2>"$TMP/e4"; rc=$?
[ $rc = 0 ] && [ "$(got dan@example.org)" = 0 ] && [ ! -s "$TMP/o4" ]
ok $? "a list added afterwards gets no back issue (exit $rc)"

# a journal from before the rule (no mark), an issue sent to east only:
# run keeps its old reading and sends no other list
rm -rf "$P/outbox" "$P/state"; mkdir "$P/state"
rm "$P"/lists/north.*
M send "$I" --list east --quiet >/dev/null 2>&1
sqlite3 "$P/state/mailer.db" "DELETE FROM editions WHERE list = '*'"
M run >"$TMP/o5" 2>"$TMP/e5"; rc=$?
[ $rc = 0 ] && [ "$(got carl@example.org)" = 0 ]
ok $? "an issue sent before the rule: run sends no other list (exit $rc)"

# the state of the one before: a full send leaves nothing owed, no note
rm -rf "$P/outbox" "$P/state"; mkdir "$P/state"
M send "$I" >"$TMP/o6" 2>"$TMP/e6"; rc=$?
n=$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM editions WHERE list = '*'")
[ $rc = 0 ] && [ "$n" = 0 ] && ! grep -q 'not sent yet' "$TMP/e6"
ok $? "a send of every list: nothing owed, no note (exit $rc, $n marks)"
exit $tap_failed
