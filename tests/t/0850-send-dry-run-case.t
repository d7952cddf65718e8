#!/usr/bin/env bash
# send --dry-run says what the real send would do with the journal as it
# is.  An editor changes the case of a row already sent (bob@ becomes
# Bob@: one address, as list.c and the journal compare it): the real send
# skips him, so the dry run must not count him as "would be sent"; a new
# row is counted by both.  Maildir transport: every mail is a file.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }

M send "$I" >"$TMP/send1.out" 2>&1; rc=$?
[ $rc = 0 ] && [ "$(files)" = 2 ]
ok $? "the first send sends 2 (exit $rc, $(files) in the outbox)"

# the editor capitalises bob's row and adds carol
printf '%s\n' 'email,name' 'Bob@example.org,Bob' 'amy@example.org,Amy' \
	'carol@example.org,Carol' >"$P/lists/east.csv"
M send "$I" --dry-run >"$TMP/dry.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/dry.out"
[ $rc = 0 ] && grep -q 'would send 1,' "$TMP/dry.out" &&
	grep -q 'already done 2' "$TMP/dry.out"
ok $? "--dry-run: 1 would be sent (carol), 2 already sent (Bob@ is bob@) (exit $rc)"
[ "$(files)" = 2 ]
ok $? "--dry-run sent nothing"

M send "$I" >"$TMP/send2.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send2.out"
[ $rc = 0 ] && grep -q 'east: 1 sent' "$TMP/send2.out" &&
	grep -q 'already done 2' "$TMP/send2.out" && [ "$(files)" = 3 ]
ok $? "the real send agrees: 1 sent, 2 already (exit $rc, $(files) in the outbox)"

M send "$I" --dry-run >"$TMP/dry2.out" 2>&1; rc=$?
[ $rc = 0 ] && ! grep -q 'would be sent' "$TMP/dry2.out" &&
	grep -q 'already done 3' "$TMP/dry2.out"
ok $? "a dry run after it: nothing would be sent, 3 already (exit $rc)"
exit 0
