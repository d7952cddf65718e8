#!/usr/bin/env bash
# A web subscriber's name with a control or a bidi character: serve's
# subscribe form refused only line breaks and names starting like a
# formula, so "王<U+202E>gnp.exe" (shown "王exe.png") or a name with
# U+2066 was recorded, and `lists sync` wrote such names from the journal
# (ESC [2J, an OSC title, U+009B, U+202E: recorded before the form refused
# them) into the editors' CSV as they were, for the next `cat` or
# spreadsheet to obey.  Now the form answers 400 with a message saying
# why, echoes nothing of the name and records nothing; a name in another
# script (Arabic, a Persian one with a zero-width non-joiner) passes; the
# sync appends such a subscriber without the name, a warning naming the
# subscriber and the name escaped, the row whole.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/hostile.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 9
web_direct_project 'mails_per_address_per_day: 3' 'mails_per_ip_per_hour: 1000'
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
RLO=$(printf '\342\200\256') LRI=$(printf '\342\201\246')
PDI=$(printf '\342\201\251') CSI=$(printf '\302\233') ESC=$(printf '\033')
ZWNJ=$(printf '\342\200\214') ZWSP=$(printf '\342\200\213')
web_direct_serve
fill() { web_fill "$BASE/lists/aba/subscribe" "$@"; }

MSG='称呼不能含控制字符或文字方向控制字符(如 ESC、U+202E)· The name may not hold control or text-direction characters (such as ESC or U+202E)'
bad=0 n=0
for name in "王${RLO}gnp.exe" "${LRI}Ann${PDI}" "Eve${ESC}[2J" "Bob${CSI}31m"; do
	n=$((n + 1))
	WEB_FILL_BODY=$TMP/page$n.html fill "$name" "h$n@example.org" >"$TMP/f.out"
	{ read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = "400/$MSG" ] || { echo "# name $n: $code $msg"; bad=1; }
done
[ $bad = 0 ]
ok $? "4 names with U+202E, U+2066, ESC [2J, U+009B: the form again, 400, saying why"
bad=0
for k in 1 2 3 4; do no_raw_ctl "$TMP/page$k.html" || bad=1; done
[ $bad = 0 ] && ! grep -q 'gnp.exe' "$TMP/page1.html"
ok $? "the pages answered echo nothing of the name: no raw control, no bidi character"
bad=0
for pair in "محمد علي|ali@example.org" "فاطمه${ZWNJ}زهرا|zahra@example.org"; do
	fill "${pair%%|*}" "${pair#*|}" >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = 200/- ] || { echo "# '$pair': $code $msg"; bad=1; }
done
[ $bad = 0 ]; ok $? "an Arabic name and a Persian one with a zero-width non-joiner: 200"
drained
[ "$(q "select count(*) from subscriptions where email like 'h_@example.org'")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 2 ]
ok $? "none of the four is recorded or mailed; the two are"

# confirmed web subscribers from before the form refused such names
now=$(date +%s)
add_old() { q "insert into subscriptions(list, email, name, submitted_at, confirmed_at, ip, form) values ('aba', '$1', $2, $now, $now, '127.0.0.1', 'old form')"; }
add_old old1@example.org "char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || 'Eve'"
add_old old2@example.org "'王$RLO' || 'gnp.exe'"
add_old old3@example.org "'Bob$CSI' || '31m'"
add_old old4@example.org "'${LRI}Ann$PDI'"
add_old old5@example.org "'李明'"
add_old old6@example.org "'Ann$ZWSP'"
add_old old7@example.org "'فاطمه${ZWNJ}زهرا'"
cp "$P/lists/aba.csv" "$TMP/aba.orig"
M lists sync --dry-run aba >"$TMP/dry.diff" 2>"$TMP/dry.err"
M lists sync aba >"$TMP/sync.out" 2>"$TMP/sync.err"; rc=$?
sed 's/^/# /' "$TMP/sync.out" "$TMP/sync.err"
[ $rc = 0 ] && grep -q 'lists sync: 0 rows moved, 7 web subscribers appended' "$TMP/sync.out"
ok $? "lists sync: exit 0, the seven appended ($rc)"
/usr/bin/python3 - "$P/lists/aba.csv" "$TMP/aba.orig" <<'PY'
import csv, io, sys
new, orig = open(sys.argv[1], newline='').read(), open(sys.argv[2], newline='').read()
assert new.startswith(orig), "the editors' rows changed"
rows = list(csv.reader(io.StringIO(new[len(orig):], newline='')))
hdr = next(csv.reader(io.StringIO(orig)))
got = {r[0]: r[hdr.index('name')] for r in rows}
want = {'old1@example.org': '', 'old2@example.org': '', 'old3@example.org': '',
        'old4@example.org': '', 'old5@example.org': '李明',
        'old6@example.org': '', 'old7@example.org': 'فاطمه\u200cزهرا'}
if got != want or any(len(r) != len(hdr) for r in rows):
    print('# rows:', rows); sys.exit(1)
PY
ok $? "the five appended without the name (Ann<U+200B> too), whole rows; 李明 and a Persian name with ZWNJ as typed; the editors' rows untouched"
# the Persian name's ZWNJ is as typed (no_raw_ctl counts U+200C too)
grep -v '^old7@' "$P/lists/aba.csv" >"$TMP/aba.but7"
no_raw_ctl "$TMP/aba.but7" && no_raw_ctl "$TMP/sync.err" && no_raw_ctl "$TMP/sync.out"
ok $? "no raw control, bidi or zero-width character in the CSV (but old7's ZWNJ) or in what sync wrote"
[ "$(grep -c 'is appended without the name the journal has, .*: it holds control, text-direction or invisible characters' "$TMP/sync.err")" = 5 ] &&
	grep -Fq 'web subscriber old6@example.org is appended without the name the journal has, "Ann<U+200B>"' "$TMP/sync.err" &&
	grep -Fq 'web subscriber old1@example.org is appended without the name the journal has, "\x1b[2J\x1b]0;pwned\x07Eve"' "$TMP/sync.err" &&
	grep -Fq 'web subscriber old2@example.org is appended without the name the journal has, "王<U+202E>gnp.exe"' "$TMP/sync.err"
ok $? "each named in a warning with the name escaped"
[ "$(grep -c 'appended without the name' "$TMP/dry.err")" = 5 ] &&
	grep -q '^+old2@example.org,,$' "$TMP/dry.diff" && grep -q '^+old6@example.org,,$' "$TMP/dry.diff" &&
	grep -v '^+old7@' "$TMP/dry.diff" >"$TMP/dry.but7" && no_raw_ctl "$TMP/dry.but7"
ok $? "the dry run said and showed the same beforehand"
exit $tap_failed
