#!/usr/bin/env bash
# mailer serve serves the archive that `mailer archive` built: the same
# bytes with the right Content-Type, ETag and Last-Modified, 304 for a
# current copy, a folder as its index.html, no listing, and nothing outside
# the folder (.., encoded .., hidden names, a symlink leading out).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
tap_tmp
plan 13
web_direct_project
M="$MAILER --config $P/config.yaml"
$M send "$P/issues/2021-01" --quiet >/dev/null 2>&1	# published: sent
$M archive >"$TMP/a.out" 2>&1
ok $? "mailer archive built the site"; sed 's/^/# /' "$TMP/a.out"
A=$P/archive
echo 'secret outside' >"$P/outside.txt"
ln -s "$P/outside.txt" "$A/2021-01/escape.html"
web_direct_serve

c=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/archive")
[ "$c" = "301 $BASE/archive/" ]; ok $? "/archive redirects to /archive/ ($c)"
curl -s -D "$TMP/h" -o "$TMP/index.html" "$BASE/archive/"
cmp -s "$TMP/index.html" "$A/index.html" &&
	grep -qi '^content-type: text/html; charset=utf-8' "$TMP/h"
ok $? "/archive/ is index.html, byte for byte, as text/html"
etag=$(awk -F': ' 'tolower($1) == "etag" {print $2}' "$TMP/h" | tr -d '\r')
lm=$(awk -F': ' 'tolower($1) == "last-modified" {print $2}' "$TMP/h" | tr -d '\r')
[ -n "$etag" ] && [ -n "$lm" ]; ok $? "ETag ($etag) and Last-Modified ($lm)"
curl -s -D "$TMP/hp" -o /dev/null "$BASE/archive/nope.html"	# serve's own page
! grep -qi '^cache-control' "$TMP/h" && grep -qi '^x-content-type-options: nosniff' "$TMP/h" &&
	grep -qi '^referrer-policy: no-referrer' "$TMP/h" && grep -qi '^cache-control: no-store' "$TMP/hp" &&
	grep -qi "^content-security-policy: default-src 'none'" "$TMP/hp"
ok $? "an archive file may be cached (no Cache-Control: no-store), serve's own pages not (and their CSP)"
c1=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/archive/")
c2=$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$BASE/archive/")
c3=$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "other"' "$BASE/archive/")
[ "$c1$c2$c3" = 304304200 ]; ok $? "304 for a current copy, 200 otherwise ($c1 $c2 $c3)"
curl -s -D "$TMP/h2" -o "$TMP/feed.xml" "$BASE/archive/feed.xml"
cmp -s "$TMP/feed.xml" "$A/feed.xml" && grep -qi '^content-type: application/atom+xml' "$TMP/h2"
ok $? "feed.xml as application/atom+xml"
img=$(cd "$A" && find 2021-01 -name '*.png' | head -1)
curl -s -D "$TMP/h3" -o "$TMP/img" "$BASE/archive/$img"
[ -n "$img" ] && cmp -s "$TMP/img" "$A/$img" && grep -qi '^content-type: image/png' "$TMP/h3"
ok $? "an image ($img) as image/png, the same bytes"
curl -s -o "$TMP/issue.html" "$BASE/archive/2021-01/"
cmp -s "$TMP/issue.html" "$A/2021-01/index.html"; ok $? "a folder is its index.html"
c=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/archive/2021-01")
c2=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/archive/2021-01/index.html")
[ "$c $c2" = "301 $BASE/archive/2021-01/ 200" ]
ok $? "a folder without its slash redirects to it (its relative links need it): $c"
d=$(dirname "$img")
c=$(curl -s -o "$TMP/list.html" -w '%{http_code}' "$BASE/archive/$d/")
[ "$c" = 404 ] && ! grep -q "$(basename "$img")" "$TMP/list.html"
ok $? "a folder without index.html: 404, no listing"
bad=0
for p in '/archive/../config.yaml' '/archive/%2e%2e/state/verp.key' \
	'/archive/2021-01/../../outside.txt' '/archive/.x' '/archive/2021-01/escape.html' \
	'/archive/..%2foutside.txt'; do
	c=$(curl -s --path-as-is -o "$TMP/esc" -w '%{http_code}' "$BASE$p")
	{ [ "$c" = 404 ] && ! grep -q 'secret outside\|sender:' "$TMP/esc"; } ||
		{ echo "# $p: $c"; bad=1; }
done
[ $bad = 0 ]; ok $? "no path leaves the folder (.., encoded .., hidden, symlink): 404"
c=$(curl -s -o /dev/null -w '%{http_code}' --data x=1 "$BASE/archive/")
[ "$c" = 405 ]; ok $? "POST to the archive: 405"
exit 0
