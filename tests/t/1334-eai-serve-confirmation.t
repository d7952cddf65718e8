#!/usr/bin/env bash
# serve's confirmation mail to an internationalised address through a
# real Postfix: while the relay does not announce SMTPUTF8
# (smtputf8_enable = no) it is not sent (no non-ASCII RCPT in Postfix's
# log of every command), serve's log names the relay and
# smtputf8_enable, and it is dropped rather than holding up the
# confirmation mails queued after it (bob's arrives); once the relay
# announces SMTPUTF8 (serve keeps running), the reader's next request is
# mailed.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-eaiweb.XXXXXX); chmod 755 "$T"
SERVE=
trap '[ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null && wait "$SERVE"; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
printf '%s\n' sender@example.org bob@example.org '张三@example.org' |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
smtputf8() {
	postconf -c "$SRV_DIR/postfix" -e "smtputf8_enable = $1" \
		"debug_peer_list = 127.0.0.1" "debug_peer_level = 2"
	srv__backdate "$SRV_DIR/postfix/main.cf"
	srv_postfix_reload || { echo "Bail out! postfix reload"; exit 1; }
}
smtputf8 no
PORT=$(srv__free_ports 127.0.0.1 1) BASE=http://127.0.0.1:$PORT
P=$T/proj
mk_tiny_project "$P"
mk_project "$T/cfg" "web:" "  base_url: $BASE" "  mails_per_ip_per_hour: 1000"
cp "$T/cfg/config.yaml" "$T/cfg/smtp.pw" "$P/"
"$MAILER" --config "$P/config.yaml" serve --listen "127.0.0.1:$PORT" >"$T/serve.log" 2>&1 &
SERVE=$!
srv__wait_port 127.0.0.1 "$PORT" 60 || { echo "Bail out! serve"; exit 1; }
subscribe() { curl -s -o /dev/null -w '%{http_code}' --data-urlencode "name=$2" \
	--data-urlencode "email=$1" "$BASE/lists/east/subscribe"; }
logged() { grep -qF "$1" "$T/serve.log"; }
warn="smtp://127.0.0.1:$SRV_SMTP_PORT: the relay does not announce SMTPUTF8"

c1=$(subscribe '张三@example.org' 张三) c2=$(subscribe bob@example.org Bob)
wait_for 30 "bob's confirmation mail" srv__has_count bob@example.org 1
ok $? "bob's confirmation mail arrives though 张三's came first ($c1 $c2)"
sed 's/^/# /' "$T/serve.log"
logged "$warn" && logged 'confirmation mail to 张***@example.org: no relay announces SMTPUTF8; dropped'
ok $? "serve's log names the relay, smtputf8_enable, and the dropped mail"
[ "$(grep -ao 'RCPT TO:[^ ]*' "$SRV_POSTFIX_LOG" | sort -u | tr '\n' ,)" = "RCPT TO:<bob@example.org>," ] &&
	[ "$(srv_maildir_count '张三@example.org')" = 0 ]
ok $? "Postfix heard no RCPT but bob's; nothing for 张三"
smtputf8 yes
c1=$(subscribe '张三@example.org' 张三)
wait_for 60 "张三's confirmation mail" srv__has_count '张三@example.org' 1
ok $? "once the relay announces SMTPUTF8, the next request is mailed ($c1)"
kill -TERM "$SERVE"; wait "$SERVE"; rc=$?; SERVE=
[ $rc = 0 ]; ok $? "serve stops cleanly (exit $rc)"
exit $tap_failed
