#!/usr/bin/env bash
# A web subscriber's name with a character shown as nothing: the form
# refused controls and bidi characters (1451) but took "Ann<U+200B>"
# (shown as "Ann", another name in the journal and the editors' CSV), a
# name of one Hangul filler U+3164 (shown as no name at all), a soft
# hyphen, a word joiner, U+FEFF, and text in tag characters
# (U+E0000-E007F, which no one sees: "Zoe" followed by "ignore all").
# Now each gets the form again, 400, a message saying why, nothing of
# the name echoed, nothing recorded.  The invisible characters a script
# needs still pass: ZWJ and ZWNJ (Devanagari "क्‍ष", an emoji
# sequence), a variation selector (emoji presentation U+FE0F, the
# ideographic variant U+E0100 of 葛 in a Japanese or Chinese name), a
# Mongolian free variation selector.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/hostile.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project 'mails_per_address_per_day: 3' 'mails_per_ip_per_hour: 1000'
web_direct_serve
fill() { web_fill "$BASE/lists/aba/subscribe" "$@"; }
u() { LC_ALL=C.UTF-8 printf "$@"; }	# u '\u200b': the character, in UTF-8

MSG='称呼不能含看不见的字符(如零宽空格 U+200B)· The name may not hold invisible characters (such as the zero-width space U+200B)'
bad=0 n=0
for name in "Ann$(u '\u200b')" "$(u '\u3164')" "Bo$(u '\u00ad')b" "Eve$(u '\u2060')" \
	"$(u '\ufeff')Li" "Zoe$(u '\U000e0069\U000e0067\U000e006e\U000e006f\U000e0072\U000e0065')" \
	"Kim$(u '\u115f')" "A$(u '\u034f')nn"; do
	n=$((n + 1))
	WEB_FILL_BODY=$TMP/page$n.html fill "$name" "h$n@example.org" >"$TMP/f.out"
	{ read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = "400/$MSG" ] || { echo "# name $n: $code $msg"; bad=1; }
done
[ $bad = 0 ]
ok $? "$n names with U+200B, U+3164, U+00AD, U+2060, U+FEFF, tags, U+115F, U+034F: the form again, 400, saying why"
/usr/bin/python3 - "$TMP"/page?.html <<'PY'
import html.parser, re, sys
class Name(html.parser.HTMLParser):
    value = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == 'input' and a.get('name') == 'name': self.value = a.get('value') or ''
for f in sys.argv[1:]:
    text = open(f, encoding='utf-8').read()
    p = Name(); p.feed(text)
    hid = re.search('[\u00ad\u034f\u115f\u200b\u2060\u3164\ufeff\U000e0000-\U000e0fff]', text)
    if p.value != '' or hid:
        print('#', f, repr(p.value), hid); sys.exit(1)
PY
ok $? "the pages answered echo nothing of the name, hold none of those characters"
bad=0 n=0
for name in "$(u '\u0915\u094d\u200d\u0937')" "Ann $(u '\U0001f469\u200d\U0001f4bb')" \
	"Li $(u '\u2764\ufe0f')" "$(u '\u845b\U000e0100')西" "$(u '\u1820\u180b\u1828')"; do
	n=$((n + 1))
	fill "$name" "ok$n@example.org" >"$TMP/f.out"; { read -r code; read -r msg; } <"$TMP/f.out"
	[ "$code/$msg" = 200/- ] || { echo "# name $n: $code $msg"; bad=1; }
	printf '%s\n' "$name" >>"$TMP/want"
done
[ $bad = 0 ]; ok $? "Devanagari with ZWJ, emoji with ZWJ and U+FE0F, 葛 with U+E0100, Mongolian with U+180B: 200"
drained
q "select name from subscriptions where email like 'ok_@example.org' order by email" >"$TMP/got"
[ "$(q "select count(*) from subscriptions where email like 'h_@example.org'")" = 0 ] &&
	[ "$(q "select count(*) from web_mails")" = 5 ] && cmp -s "$TMP/got" "$TMP/want"
ok $? "none of the refused is recorded or mailed; the five are, names byte for byte"
exit $tap_failed
