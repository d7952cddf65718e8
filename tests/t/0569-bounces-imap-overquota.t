#!/usr/bin/env bash
# The processed folder over quota, on a server without MOVE (RFC 6851):
# Dovecot refuses the UID COPY ("Quota exceeded").  The run stopped at the
# first message, so while the quota was full each cron run recorded that
# one message again (seen: nothing) and no other bounce was ever counted;
# now every message is recorded, the server's refusal is said once, one
# line counts what was left in the folder (exit 75), and once the quota
# is raised the next run moves them, counting nothing twice.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
[ -x /usr/bin/python3 ] || skip_all "no /usr/bin/python3"
T=$(mktemp -d /tmp/mailer-t-quota.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
bounce_servers "$T/imap.pw" || exit 1
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
DC=$SRV_DIR/dovecot/dovecot.conf
cp "$DC" "$DC.base"
# capa WORD: true when a login's capabilities include WORD
capa() {
	/usr/bin/python3 - "$SRV_IMAPS_PORT" "$SRV_CA" "$1" <<'PY'
import imaplib, ssl, sys
c = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[1]),
    ssl_context=ssl.create_default_context(cafile=sys.argv[2]))
c.login('bounces@bounce.test', 'imap-s3cret')
ok = sys.argv[3] in c.capabilities
c.logout()
sys.exit(0 if ok else 1)
PY
}
# quota LIMIT: Dovecot without MOVE, the user's quota LIMIT (INBOX not
# counted), reloaded; waits until a login sees the new capabilities
quota() {
	cp "$DC.base" "$DC"
	cat >>"$DC" <<EOF2
mail_plugins = quota
protocol imap {
  mail_plugins = quota imap_quota
  imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS NAMESPACE QUOTA
}
plugin {
  quota = maildir:User quota
  quota_rule = *:storage=$1
  quota_rule2 = INBOX:ignore
}
EOF2
	dovecot -c "$DC" reload
	wait_for 30 "Dovecot without MOVE" eval '! capa MOVE && capa QUOTA'
}
drop() {	# drop N: an 8 KB message that is no bounce into the INBOX
	printf 'From: <shop@shop.test>\r\nTo: <bounces@bounce.test>\r\nSubject: offer %s\r\nMessage-ID: <offer.%s.%s@shop.test>\r\n\r\n%s\r\n' \
		"$1" "$1" "$$" "$(head -c 8000 /dev/zero | tr '\0' x)" >"$BOX/new/offer$1.eml"
	chown vmail:vmail "$BOX/new/offer$1.eml"
}
$M send "$P/issues/2021-01" --list ganzi --quiet >"$T/send" 2>&1 ||
	{ echo "Bail out! send"; cat "$T/send"; exit 1; }
$M bounces >/dev/null 2>&1	# makes Processed
quota 1K || { echo "Bail out! dovecot reload"; exit 1; }
drop 1; drop 2; drop 3
$M bounces >"$T/o1" 2>&1
rc=$?; sed 's/^/# /' "$T/o1"
[ $rc = 75 ] && grep -q '^bounces: 3 messages:' "$T/o1" &&
	[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM messages")" = 3 ]
ok $? "the processed folder over quota: all 3 messages recorded all the same (exit $rc)"
[ "$(grep -c 'Quota exceeded' "$T/o1")" = 1 ] &&
	grep -q ': 3 messages recorded but left in INBOX: the server refused the move to Processed (above); a later run moves them without counting them again$' "$T/o1"
ok $? "the server's refusal once, and one line for what is left"
[ "$(srv_maildir_count bounces@bounce.test)" = 3 ]; ok $? "the 3 left in the INBOX"
$M bounces >"$T/o2" 2>&1
rc=$?; sed 's/^/# /' "$T/o2"
[ $rc = 75 ] && ! grep -q '^bounces:' "$T/o2"; ok $? "still over quota: nothing new, 75 (rc $rc)"
quota 10M || { echo "Bail out! dovecot reload"; exit 1; }
$M bounces >"$T/o3" 2>&1
rc=$?; sed 's/^/# /' "$T/o3"
[ $rc = 0 ] && [ ! -s "$T/o3" ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the quota raised: the next run moves them, silent (rc $rc)"
[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM messages")" = 3 ]
ok $? "... counting nothing twice"
exit $tap_failed
