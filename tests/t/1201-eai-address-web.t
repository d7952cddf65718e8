#!/usr/bin/env bash
# A reader types an internationalised address (RFC 6531: 张三@example.org,
# 用户@例子.中国) into the subscribe form: it is taken like any other, the
# confirmation mail goes to it (its To in UTF-8, read by Python's email
# with policy SMTPUTF8), the link confirms, and the next send reaches
# them.  One person is one address however it was typed: a decomposed
# "cafe" + U+0301 is stored in NFC (café), the domain in A-labels
# whether typed in U-labels or A-labels, so the three spellings are one
# subscriber.  The manage form takes such an address too, and serve's
# log masks it after its first character (张***@), not its first byte.  An input
# method's full-width ＠, letters or space still bring the form back (400)
# with the field marked (aria-invalid, aria-describedby="error") and a
# message in Chinese and English.  Maildir transport, serve on loopback.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 10
web_direct_project 'mails_per_ip_per_hour: 1000'
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
web_direct_serve
S=$BASE/lists/aba/subscribe
fw='邮箱地址含全角字符(如 ＠ 或全角字母):请切换到半角输入 · <span lang="en">The address has full-width characters (＠ or letters): type it half-width</span>'
marked='aria-invalid="true" aria-describedby="error"'
post() { # URL EMAIL OUT: prints the HTTP code
	curl -s -o "$3" -w '%{http_code}' --data-urlencode 'name=张三' \
		--data-urlencode "email=$2" "$1"
}
# confirm_link ADDR: the confirm link of the newest mail delivered to ADDR
confirm_link() {
	/usr/bin/python3 - "$1" "$P"/outbox/new/* <<'PY'
import email, email.policy, os, re, sys
files = sorted(sys.argv[2:], key=os.path.getmtime, reverse=True)
for f in files:
    m = email.message_from_string(open(f, 'rb').read().decode(),
                                  policy=email.policy.SMTPUTF8)
    if m['Auto-Submitted'] is None or m['Delivered-To'] != sys.argv[1]:
        continue
    assert [a.addr_spec for a in m['To'].addresses] == [sys.argv[1]]
    u = re.search(r'http://\S+/confirm\?t=\S+', m.get_body(('plain',)).get_content())
    print(u.group(0))
    break
PY
}
c1=$(post "$S" '张三@example.org' "$TMP/s1.html")
c2=$(post "$S" '用户@例子.中国' "$TMP/s2.html")
[ "$c1" = 200 ] && [ "$c2" = 200 ] && grep -q 'id="done"' "$TMP/s1.html" &&
	grep -q 'id="done"' "$TMP/s2.html"
ok $? "subscribe: internationalised addresses are taken ($c1 $c2)"
c1=$(post "$S" $'cafe\xcc\x81@例子.中国' "$TMP/n1.html")
c2=$(post "$S" $'caf\xc3\xa9@xn--fsqu00a.xn--fiqs8s' "$TMP/n2.html")
c3=$(post "$S" $'caf\xc3\xa9@例子.中国' "$TMP/n3.html")
q "select email from web_mails order by id" | sed 's/^/# /'
[ "$c1$c2$c3" = 200200200 ] &&
	[ "$(q "select count(distinct email) from web_mails where email like 'caf%'")" = 1 ] &&
	[ "$(q "select email from web_mails where id = 3")" = $'caf\xc3\xa9@xn--fsqu00a.xn--fiqs8s' ]
ok $? "a decomposed é, a domain in U- or A-labels: one address, in NFC and A-labels"
drained
l1=$(confirm_link '张三@example.org') && l2=$(confirm_link '用户@xn--fsqu00a.xn--fiqs8s')
echo "# $l1"
[ -n "$l1" ] && [ -n "$l2" ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' --data confirm=1 "$l1")" = 200 ] &&
	[ "$(curl -s -o /dev/null -w '%{http_code}' --data confirm=1 "$l2")" = 200 ]
ok $? "the confirmation mails go to them, To in UTF-8, and their links confirm"
grep -a 'mail kind=subscribe' "$TMP/serve.log" | head -2 | sed 's/^/# /'
grep -q 'mail kind=subscribe list=aba address=张\*\*\*@example.org$' "$TMP/serve.log" &&
	iconv -f UTF-8 -t UTF-8 "$TMP/serve.log" >/dev/null
ok $? "serve's log masks the address after its first character, whole (valid UTF-8)"
M send "$P/issues/2021-01" --list aba --quiet >"$TMP/send.out" 2>&1; rc=$?
sqlite3 "$P/state/mailer.db" "select email from recipients where state='sent' and email glob '*[^ -~]*'" | sed 's/^/# sent: /'
[ $rc = 0 ] && [ "$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent' and email in ('张三@example.org', '用户@xn--fsqu00a.xn--fiqs8s')")" = 2 ]
ok $? "the next send reaches both (exit $rc)"
c1=$(post "$S" 'zhangsan＠qq.com' "$TMP/f1.html")
c2=$(post "$S" 'ｚｈａｎｇ@example.org' "$TMP/f2.html")
grep -o '<p class="error".*</p>' "$TMP/f1.html" | sed 's/^/# /'
[ "$c1" = 400 ] && [ "$c2" = 400 ] &&
	grep -qF "<p class=\"error\" id=\"error\">$fw</p>" "$TMP/f1.html" &&
	grep -qF "<p class=\"error\" id=\"error\">$fw</p>" "$TMP/f2.html" &&
	grep -q "name=\"email\".*$marked" "$TMP/f2.html"
ok $? "subscribe: full-width ＠ or letters are named as such, the field marked ($c1 $c2)"
c1=$(post "$S" 'zhang@example.org　' "$TMP/f3.html")
[ "$c1" = 400 ] && grep -qF '<p class="error" id="error">邮箱地址中有全角空格,请删除 · <span lang="en">The address has a full-width space in it: delete it</span></p>' "$TMP/f3.html"
ok $? "subscribe: a full-width space is named as one ($c1)"
n0=$(ls "$P"/outbox/new | wc -l)
c1=$(post "$S" "$(printf '\u5f20\u202e\u4e09@example.org')" "$TMP/f4.html")
c2=$(post "$S" "$(printf '\u5f20\u200b\u4e09@example.org')" "$TMP/f5.html")
grep -o '<p class="error".*</p>' "$TMP/f4.html" | sed 's/^/# /'
[ "$c1" = 400 ] && [ "$c2" = 400 ] && grep -q 'class="error"' "$TMP/f4.html" &&
	grep -q 'class="error"' "$TMP/f5.html" &&
	[ "$(ls "$P"/outbox/new | wc -l)" = "$n0" ] &&
	[ "$(sqlite3 "$P/state/mailer.db" "select count(*) from web_mails where email like '%' || char(8238) || '%' or email like '%' || char(8203) || '%'")" = 0 ]
ok $? "subscribe: an address with U+202E or U+200B before the @ is refused, nothing mailed or kept ($c1 $c2)"
c1=$(post "$BASE/lists/aba/manage" '张三@example.org' "$TMP/m1.html")
[ "$c1" = 200 ] && ! grep -q 'class="error"' "$TMP/m1.html"
ok $? "manage: an internationalised address is taken ($c1)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
