#!/usr/bin/env bash
# A bounce for an internationalised subscriber finds them: 王五@example.org
# is on the list but has no mailbox; a real Postfix (SMTPUTF8) takes the
# message and returns a genuine DSN to the VERP address, for a UTF-8
# message a message/global-delivery-status whose Final-Recipient is of
# RFC 6533's "utf-8" type; mailer bounces reads it over IMAPS (Dovecot),
# counts a hard bounce and suppresses 王五@example.org, and the next issue
# skips them while the ASCII subscriber still gets it.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-eaibounce.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
printf '%s\n' sender@example.org bob@example.org bounces@bounce.test |
	srv_add_users s3cret-sender
printf 'imap-s3cret\n' >"$T/imap.pw"; chmod 600 "$T/imap.pw"
sed -i 's/^bounces@bounce.test:{PLAIN}s3cret-sender:/bounces@bounce.test:{PLAIN}imap-s3cret:/' \
	"$SRV_DIR/dovecot/users"
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
P=$T/proj
mk_tiny_project "$P"
mk_bounce_project "$T/cfg" "$T/imap.pw"
cp "$T/cfg/config.yaml" "$T/cfg/smtp.pw" "$P/"
printf '%s\n' 'email,name' 'bob@example.org,Bob' '王五@example.org,王五' >"$P/lists/east.csv"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
BOX=$(srv_maildir bounces@bounce.test)

M send "$P/issues/2030-01" >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/out" "$T/err"
[ $rc = 0 ] && grep -q 'sent 2, deferred 0, failed 0' "$T/out"
ok $? "both sent (exit $rc)"
srv_wait_queue_empty 60 && srv_wait_count bounces@bounce.test 1
/usr/bin/python3 - "$BOX"/new/* <<'PY' >"$T/dsn"
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.compat32)
for p in m.walk():
    if p.get_content_type().endswith('delivery-status'):
        print(p.get_content_type())
        body = p.get_payload(decode=True) or b''.join(x.as_bytes() for x in p.get_payload())
        for line in body.decode('utf-8', 'replace').splitlines():
            if line.lower().startswith(('final-recipient', 'status')):
                print(line)
PY
sed 's/^/# /' "$T/dsn"
grep -qx 'message/global-delivery-status' "$T/dsn" &&
	grep -qi '^Final-Recipient: utf-8; 王五@example.org' "$T/dsn"
ok $? "Postfix returned a message/global-delivery-status naming utf-8; 王五@example.org"
M bounces >"$T/b1" 2>"$T/b1.err"; rc=$?
sed 's/^/# /' "$T/b1" "$T/b1.err"
[ $rc = 0 ] && grep -q '^bounces: 1 message: 1 bounce (1 hard, 0 soft),' "$T/b1"
ok $? "mailer bounces counts one hard bounce (exit $rc)"
sqlite3 "$P/state/mailer.db" "select email, reason from suppressions" | sed 's/^/# /'
[ "$(sqlite3 "$P/state/mailer.db" "select email from suppressions")" = '王五@example.org' ]
ok $? "王五@example.org is suppressed, nobody else"
I2=$P/issues/2030-02; cp -r "$P/issues/2030-01" "$I2"; sed -i 's/^number: 1$/number: 2/' "$I2/issue.yaml"
M send "$I2" >"$T/out2" 2>"$T/err2"; rc=$?
sed 's/^/# /' "$T/out2"
[ $rc = 0 ] && grep -q 'sent 1, deferred 0, failed 0, suppressed 1' "$T/out2"
ok $? "the next issue skips them and reaches bob (exit $rc)"
exit $tap_failed
