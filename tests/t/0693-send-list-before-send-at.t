#!/usr/bin/env bash
# send --list before the issue's send_at says what run will do with the
# other lists: an editor who sent one association its edition early
# (send ISSUE --list east, send_at still to come) got "sent 2" and no more,
# and at send_at cron's run sent nothing to the other lists, silently,
# exit 0: run takes an issue as sent once every recipient the journal has
# is done, and the journal had only east's.  Now that send warns, naming
# the lists it leaves and the command that sends them; the behaviour of
# run is unchanged (a list added after an issue went out gets no back
# issue) and mailer(1) says it.  No warning for a send of every list, a
# send --to or a dry run, or once send_at has passed.  Maildir transport.
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
[ $rc = 0 ] && grep -q 'send_at .* is still to come' "$TMP/e3" &&
	grep -q 'not named here (west)' "$TMP/e3" &&
	grep -qF "mailer send $I" "$TMP/e3"
ok $? "send --list east before send_at: warned, west and the command named (exit $rc)"

# the run at send_at: as the warning says, west is not sent by run
sed -i 's/^send_at: .*/send_at: "2020-01-10T08:00:00+08:00"/' "$I/issue.yaml"
M run --quiet >"$TMP/o4" 2>"$TMP/e4"; rc=$?
n=$(grep -l '^Delivered-To: carl@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)
[ $rc = 0 ] && [ "$n" = 0 ]
ok $? "run after send_at leaves west to send, as said (exit $rc, $n to carl)"

M send "$I" --list west >"$TMP/o5" 2>"$TMP/e5"; rc=$?
n=$(grep -l '^Delivered-To: carl@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)
[ $rc = 0 ] && [ "$n" = 1 ] && ! grep -q 'still to come' "$TMP/e5"
ok $? "send --list west after send_at: sent, no warning (exit $rc)"
exit $tap_failed
