#!/usr/bin/env bash
# lists sync and symlinks, as git checks them out: a list CSV that is a
# relative symlink (lists/east.csv -> ../shared/east.csv) stays a link and
# the file it points to gets the sync (mode 0640 kept), so `git status`
# shows the content change only, no "typechange"; a symlinked lists/
# folder is synced in place.  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v git >/dev/null || skip_all "git not installed (make deps)"
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
G() { git -C "$P" -c user.email=ed@example.org -c user.name=ed "$@"; }
mkdir "$P/shared"
mv "$P/lists/east.csv" "$P/shared/east.csv"
chmod 640 "$P/shared/east.csv"
ln -s ../shared/east.csv "$P/lists/east.csv"
G init -q && G add lists shared && G commit -qm lists >/dev/null
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>&1
q "insert into unsubscribes(list, email, at, source) values ('east', 'bob@example.org', 1700000000, 'test')"
M lists sync >"$TMP/sync.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/sync.out"
[ $rc = 0 ] && [ -L "$P/lists/east.csv" ] &&
	[ "$(readlink "$P/lists/east.csv")" = ../shared/east.csv ]
ok $? "lists sync keeps lists/east.csv a symlink (exit $rc)"
printf '%s\n' email,name amy@example.org,Amy | cmp - "$P/shared/east.csv" &&
	[ "$(stat -c %a "$P/shared/east.csv")" = 640 ] && ! ls "$P/shared" | grep -q tmp
ok $? "the file it points to lost bob's row and kept its mode 0640"
st=$(G status --porcelain -- lists shared | sort | tr '\n' ' ')
[ "$st" = " M shared/east.csv ?? lists/east.removed.csv " ]
ok $? "git status: the content change and removed.csv, no typechange ($st)"
# a symlinked lists/ folder
mv "$P/lists" "$P/lists.real"; ln -s lists.real "$P/lists"
G checkout -q -- shared/east.csv; rm "$P/lists.real/east.removed.csv"
M lists sync >"$TMP/sync2.out" 2>&1; rc=$?
[ $rc = 0 ] && [ -L "$P/lists" ] && ! grep -q bob "$P/lists.real/east.csv" &&
	grep -q '^bob@example.org,Bob,' "$P/lists.real/east.removed.csv"
ok $? "a symlinked lists/ folder is synced in place (exit $rc)"
exit $tap_failed
