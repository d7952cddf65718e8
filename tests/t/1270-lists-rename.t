#!/usr/bin/env bash
# mailer lists rename OLD NEW: a list's files and what the journal keeps
# under its id (unsubscribes, suppressions, the issues sent) move
# together, so a renamed list is not sent to its unsubscribed readers;
# after a git mv of the files it moves the journal alone.  Refused, with
# nothing changed, for an unknown list, a file under both ids, a journal
# that already has NEW, an issue under way and bad ids.  Killed between
# the journal and the files (gdb at its first rename(2)), it leaves a
# record on which send, run and check refuse until the same command
# finishes.
# Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
tap_tmp
plan 13
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
# new_issue N: issue 2030-0N, a copy of the first
new_issue() {
	cp -r "$P/issues/2030-01" "$P/issues/2030-0$1"
	sed -i "s/^number: 1\$/number: $1/" "$P/issues/2030-0$1/issue.yaml"
}
# mailed ISSUE: the addresses the outbox holds a copy of ISSUE for
mailed() {
	for f in "$P"/outbox/new/*; do
		grep -q "^Message-ID: <$1\\." "$f" && sed -n 's/^To: .*<\(.*\)>$/\1/p' "$f"
	done | sort | tr '\n' ' '
}
# files: the list files there are
files() { (cd "$P/lists" && ls | tr '\n' ' '); }

M send "$P/issues/2030-01" --quiet >"$TMP/send1.out" 2>&1 &&
	q "insert into unsubscribes(list, email, at, source) values ('east', 'bob@example.org', 1700000000, 'test')"
ok $? "issue 1 sent to east; bob unsubscribes from east"
printf 'email,name,removed,reason\nold@example.org,Old,2029-01-01,unsubscribed\n' >"$P/lists/east.removed.csv"

M lists rename east East >"$TMP/bad.out" 2>&1; rc=$?
[ $rc = 64 ] && grep -q 'list id "East" must be' "$TMP/bad.out" && [ "$(files)" = "east.csv east.removed.csv east.yaml " ]
ok $? "an id that cannot name a list: exit $rc, nothing changed"
M lists rename nosuch west >"$TMP/unk.out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q 'unknown list "nosuch"' "$TMP/unk.out"
ok $? "an unknown list: exit $rc"

printf 'email,name\n' >"$P/lists/eastern.csv"
M lists rename east eastern >"$TMP/both.out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q "lists/east.csv and .*lists/eastern.csv both exist: nothing changed" "$TMP/both.out" &&
	[ "$(q "select count(*) from unsubscribes where list = 'east'")" = 1 ]
ok $? "a file under both ids: exit $rc, nothing changed"
rm "$P/lists/eastern.csv"

q "insert into suppressions(list, email, reason, at) values ('gone', 'x@example.org', 'complaint', 1)"
M lists rename east gone >"$TMP/mix.out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q 'the journal already holds list gone' "$TMP/mix.out" &&
	[ "$(files)" = "east.csv east.removed.csv east.yaml " ] &&
	[ "$(q "select count(*) from recipients where list = 'east'")" = 2 ]
ok $? "a journal that already has the new id: exit $rc, nothing changed"

q "update recipients set state = 'deferred' where email = 'amy@example.org'"
M lists rename east eastern >"$TMP/busy.out" 2>&1; rc=$?
[ $rc = 75 ] && grep -q 'list east has issue 2030-01 under way' "$TMP/busy.out" && [ "$(files)" = "east.csv east.removed.csv east.yaml " ]
ok $? "an issue under way on the list: exit $rc, nothing changed"
q "update recipients set state = 'sent' where email = 'amy@example.org'"

M lists rename east eastern >"$TMP/ren.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/ren.out"
[ $rc = 0 ] && [ "$(files)" = "eastern.csv eastern.removed.csv eastern.yaml " ] &&
	[ "$(q "select count(*) from unsubscribes where list = 'eastern'")" = 1 ] &&
	[ "$(q "select count(*) from recipients where list = 'eastern'")" = 2 ] &&
	[ "$(q "select count(*) from list_renames where old = 'east' and new = 'eastern' and done_at is not null")" = 1 ]
ok $? "renamed: three files, the journal's rows and a finished record (exit $rc)"

new_issue 2
M send "$P/issues/2030-02" >"$TMP/send2.out" 2>"$TMP/send2.err"; rc=$?
[ $rc = 0 ] && [ "$(mailed 2030-02)" = "amy@example.org " ] && ! grep -q 'renamed' "$TMP/send2.err"
ok $? "the next issue reaches amy, not the unsubscribed bob, and says nothing of renames (exit $rc; mailed: $(mailed 2030-02))"

# the editor's way: git mv first, then the command moves the journal
mv "$P/lists/eastern.csv" "$P/lists/north.csv" && mv "$P/lists/eastern.yaml" "$P/lists/north.yaml" &&
	mv "$P/lists/eastern.removed.csv" "$P/lists/north.removed.csv"
M check "$P/issues/2030-02" >/dev/null 2>"$TMP/chk.err"
M lists rename eastern north >"$TMP/mv.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q 'run "mailer lists rename eastern north"' "$TMP/chk.err" &&
	grep -q '0 files renamed, the journal.s rows moved' "$TMP/mv.out" &&
	[ "$(q "select count(*) from unsubscribes where list = 'north'")" = 1 ]
ok $? "after a rename by hand, check names the command and it moves the journal alone (exit $rc)"

# killed after the journal moved, before the first file did
gdb -q -batch -nx -iex 'set debuginfod enabled off' -iex 'set auto-solib-add off' -ex 'set pagination off' \
	-ex 'set breakpoint pending on' -ex 'break rename' -ex run -ex kill \
	--args "$MAILER" --config "$P/config.yaml" lists rename north south >"$TMP/gdb.out" 2>&1
grep -q 'Inferior 1 .* killed' "$TMP/gdb.out" && [ "$(files)" = "north.csv north.removed.csv north.yaml " ] &&
	[ "$(q "select count(*) from unsubscribes where list = 'south'")" = 1 ]
ok $? "killed at its first rename: the rows have moved, the files not"
new_issue 3
n=$(ls "$P/outbox/new" | wc -l)
M send "$P/issues/2030-03" >"$TMP/send3.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send3.out"
[ $rc = 65 ] && grep -q 'mailer lists rename north south" did not finish: run it again; nothing is sent until it has' "$TMP/send3.out" &&
	[ "$(ls "$P/outbox/new" | wc -l)" = "$n" ] &&
	M lists rename north eastern >"$TMP/other.out" 2>&1; rc2=$?
M check "$P/issues/2030-03" >"$TMP/chk3.out" 2>&1; rc3=$?
echo 'send_at: 2020-01-10T08:00:00Z' >>"$P/issues/2030-03/issue.yaml"
M run --quiet >"$TMP/run3.out" 2>&1; rc4=$?
[ $rc = 65 ] && [ $rc2 = 65 ] && grep -q 'did not finish: run it first' "$TMP/other.out" &&
	[ $rc3 = 65 ] && grep -q 'did not finish: run it again' "$TMP/chk3.out" &&
	[ $rc4 = 65 ] && grep -q 'did not finish: run it again' "$TMP/run3.out" &&
	[ "$(ls "$P/outbox/new" | wc -l)" = "$n" ]
ok $? "meanwhile send refuses (exit $rc, nothing mailed), so do another rename (exit $rc2), check (exit $rc3) and run (exit $rc4)"
M lists rename north south >"$TMP/fin.out" 2>&1 && [ "$(files)" = "south.csv south.removed.csv south.yaml " ] &&
	M run --quiet >/dev/null 2>&1 && [ "$(mailed 2030-03)" = "amy@example.org " ]
ok $? "run again, it finishes; issue 3 reaches amy alone ($(cat "$TMP/fin.out"))"
# a list the journal holds nothing of: the rename is recorded all the same
# (serve redirects its old pages by it), once
printf 'name: w\nshort_name: w\ngreeting: hi\ncontact: x\nlist_id: w.news.example.org\n' >"$P/lists/west.yaml"
printf 'email,name\nwes@example.org,Wes\n' >"$P/lists/west.csv"
M lists rename west wide >"$TMP/w1.out" 2>&1 && M lists rename west wide >"$TMP/w2.out" 2>&1
rc=$?
[ $rc = 0 ] && grep -q 'the journal.s rows (none) unchanged, the rename recorded' "$TMP/w1.out" &&
	grep -q '0 files renamed, the journal.s rows (none) unchanged$' "$TMP/w2.out" &&
	[ "$(q "select count(*) from list_renames where old = 'west' and new = 'wide' and done_at is not null")" = 1 ]
ok $? "a list without rows: renamed and recorded, once though run twice (exit $rc)"
exit $tap_failed
