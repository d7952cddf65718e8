#!/usr/bin/env bash
# contrib/archive-publish.md works as written: an archive built under
# umask 077 (as the systemd unit runs) is readable by all; nginx, running
# its workers as nobody with the note's location block, serves it with the
# right content types, a policy without scripts, ETag and Last-Modified
# (304 on revalidation), no listing, no temporary or hidden file, nothing
# outside; the note's rsync line mirrors it and, after a rebuild, copies
# only what changed.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/servers.sh
command -v nginx >/dev/null || skip_all "nginx not installed (make deps)"
command -v rsync >/dev/null || skip_all "rsync not installed (make deps)"
command -v curl >/dev/null || skip_all "curl not installed (make deps)"
tap_tmp
chmod 755 "$TMP"
NGINX_PID=
tap_cleanup() { [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID"; }
plan 10
NOTE=contrib/archive-publish.md
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
echo 'send_at: "2021-01-20T08:00:00+08:00"' >>"$P/issues/2021-01/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
(umask 077 && M archive --quiet)
bad=$(find "$A" \( -type f ! -perm 0644 \) -o \( -type d ! -perm 0755 \) | head -3)
[ -f "$A/2021-01/index.html" ] && [ -z "$bad" ]
ok $? "built under umask 077: files 0644, folders 0755 ${bad:+($bad)}"

PORT=$(srv__free_ports 127.0.0.1 1)
N=$TMP/nginx; mkdir -p "$N/logs" "$N/tmp"
awk '/^```nginx$/ { on = 1; next } /^```$/ { on = 0 } on' "$NOTE" |
	sed "s|alias /var/lib/mailer/archive/;|alias $A/;|" >"$N/location.conf"
grep -q "alias $A/;" "$N/location.conf"; ok $? "the note has an nginx location block for the archive"
cat >"$N/nginx.conf" <<NGINX
user nobody nogroup;
worker_processes 1;
daemon off;
pid $N/nginx.pid;
error_log $N/logs/error.log warn;
events { worker_connections 64; }
http {
    client_body_temp_path $N/tmp/body;
    proxy_temp_path $N/tmp/proxy;
    fastcgi_temp_path $N/tmp/fastcgi;
    uwsgi_temp_path $N/tmp/uwsgi;
    scgi_temp_path $N/tmp/scgi;
    access_log off;
    server {
        listen 127.0.0.1:$PORT;
        include $N/location.conf;
    }
}
NGINX
nginx -c "$N/nginx.conf" -p "$N" >"$N/logs/stdout" 2>&1 &
NGINX_PID=$!
srv__wait_port 127.0.0.1 "$PORT" 60 || { cat "$N/logs/stdout" "$N/logs/error.log"; echo "Bail out! nginx"; exit 1; }
U=http://127.0.0.1:$PORT/archive
get() { curl -s --path-as-is -o "$TMP/body" -D "$TMP/head" "$@"; tr -d '\r' <"$TMP/head" >"$TMP/h"; }
status() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$TMP/h"; }
header() { sed -n "s/^$1: //Ip" "$TMP/h" | head -1; }

r=0
check_type() {	# check_type PATH FILE TYPE
	get "$U/$1"
	[ "$(status)" = 200 ] && [ "$(header Content-Type)" = "$3" ] && cmp -s "$TMP/body" "$A/$2" ||
		{ echo "# $1: $(status) $(header Content-Type)"; r=1; }
}
check_type "" index.html "text/html; charset=utf-8"
check_type 2021-01/ 2021-01/index.html "text/html; charset=utf-8"
check_type 2021-01/aba.html 2021-01/aba.html "text/html; charset=utf-8"
check_type feed.xml feed.xml "application/atom+xml; charset=utf-8"
check_type 2021-01/images/tianfu-cloud.png 2021-01/images/tianfu-cloud.png image/png
check_type 2021-01/files/sponsors.txt 2021-01/files/sponsors.txt "text/plain; charset=utf-8"
ok $r "nginx (workers as nobody) serves pages, feed, image and attachment with their types"
get "$U/2021-01/aba.html"
header Content-Security-Policy | grep -q "^default-src 'none';.*form-action 'none'" &&
	[ "$(header X-Content-Type-Options)" = nosniff ]
ok $? "the pages come with a policy without scripts or form posts (0921 for serve), and nosniff"

get "$U/2021-01/aba.html"
etag=$(header ETag) lm=$(header Last-Modified)
get -H "If-None-Match: $etag" "$U/2021-01/aba.html"; s1=$(status)
get -H "If-Modified-Since: $lm" "$U/2021-01/aba.html"; s2=$(status)
[ -n "$etag" ] && [ -n "$lm" ] && [ "$s1" = 304 ] && [ "$s2" = 304 ]
ok $? "ETag and Last-Modified; revalidation answers 304 ($s1, $s2)"

echo half >"$A/2021-01/aba.html.tmp.4242"; echo x >"$A/.hidden"
r=0
for p in 2021-01/images/ 2021-01/aba.html.tmp.4242 .hidden ../config.yaml 2021-01/../../config.yaml; do
	get "$U/$p"
	case $(status) in 403|404|400) ;; *) echo "# $p: $(status)"; r=1 ;; esac
	grep -q 'tianfu\|half\|sender' "$TMP/body" && { echo "# $p leaks"; r=1; }
done
ok $r "no listing, no temporary or hidden file, nothing outside the archive"

line=$(sed -n "s/^ *ExecStartPost=\/usr\/bin\/rsync //p" "$NOTE")
[ -n "$line" ]; ok $? "the note has an rsync line for the service"
# the note's options, pointed at a local mirror
opts=$(echo "$line" | sed 's| /var/lib/mailer/archive/ .*||')
set -f	# the options hold a pattern for rsync, not for the shell
mkdir "$TMP/mirror"; echo old >"$TMP/mirror/stale.html"
eval "rsync $opts '$A/' '$TMP/mirror/'"
rm "$A/2021-01/aba.html.tmp.4242" "$A/.hidden"
diff -r "$A" "$TMP/mirror" >"$TMP/diff" 2>&1; rc=$?
sed 's/^/# /' "$TMP/diff" | head -5
[ $rc = 1 ] && [ "$(cat "$TMP/diff")" = "Only in $TMP/mirror: .hidden" ] && [ ! -e "$TMP/mirror/stale.html" ] &&
	[ ! -e "$TMP/mirror/2021-01/aba.html.tmp.4242" ]
ok $? "rsync mirrors the archive, deletes what it dropped, skips a build in progress"
rm -f "$TMP/mirror/.hidden"

M archive --quiet
eval "rsync $opts --itemize-changes '$A/' '$TMP/mirror/'" >"$TMP/items"
sed "s/^/# /" "$TMP/items" | head -5
! grep -q '^>f' "$TMP/items"; ok $? "after a rebuild with nothing changed, rsync copies no file"
printf '\n新的一段。\n' >>"$P/issues/2021-01/04-shaoguan-talent.md"
M archive --quiet
eval "rsync $opts --itemize-changes '$A/' '$TMP/mirror/'" >"$TMP/items"
n=$(grep -c '^>f' "$TMP/items")
[ "$n" = 23 ] && ! grep -q 'images\|files\|index.html$' <(grep '^>f' "$TMP/items" | grep -v '2021-01/index.html')
ok $? "after an edit, rsync copies the issue's 22 pages and the feed only ($n files)"
exit $tap_failed
