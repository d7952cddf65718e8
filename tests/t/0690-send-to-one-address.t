#!/usr/bin/env bash
# send --to takes one address, and says so: an editor who gave it twice
# (--to amy@... --to bob@...) got "test sent 1" and only the last address
# got the test mail, the first none and no word of it; a list of addresses
# (--to amy@...,bob@...) and a mail client's "Bob <bob@...>" were
# refused with "the local part has a character that needs quoting", which
# says nothing of what to type.  Now a second --to is a usage error (64)
# naming the one address it takes, the list is told the same and the
# name-addr told its bare address, before anything is sent.  One --to
# still sends its test.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
sent() { ls "$P/outbox/new" 2>/dev/null | wc -l; }

M send "$I" --to amy@example.org --to bob@example.org >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 64 ] && grep -q -- '--to takes one address' "$TMP/err" &&
	[ "$(sent)" = 0 ]
ok $? "--to twice: usage error naming one address, nothing sent (exit $rc, $(sent) sent)"

M send "$I" --to 'amy@example.org,bob@example.org' >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 64 ] && grep -q -- '--to takes one address' "$TMP/err" &&
	! grep -q 'needs quoting' "$TMP/err" && [ "$(sent)" = 0 ]
ok $? "--to a list of addresses: told it takes one (exit $rc)"

M send "$I" --to 'Bob <bob@example.org>' >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc = 64 ] && grep -q -- '--to bob@example.org' "$TMP/err" &&
	! grep -q 'needs quoting' "$TMP/err" && [ "$(sent)" = 0 ]
ok $? "--to 'Bob <bob@example.org>': told the bare address (exit $rc)"

rm -rf "$P/outbox"
M send "$I" --to amy@example.org >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
f=$(ls "$P"/outbox/new/* 2>/dev/null | head -1)
[ $rc = 0 ] && [ "$(sent)" = 1 ] &&
	grep -q '^Delivered-To: amy@example.org' "$f"
ok $? "one --to: its test mail goes to that address (exit $rc)"
exit $tap_failed
