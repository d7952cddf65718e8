#!/usr/bin/env bash
# mailer archive on the sample, sent into a Maildir first (so it is
# published): headless Chromium opens index.html, clicks through to the
# newest issue and finds every article title and loaded images; Python's
# feedparser reads the Atom feed without complaint; xmllint finds every
# page and the feed well-formed; a second build into another folder is
# byte-identical; no file holds a subscriber's address, name or token,
# even when the template uses subscriber fields; every List-Archive and
# Archived-At URL in the messages sent names a file of the archive; a
# rebuild with nothing changed writes nothing.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v xmllint >/dev/null || skip_all "xmllint not installed (make deps)"
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 12
P=$TMP/p A=$TMP/p/archive BASE=https://news.example.org/letters
mk_maildir_project "$P"
printf 'web:\n  base_url: %s/\n  title: 四川科协学会工作通讯\n' "$BASE" >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/send.out" 2>&1 || sed "s/^/# send: /" "$TMP/send.out"
M archive >"$TMP/out" 2>&1; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ] && [ -f "$A/index.html" ] && [ -f "$A/feed.xml" ] &&
	[ -f "$A/2021-01/index.html" ] && [ "$(ls "$A"/2021-01/*.html | wc -l)" = 22 ] &&
	cmp -s "$A/2021-01/images/tianfu-cloud.png" "$P/issues/2021-01/images/tianfu-cloud.png" &&
	cmp -s "$A/2021-01/files/sponsors.txt" "$P/issues/2021-01/files/sponsors.txt"
ok $? "archive: index, feed, the general edition, 21 association pages, image and attachment"

mkdir -p "$TMP/c"
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "open:file://$A/index.html" \
	dom:index click:a.issue-link dom:issue shot:issue \
	'check:document.images.length > 0 && Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)' \
	"check:location.pathname.endsWith('/2021-01/index.html')" 2>"$TMP/cdp.err"
rc=$?; sed 's/^/# /' "$TMP/cdp.err"
ok $rc "Chromium: index.html, a click on the newest issue, its images loaded (naturalWidth > 0)"
python3 - "$TMP/c/issue.html" "$P/issues/2021-01" <<'PY'
import glob, html, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
titles = [re.search(r'^title: "?(.*?)"?$', open(p, encoding='utf-8').read(), re.M).group(1)
          for p in glob.glob(sys.argv[2] + '/*.md')]
found = [html.unescape(f) for f in re.findall(r'<h3 class="article-title"[^>]*>(.*?)</h3>', dom, re.S)]
missing = [t for t in titles if t not in found]
for t in missing: print('# missing in DOM:', t)
print('# DOM holds %d article titles of %d' % (len(set(titles) & set(found)), len(titles)))
sys.exit(1 if missing or not titles else 0)
PY
ok $? "the issue's DOM holds every article title of the sample"
/usr/bin/python3 tests/lib/pngcheck.py "$TMP/c/issue.png"; ok $? "the screenshot is not blank"

/usr/bin/python3 - "$A/feed.xml" "$BASE/archive/" "$P/issues/2021-01" <<'PY'
import feedparser, glob, re, sys
d = feedparser.parse(sys.argv[1])
base, issue = sys.argv[2], sys.argv[3]
bad = []
if d.bozo: bad.append(f'bozo: {d.bozo_exception}')
if d.version != 'atom10': bad.append(f'version {d.version}')
if len(d.entries) != 1: bad.append(f'{len(d.entries)} entries')
e = d.entries[0] if d.entries else {}
if not d.feed.get('id', '').startswith('urn:uuid:'): bad.append(f'feed id {d.feed.get("id")}')
if e.get('id') != 'tag:example.org,2021-01-20:2021-01': bad.append(f'entry id {e.get("id")}')
if e.get('link') != base + '2021-01/': bad.append(f'link {e.get("link")}')
if not e.get('updated_parsed') or not e.get('published_parsed'): bad.append('no updated/published')
elif e.updated_parsed < e.published_parsed: bad.append('updated before published')
if d.feed.get('updated_parsed') != e.get('updated_parsed'): bad.append('feed updated != newest entry')
content = e.get('content', [{}])[0].get('value', '')
for p in glob.glob(issue + '/*.md'):
    t = re.search(r'^title: "?(.*?)"?$', open(p, encoding='utf-8').read(), re.M).group(1)
    if t not in content: bad.append(f'content lacks {t}')
