#!/usr/bin/env bash
# An expired link's page sends the reader back to the form that mails a
# new one, and its link says which: an expired unsubscribe link (from the
# manage page's mail) leads to the manage page, "重新申请退订"; it led to
# the subscribe form, "重新提交" (submit again), so a reader who wanted to
# stop the newsletter was offered to subscribe.  An expired subscribe
# link leads to the subscribe form, "重新订阅".  Links are made with the
# key as serve makes them (0815); Maildir transport, serve on loopback.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
web_direct_serve
# expired KIND: a genuine link of kind s or u for aba, a minute past its end
expired() {
	local exp=$(( $(date +%s) - 60 ))
	printf '%s7-%s-%s' "$1" "$exp" "$(/usr/bin/python3 -c '
import hmac, hashlib, sys
k = open(sys.argv[1], "rb").read()
m = b"mailer-web1\0" + sys.argv[2].encode() + b"\0aba\0" + b"7\0" + sys.argv[3].encode()
print(hmac.new(k, m, hashlib.sha256).hexdigest()[:32])' "$P/state/verp.key" "$1" "$exp")"
}
code=$(curl -s -o "$TMP/u.html" -w '%{http_code}' "$BASE/lists/aba/unsubscribe?t=$(expired u)")
[ "$code" = 410 ] && grep -q 'data-page="expired"' "$TMP/u.html"
ok $? "an expired unsubscribe link: 410, the expired page"
grep -q "<a href=\"$BASE/lists/aba/manage\">重新申请退订</a>" "$TMP/u.html" &&
	! grep -q '/lists/aba/subscribe' "$TMP/u.html"
ok $? "it leads to the manage page, saying so, not to the subscribe form"
grep -o '<a [^>]*>[^<]*</a>' "$TMP/u.html" | sed 's/^/# /'
code=$(curl -s -o "$TMP/s.html" -w '%{http_code}' "$BASE/lists/aba/confirm?t=$(expired s)")
[ "$code" = 410 ] && grep -q 'data-page="expired"' "$TMP/s.html"
ok $? "an expired subscribe link: 410, the expired page"
grep -q "<a href=\"$BASE/lists/aba/subscribe\">重新订阅</a>" "$TMP/s.html" &&
	! grep -q '/lists/aba/manage"' "$TMP/s.html"
ok $? "it leads to the subscribe form, saying so"
grep -o '<a [^>]*>[^<]*</a>' "$TMP/s.html" | sed 's/^/# /'
exit $tap_failed
