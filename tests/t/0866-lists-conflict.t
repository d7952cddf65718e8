#!/usr/bin/env bash
# A list file with a merge conflict git left in it ("<<<<<<< HEAD",
# "=======", ">>>>>>> branch", from a real `git merge` of two edits):
# check, lists and lists sync name the marker's file:line and say what to
# do, never a row of "wrong number of fields" or an address
# "<<<<<<< HEAD"; send reaches the rows above the marker (both sides
# have them) and none of either side's, and exits 65; resolved, the next
# send reaches the rest.  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v git >/dev/null || skip_all "git not installed (make deps)"
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
printf '%s\n' 'email,name' 'amy@example.org,Amy' 'bob@example.org,Bob' \
	'cat@example.org,Cat' >"$P/lists/east.csv"
G() { git -C "$P" -c user.email=ed@example.org -c user.name=ed "$@"; }
{ G init -q -b main && G add lists && G commit -qm lists &&
	G checkout -qb other &&
	sed -i 's/^cat@example.org,Cat$/cat@example.org,Cat C./' "$P/lists/east.csv" &&
	G commit -qam 'cat: full name' && G checkout -q main &&
	sed -i 's/^cat@example.org,Cat$/cat@example.net,Cat/' "$P/lists/east.csv" &&
	G commit -qam 'cat: new address'; } >/dev/null 2>&1 &&
	! G merge -q other >/dev/null 2>&1 && grep -q '^<<<<<<< HEAD$' "$P/lists/east.csv"
ok $? "git merge leaves conflict markers in lists/east.csv"
L=$(grep -n '^<<<<<<< HEAD$' "$P/lists/east.csv" | cut -d: -f1)
want="lists/east.csv:$L: \"<<<<<<< HEAD\" is a merge conflict marker git left"
bad=0
for c in "check $P/issues/2030-01" lists "lists sync --dry-run"; do
	M $c >"$TMP/out" 2>&1; rc=$?
	sed 's/^/# /' "$TMP/out"
	[ $rc = 65 ] && grep -qF "$want" "$TMP/out" &&
		! grep -q 'wrong number of fields\|invalid address' "$TMP/out" || bad=1
done
ok $bad "check, lists and lists sync name the marker with file:line and exit 65"
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send.out"
got=$(q "select email from recipients where state='sent' order by 1" | tr '\n' ' ')
[ $rc = 65 ] && [ "$got" = "amy@example.org bob@example.org " ] && grep -qF "$want" "$TMP/send.out"
ok $? "send reaches the rows above the marker only and exits 65 ($got, exit $rc)"
G checkout -q --theirs lists/east.csv && G add lists/east.csv
M send "$P/issues/2030-01" --quiet >"$TMP/send2.out" 2>&1; rc=$?
got=$(q "select email from recipients where state='sent' order by 1" | tr '\n' ' ')
[ $rc = 0 ] && [ "$got" = "amy@example.org bob@example.org cat@example.org " ]
ok $? "resolved, the send goes on to the rest ($got, exit $rc)"
M check "$P/issues/2030-01" >"$TMP/check.out" 2>&1
ok $? "and check passes"
exit $tap_failed
