#!/usr/bin/env bash
# A reader types an internationalised address (张三@example.org, not ASCII
# before the @, RFC 6531) into the subscribe or the manage form, or an
# input method's full-width ＠, letters or space: the form comes back (400) with
# the field marked (aria-invalid, aria-describedby="error") and a message
# that says what is wrong in Chinese and English, not "Enter a valid
# e-mail address" for an address that is valid but not supported;
# nothing is recorded.  Maildir transport, serve on loopback.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 6
web_direct_project 'mails_per_ip_per_hour: 1000'
web_direct_serve
S=$BASE/lists/aba/subscribe
eai='@ 前面含中文等非英文字符的邮箱地址,本通讯暂不支持:请填写 @ 前面只有英文字母、数字或 . _ - + 的地址 · <span lang="en">An address with characters other than ASCII before the @ is not supported: enter one with only ASCII letters, digits or . _ - + before the @</span>'
fw='邮箱地址含全角字符(如 ＠ 或全角字母):请切换到半角输入 · <span lang="en">The address has full-width characters (＠ or letters): type it half-width</span>'
marked='aria-invalid="true" aria-describedby="error"'
post() { # URL EMAIL OUT: prints the HTTP code
	curl -s -o "$3" -w '%{http_code}' --data-urlencode 'name=张三' \
		--data-urlencode "email=$2" "$1"
}
c1=$(post "$S" '张三@example.org' "$TMP/s1.html")
c2=$(post "$S" '用户@例子.中国' "$TMP/s2.html")
grep -o '<p class="error".*</p>' "$TMP/s1.html" | sed 's/^/# /'
[ "$c1" = 400 ] && [ "$c2" = 400 ] &&
	grep -qF "<p class=\"error\" id=\"error\">$eai</p>" "$TMP/s1.html" &&
	grep -qF "<p class=\"error\" id=\"error\">$eai</p>" "$TMP/s2.html" &&
	grep -q "name=\"email\".*$marked" "$TMP/s1.html"
ok $? "subscribe: an internationalised address is named as not supported, the field marked ($c1 $c2)"
c1=$(post "$S" 'zhangsan＠qq.com' "$TMP/f1.html")
c2=$(post "$S" 'ｚｈａｎｇ@example.org' "$TMP/f2.html")
grep -o '<p class="error".*</p>' "$TMP/f1.html" | sed 's/^/# /'
[ "$c1" = 400 ] && [ "$c2" = 400 ] &&
	grep -qF "<p class=\"error\" id=\"error\">$fw</p>" "$TMP/f1.html" &&
	grep -qF "<p class=\"error\" id=\"error\">$fw</p>" "$TMP/f2.html"
ok $? "subscribe: full-width ＠ or letters are named as such ($c1 $c2)"
c1=$(post "$S" 'zhang@example.org　' "$TMP/f3.html")
[ "$c1" = 400 ] && grep -qF '<p class="error" id="error">邮箱地址中有全角空格,请删除 · <span lang="en">The address has a full-width space in it: delete it</span></p>' "$TMP/f3.html"
ok $? "subscribe: a full-width space is named as one ($c1)"
c1=$(post "$BASE/lists/aba/manage" '张三@example.org' "$TMP/m1.html")
[ "$c1" = 400 ] && grep -qF "<p class=\"error\" id=\"error\">$eai</p>" "$TMP/m1.html" &&
	grep -q "name=\"email\".*$marked" "$TMP/m1.html"
ok $? "manage: the same message, the field marked ($c1)"
[ "$(q "select count(*) from subscriptions")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 0 ]
ok $? "nothing recorded, no mail queued"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
