#!/usr/bin/env bash
# check reads the relay's and the mailbox's passwords as send and bounces
# do: with transport.username and a password_file that is not there (or
# readable by others, or a password_env that is not set), or an imap:
# section whose password_file is missing, check said "ok" (exit 0) and
# the send or cron's run after it exited 78 ("SMTP password: ...: No such
# file or directory").  Now check says the same line, exit 78; a readable
# mode-0600 file passes, and nothing is connected to.  No server: the
# relay and the mailbox are never reached.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_tiny_project "$P"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  username: u@example.org|' \
	"$P/config.yaml"
cp "$P/config.yaml" "$TMP/base.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
with() {	# with LINES...: the transport section gets LINES
	{ cat "$TMP/base.yaml"; printf '  %s\n' "$@"; } >"$P/config.yaml"
}
chk() {	# chk N: check into o$N/e$N, rc in $rc
	M check "$I" >"$TMP/o$1" 2>"$TMP/e$1"; rc=$?
	sed 's/^/# /' "$TMP/e$1"
}

with "password_file: $TMP/nope.pw"
chk 1
[ $rc = 78 ] && grep -q "SMTP password: $TMP/nope.pw" "$TMP/e1"
ok $? "SMTP password_file missing: check refuses (exit $rc)"

with "password_env: MAILER_T0695_UNSET"
env -u MAILER_T0695_UNSET "$MAILER" --config "$P/config.yaml" check "$I" \
	>"$TMP/o2" 2>"$TMP/e2"; rc=$?; sed 's/^/# /' "$TMP/e2"
[ $rc = 78 ] && grep -q 'MAILER_T0695_UNSET' "$TMP/e2"
ok $? "SMTP password_env not set: check refuses (exit $rc)"

printf 's3cret\n' >"$TMP/smtp.pw"; chmod 644 "$TMP/smtp.pw"
with "password_file: $TMP/smtp.pw"
chk 3
[ $rc = 78 ] && grep -q 'smtp.pw' "$TMP/e3"
ok $? "SMTP password_file readable by others: check refuses (exit $rc)"

chmod 600 "$TMP/smtp.pw"
chk 4
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/o4"
ok $? "SMTP password_file mode 0600: ok (exit $rc)"

{ cat "$P/config.yaml"; printf 'imap:\n  url: imaps://127.0.0.1:1\n  username: b@example.org\n  password_file: %s\n' "$TMP/imap.pw"; } >"$TMP/c5"
cp "$TMP/c5" "$P/config.yaml"
chk 5
[ $rc = 78 ] && grep -q "IMAP password: $TMP/imap.pw" "$TMP/e5"
ok $? "IMAP password_file missing: check refuses (exit $rc)"

printf 'x\n' >"$TMP/imap.pw"; chmod 600 "$TMP/imap.pw"
chk 6
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/o6"
ok $? "both passwords readable: ok (exit $rc)"
exit $tap_failed
