#!/usr/bin/env bash
# mailer lists, lists sync, check's warnings and suppress --lift, on three
# lists of our own (LF and CRLF files, quoted fields, extra columns, a
# blank line, a last row without newline, an existing removed.csv with its
# columns in another order).  Everything that changes the journal happens
# for real: the issue goes out through Postfix; two addresses nobody has
# bounce (genuine Postfix DSNs read by `mailer bounces` over IMAPS); a
# reader unsubscribes with the providers' one-click POST to `mailer serve`;
# another complains (an ARF report through Postfix to his VERP address);
# two people subscribe on serve's form and confirm from the mail Postfix
# delivered to Dovecot.  Then: the counts, check's file:line warnings,
# --dry-run (changes nothing; its diff, applied with patch, gives the very
# files the sync writes), the sync's files byte for byte, a second sync
# that changes nothing, the next send reaching exactly the new roster, and
# the lifts (bounce yes, complaint only with --force, unsubscribe never; a
# lifted address bounced again is suppressed by its new bounce alone).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v patch >/dev/null || skip_all "patch not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-lists.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 27
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
READERS="amy@example.org bob@example.org carol@example.org dan@example.org
erin@example.org frank@example.org gina@example.org hal@example.org
ivy@example.org"
{ printf '%s\n' $READERS; echo sender@example.org; echo bounces@bounce.test; } |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
web_ports
P=$T/proj
printf 's3cret-sender\n' >"$T/imap.pw"; chmod 600 "$T/imap.pw"
mk_project "$P" "imap:" "  url: imaps://127.0.0.1:$SRV_IMAPS_PORT" \
	"  username: bounces@bounce.test" "  password_file: $T/imap.pw" \
	"  ca_file: $SRV_CA" "web:" "  base_url: http://127.0.0.1:$WEB_SERVE_PORT"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
