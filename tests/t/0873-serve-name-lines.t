#!/usr/bin/env bash
# The subscribe form's name is one line of printable text, in Unicode's
# sense too: the C1 controls (NEL, U+0085, among them) and the line and
# paragraph separators (U+2028, U+2029) end a line in mail readers and
# editors as CR and LF do, so a name holding them would put lines of the
# submitter's choosing into the editors' CSV and the consent record (the
# confirmation mail holds no name: 0875).  Each gets the form again with
# the error (400), nothing recorded, no mail; a name of letters, CJK,
# punctuation and spaces (also U+00A0) is taken as before.  Maildir
# transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project 'mails_per_ip_per_hour: 1000'
web_direct_serve
S=$BASE/lists/aba/subscribe
bad=0 i=0
for n in 'Amy%C2%85Visit+evil.example' 'Amy%E2%80%A8%E2%80%A8Urgent' \
	'Amy%E2%80%A9P' 'Amy%C2%80x' 'Amy%C2%9Fx'; do
	i=$((i + 1))
	code=$(curl -s -o "$TMP/f$i.html" -w '%{http_code}' \
		--data "name=$n&email=line$i@example.org" "$S")
	[ "$code" = 400 ] && grep -q 'class="error"' "$TMP/f$i.html" ||
		{ echo "# $n: $code"; bad=1; }
done
[ $bad = 0 ]; ok $? "NEL, U+2028, U+2029 and other C1 controls in the name: the form again (400)"
[ "$(q "select count(*) from subscriptions")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 0 ]
ok $? "nothing recorded, no mail queued"
code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode \
	"name=李 雷, Jr.$(printf '\xc2\xa0')(Ünal) «x»" --data 'email=fine@example.org' "$S")
[ "$code" = 200 ] &&
	[ "$(q "select count(*) from subscriptions where email='fine@example.org'")" = 1 ]
ok $? "a name of letters, CJK, punctuation and spaces is taken ($code)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
