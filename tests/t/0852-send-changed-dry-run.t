#!/usr/bin/env bash
# An editor fixes an article after a list got the issue, then asks what a
# send would do.  The real send refuses the changed edition (exit 65,
# naming --resend-changed); --dry-run must say the same, not "would send
# 1" with exit 0, and must store nothing (the real send still refuses
# after it).  The refusal is the message: no summary line claiming
# "nothing to send: 0 recipients already done".  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }
CHANGED='east edition changed after it was first sent'

M send "$I" >"$TMP/send1.out" 2>&1; rc=$?
[ $rc = 0 ] && [ "$(files)" = 2 ]
ok $? "the first send sends 2 (exit $rc, $(files) in the outbox)"

# the editor fixes the article and adds carol
echo '更正:日期有误。' >>"$I/01-a.md"
echo 'carol@example.org,Carol' >>"$P/lists/east.csv"

M send "$I" --dry-run >"$TMP/dry.out" 2>"$TMP/dry.err"; rc=$?
sed 's/^/# /' "$TMP/dry.out" "$TMP/dry.err"
[ $rc = 65 ] && grep -q "$CHANGED" "$TMP/dry.err" &&
	grep -q -- '--resend-changed' "$TMP/dry.err" &&
	! grep -q 'would send' "$TMP/dry.out" && [ "$(files)" = 2 ]
ok $? "--dry-run refuses the changed edition as the send would (exit $rc)"

M send "$I" >"$TMP/send2.out" 2>"$TMP/send2.err"; rc=$?
sed 's/^/# /' "$TMP/send2.out" "$TMP/send2.err"
[ $rc = 65 ] && grep -q "$CHANGED" "$TMP/send2.err" && [ "$(files)" = 2 ]
ok $? "the real send still refuses after the dry run: it stored nothing (exit $rc)"
! grep -q 'nothing to send' "$TMP/send2.out"
ok $? "no summary line saying nothing was already done"

M send "$I" --dry-run --resend-changed >"$TMP/dry3.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q 'would send 1,' "$TMP/dry3.out" &&
	grep -q 'already done 2' "$TMP/dry3.out" && [ "$(files)" = 2 ]
ok $? "--dry-run --resend-changed: 1 would be sent, 2 already (exit $rc)"
exit $tap_failed
