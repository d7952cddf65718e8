#!/usr/bin/env bash
# A reload frees nothing a request under way still uses: 150 SIGHUPs,
# each reloading lists/ and the templates, while four client threads
# fetch subscribe and manage forms (list profile, page and consent
# templates) and confirmation links, and post subscribe forms (the mail
# thread renders with the mail template).  Every answer is complete and
# right, and serve exits 0; run with MAILER pointing at an ASan build
# (make asan does) a use after free would abort it.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project 'mails_per_address_per_day: 1000000' 'mails_per_ip_per_hour: 1000000' \
	'subscribe_mails_per_hour: 1000000'
web_direct_serve
/usr/bin/python3 - "$BASE" "$TMP/stop" >"$TMP/client.out" 2>&1 <<'PY' &
import os, sys, threading, urllib.request, urllib.error, urllib.parse
base, stop = sys.argv[1], sys.argv[2]
bad, n = [], [0]
want = [("/lists/aba/subscribe", None, 200, "consent"),
        ("/lists/bazhong/manage", None, 200, "manage_form"),
        ("/lists/aba/confirm?t=s1-1-00", None, 404, "invalid"),
        ("/lists/aba/subscribe", b"name=&email=hammer%40example.org", 200,
         "subscribe_sent")]
def run(k):
    i = 0
    while not os.path.exists(stop):
        # one post in 10: the mails are slower than the pages
        path, body, code, mark = want[3 if i % 10 == 9 else (i + k) % 3]
        i += 1
        try:
            r = urllib.request.urlopen(base + path, data=body, timeout=30)
            got, page = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            got, page = e.code, e.read().decode()
        except Exception as e:
            bad.append("%s: %r" % (path, e)); return
        if got != code or mark not in page or "</html>" not in page:
            bad.append("%s: %d" % (path, got))
        n[0] += 1
ts = [threading.Thread(target=run, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("requests", n[0], "bad", len(bad))
for b in bad[:5]: print("#", b)
PY
CLIENT=$!
rc=0
for N in $(seq 1 150); do
	web_direct_reload "$N" || { rc=1; break; }
done
touch "$TMP/stop"
wait $CLIENT
sed 's/^/# /' "$TMP/client.out"
[ $rc = 0 ] && [ "$(grep -c 'serve: reloaded' "$TMP/serve.log")" = 150 ]
ok $? "150 reloads, each logged"
grep -q 'requests [1-9][0-9]* bad 0$' "$TMP/client.out"
ok $? "every answer during them complete and right"
drained
[ "$(q "select count(*) from web_mails where list = 'aba'")" -gt 0 ] &&
	[ "$(grep -c 'mail kind=subscribe' "$TMP/serve.log")" = "$(q "select count(*) from web_mails")" ] &&
	! grep -qi 'sanitizer\|dropped' "$TMP/serve.log"
ok $? "the mails asked for meanwhile went out; no sanitizer report"
kill -TERM "$SERVE"; wait "$SERVE"; rc=$?
[ $rc = 0 ] || tail -30 "$TMP/serve.log" | sed 's/^/# /'
ok $rc "serve stops cleanly (exit $rc)"
exit 0
