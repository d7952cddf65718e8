#!/usr/bin/env bash
# The HTML preview opened in a real browser: headless Chromium dumps the
# DOM (every article title must be there) and takes a screenshot that must
# not be blank.
. tests/lib/tap.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 4
"$MAILER" preview issues/2021-01 --list liangshan --out "$TMP/pv" >/dev/null
ok $? "preview of one edition"
chrome() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-first-run --disable-quic \
		--user-data-dir="$TMP/profile" "$@" 2>>"$TMP/chromium.log"
}
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
python3 - "$TMP/shot.png" <<'PY'
# Decode the PNG with zlib and count distinct colours: a blank page has 1.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat, w, h, ct = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    chunk = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR': w, h, depth, ct = struct.unpack('>IIBB', chunk[:10])
    if kind == b'IDAT': idat += chunk
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ct]
stride = w * bpp + 1
# sample unfiltered bytes loosely: distinct byte triples across rows
colours = set()
for y in range(0, h, 7):
    row = raw[y * stride + 1:(y + 1) * stride]
    for x in range(0, len(row) - bpp, bpp * 5):
        colours.add(row[x:x + 3])
print('# %dx%d screenshot, %d distinct sampled values' % (w, h, len(colours)))
sys.exit(0 if len(colours) > 20 else 1)
PY
ok $? "screenshot is not blank"
exit $tap_failed