rm -r "$P"/lists/* "$P"/issues/*
# an issue of our own: the sample's names the sample's lists
mk_issue() {
	mkdir -p "$P/issues/$1"
	printf 'number: %s\ndate: 2030-01-10\ntitle: 测试通讯 %s\nsubject: "{{issue.title}}"\nsections:\n  - id: news\n    title: 要闻\n' \
		"${1#*-}" "$1" >"$P/issues/$1/issue.yaml"
	printf -- '---\ntitle: 第一篇\nsection: news\n---\n正文。\n' >"$P/issues/$1/01-a.md"
}
mk_issue 2030-01
for id in east west north; do
	printf 'name: 测试 %s\nshort_name: %s\ngreeting: 你好\ncontact: x\nlist_id: %s.news.example.org\n' \
		"$id" "$id" "$id" >"$P/lists/$id.yaml"
done
# east: LF, quoted fields, a blank line, odd spacing, no final newline
printf '%s\n' 'email,name,city,note' 'amy@example.org,"Amy, A.",成都,' \
	'ghost1@members.test,幽灵一,"Mian ""yang""",keep me' \
	'bob@example.org,Bob,雅安,"x,y"' '' 'carol@example.org,Carol,, ' >"$P/lists/east.csv"
printf '%s' 'dan@example.org,"Dan",德阳,last' >>"$P/lists/east.csv"
# west: CRLF, quoted header; its removed.csv exists, columns reordered
printf '%s\r\n' '"email","name"' 'erin@example.org,Erin' \
	'ghost2@members.test,幽灵二' 'frank@example.org,"Frank ""F"""' >"$P/lists/west.csv"
printf '%s\r\n' 'reason,removed,email,name' 'unsubscribed,2020-05-01,old@example.org,Old' \
	>"$P/lists/west.removed.csv"
printf '%s\n' 'email,name' 'ivy@example.org,Ivy' >"$P/lists/north.csv"
cp -a "$P/lists" "$T/lists.orig"
has_count() { [ "$(srv_maildir_count "$1")" -ge "$2" ]; }
wait_count() {	# wait_count ADDR N: up to 120 s for N messages in ADDR's Maildir
	wait_for 120 "$2 messages in $1's Maildir" has_count "$1" "$2"
}
# newest ADDR LIST: the newest message of LIST in ADDR's Maildir
newest() { ls -t $(grep -l "^List-Id:.*<$2\." "$(srv_maildir "$1")"/new/*) | head -1; }

M send "$P/issues/2030-01" --quiet >"$T/send1.out" 2>&1
ok $? "the issue goes out through Postfix"
srv_wait_queue_empty 120 && wait_count bounces@bounce.test 2 && wait_count frank@example.org 1
ok $? "delivered; Postfix bounced the two unknown addresses to the VERP address"

# one-click unsubscribe: the providers' POST to the message's own URL
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
url=$(/usr/bin/python3 - "$(newest bob@example.org east)" <<'PY'
import email, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'))
print(re.search(r'<(http://[^>]+)>', str(m['List-Unsubscribe'])).group(1))
PY
)
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
	--data 'List-Unsubscribe=One-Click' "$url")
[ "$code" = 200 ] && [ "$(q "select count(*) from unsubscribes where list='east' and email='bob@example.org'")" = 1 ]
ok $? "bob unsubscribes from east with the one-click POST (HTTP $code)"

# a complaint: an ARF report to frank's message's return path
f=$(newest frank@example.org west)
rp=$(sed -n 's/^Return-Path: <\(.*\)>\r\?$/\1/p' "$f" | head -1)
/usr/bin/python3 tests/lib/arf.py "$f" frank@example.org "$rp" >"$T/arf.eml" &&
	curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
		"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from fbl@example.org \
		--mail-rcpt "$rp" -u sender@example.org:s3cret-sender -T "$T/arf.eml" &&
	srv_wait_queue_empty 120 && wait_count bounces@bounce.test 3
ok $? "frank's feedback report reached the bounce mailbox"
M bounces >"$T/b1.out" 2>&1
[ "$(q "select list||' '||email||' '||reason from suppressions order by 1")" = "$(printf '%s\n' \
	'east ghost1@members.test 1 hard bounce(s)' 'west frank@example.org complaint' \
	'west ghost2@members.test 1 hard bounce(s)')" ]
ok $? "mailer bounces: two hard bounces and the complaint suppress"

# web subscriptions, confirmed from the mail Postfix delivered
subscribe() {	# subscribe LIST EMAIL NAME: the form, the mail, the confirm POST
	local n link
	n=$(srv_maildir_count "$2")
	curl -s -o /dev/null --data-urlencode "name=$3" --data-urlencode "email=$2" \
		"http://127.0.0.1:$WEB_SERVE_PORT/lists/$1/subscribe" &&
		srv_wait_queue_empty 120 && wait_count "$2" $((n + 1)) || return 1
	link=$(grep -l '^Auto-Submitted: auto-generated' "$(srv_maildir "$2")"/new/* |
		xargs /usr/bin/python3 -c '
import email, email.policy, re, sys
for f in sys.argv[2:]:
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    for u in re.findall(r"http://\S+/lists/" + sys.argv[1] + r"/confirm\?t=\S+",
                        m.get_body(("plain",)).get_content()):
        print(u)' "$1" | tail -1)
	[ -n "$link" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --data confirm=1 "$link")" = 200 ]
}
subscribe east gina@example.org 'Gina "G", Jr.' &&
	subscribe west hal@example.org 'Hal' && subscribe east amy@example.org 'Amy again'
ok $? "gina (east), hal (west) and amy (already an east row) subscribe and confirm"
web_serve_stop

M lists --json >"$T/lists.json"; rc=$?
/usr/bin/python3 - "$T/lists.json" <<'PY'
import json, sys
got = {o.pop('list'): o for o in json.load(open(sys.argv[1]))}
want = {
 'east':  dict(rows=5, invalid=0, web=1, unsubscribed=1, bounced=1, complained=0, reach=4),
 'north': dict(rows=1, invalid=0, web=0, unsubscribed=0, bounced=0, complained=0, reach=1),
 'west':  dict(rows=3, invalid=0, web=1, unsubscribed=0, bounced=1, complained=1, reach=2),
}
if got != want:
    sys.exit('# got %s' % got)
PY
ok $(( rc | $? )) "lists --json: rows, web subscribers, unsubscribed, bounced, complained, reach"
M lists >"$T/lists.txt"
grep -qE '^east +5 +0 +1 +1 +1 +0 +4$' "$T/lists.txt" &&
	grep -qE '^total +9 +0 +2 +1 +2 +1 +7$' "$T/lists.txt"
ok $? "lists: the same as a table, with a total"

M check "$P/issues/2030-01" >"$T/check.out" 2>"$T/check.err"; rc=$?
sed 's/^/# /' "$T/check.err"
grep -o "^mailer: [^ ]*:[0-9]*: warning: [^ ]*" "$T/check.err" |
	sed "s|$P/||; s/^mailer: //; s/: warning: / /" >"$T/warned"
printf '%s\n' 'lists/east.csv:3 ghost1@members.test' 'lists/east.csv:4 bob@example.org' \
	'lists/west.csv:3 ghost2@members.test' 'lists/west.csv:4 frank@example.org' |
	diff - "$T/warned" && [ $rc = 0 ] && grep -q '4 CSV rows no longer receive' "$T/check.out"
ok $? "check warns with file:line about the four rows (exit $rc)"

# --dry-run: a diff, nothing written; patch applies it to a copy
snap() { (cd "$P/lists" && for f in *; do printf '%s %s\n' "$f" "$(stat -c '%i %Y %s' "$f")"; done; cat ./*) | sha256sum; }
before=$(snap)
M lists sync --dry-run >"$T/dry.diff" 2>"$T/dry.err"; rc=$?
sed 's/^/# /' "$T/dry.err"
[ $rc = 0 ] && [ "$(snap)" = "$before" ] && diff -r "$T/lists.orig" "$P/lists" >/dev/null
ok $? "lists sync --dry-run writes nothing (exit $rc)"
grep -q '^-bob@example.org,Bob,雅安,"x,y"$' "$T/dry.diff" &&
	grep -q '^+gina@example.org,"Gina ""G"", Jr.",,$' "$T/dry.diff"
ok $? "its diff shows the moved and the appended rows"
cp -a "$P" "$T/patched"
(cd "$T/patched" && patch -s -p0 <"$T/dry.diff"); rc=$?
ok $rc "patch -p0 applies the dry run's diff to a copy (exit $rc)"

M lists sync >"$T/sync1.out" 2>&1; rc=$?
sed 's/^/# /' "$T/sync1.out"
ok $rc "lists sync exits 0"
day() { q "select date($1, 'unixepoch')"; }
D_BOB=$(day "(select at from unsubscribes where email='bob@example.org')")
D_G1=$(day "(select at from suppressions where email='ghost1@members.test')")
D_G2=$(day "(select at from suppressions where email='ghost2@members.test')")
D_FR=$(day "(select at from suppressions where email='frank@example.org')")
{ printf '%s\n' 'email,name,city,note' 'amy@example.org,"Amy, A.",成都,' '' \
	'carol@example.org,Carol,, ' 'dan@example.org,"Dan",德阳,last' \
	'gina@example.org,"Gina ""G"", Jr.",,'; } >"$T/east.want"
printf '%s\n' 'email,name,city,note,removed,reason' \
	"ghost1@members.test,幽灵一,\"Mian \"\"yang\"\"\",keep me,$D_G1,1 hard bounce(s)" \
	"bob@example.org,Bob,雅安,\"x,y\",$D_BOB,unsubscribed" >"$T/east.removed.want"
printf '%s\r\n' '"email","name"' 'erin@example.org,Erin' 'hal@example.org,Hal' >"$T/west.want"
printf '%s\r\n' 'reason,removed,email,name' 'unsubscribed,2020-05-01,old@example.org,Old' \
	"1 hard bounce(s),$D_G2,ghost2@members.test,幽灵二" \
	"complaint,$D_FR,frank@example.org,\"Frank \"\"F\"\"\"" >"$T/west.removed.want"
bad=0
for f in east west east.removed west.removed; do
	cmp "$T/$f.want" "$P/lists/$f.csv" || { bad=1; diff "$T/$f.want" "$P/lists/$f.csv" | sed 's/^/# /'; }
done
cmp -s "$T/lists.orig/north.csv" "$P/lists/north.csv" && [ ! -e "$P/lists/north.removed.csv" ] || bad=1
ok $bad "the four files are byte for byte as expected; north is untouched"
diff -r "$T/patched/lists" "$P/lists" >/dev/null
ok $? "the dry run's diff, applied, gives the very files the sync wrote"
ls "$P/lists" | grep -q tmp && bad=1 || bad=0
[ "$(stat -c %a "$P/lists/east.csv")" = "$(stat -c %a "$T/lists.orig/east.csv")" ] || bad=1
ok $bad "no temporary file left; the CSV keeps its mode"
grep -q '^lists sync: 4 rows moved, 2 web subscribers appended, 2 of 3 lists changed$' "$T/sync1.out"
ok $? "its summary counts 4 rows moved and 2 subscribers appended"

before=$(snap)
M lists sync >"$T/sync2.out" 2>&1; rc=$?
[ $rc = 0 ] && [ "$(snap)" = "$before" ] &&
	grep -q '^lists sync: 0 rows moved, 0 web subscribers appended, 0 of 3 lists changed$' "$T/sync2.out"
ok $? "a second sync changes nothing, not even a file's inode or time"
M lists sync --dry-run >"$T/dry2.diff" 2>/dev/null
[ ! -s "$T/dry2.diff" ]; ok $? "and its dry run prints an empty diff"
M check "$P/issues/2030-01" >"$T/check2.out" 2>"$T/check2.err"
! grep -q warning "$T/check2.err" && ! grep -q 'no longer receive' "$T/check2.out"
ok $? "check has nothing more to warn about"

# the next issue reaches exactly the synced CSVs
cp -r "$P/issues/2030-01" "$P/issues/2030-02"
lines=$(wc -l <"$SRV_POSTFIX_LOG")
M send "$P/issues/2030-02" --quiet >"$T/send2.out" 2>&1
srv_wait_queue_empty 120
tail -n +$((lines + 1)) "$SRV_POSTFIX_LOG" | grep -o 'to=<[^>]*>, .*status=sent' |
	grep -o '^to=<[^>]*>' | sort >"$T/got2"
awk 'FNR > 1' "$P/lists/east.csv" "$P/lists/west.csv" "$P/lists/north.csv" |
	tr -d '\r' | cut -d, -f1 | grep @ | sed 's/.*/to=<&>/' | sort >"$T/want2"
