#!/usr/bin/env bash
# Hostile input to mailer archive.  HTML and </script> in an issue title,
# a section title, an article title and body and an association's name
# come out as text on every page (Chromium runs no script of theirs) and in
# the feed (escaped once more inside the Atom content).  An issue id with
# ".." or other characters that cannot name a folder, an attachment that
# would overwrite a page and a list id that cannot name a page are refused
# with exit 65 and nothing written.  A damaged build cache cannot make the
# archive remove anything outside it.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v xmllint >/dev/null || skip_all "xmllint not installed (make deps)"
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 12
P=$TMP/p A=$TMP/p/archive I=$TMP/p/issues/2021-01
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
EVIL_ISSUE='新年 </script><script>alert("issue")</script> & <b>粗</b>'
EVIL_TITLE='</script><script>alert(1)</script><img src=x onerror=alert(2)>'
python3 - "$I" "$P/lists/aba.yaml" "$EVIL_ISSUE" "$EVIL_TITLE" <<'PY'
import json, re, sys
issue, aba, evil_issue, evil_title = sys.argv[1:5]
y = open(issue + '/issue.yaml', encoding='utf-8').read()
y = re.sub(r'^title: .*$', 'title: ' + json.dumps(evil_issue, ensure_ascii=False), y, flags=re.M)
y = y.replace('title: 要闻', 'title: "要闻 <script>alert(\'s\')</script>"')
y += 'send_at: 2021-01-20T08:00:00+08:00\n'
open(issue + '/issue.yaml', 'w', encoding='utf-8').write(y)
p = issue + '/01-ziyang-cloud.md'
a = open(p, encoding='utf-8').read()
a = re.sub(r'^title: .*$', 'title: ' + json.dumps(evil_title, ensure_ascii=False), a, count=1, flags=re.M)
a = a.replace('\n\n![', '\n\n<script>alert(3)</script>\n\n正文 </script> <b onmouseover="x()">b</b>\n\n![', 1)
open(p, 'w', encoding='utf-8').write(a)
l = open(aba, encoding='utf-8').read()
l = re.sub(r'^name: .*$', 'name: "阿坝 <i>x</i></script>"', l, flags=re.M)
open(aba, 'w', encoding='utf-8').write(l)
PY
M archive >"$TMP/out" 2>&1; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ] && [ -f "$A/2021-01/aba.html" ]; ok $? "archive of the hostile issue (published by its send_at)"

hits=$(grep -rilE '<script|<img src="?x|<b onmouseover|<i>x' "$A")
[ -z "$hits" ]; ok $? "no page and not the feed holds the markup as markup ${hits:+($hits)}"
grep -qF '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' "$A/2021-01/index.html" &&
	grep -qF '阿坝 &lt;i&gt;x&lt;/i&gt;&lt;/script&gt;' "$A/2021-01/aba.html" &&
	[ "$(grep -o '<!-- raw HTML omitted -->' "$A/2021-01/aba.html" | wc -l)" -ge 4 ]
ok $? "the titles and names are there as escaped text; raw HTML in the body is left out"
bad=0
for f in $(find "$A" -name '*.html' -o -name '*.xml'); do
	xmllint --noout "$f" 2>/dev/null || { echo "# not well-formed: $f"; bad=1; }
done
ok $bad "xmllint: every page and the feed are still well-formed"

mkdir -p "$TMP/c"; : >"$TMP/cdp.err"
clean() {	# clean PAGE: cdp.py's steps that check one page
	printf '%s\n' "open:file://$A/2021-01/$1.html" "dom:$1" \
		'check:document.scripts.length === 0' \
		'check:document.querySelector("img[src=x]") === null' \
		'check:document.querySelectorAll("[onmouseover]").length === 0'
}
# one Chromium for both pages; should it fail, one each, to say which
mapfile -t steps < <(clean index; clean aba)
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${steps[@]}" 2>/dev/null ||
for page in index aba; do
	mapfile -t steps < <(clean "$page")
	timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${steps[@]}" 2>>"$TMP/cdp.err" || bad=1
done
sed 's/^/# /' "$TMP/cdp.err"
ok $bad "Chromium: no script element, no injected img or handler on the general and aba pages"
python3 - "$TMP/c" "$EVIL_ISSUE" "$EVIL_TITLE" <<'PY'
import html, re, sys
d, evil_issue, evil_title = sys.argv[1:4]
bad = 0
for page in ('index', 'aba'):
    dom = open(f'{d}/{page}.html', encoding='utf-8').read()
    titles = [html.unescape(t) for t in re.findall(r'<h3 class="article-title"[^>]*>(.*?)</h3>', dom, re.S)]
    h1 = html.unescape(re.search(r'<h1 id="issue-title"[^>]*>(.*?)</h1>', dom, re.S).group(1))
    if evil_title not in titles: print(f'# {page}: article title not shown as text'); bad = 1
    if h1 != evil_issue: print(f'# {page}: issue title {h1!r}'); bad = 1
