#!/usr/bin/env bash
# The feed read by a reader that does not follow xml:base (a mail digest
# made from the feed, or an aggregator that resolves against the feed's
# own URL): every href and src in every entry's content is absolute, under
# the archive's base_url (served under a sub-path, /newsletter/), and
# names a file the archive holds; an article's link to another site and a
# mailto: stay as they were; feedparser (which follows xml:base) resolves
# them to the same URLs.
. tests/lib/tap.sh
. tests/lib/project.sh
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 3
P=$TMP/p A=$TMP/p/archive BASE=https://news.example.org/newsletter
mk_maildir_project "$P"
printf 'web:\n  base_url: %s\n' "$BASE" >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
for i in 2 3; do
	cp -r "$P/issues/2021-01" "$P/issues/2021-0$i"
	sed -i -e "s/^number: .*/number: $i/" -e "s/^date: .*/date: 2021-0$i-20/" \
		"$P/issues/2021-0$i/issue.yaml"
	echo "send_at: 2021-0$i-20T08:00:00+08:00" >>"$P/issues/2021-0$i/issue.yaml"
done
printf '\n[外站](https://www.example.com/a?b=1&c=2) [来信](mailto:news@example.org) [附件](files/sponsors.txt)\n' \
	>>"$P/issues/2021-03/01-ziyang-cloud.md"
M send "$P/issues/2021-01" --quiet >/dev/null 2>&1
M archive >"$TMP/out" 2>&1
ok $? "archive of three issues under $BASE/archive/"

# a reader with no xml:base: ElementTree and a tag scan, nothing resolved
/usr/bin/python3 - "$A" "$BASE/archive/" <<'PY' >"$TMP/urls"
import html.parser, sys, xml.etree.ElementTree as ET
A, base = sys.argv[1], sys.argv[2]
ns = {'a': 'http://www.w3.org/2005/Atom'}
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ('href', 'src'): print(v)
for e in ET.parse(A + '/feed.xml').getroot().findall('a:entry', ns):
    P().feed(e.find('a:content', ns).text)
PY
bad=0 n=0
while IFS= read -r u; do
	n=$((n + 1))
	case $u in
	"$BASE/archive/"*)
		f=${u#"$BASE/archive/"}; f=${f%%#*}; f=$(printf '%b' "${f//%/\\x}")
		[ -f "$A/$f" ] || [ -f "$A/${f}index.html" ] || { bad=1; echo "# no file for $u"; } ;;
	https://www.example.com/a\?b=1\&c=2|mailto:news@example.org) ;;
	*) bad=1; echo "# not absolute under the archive: $u" ;;
	esac
done <"$TMP/urls"
[ $bad = 0 ] && [ "$n" = 9 ] && grep -qx "$BASE/archive/2021-03/images/tianfu-cloud.png" "$TMP/urls" &&
	grep -qx "$BASE/archive/2021-03/files/sponsors.txt" "$TMP/urls" &&
	grep -qx 'https://www.example.com/a?b=1&c=2' "$TMP/urls"
ok $? "without xml:base: all $n hrefs and srcs of the content absolute, each a file of the archive"

/usr/bin/python3 - "$A/feed.xml" "$TMP/urls" <<'PY'
import feedparser, html.parser, sys
d = feedparser.parse(sys.argv[1])
got = []
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        got.extend(v for k, v in attrs if k in ('href', 'src'))
for e in d.entries: P().feed(e.content[0].value)
want = open(sys.argv[2]).read().split('\n')[:-1]
if d.bozo: print('# bozo:', d.bozo_exception)
for a, b in zip(got, want):
    if a != b: print('# feedparser', a, 'raw', b)
sys.exit(1 if d.bozo or got != want else 0)
PY
ok $? "feedparser: no bozo, the same URLs"
