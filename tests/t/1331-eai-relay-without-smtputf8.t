#!/usr/bin/env bash
# The same internationalised subscribers (张三@example.org,
# 李四@members.test) and a real Postfix that does not announce SMTPUTF8
# (smtputf8_enable = no), which would take a UTF-8 RCPT TO from libcurl
# 7.88 anyway and pass the message on (RFC 6531, 3.4 forbids sending it):
# mailer learns what the relay announced from its EHLO (after STARTTLS)
# before MAIL FROM, sends neither of them, and says so once a run, naming
# the relay and smtputf8_enable; they stay owed (pending), not failed,
# not suppressed, and Postfix's debug log of the whole dialogue has no
# non-ASCII RCPT.  Once the relay announces it, the next send reaches them.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-eai.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
printf '%s\n' sender@example.org bob@example.org amy@example.org \
	'张三@example.org' '李四@members.test' | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
# every command of every session into the log
smtputf8() {
	postconf -c "$SRV_DIR/postfix" -e "smtputf8_enable = $1" \
		"debug_peer_list = 127.0.0.1" "debug_peer_level = 2"
	srv__backdate "$SRV_DIR/postfix/main.cf"
	srv_postfix_reload || { echo "Bail out! postfix reload"; exit 1; }
}
smtputf8 no
P=$T/proj
mk_tiny_project "$P"
mk_project "$T/cfg"
cp "$T/cfg/config.yaml" "$T/cfg/smtp.pw" "$P/"
printf '%s\n' 'email,name' 'bob@example.org,Bob' '张三@example.org,张三' \
	'amy@example.org,Amy' '李四@members.test,李四' >"$P/lists/east.csv"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
state() { sqlite3 "$P/state/mailer.db" "select email || ' ' || state from recipients order by email"; }
warn="mailer: smtp://127.0.0.1:$SRV_SMTP_PORT: the relay does not announce SMTPUTF8 (RFC 6531): internationalised addresses (not ASCII before the @) are not sent through it: a relay that announces it takes them, or they stay owed; enable it on the relay (Postfix: smtputf8_enable = yes)"

M send "$P/issues/2030-01" >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/out" "$T/err"
[ $rc = 75 ] && [ "$(grep -c SMTPUTF8 "$T/err")" = 1 ] && grep -qxF "$warn" "$T/err"
ok $? "one warning naming the relay and smtputf8_enable for the two (exit $rc)"
state | sed 's/^/# /'
[ "$(state | tr '\n' ,)" = "amy@example.org sent,bob@example.org sent,张三@example.org pending,李四@members.test pending," ] &&
	[ "$(sqlite3 "$P/state/mailer.db" "select count(*) from suppressions")" = 0 ]
ok $? "the ASCII subscribers sent; the internationalised ones owed, not failed nor suppressed"
srv_wait_queue_empty 60
grep -E 'RCPT TO:' "$SRV_POSTFIX_LOG" | sed 's/^.*\(RCPT TO:[^ ]*\).*$/# \1/' | sort | uniq -c
# (Postfix without SMTPUTF8 logs a non-ASCII byte as "?")
[ "$(grep -ao 'RCPT TO:[^ ]*' "$SRV_POSTFIX_LOG" | sort | tr '\n' ,)" = \
	"RCPT TO:<amy@example.org>,RCPT TO:<bob@example.org>," ]
ok $? "Postfix's log of every command has the two ASCII RCPTs, no other"
M send "$P/issues/2030-01" >"$T/out2" 2>"$T/err2"; rc=$?
sed 's/^/# /' "$T/err2"
[ $rc = 75 ] && [ "$(grep -c SMTPUTF8 "$T/err2")" = 1 ] &&
	[ "$(state | grep -c pending)" = 2 ]
ok $? "the next run says it once again and still owes them (exit $rc)"
smtputf8 yes
M send "$P/issues/2030-01" >"$T/out3" 2>"$T/err3"; rc=$?
sed 's/^/# /' "$T/out3" "$T/err3"
[ $rc = 0 ] && ! grep -q SMTPUTF8 "$T/err3" && [ "$(state | grep -c ' sent$')" = 4 ]
ok $? "once the relay announces SMTPUTF8 the next send reaches them (exit $rc)"
srv_wait_count '张三@example.org' 1 && srv_wait_count '李四@members.test' 1 &&
	[ "$(srv_maildir_count bob@example.org)" = 1 ]
ok $? "each delivered once"
exit $tap_failed