sys.exit(bad)
PY
ok $? "Chromium shows the hostile titles as the literal text typed"

/usr/bin/python3 - "$A/feed.xml" "$EVIL_ISSUE" "$EVIL_TITLE" <<'PY'
import feedparser, sys, xml.etree.ElementTree as ET
path, evil_issue, evil_title = sys.argv[1:4]
bad = []
d = feedparser.parse(path)
if d.bozo: bad.append(f'bozo {d.bozo_exception}')
if not d.entries or d.entries[0].title != evil_issue: bad.append('entry title is not the literal text')
ns = {'a': 'http://www.w3.org/2005/Atom'}
entry = ET.parse(path).getroot().find('a:entry', ns)
content = entry.find('a:content', ns).text        # the HTML, unescaped once
if '<script' in content.lower() or '<img src=x' in content: bad.append('markup in the content HTML')
if '&lt;/script&gt;&lt;script&gt;alert(1)' not in content: bad.append('title not escaped in the content HTML')
if entry.find('a:title', ns).text != evil_issue: bad.append('title element')
for b in bad: print('#', b)
sys.exit(1 if bad else 0)
PY
ok $? "feed: feedparser reads it; the content's HTML holds the titles escaped, no markup"

find "$A" -printf '%p %T@\n' | sort >"$TMP/before"
unchanged() { find "$A" -printf '%p %T@\n' | sort | cmp -s - "$TMP/before"; }
refused() {	# refused WHAT ARGS...: exit 65, a message naming the id, nothing written
	local what=$1; shift
	M archive "$@" >/dev/null 2>"$TMP/err"; local rc=$?
	[ $rc = 65 ] && grep -q 'cannot name a folder or page' "$TMP/err" && unchanged ||
		{ echo "# $what: rc $rc: $(cat "$TMP/err")"; return 1; }
}
r=0
refused "x/.." "$I/.." || r=1
refused "x/../" "$I/../" || r=1
cp -r "$I" "$P/issues/bad id"; refused "space" "$P/issues/bad id" || r=1
mv "$P/issues/bad id" "$P/issues/index.html"; refused "index.html" "$P/issues/index.html" || r=1
ok $r "issue ids \"..\", \"bad id\", \"index.html\": exit 65, nothing written"
M archive >/dev/null 2>"$TMP/err"; rc=$?
[ $rc = 65 ] && grep -q 'index.html' "$TMP/err" && unchanged
ok $? "a folder in paths.issues that cannot be an id stops the build (exit 65), nothing written"
rm -rf "$P/issues/index.html"

printf 'x\n' >"$I/aba.html"
sed -i 's|^attachments: .*|attachments: [files/sponsors.txt, aba.html]|' "$I/02-liangshan-archives.md"
M archive >/dev/null 2>"$TMP/err"; rc=$?
[ $rc = 65 ] && grep -q 'aba.html" would overwrite' "$TMP/err" && unchanged
ok $? "an attachment that would overwrite a page: exit 65, nothing written"
sed -i 's|^attachments: .*|attachments: [files/sponsors.txt]|' "$I/02-liangshan-archives.md"

cp "$P/lists/aba.yaml" "$P/lists/a b.yaml"
M archive >/dev/null 2>"$TMP/err"; rc=$?
[ $rc = 65 ] && grep -q '"a b"' "$TMP/err" && unchanged
ok $? "a list id that cannot name a page: exit 65, nothing written"
rm "$P/lists/a b.yaml"

echo keep >"$TMP/victim"; echo keep >"$P/victim2"
python3 - "$P/state/archive-cache.json" "$(cd "$A" && pwd -P)" "$TMP/victim" <<'PY'
import json, sys
path, out, victim = sys.argv[1:4]
c = json.load(open(path))
c['issues']['gone'] = {'fp': 'x', 'files': {
    '../victim2': [1, 1, 1], '2021-01/../../victim2': [1, 1, 1],
    victim: [1, 1, 1], 'gone/../../victim2': [1, 1, 1]}}
json.dump(c, open(path, 'w'))
PY
M archive >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && [ -f "$TMP/victim" ] && [ -f "$P/victim2" ] &&
	[ "$(grep -c 'not removing' "$TMP/err")" = 4 ]
ok $? "a cache naming files outside the archive removes nothing there"
exit $tap_failed
