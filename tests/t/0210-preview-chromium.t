#!/usr/bin/env bash
# The HTML preview opened in a real browser: headless Chromium dumps the
# DOM (every article title must be there) and takes a screenshot that must
# not be blank.
. tests/lib/tap.sh
. tests/lib/chromium.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 4
# The shipped project as it is, in a copy: its config makes demo keys and
# starts a gpg-agent under demo/, which stay out of the working tree and
# are stopped when the test ends.
cp -r issues lists templates config.yaml "$TMP/"
tap_cleanup() { gpgconf --homedir "$TMP/demo/gnupg" --kill gpg-agent; }
"$MAILER" --config "$TMP/config.yaml" preview "$TMP/issues/2021-01" --list liangshan --out "$TMP/pv" >/dev/null
ok $? "preview of one edition"
chrome --dump-dom "file://$TMP/pv/liangshan.html" >"$TMP/dom.html"
python3 - "$TMP/dom.html" issues/2021-01 <<'PY'
import glob, html, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
titles = [re.search(r'^title: "?(.*?)"?$', open(p, encoding='utf-8').read(), re.M).group(1)
          for p in glob.glob(sys.argv[2] + '/*.md')]
found = re.findall(r'<h3 class="article-title"[^>]*>(.*?)</h3>', dom, re.S)
found = [html.unescape(f) for f in found]
missing = [t for t in titles if t not in found]
for t in missing: print('# missing in DOM:', t)
print('# DOM holds %d article titles of %d' % (len(set(titles) & set(found)), len(titles)))
sys.exit(1 if missing or not titles else 0)
PY
ok $? "DOM from Chromium holds every article title"
chrome --screenshot="$TMP/shot.png" --window-size=800,1200 \
	"file://$TMP/pv/liangshan.html" >/dev/null
[ -s "$TMP/shot.png" ]; ok $? "screenshot written"
python3 tests/lib/pngcheck.py "$TMP/shot.png"
ok $? "screenshot is not blank"
exit $tap_failed
