#!/usr/bin/env bash
# One rule for an address's case wherever a list's recipients are merged:
# the local part compared ignoring ASCII case, as list.c's duplicate check
# does (the domain is lower-cased when an address is read).  A CSV row
# bob@example.org and a web subscriber Bob@example.org are one reader:
# send mails him once, `lists` counts him once, `lists sync` appends
# nobody, serve's manage form finds him whatever case is typed, an
# unsubscribe of one spelling stops the other (and ends the web consent
# record), and the per-address mail limit cannot be dodged by changing the
# case.  Maildir transport: every mail is a file to count.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 14
web_direct_project 'mails_per_address_per_day: 3' 'mails_per_ip_per_hour: 1000'
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
rm -r "$P"/lists/* "$P"/issues/*
mk_issue() {
	mkdir -p "$P/issues/$1"
	printf 'number: %s\ndate: 2030-01-10\ntitle: 测试 %s\nsubject: "{{issue.title}}"\nsections:\n  - id: news\n    title: 要闻\n' \
		"${1#*-}" "$1" >"$P/issues/$1/issue.yaml"
	printf -- '---\ntitle: 第一篇\nsection: news\n---\n正文。\n' >"$P/issues/$1/01-a.md"
}
mk_issue 2030-01
mk_issue 2030-02
printf 'name: 测试 east\nshort_name: east\ngreeting: 你好\ncontact: x\nlist_id: east.news.example.org\n' \
	>"$P/lists/east.yaml"
printf '%s\n' 'email,name' 'bob@example.org,Bob' 'amy@example.org,Amy' >"$P/lists/east.csv"

web_direct_serve
# mails_to ADDR [KIND]: messages in the outbox for ADDR in any case;
# KIND news (a List-Id) or web (a confirmation mail)
mails_to() {
	local f n=0
	for f in "$P"/outbox/new/*; do
		[ -e "$f" ] || continue
		grep -qix "Delivered-To: $1" "$f" || continue
		case ${2:-} in
		news) grep -q '^List-Id:' "$f" || continue ;;
		web) grep -q '^Auto-Submitted: auto-generated' "$f" || continue ;;
		esac
		n=$((n + 1))
	done
	echo $n
}
# link_for ADDR PAGE: the newest PAGE link mailed to ADDR (any case)
link_for() {
	ls -t $(grep -lix "Delivered-To: $1" "$P"/outbox/new/*) | xargs /usr/bin/python3 -c '
import email, email.policy, re, sys
for f in sys.argv[2:]:
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    if m["Auto-Submitted"] is None: continue
    u = re.search(r"http://\S+/lists/east/" + sys.argv[1] + r"\?t=\S+", m.get_content())
    if u: print(u.group(0)); break' "$2"
}
post() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
subscribe() {	# subscribe EMAIL NAME: the form, the mail, the confirm POST
	local link
	post --data-urlencode "name=$2" --data-urlencode "email=$1" \
		"$BASE/lists/east/subscribe" >/dev/null && drained &&
		link=$(link_for "$1" confirm) && [ -n "$link" ] &&
		[ "$(post --data confirm=1 "$link")" = 200 ]
}

subscribe Bob@example.org 'Bobby' && subscribe carol@example.org Carol &&
	subscribe Carol@Example.org 'Carol again'
ok $? "Bob@ (a CSV row as bob@), carol@ and Carol@ subscribe on the web and confirm"

# the per-address limit (3 a day) counts every spelling of the address
for a in flood Flood FLOOD fLood floOd FlooD; do
	post --data "name=F&email=$a@example.org" "$BASE/lists/east/subscribe" >/dev/null
done
drained
n=$(mails_to flood@example.org web); [ "$n" = 3 ]
ok $? "six subscribe requests in six spellings of one address: 3 mails ($n)"

M lists --json >"$TMP/lists1.json"; rc=$?
/usr/bin/python3 - "$TMP/lists1.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
want = [dict(list='east', rows=2, invalid=0, web=1, unsubscribed=0,
             bounced=0, complained=0, reach=3)]
sys.exit(0 if got == want else '# got %s' % got)
PY
ok $(( rc | $? )) "lists: 2 rows and 1 web subscriber (carol), reach 3"

M lists sync --dry-run >"$TMP/dry.diff" 2>&1
[ "$(grep -c '^+[^+]' "$TMP/dry.diff")" = 1 ] && grep -qi '^+carol@example.org,' "$TMP/dry.diff"
ok $? "lists sync --dry-run appends carol once and not Bob"

M send "$P/issues/2030-01" --quiet >"$TMP/send1.out" 2>&1; rc=$?
b=$(mails_to bob@example.org news) c=$(mails_to carol@example.org news) a=$(mails_to amy@example.org news)
[ $rc = 0 ] && [ "$b$c$a" = 111 ]
ok $? "send: one copy each for bob, carol and amy (bob $b, carol $c, amy $a; exit $rc)"
[ "$(q "select count(*) from recipients where issue='2030-01' and list='east'")" = 3 ]
ok $? "the journal holds three recipients of east"
M status "$P/issues/2030-01" --json >"$TMP/status1.json"
/usr/bin/python3 - "$TMP/status1.json" <<'PY'
import json, sys
d = [r for r in json.load(open(sys.argv[1])) if r['list'] == 'east']
sys.exit(0 if len(d) == 1 and d[0]['sent'] == 3 and d[0]['delivered'] == 3
         else '# got %s' % d)
PY
ok $? "status --json counts 3 sent on east"

# serve's manage form knows the subscriber whatever the case typed
post --data 'email=BOB@example.org' "$BASE/lists/east/manage" >/dev/null; drained
link=$(link_for bob@example.org unsubscribe); [ -n "$link" ]
ok $? "the manage form mails BOB@example.org's unsubscribe link (on the list as bob@ and Bob@)"

# bob unsubscribes with the one-click URL of his message (token of bob@)
f=$(grep -lix 'Delivered-To: bob@example.org' "$P"/outbox/new/* | xargs grep -l '^List-Id:' | head -1)
url=$(/usr/bin/python3 - "$f" <<'PY'
import email, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
print(re.search(r'<(http://[^>]+)>', str(m['List-Unsubscribe'])).group(1))
PY
)
[ "$(post -H 'Content-Type: application/x-www-form-urlencoded' --data 'List-Unsubscribe=One-Click' "$url")" = 200 ] &&
	[ "$(q "select count(*) from subscriptions where lower(email)='bob@example.org' and ended_at is null and confirmed_at is not null")" = 0 ]
ok $? "bob's one-click unsubscribe ends the consent record of Bob@ (kept, marked ended)"
# amy unsubscribes through the manage page, typing AMY@example.org
post --data 'email=AMY@Example.org' "$BASE/lists/east/manage" >/dev/null; drained
link=$(link_for amy@example.org unsubscribe)
[ -n "$link" ] && [ "$(post --data unsubscribe=1 "$link")" = 200 ]
ok $? "AMY@example.org unsubscribes through the manage page's mailed link"

M lists --json >"$TMP/lists2.json"; rc=$?
/usr/bin/python3 - "$TMP/lists2.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1]))
want = [dict(list='east', rows=2, invalid=0, web=1, unsubscribed=2,
             bounced=0, complained=0, reach=1)]
sys.exit(0 if got == want else '# got %s' % got)
PY
ok $(( rc | $? )) "lists: both CSV rows unsubscribed, reach 1 (carol)"
M check "$P/issues/2030-02" >/dev/null 2>"$TMP/check.err"
grep -c 'lists/east.csv:[23]: warning:' "$TMP/check.err" | grep -qx 2
ok $? "check warns about both rows"

M send "$P/issues/2030-02" --quiet >"$TMP/send2.out" 2>&1; rc=$?
b=$(mails_to bob@example.org news) c=$(mails_to carol@example.org news) a=$(mails_to amy@example.org news)
[ $rc = 0 ] && [ "$b$c$a" = 121 ]
ok $? "the next issue reaches carol only (bob $b, carol $c, amy $a; exit $rc)"

M lists sync >"$TMP/sync.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/sync.out"
[ $rc = 0 ] && ! grep -qi '^bob@' "$P/lists/east.csv" &&
	[ "$(grep -ci '^bob@example.org,Bob,.*,unsubscribed' "$P/lists/east.removed.csv")" = 1 ] &&
	[ "$(grep -ci '^amy@example.org,Amy,.*,unsubscribed' "$P/lists/east.removed.csv")" = 1 ] &&
	[ "$(grep -ci '^carol@example.org,' "$P/lists/east.csv")" = 1 ] &&
	M lists sync --dry-run >"$TMP/dry2.diff" 2>&1 &&
	grep -q '0 rows to move, 0 web subscribers to append' "$TMP/dry2.diff"
ok $? "lists sync moves bob and amy out, appends carol once, and is then a no-op"
exit 0
