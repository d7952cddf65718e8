#!/usr/bin/env bash
# A subscriber entered twice in a list (the second time in capitals)
# said only "aba.csv:6: duplicate address: ...": the editor had to hunt
# for the first.  Now "line 6 repeats line 3's address" names both;
# check exits 65, and a send skips the second row (mailing the address
# once) with the same words.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01 C=$P/lists/aba.csv
sed -n 3p "$C" | tr a-z A-Z >>"$C"
n=$(wc -l <"$C")

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ]
ok $? "check refuses (exit $rc)"
grep -qxF "mailer: $C:$n: duplicate address: ZHOU.PENG.AB@example.org: line $n repeats line 3's address" "$TMP/err"
ok $? "the second line names the first"
M send "$I" --list aba --quiet >"$TMP/sout" 2>&1; rs=$?
sed 's/^/# /' "$TMP/sout"
[ $rs = 0 ] && grep -qF "$C:$n: duplicate address: ZHOU.PENG.AB@example.org: line $n repeats line 3's address" "$TMP/sout" &&
	[ "$(grep -rli '^To:.*zhou.peng.ab@example.org' "$P/outbox" | wc -l)" = 1 ]
ok $? "a send names both lines and mails the address once (exit $rs)"
