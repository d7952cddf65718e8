#!/usr/bin/env bash
# An issue sent to every subscriber, then an article fixed for the
# archive (a typo): `mailer send` again refused with "subscribers would
# get two versions. Send the rest anyway with --resend-changed" (exit
# 65) though nobody was left to send to.  Now it says there is nothing
# to send (exit 0), as for an unchanged finished issue; the refusal stays
# for a subscriber still to get it (0852).  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }

M send "$I" >"$TMP/send1.out" 2>&1; rc=$?
[ $rc = 0 ] && [ "$(files)" = 2 ]
ok $? "the first send sends 2 (exit $rc, $(files) in the outbox)"

echo 'Corrected a typo.' >>"$I/01-a.md"
M send "$I" >"$TMP/send2.out" 2>"$TMP/send2.err"; rc=$?
sed 's/^/# /' "$TMP/send2.out" "$TMP/send2.err"
[ $rc = 0 ] && grep -q 'nothing to send: 2 recipients already done' \
	"$TMP/send2.out" && [ "$(files)" = 2 ]
ok $? "all sent, then edited: nothing to send, exit 0 (exit $rc)"
! grep -q -- '--resend-changed\|two versions' "$TMP/send2.err"
ok $? "...no refusal naming --resend-changed"

M send "$I" --dry-run >"$TMP/dry.out" 2>"$TMP/dry.err"; rc=$?
sed 's/^/# /' "$TMP/dry.out" "$TMP/dry.err"
[ $rc = 0 ] && grep -q 'would send 0,' "$TMP/dry.out" &&
	! grep -q -- '--resend-changed' "$TMP/dry.err"
ok $? "--dry-run says the same (exit $rc)"
exit $tap_failed
