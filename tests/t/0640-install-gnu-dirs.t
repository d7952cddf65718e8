#!/usr/bin/env bash
# make install as a packager and a sysadmin call it: the GNU directory
# variables (prefix, bindir, mandir, datadir) and INSTALL are honoured, and
# the installed contrib files name the installed binary, so the crontab's
# line runs under cron's own PATH and the systemd units' ExecStart exists.
. tests/lib/tap.sh
. tests/lib/sysconf.sh
tap_tmp
plan 7
mk() { ${MAKE:-make} -s --no-print-directory "$@"; }
files() { (cd "$1" && find . -type f | sed 's|^\./||' | sort); }

mk install DESTDIR="$TMP/stage" prefix=/usr >/dev/null 2>&1
files "$TMP/stage" >"$TMP/got"
grep -qx usr/bin/mailer "$TMP/got" &&
	grep -qx usr/share/man/man1/mailer.1 "$TMP/got" &&
	grep -qx usr/share/mailer/templates/issue.html.mustache "$TMP/got" &&
	grep -qx usr/share/bash-completion/completions/mailer "$TMP/got" &&
	! grep -q '^usr/local/' "$TMP/got"
ok $? "DESTDIR=... prefix=/usr installs under usr/, not usr/local/"
grep '^usr/local/' "$TMP/got" | head -3 | sed 's/^/# got /'

mk install DESTDIR="$TMP/s2" prefix=/usr bindir=/usr/sbin \
	mandir=/usr/man datadir=/opt/share >/dev/null 2>&1
files "$TMP/s2" >"$TMP/got2"
grep -qx usr/sbin/mailer "$TMP/got2" && grep -qx usr/man/man1/mailer.1 \
	"$TMP/got2" && grep -qx opt/share/mailer/contrib/crontab "$TMP/got2"
ok $? "bindir, mandir and datadir are honoured"

# INSTALL: a wrapper that logs its calls, then does the work
printf '#!/bin/sh\necho "$@" >>%s/install.log\nexec install "$@"\n' \
	"$TMP" >"$TMP/myinstall"
chmod +x "$TMP/myinstall"
mk install DESTDIR="$TMP/s3" prefix=/usr INSTALL="$TMP/myinstall" \
	>/dev/null 2>&1
grep -q 'mailer/mailer' "$TMP/install.log" 2>/dev/null &&
	[ -x "$TMP/s3/usr/bin/mailer" ]
ok $? "INSTALL is the install program used"

mk uninstall DESTDIR="$TMP/s2" prefix=/usr bindir=/usr/sbin \
	mandir=/usr/man datadir=/opt/share >/dev/null 2>&1
[ -z "$(find "$TMP/s2" -type f)" ]; ok $? "uninstall with the same variables"

# The sysadmin's install: PREFIX elsewhere than /usr/local.  cron runs the
# line with PATH=/usr/bin:/bin unless the crontab sets PATH, HOME from the
# passwd entry, SHELL=/bin/sh, and nothing else from any environment.
P=$TMP/prefix
mk install PREFIX="$P" >/dev/null 2>&1
mkdir -p "$TMP/srv/issues"
cp -r issues/2021-01 "$TMP/srv/issues/"	# due: run sends it
echo 'send_at: 2021-01-20T08:00:00+08:00' >>"$TMP/srv/issues/2021-01/issue.yaml"
sys_config "$TMP/srv/config.yaml" "$TMP/srv/state" \
	"templates: $PWD/templates" "issues: $TMP/srv/issues"
echo "transport: { relays: [\"maildir:$TMP/srv/outbox\"] }" >>"$TMP/srv/config.yaml"
cron_env=(PATH=/usr/bin:/bin HOME=/nonexistent SHELL=/bin/sh LOGNAME=mailer)
while IFS= read -r l; do cron_env+=("$l"); done < <(
	grep -E '^[A-Za-z_]+=' "$P/share/mailer/contrib/crontab")
line=$(grep -E '^[^#A-Za-z_]' "$P/share/mailer/contrib/crontab" |
	cut -d' ' -f6- | sed "s|/etc/mailer/config.yaml|$TMP/srv/config.yaml|")
echo "# cron runs: $line"
(cd / && env -i "${cron_env[@]}" /bin/sh -c "$line") >"$TMP/cron.out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/cron.out"
n=$(ls "$TMP/srv/outbox/new" 2>/dev/null | wc -l); echo "# exit $rc, $n sent"
# the first run makes the token key and says so once: nothing else
[ $rc = 0 ] && [ "$n" = 78 ] &&
	[ -z "$(grep -v 'created a new token key' "$TMP/cron.out")" ]
ok $? "the installed crontab's line runs the installed mailer under cron's PATH"

for u in mailer.service mailer-serve.service; do
	exe=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$P/share/mailer/contrib/$u")
	[ "$exe" = "$P/bin/mailer" ] || { echo "# $u: ExecStart=$exe"; false; }
done
ok $? "the installed units' ExecStart is the installed binary"

if command -v systemd-analyze >/dev/null; then
	(cd "$P/share/mailer/contrib" && systemd-analyze verify --man=no \
		./mailer.service ./mailer.timer ./mailer-serve.service) \
		>"$TMP/verify.out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/verify.out"
	[ $rc = 0 ] && [ ! -s "$TMP/verify.out" ]
	ok $? "systemd-analyze verify of the installed units"
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP no systemd-analyze"
fi
exit $tap_failed