diff "$T/want2" "$T/got2" | sed 's/^/# /'
cmp -s "$T/want2" "$T/got2" && [ "$(wc -l <"$T/got2")" = 7 ]
ok $? "the next send reaches the 7 rows of the synced CSVs, each once (Postfix's log)"

# lifts
M suppress --lift frank@example.org >"$T/l1.out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q '^kept: west frank@example.org (complaint' "$T/l1.out" &&
	[ "$(q "select count(*) from suppressions where email='frank@example.org'")" = 1 ]
ok $? "a complaint is not lifted without --force (exit $rc)"
M suppress --lift frank@example.org --force >"$T/l2.out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '^lifted: west frank@example.org (complaint' "$T/l2.out" &&
	[ "$(q "select count(*) from suppressions where email='frank@example.org'")" = 0 ]
ok $? "with --force it is (exit $rc)"
M suppress --lift bob@example.org --list east >"$T/l3.out" 2>&1; rc=$?
[ $rc = 65 ] && grep -q '^unsubscribed: east bob@example.org' "$T/l3.out" &&
	[ "$(q "select count(*) from unsubscribes where email='bob@example.org'")" = 1 ]
ok $? "an unsubscribe is never lifted (exit $rc)"
M suppress --lift 'not an address' >/dev/null 2>&1; r1=$?
M suppress --lift ghost1@members.test --list west >/dev/null 2>&1; r2=$?
[ "$r1$r2" = 6465 ]; ok $? "a bad address is a usage error; another list's lift finds nothing ($r1, $r2)"
# the editor puts ghost1 back; check warns until the lift; a new bounce
# alone suppresses again (hard_limit 1: the old one no longer counts)
printf 'ghost1@members.test,幽灵一,,\n' >>"$P/lists/east.csv"
M check "$P/issues/2030-01" 2>&1 | grep -q 'east.csv:7: warning: ghost1@members.test' &&
	M suppress --lift ghost1@members.test --list east >"$T/l4.out" 2>&1 &&
	! M check "$P/issues/2030-01" 2>&1 | grep -q warning
ok $? "a row put back is warned about, then lifted, then not"
cp -r "$P/issues/2030-01" "$P/issues/2030-03"
n=$(srv_maildir_count bounces@bounce.test)
M send "$P/issues/2030-03" --list east --quiet >"$T/send3.out" 2>&1
srv_wait_queue_empty 120 && wait_count bounces@bounce.test $((n + 1)) &&
	M bounces >"$T/b3.out" 2>&1 &&
	[ "$(q "select reason from suppressions where list='east' and email='ghost1@members.test'")" = '1 hard bounce(s)' ] &&
	[ "$(q "select count(*) from lifts where email='ghost1@members.test'")" = 1 ]
ok $? "it bounced again: suppressed by that one bounce, the lift on record"
exit $tap_failed
