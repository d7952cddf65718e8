#!/usr/bin/env bash
# A Chinese reader's internationalised address (RFC 6531: 张三@example.org,
# 用户@例子.中国), which mailer does not send to (VIOLATIONS.md: a relay
# without SMTPUTF8 would take it and pass it on downgraded; libcurl 7.88
# sends the UTF-8 RCPT regardless): check, lists, lists sync, send, send
# --to and suppress say the same thing, that the address is not invalid
# but not supported and what to ask the reader for; the CSV's file and
# line.  An input method's full-width ＠ or letters (zhangsan＠qq.com,
# ｚｈａｎｇ@example.org) are named as such, not "no @" / "not ASCII", and
# so is its full-width space (U+3000, which the CSV reader does not trim
# as it trims ASCII blanks) at either end, not "an internationalised
# address" or "a character outside letters, digits and hyphens".
# Maildir, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
printf '%s\n' 'email,name' 'bob@example.org,Bob' '张三@example.org,张三' \
	'用户@例子.中国,用户' 'zhangsan＠qq.com,张' 'ｚｈａｎｇ@example.org,张' \
	'amy@example.org,Amy' '　ideo@example.org,x' 'ideo2@example.org　,x' \
	>"$P/lists/east.csv"
eai='an internationalised address (not ASCII before the @, RFC 6531), which mailer does not send to: ask the reader for an address with only ASCII before the @'
fw='the part before the @ has full-width characters (an input method'"'"'s full-width mode): type them half-width'
fwsp='it has a full-width space (U+3000, an input method'"'"'s): delete it'
fwat='no @: the ＠ in it is the full-width one: type the ASCII @'
M check "$P/issues/2030-01" >"$TMP/check.out" 2>"$TMP/check.err"; rc=$?
sed 's/^/# /' "$TMP/check.err"
[ $rc = 65 ] &&
	grep -qxF "mailer: $P/lists/east.csv:3: address not supported: \"张三@example.org\": $eai" "$TMP/check.err" &&
	grep -qxF "mailer: $P/lists/east.csv:4: address not supported: \"用户@例子.中国\": $eai" "$TMP/check.err"
ok $? "check names each internationalised row: not supported, what to ask for (exit $rc)"
grep -qxF "mailer: $P/lists/east.csv:5: invalid address: \"zhangsan＠qq.com\": $fwat" "$TMP/check.err" &&
	grep -qxF "mailer: $P/lists/east.csv:6: invalid address: \"ｚｈａｎｇ@example.org\": $fw" "$TMP/check.err"
ok $? "a full-width ＠ or full-width letters are named as the input method's"
grep -qxF "mailer: $P/lists/east.csv:8: invalid address: \"　ideo@example.org\": $fwsp" "$TMP/check.err" &&
	grep -qxF "mailer: $P/lists/east.csv:9: invalid address: \"ideo2@example.org　\": $fwsp" "$TMP/check.err"
ok $? "a full-width space at either end is named as one"
M lists >"$TMP/lists.out" 2>"$TMP/lists.err"
M lists sync >"$TMP/sync.out" 2>"$TMP/sync.err"
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>"$TMP/send.err"
for f in lists sync send; do
	grep -F 'east.csv:' "$TMP/$f.err" | sed "s/^/# $f: /"
	grep -F 'east.csv:' "$TMP/$f.err" | cmp -s - <(grep -F 'east.csv:' "$TMP/check.err") ||
		{ echo "# $f says otherwise"; false; } || break
done
ok $? "lists, lists sync and send say the same as check"
[ "$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")" = 2 ]
ok $? "send reaches the two ASCII rows"
M send "$P/issues/2030-01" --to '张三@example.org' >"$TMP/to.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/to.out"
[ $rc = 64 ] && grep -qxF "mailer: --to 张三@example.org: $eai" "$TMP/to.out"
ok $? "send --to says the same (exit $rc)"
M suppress --lift '张三@example.org' >"$TMP/sup.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/sup.out"
[ $rc = 64 ] && grep -qxF "mailer: suppress: \"张三@example.org\": address not supported: $eai" "$TMP/sup.out"
ok $? "suppress --lift says the same (exit $rc)"
exit $tap_failed
