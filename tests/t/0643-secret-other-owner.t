#!/usr/bin/env bash
# The dedicated user: root writes /etc/mailer/smtp.pw with mode 0600 (as
# the notes say) but leaves it its own, and cron runs mailer as the
# mailer user, who cannot read it.  The line names the secret, the file,
# the user mailer runs as and the file's owner, so the fix (chown) is
# plain; exit 78 as before.  The same for the journal root made first
# (sqlite said only "unable to open database file"; exit 73 as before).
# Runs mailer as nobody (setpriv).
. tests/lib/tap.sh
. tests/lib/sysconf.sh
[ "$(id -u)" = 0 ] || skip_all "needs root (runs mailer as nobody)"
command -v setpriv >/dev/null || skip_all "setpriv not installed"
tap_tmp
plan 4
# nobody reads only what is in $TMP (the tree may sit in a folder of
# mode 0700, as a CI's clone in a mktemp -d does): the binary, the project
chmod 755 "$TMP"
mkdir -p "$TMP/etc" "$TMP/var" "$TMP/srv"
cp "$MAILER" "$TMP/mailer"
cp -r templates lists issues "$TMP/srv/"
chmod -R a+rX "$TMP/mailer" "$TMP/srv"
chown nobody "$TMP/var"
echo secret >"$TMP/etc/smtp.pw"
chmod 600 "$TMP/etc/smtp.pw"
port=$(free_port)
sys_config "$TMP/etc/config.yaml" "$TMP/var" "templates: $PWD/templates"
sed -i "s|$PWD/|$TMP/srv/|" "$TMP/etc/config.yaml"
cat >>"$TMP/etc/config.yaml" <<EOF
transport:
  relays: ["smtp://127.0.0.1:$port"]
  tls: none
  username: news
  password_file: $TMP/etc/smtp.pw
imap:
  url: imap://127.0.0.1:$port
  username: bounces
  password_file: $TMP/etc/smtp.pw
EOF
chmod 644 "$TMP/etc/config.yaml"
as_nobody() {
	(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env -i HOME=/nonexistent PATH=/usr/bin:/bin "$TMP/mailer" \
		--config "$TMP/etc/config.yaml" "$@")
}
as_nobody send "$TMP/srv/issues/2021-01" --list aba --to a@example.org \
	>"$TMP/out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 78 ] && grep -q "SMTP password: $TMP/etc/smtp.pw: Permission denied" "$TMP/out"
ok $? "send: exit 78, the secret and its file named (exit $rc)"
grep -q 'nobody' "$TMP/out" && grep -q 'owned by root' "$TMP/out" &&
	grep -q 'chown' "$TMP/out"
ok $? "the line names the user mailer runs as, the owner, and chown"

as_nobody bounces >"$TMP/out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 78 ] && grep -q "IMAP password: $TMP/etc/smtp.pw: Permission denied.*nobody" "$TMP/out"
ok $? "bounces: the same for the IMAP password (exit $rc)"

# root ran mailer once (the journal nobody made is now root's, mode 0600)
chown root:root "$TMP/var/mailer.db"
as_nobody status >"$TMP/out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 73 ] && grep -q "journal: $TMP/var/mailer.db: Permission denied: mailer runs as nobody (uid [0-9]*) and the file is owned by root (uid 0); chown it to nobody" "$TMP/out"
ok $? "status: a journal root owns names the user, the owner and chown (exit $rc)"
exit $tap_failed
