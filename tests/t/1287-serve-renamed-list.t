#!/usr/bin/env bash
# After `mailer lists rename aba abc` and a reload, serve's pages of aba
# keep working: the subscribe and manage forms' old URLs redirect (308,
# a POST stays a POST) to abc's; a confirmation link and an unsubscribe
# link mailed before the rename (their tokens made for aba) are checked
# under aba and act on the rows the rename moved to abc; a second rename
# (abc to abd) is followed too.  Before, each was a 404.  Nothing else
# opens: an id never renamed, a token of aba shown at the new list's
# URL, a loop of renames in the journal all stay 404, and the journal
# holds no row under aba.
# serve straight on loopback, Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 12
web_direct_project
web_direct_serve
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
# link ADDRESS KIND: the KIND link (confirm|unsubscribe) mailed to ADDRESS
link() {
	/usr/bin/python3 - "$P/outbox/new" "$1" "$2" <<'PY'
import email, email.policy, glob, re, sys
for f in sorted(glob.glob(sys.argv[1] + '/*')):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    if m['Auto-Submitted'] and sys.argv[2] in str(m['To']):
        t = m.get_body(('plain',)).get_content()
        u = re.search(r'(http://\S+/%s\?t=\S+)' % sys.argv[3], t)
        if u: print(u.group(1))
PY
}
curl -s -o /dev/null --data 'name=&email=amy@example.org' "$BASE/lists/aba/subscribe"
curl -s -o /dev/null --data 'name=&email=bob@example.org' "$BASE/lists/aba/subscribe"
drained
curl -s -o /dev/null --data '' "$(link bob@example.org confirm)"
curl -s -o /dev/null --data 'email=bob@example.org' "$BASE/lists/aba/manage"
drained
AMY=$(link amy@example.org confirm); BOB=$(link bob@example.org unsubscribe)
case "$AMY $BOB" in "$BASE/lists/aba/confirm?t="*" $BASE/lists/aba/unsubscribe?t="*) r=0 ;; *) r=1 ;; esac
ok $r "before the rename: amy's confirmation link and bob's unsubscribe link of aba"

M lists rename aba abc >"$TMP/ren.out" 2>&1 && web_direct_reload 1
ok $? "aba renamed abc while serve runs; reloaded"

curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' "$BASE/lists/aba/subscribe" >"$TMP/r1"
curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' --data 'email=x@example.org' \
	"$BASE/lists/aba/manage" >"$TMP/r2"
[ "$(cat "$TMP/r1")" = "308 $BASE/lists/abc/subscribe" ] &&
	[ "$(cat "$TMP/r2")" = "308 $BASE/lists/abc/manage" ]
ok $? "the old form URLs redirect to abc's ($(cat "$TMP/r1" "$TMP/r2" | tr '\n' ' '))"
curl -s -L --data 'name=&email=cat@example.org' "$BASE/lists/aba/subscribe" >"$TMP/cat.html"
grep -q 'data-page="subscribe_sent"' "$TMP/cat.html" &&
	[ "$(q "select list from subscriptions where email = 'cat@example.org'")" = abc ]
ok $? "a form posted to the old URL, followed: recorded under abc"

curl -s "$AMY" >"$TMP/amy-ask.html"
curl -s --data '' "$AMY" >"$TMP/amy-done.html"
grep -q 'data-page="confirm_ask"' "$TMP/amy-ask.html" &&
	grep -q 'data-page="confirm_done"' "$TMP/amy-done.html" &&
	[ "$(q "select list from subscriptions where email = 'amy@example.org' and confirmed_at is not null")" = abc ]
ok $? "amy's confirmation link of aba asks, then confirms her subscription under abc"

M lists rename abc abd >"$TMP/ren2.out" 2>&1 && web_direct_reload 2
[ "$(code "$BASE/lists/aba/subscribe")" = 308 ] &&
	[ "$(curl -s -o /dev/null -w '%{redirect_url}' "$BASE/lists/aba/subscribe")" = "$BASE/lists/abd/subscribe" ]
ok $? "renamed again (abc to abd): the first id's form leads to abd"
curl -s --data '' "$BOB" >"$TMP/bob.html"
grep -q 'data-page="unsubscribe_done"' "$TMP/bob.html" &&
	[ "$(q "select list from unsubscribes where email = 'bob@example.org'")" = abd ]
ok $? "bob's unsubscribe link of aba unsubscribes him from abd"
curl -s "$AMY" | grep -q 'data-page="confirm_done"'
ok $? "amy's link, used, still shows what it did (two renames on)"

TOK=${AMY#*\?t=}
[ "$(code "$BASE/lists/abd/confirm?t=$TOK")" = 404 ] &&
	[ "$(code "$BASE/lists/abc/confirm?t=$TOK")" = 404 ] &&
	[ "$(code "$BASE/lists/bazhong/confirm?t=$TOK")" = 404 ]
ok $? "aba's token shown at abd's, abc's or another list's URL: 404"
[ "$(code "$BASE/lists/nosuch/subscribe")" = 404 ] &&
	[ "$(code "$BASE/lists/aba/nosuch")" = 404 ] &&
	[ "$(code "$BASE/lists/aba/confirm?t=s1-9999999999-00")" = 404 ]
ok $? "an id never renamed, an unknown page of an old id, a forged token: 404"
q "insert into list_renames(old, new, at, done_at) values ('x1', 'x2', 1, 1), ('x2', 'x1', 2, 2)"
[ "$(code "$BASE/lists/x1/subscribe")" = 404 ] && [ "$(code "$BASE/lists/abd/subscribe")" = 200 ]
ok $? "a loop of renames in the journal: 404, and serve answers on"
[ "$(q "select (select count(*) from subscriptions where list in ('aba', 'abc')) + (select count(*) from web_mails where list in ('aba', 'abc')) + (select count(*) from unsubscribes where list in ('aba', 'abc'))")" = 0 ]
ok $? "the journal holds no row under aba or abc"
exit 0
