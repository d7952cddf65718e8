#!/usr/bin/env bash
# What a contributor put in an issue runs no script on the archive's
# origin when mailer serve serves it: an attachment agenda.html, an SVG
# image with a <script>, and an article's <script> under allow_html: true
# were served with no Content-Security-Policy (serve's own pages had one),
# so Chromium ran each on the site of the subscribe and unsubscribe
# forms.  Now each scriptable file (HTML, SVG, XML) carries a policy
# without scripts or form posts; the issue's own images still show.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 7
web_direct_project
M="$MAILER --config $P/config.yaml"
I=$P/issues/2021-01 A=02-liangshan-archives.md
PWN='<script>window.pwned = 1; fetch("/x?" + document.cookie)</script>'
printf '<!DOCTYPE html><title>agenda</title>%s<p>agenda</p>\n' "$PWN" >"$I/files/agenda.html"
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">%s<rect width="10" height="10"/></svg>\n' \
	"$PWN" >"$I/images/logo.svg"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/sponsors.txt, files/agenda.html]#' "$I/$A"
sed -i 's#images: \[images/tianfu-cloud.png\]#images: [images/tianfu-cloud.png, images/logo.svg]#' "$I/01-ziyang-cloud.md"
printf '\n%s\n\n![logo](images/logo.svg)\n' "$PWN" >>"$I/01-ziyang-cloud.md"
echo 'allow_html: true' >>"$I/issue.yaml"
$M send "$I" --quiet >/dev/null 2>&1	# published: sent
$M archive >"$TMP/a.out" 2>&1
ok $? "mailer archive built the site with the hostile files"; sed 's/^/# /' "$TMP/a.out"
ar=$P/archive/2021-01
[ -f "$ar/files/agenda.html" ] && [ -f "$ar/images/logo.svg" ] && grep -q 'window.pwned' "$ar/index.html"
ok $? "the attachment, the SVG and the raw <script> are in the archive as written (allow_html trusts the author)"
web_direct_serve

bad=0
for f in 2021-01/files/agenda.html 2021-01/images/logo.svg 2021-01/index.html 2021-01/aba.html index.html feed.xml; do
	curl -s -D "$TMP/h" -o /dev/null "$BASE/archive/$f"
	grep -qi "^content-security-policy: default-src 'none';.*form-action 'none'" "$TMP/h" ||
		{ echo "# $f: no policy"; bad=1; }
done
img=$(cd "$P/archive" && find 2021-01 -name '*.png' | head -1)
curl -s -D "$TMP/h" -o /dev/null "$BASE/archive/$img"
grep -qi '^content-security-policy' "$TMP/h" && { echo "# $img has a policy"; bad=1; }
ok $bad "HTML, SVG and the feed come with a policy without scripts or form posts; a PNG needs none"

: >"$TMP/cdp.err"
mkdir -p "$TMP/c"
# one Chromium opens them all; dom:passN is written only once every step
# before it held
steps=() n=0
for f in 2021-01/files/agenda.html 2021-01/images/logo.svg 2021-01/index.html; do
	n=$((n + 1))
	steps+=("open:$BASE/archive/$f" 'check:window.pwned === undefined' "dom:pass$n")
done
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${steps[@]}" \
	"open:$BASE/archive/2021-01/index.html" \
	'check:document.images.length >= 2' \
	'check:[...document.images].every(i => i.complete && i.naturalWidth > 0)' \
	dom:pass4 2>>"$TMP/cdp.err"
n=0
for f in 2021-01/files/agenda.html 2021-01/images/logo.svg 2021-01/index.html; do
	n=$((n + 1))
	[ -e "$TMP/c/pass$n.html" ]
	ok $? "Chromium runs no script of $f"
done
[ -e "$TMP/c/pass4.html" ]
ok $? "under the policy the issue's images (PNG and SVG) still show"
sed 's/^/# /' "$TMP/cdp.err"
exit $tap_failed