if base + '2021-01/images/tianfu-cloud.png' not in content: bad.append('image URL not resolved against the page')
# a feed reader drops aria-hidden: the sections' pinyin subtitles (the
# page hides them from screen readers) would be read out; the titles stay
import yaml
for sec in yaml.safe_load(open(issue + '/issue.yaml', encoding='utf-8')).get('sections', []):
    if sec.get('title') and sec['title'] not in content: bad.append(f'content lacks section {sec["title"]}')
    if sec.get('subtitle') and sec['subtitle'] in content: bad.append(f'content reads out {sec["subtitle"]}')
for b in bad: print('#', b)
sys.exit(1 if bad else 0)
PY
ok $? "feedparser: Atom 1.0, no bozo, stable ids, dates, alternate link, full content, no decorative pinyin"

bad=0; n=0
while IFS= read -r f; do
	n=$((n + 1))
	xmllint --noout "$f" 2>"$TMP/xml.err" || { bad=1; echo "# $f"; sed 's/^/#   /' "$TMP/xml.err" | head -3; }
done < <(find "$A" -name '*.html' -o -name '*.xml')
echo "# $n files checked"
[ $bad = 0 ] && [ "$n" = 24 ]; ok $? "xmllint --noout: every page and the feed are well-formed ($n)"

M archive --out "$TMP/again" >/dev/null 2>&1 && diff -r "$A" "$TMP/again" >"$TMP/diff" 2>&1
rc=$?; head -5 "$TMP/diff" | sed 's/^/# /'
ok $rc "a second build into another folder is byte-identical"

# every address and name in the lists, and every token of the messages sent
{ tail -q -n +2 "$P"/lists/*.csv | cut -d, -f1,2 | tr ',' '\n'
  grep -ho 'unsubscribe+[A-Za-z0-9_-]*@' "$P"/outbox/new/* | sed 's/^unsubscribe+//; s/@$//'
  grep -ho 'bounces+[A-Za-z0-9_-]*@' "$P"/outbox/new/* | sed 's/^bounces+//; s/@$//'
} | sort -u | grep -v '^$' >"$TMP/private"
hits=$(grep -rlF -f "$TMP/private" "$A" "$TMP/again" | head -5)
echo "# $(wc -l <"$TMP/private") addresses, names and tokens looked for"
[ -z "$hits" ] && [ "$(wc -l <"$TMP/private")" -gt 150 ]
ok $? "no file holds a subscriber's address, name or token ${hits:+(found in $hits)}"

sed -i 's|{{list.greeting}}|{{list.greeting}} {{subscriber.name}} {{subscriber.email}}|' \
	"$P/templates/issue.html.mustache"
grep -q "subscriber.name" "$P/templates/issue.html.mustache" &&
	M archive --out "$TMP/persub" --quiet && grep -q 'class="greeting"' "$TMP/persub/2021-01/aba.html" &&
	! grep -rqF -f "$TMP/private" "$TMP/persub"
ok $? "a template using subscriber fields: the pages still hold none of them"
cp templates/issue.html.mustache "$P/templates/"

python3 - "$P/outbox/new" "$A" "$BASE/archive/" <<'PY'
import email, email.policy, glob, os, sys
box, arch, base = sys.argv[1:4]
bad, n = 0, 0
for f in glob.glob(box + '/*'):
    m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
    for h in ('List-Archive', 'Archived-At'):
        v = str(m[h] or '').strip()
        if not (v.startswith('<' + base) and v.endswith('>')):
            print(f'# {f}: {h}: {v!r}'); bad = 1; continue
        rel = v[len(base) + 1:-1] or 'index.html'
        if rel.endswith('/'): rel += 'index.html'
        if not os.path.isfile(os.path.join(arch, rel)):
            print(f'# {h} {v}: no {rel} in the archive'); bad = 1
    n += 1
print(f'# {n} messages')
sys.exit(bad or n != 78)
PY
ok $? "List-Archive and Archived-At of all 78 messages name files of the archive"
lid=$(grep -l '^To: .*<yang.jinhua.ab@example.org>' "$P"/outbox/new/* | head -1 |
	xargs grep -o '^Archived-At: <.*>' | sed 's|.*/2021-01/\(.*\)\.html>|\1|')
[ "$lid" = aba ]; ok $? "Archived-At names the reader's own association page (aba)"

find "$A" -type f -printf '%p %i %T@\n' | sort >"$TMP/before"
M archive >"$TMP/out2" 2>&1; rc=$?
find "$A" -type f -printf '%p %i %T@\n' | sort >"$TMP/after"
[ $rc = 0 ] && cmp -s "$TMP/before" "$TMP/after" && grep -q ' 0 files written' "$TMP/out2"
ok $? "a rebuild with nothing changed writes nothing ($(sed 's/:.*//' "$TMP/out2"))"
exit $tap_failed
