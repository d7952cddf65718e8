#!/usr/bin/env bash
# send --list before the issue's send_at, then run at send_at.  An editor
# who sent one association its edition early (send ISSUE --list east,
# send_at still to come) got "sent 2", and at send_at cron's run sent
# nothing to the other lists: run took an issue as sent once every
# recipient the journal had was done.  A first send that reaches only
# some lists now leaves the issue owed to the others (owed.h): that send
# says which lists run sends at send_at, and run sends them; a list added
# after the issue went to every list still gets no back issue (1233).  No
# word for a send --to or a dry run.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
sed 's/east/west/g' "$P/lists/east.yaml" >"$P/lists/west.yaml"
printf '%s\n' 'email,name' 'carl@example.org,Carl' >"$P/lists/west.csv"
printf 'send_at: "2099-01-10T08:00:00+08:00"\n' >>"$I/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M send "$I" --list east --to amy@example.org >"$TMP/o1" 2>"$TMP/e1"; rc=$?
[ $rc = 0 ] && ! grep -q 'send_at' "$TMP/e1"
ok $? "send --to: no word of send_at (exit $rc)"
M send "$I" --list east --dry-run >"$TMP/o2" 2>"$TMP/e2"; rc=$?
[ $rc = 0 ] && ! grep -q 'send_at' "$TMP/e2"
ok $? "dry run: no word of send_at (exit $rc)"

M send "$I" --list east >"$TMP/o3" 2>"$TMP/e3"; rc=$?
sed 's/^/# /' "$TMP/e3" | grep -v ' sent$'
[ $rc = 0 ] && grep -q 'the lists not sent yet (west) get it from mailer run at send_at ' "$TMP/e3"
ok $? "send --list east before send_at: says run sends west at send_at (exit $rc)"

# the run at send_at: as the note says, west is sent, east not again
sed -i 's/^send_at: .*/send_at: "2020-01-10T08:00:00+08:00"/' "$I/issue.yaml"
M run --quiet >"$TMP/o4" 2>"$TMP/e4"; rc=$?
n=$(grep -l '^Delivered-To: carl@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)
a=$(grep -l '^Delivered-To: amy@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)
[ $rc = 0 ] && [ "$n" = 1 ] && [ "$a" = 2 ]
ok $? "run after send_at sends west, east not again (exit $rc, $n to carl, $a to amy with the --to test)"

M send "$I" --list west >"$TMP/o5" 2>"$TMP/e5"; rc=$?
n=$(grep -l '^Delivered-To: carl@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)
[ $rc = 0 ] && [ "$n" = 1 ] && ! grep -q 'not sent yet' "$TMP/e5"
ok $? "send --list west after it: nothing more, no note (exit $rc)"
exit $tap_failed
