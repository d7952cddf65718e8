#!/usr/bin/env bash
# Methods on the archive: it is read-only, so every refusal there (POST,
# PUT, DELETE, OPTIONS) is 405 with "Allow: GET, HEAD" (RFC 9110 15.5.6:
# the methods the resource supports), while the list pages say GET, HEAD,
# POST; and a refused POST leaks nothing: serve runs under valgrind's
# memcheck (or is the sanitizer build, whose leak check fails its exit),
# and stops with exit 0 and no block definitely lost.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
tap_tmp
plan 5
web_direct_project
mkdir -p "$P/archive" && echo '<p>x</p>' >"$P/archive/index.html"
VG=
if [ -z "${MAILER_SANITIZED:-}" ] && command -v valgrind >/dev/null; then
	VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite
	    --error-exitcode=9 --suppressions=$PWD/tests/valgrind.supp
	    --log-file=$TMP/vg.log"
fi
$VG "$MAILER" --config "$P/config.yaml" serve --listen "127.0.0.1:$PORT" \
	>"$TMP/serve.log" 2>&1 &
SERVE=$!
tap_cleanup() { kill "$SERVE" 2>/dev/null; wait "$SERVE" 2>/dev/null; }
srv__wait_port 127.0.0.1 "$PORT" 120 || { echo "Bail out! serve"; exit 1; }

allow() {	# allow METHOD PATH: "CODE ALLOW"
	curl -s -o /dev/null -D - -X "$1" "$BASE$2" | tr -d '\r' |
		awk 'NR == 1 { c = $2 } tolower($1) == "allow:" {
			sub(/^[^:]*: /, ""); a = $0 } END { print c " " a }'
}
bad=0
for m in POST PUT DELETE OPTIONS; do
	for p in /archive/ /archive/index.html /archive; do
		[ "$m $p" = "POST /archive" ] && continue	# a 301 first
		a=$(allow $m $p)
		[ "$a" = "405 GET, HEAD" ] || { echo "# $m $p: $a"; bad=1; }
	done
done
[ $bad = 0 ]; ok $? "POST, PUT, DELETE, OPTIONS on the archive: 405, Allow: GET, HEAD"
a=$(allow PUT /lists/aba/subscribe) b=$(allow DELETE /unsubscribe)
[ "$a|$b" = "405 GET, HEAD, POST|405 GET, HEAD, POST" ]
ok $? "on the list pages and /unsubscribe: Allow: GET, HEAD, POST ($a, $b)"
c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/archive/")
[ "$c" = 200 ]; ok $? "GET still serves the archive ($c)"
kill -TERM $SERVE; wait $SERVE; rc=$?
[ $rc = 0 ]; ok $? "serve stops cleanly (exit $rc)"
[ -z "$VG" ] || ! grep -q 'definitely lost' "$TMP/vg.log"
ok $? "nothing leaked by the refused requests"
[ ! -s "$TMP/vg.log" ] || sed 's/^/# /' "$TMP/vg.log" | head -20
exit 0
