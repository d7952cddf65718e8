#!/usr/bin/env bash
# contrib/mailer-serve.service restarts serve when it fails (Restart=
# on-failure, 5 s), but not when it can never start: a config error (78,
# a typo in /etc/mailer/config.yaml, no web: section) or a usage error
# (64) would otherwise restart it every 5 s for ever, under systemd's
# start limit (5 in 10 s), one error in the journal each time.  The codes
# are those serve returns for such a config.
. tests/lib/tap.sh
tap_tmp
plan 3
U=contrib/mailer-serve.service
codes=" $(sed -n 's/^RestartPreventExitStatus=//p' "$U") "
echo "# RestartPreventExitStatus:$codes"
printf 'sender: { name: N, address: n@example.org }\n' >"$TMP/noweb.yaml"
printf 'sender: { name: N, address: n@example.org }\nweb: { base_url: "https://news.example.org", typo: 1 }\n' \
	>"$TMP/typo.yaml"
all=0
for f in noweb typo; do
	timeout 10 "$MAILER" --config "$TMP/$f.yaml" serve \
		--listen 127.0.0.1:0 >/dev/null 2>&1
	rc=$?; echo "# $f.yaml: serve exits $rc"
	case $codes in *" $rc "*) ;; *) all=1 ;; esac
done
[ $all = 0 ]; ok $? "the exit codes of a config serve can never start with stop the restarts"
timeout 10 "$MAILER" --config "$TMP/noweb.yaml" serve --bogus >/dev/null 2>&1
rc=$?; echo "# a usage error: $rc"
case $codes in *" $rc "*) r=0 ;; *) r=1 ;; esac
ok $r "a usage error stops them too"
grep -qx 'Restart=on-failure' "$U" && case $codes in *" 75 "*|*" 69 "*|*" 70 "*) false ;; *) true ;; esac
ok $? "other failures (69 cannot listen yet, 70, 75) still restart"
exit $tap_failed
