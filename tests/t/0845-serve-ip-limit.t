#!/usr/bin/env bash
# The per-client limit on confirmation mails (web.mails_per_ip_per_hour),
# which 0820 sets out of the way: distinct addresses from one client get
# at most that many mails an hour, with answers that do not tell; the
# client is the last X-Forwarded-For entry when the peer is a
# web.trusted_proxy, so one client's limit does not stop another behind
# the same proxy; the manage form's mails count too; and a mail older than
# an hour no longer counts; and a name is at most 300 bytes.  Maildir
# transport: every mail is a file.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 8
web_direct_project 'trusted_proxy: [127.0.0.1]' 'mails_per_ip_per_hour: 4'
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/send.out" 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
rm -f "$P"/outbox/new/*
web_direct_serve
mails() { ls "$P"/outbox/new | wc -l; }
# sub CLIENT N: subscribes N distinct addresses as CLIENT (X-Forwarded-For)
sub() {
	local i
	for i in $(seq 1 "$2"); do
		curl -s -o "$TMP/page.$1.$i" -H "X-Forwarded-For: 192.0.2.200, $1" \
			--data "name=R$i&email=r$i.$1@example.org" "$BASE/lists/aba/subscribe"
	done
}

sub 198.51.100.1 7; drained
n=$(mails); [ "$n" = 4 ]
ok $? "7 addresses from one client: 4 confirmation mails ($n)"
r=0
for i in 2 3 4 5 6 7; do cmp -s "$TMP/page.198.51.100.1.1" "$TMP/page.198.51.100.1.$i" || r=1; done
ok $r "and 7 identical answers"
[ "$(grep -c 'limit list=aba address=r\*\*\*@example.org ip=198.51.100.1' "$TMP/serve.log")" = 3 ]
ok $? "the 3 refused are logged with the client's address"

sub 198.51.100.2 2; drained
n=$(mails); [ "$n" = 6 ]
ok $? "another client behind the same proxy still gets its 2 mails ($n)"

# the manage form of a subscriber counts against the same limit
curl -s -o /dev/null -H 'X-Forwarded-For: 198.51.100.1' \
	--data 'email=zhou.peng.ab@example.org' "$BASE/lists/aba/manage"
curl -s -o /dev/null -H 'X-Forwarded-For: 198.51.100.3' \
	--data 'email=yang.jinhua.ab@example.org' "$BASE/lists/aba/manage"
drained
[ "$(grep -l '^Delivered-To: zhou.peng.ab@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)" = 0 ] &&
	[ "$(grep -l '^Delivered-To: yang.jinhua.ab@example.org' "$P"/outbox/new/* 2>/dev/null | wc -l)" = 1 ]
ok $? "manage: no mail for the client over its limit, one for a fresh client"

# an hour later (the journal's clock moved back) the client is let in again
q "update web_mails set at = at - 3601 where ip = '198.51.100.1'"
sub 198.51.100.1 1; drained
[ "$(grep -l '^Delivered-To: r1.198.51.100.1@example.org' "$P"/outbox/new/* | wc -l)" = 2 ]
ok $? "after an hour the client's mails no longer count"
# the name's limit: 300 bytes (100 CJK characters) pass, 301 do not
n300=$(printf '名%.0s' $(seq 100)) n301="${n300}x"
c1=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 198.51.100.9' \
	--data-urlencode "name=$n301" --data 'email=long.name@example.org' "$BASE/lists/aba/subscribe")
c2=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-For: 198.51.100.9' \
	--data-urlencode "name=$n300" --data 'email=long.name@example.org' "$BASE/lists/aba/subscribe")
[ "$c1 $c2" = "400 200" ] &&
	[ "$(q "select length(cast(name as blob)) from subscriptions where email='long.name@example.org'")" = 300 ]
ok $? "a name of 301 bytes: the form again (400), nothing recorded; 300 bytes: recorded ($c1 $c2)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
