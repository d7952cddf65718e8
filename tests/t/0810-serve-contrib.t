#!/usr/bin/env bash
# contrib/ for mailer serve: the systemd unit verifies and is sandboxed
# like mailer.service (every hardening line of it, the same single
# writable folder); the nginx site is accepted by `nginx -t` (0800 and
# 0805 run it).
. tests/lib/tap.sh
tap_tmp
plan 3
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
C=contrib
if command -v systemd-analyze >/dev/null; then
	sed "s|^ExecStart=/usr/local/bin/mailer|ExecStart=$MAILER|" \
		"$C/mailer-serve.service" >"$TMP/mailer-serve.service"
	(cd "$TMP" && systemd-analyze verify --man=no ./mailer-serve.service) \
		>"$TMP/verify.out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/verify.out"
	[ $rc = 0 ] && [ ! -s "$TMP/verify.out" ]
	ok $? "systemd-analyze verify: mailer-serve.service, no warning"
else
	skip "systemd-analyze not installed (not needed by mailer itself)"
fi
missing=0
# every sandboxing line of the oneshot unit, from StateDirectory on
for l in $(sed -n '/^StateDirectory=/,$p' "$C/mailer.service" |
	grep -v '^TimeoutStartSec=' | tr ' ' '\001'); do
	l=$(printf '%s' "$l" | tr '\001' ' ')
	grep -qxF "$l" "$C/mailer-serve.service" || { echo "# serve unit lacks $l"; missing=1; }
done
grep -qxF 'ExecStart=/usr/local/bin/mailer --config /etc/mailer/config.yaml serve --listen 127.0.0.1:8025' \
	"$C/mailer-serve.service" || missing=1
[ $missing = 0 ]; ok $? "serve unit: sandboxed like mailer.service, listening on 127.0.0.1:8025"
if command -v nginx >/dev/null; then
	mkdir -p "$TMP/logs" "$TMP/tmp"
	sed -e "s|/var/log/nginx/|$TMP/logs/|" \
		-e "s|/etc/letsencrypt/live/news.example.org/[a-z]*.pem|$TMP/x.pem|" \
		"$C/nginx-mailer.conf" >"$TMP/site.conf"
	openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost \
		-keyout "$TMP/x.pem" -out "$TMP/cert.pem" -days 1 2>/dev/null &&
		cat "$TMP/cert.pem" >>"$TMP/x.pem"
	printf 'pid %s/nginx.pid;\nerror_log %s/logs/error.log;\nevents {}\nhttp { include %s/site.conf; }\n' \
		"$TMP" "$TMP" "$TMP" >"$TMP/nginx.conf"
	nginx -t -c "$TMP/nginx.conf" -p "$TMP" >"$TMP/t.out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/t.out"
	ok $rc "nginx -t accepts contrib/nginx-mailer.conf"
else
	skip "nginx not installed"
fi
exit $tap_failed
