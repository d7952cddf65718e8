#!/usr/bin/env bash
# A Chinese reader's internationalised address (RFC 6531: 张三@example.org,
# 用户@例子.中国) is a subscriber like any other: check, lists and send
# take it (the domain in A-labels, as for an ASCII address), and so do
# send --to and suppress --lift.  What is wrong in one is still named with
# the CSV's file and line: an input method's full-width ＠ or letters
# (zhangsan＠qq.com, ｚｈａｎｇ@example.org) and its full-width space (U+3000,
# which the CSV reader does not trim as it trims ASCII blanks) as such; a
# decomposed character (not NFC: "cafe" + U+0301), a C1 control (U+0085)
# and bytes that are not UTF-8.  Maildir, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 8
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
printf '%s\n' 'email,name' 'bob@example.org,Bob' '张三@example.org,张三' \
	'用户@例子.中国,用户' 'zhangsan＠qq.com,张' 'ｚｈａｎｇ@example.org,张' \
	'amy@example.org,Amy' '　ideo@example.org,x' 'ideo2@example.org　,x' \
	$'cafe\xcc\x81@example.org,x' $'zh\xc2\x85x@example.org,x' \
	$'zh\xe5\xbcx@example.org,x' >"$P/lists/east.csv"
fw='the part before the @ has full-width characters (an input method'"'"'s full-width mode): type them half-width'
fwsp='it has a full-width space (U+3000, an input method'"'"'s): delete it'
fwat='no @: the ＠ in it is the full-width one: type the ASCII @'
M check "$P/issues/2030-01" >"$TMP/check.out" 2>"$TMP/check.err"; rc=$?
sed 's/^/# /' "$TMP/check.err"
[ $rc = 65 ] && ! grep -q 'east.csv:[234]:' "$TMP/check.err" &&
	[ "$(grep -c 'east.csv:' "$TMP/check.err")" = 7 ]
ok $? "check takes the internationalised rows and names the seven wrong ones (exit $rc)"
grep -qxF "mailer: $P/lists/east.csv:5: invalid address: \"zhangsan＠qq.com\": $fwat" "$TMP/check.err" &&
	grep -qxF "mailer: $P/lists/east.csv:6: invalid address: \"ｚｈａｎｇ@example.org\": $fw" "$TMP/check.err"
ok $? "a full-width ＠ or full-width letters are named as the input method's"
grep -qxF "mailer: $P/lists/east.csv:8: invalid address: \"　ideo@example.org\": $fwsp" "$TMP/check.err" &&
	grep -qxF "mailer: $P/lists/east.csv:9: invalid address: \"ideo2@example.org　\": $fwsp" "$TMP/check.err"
ok $? "a full-width space at either end is named as one"
grep -qF "mailer: $P/lists/east.csv:10: invalid address: \"$(printf 'cafe\xcc\x81')@example.org\": the part before the @ is not in Unicode normalization form C (NFC)" "$TMP/check.err" &&
	grep -qF "mailer: $P/lists/east.csv:11: invalid address: " "$TMP/check.err" &&
	grep -q "east.csv:11: .*: the part before the @ has a control character$" "$TMP/check.err" &&
	grep -qF "mailer: $P/lists/east.csv:12: invalid UTF-8: email" "$TMP/check.err"
ok $? "not NFC, a C1 control and bytes that are not UTF-8 are named with file and line"
M lists >"$TMP/lists.out" 2>"$TMP/lists.err"
M lists sync >"$TMP/sync.out" 2>"$TMP/sync.err"
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>"$TMP/send.err"
for f in lists sync send; do
	grep -F 'east.csv:' "$TMP/$f.err" | cmp -s - <(grep -F 'east.csv:' "$TMP/check.err") ||
		{ echo "# $f says otherwise"; false; } || break
done
ok $? "lists, lists sync and send say the same as check"
sqlite3 "$P/state/mailer.db" "select email from recipients where state='sent' order by email" | sed 's/^/# sent: /'
[ "$(sqlite3 "$P/state/mailer.db" "select group_concat(email, ' ') from (select email from recipients where state='sent' order by email)")" = \
	"amy@example.org bob@example.org 张三@example.org 用户@xn--fsqu00a.xn--fiqs8s" ]
ok $? "send reaches the two ASCII and the two internationalised rows, the domain in A-labels"
M send "$P/issues/2030-01" --to '张三@example.org' >"$TMP/to.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/to.out"
[ $rc = 0 ] && grep -q '^2030-01: test sent 1,' "$TMP/to.out" &&
	grep -lq '^To: 张三@example.org$' "$P"/outbox/new/*
ok $? "send --to takes one (exit $rc)"
M suppress --lift '张三@example.org' >"$TMP/sup.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/sup.out"
[ $rc = 65 ] && grep -qxF "mailer: suppress: 张三@example.org is not suppressed" "$TMP/sup.out"
ok $? "suppress --lift reads it as an address (exit $rc: not suppressed)"
exit $tap_failed
