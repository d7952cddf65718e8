#!/usr/bin/env bash
# A reader mistypes the address in `mailer serve`'s subscribe form: the
# confirmation mail goes out through the real Postfix from the bounce
# address (no token: the address is no subscriber's), Postfix bounces it
# (5.1.1) into the bounce mailbox, and `mailer bounces` says what it is,
# the bounce of mailer's own confirmation mail to an address typed in the
# form, instead of naming it a report no token proves (which reads like
# a forgery); so does a stranger's spam report about a confirmation mail
# someone asked for with that stranger's address.  Nobody is suppressed.  A report that only claims to be one
# (a Message-ID in that form naming another address, or no journal row)
# is still called unproven.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-confbounce.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 7
bounce_servers "$T/imap.pw" || exit 1
web_ports
P=$T/proj
mk_web_bounce_project "$P" "$T/imap.pw"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
BOX=bounces@bounce.test
TYPO=yang.jinhau.ab@example.org		# no such mailbox
VICTIM=sender@example.org		# a mailbox on no list

M send "$P/issues/2021-01" --quiet >"$T/send.out" 2>&1
ok $? "send 2021-01 through Postfix (the journal and token key exist)"
srv_wait_queue_empty 120
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode 'name=杨金花' \
	--data-urlencode "email=$TYPO" "http://127.0.0.1:$WEB_SERVE_PORT/lists/aba/subscribe")
[ "$code" = 200 ] && srv_wait_count "$BOX" 1 && srv_wait_queue_empty 120
ok $? "the confirmation mail to the mistyped address bounced into the bounce mailbox"
f=$(ls "$(srv_maildir "$BOX")"/new/* | head -1)
# A copy of it whose returned Message-ID names the row but another address.
sed "s/$TYPO/someone.else@example.org/g; 0,/^message-id: </Is//Message-ID: <x./" \
	"$f" >"$T/other.eml"
curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
	"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from sender@example.org \
	--mail-rcpt "$BOX" -u sender@example.org:s3cret-sender -T "$T/other.eml" ||
	echo "# could not send the altered copy"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 2
# Someone subscribes a stranger's address, who marks the confirmation mail
# as spam: the provider's report goes to its Return-Path.
code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode 'name=x' \
	--data-urlencode "email=$VICTIM" "http://127.0.0.1:$WEB_SERVE_PORT/lists/aba/subscribe")
[ "$code" = 200 ] && srv_wait_count "$VICTIM" 1 || echo "# no confirmation mail to $VICTIM"
f=$(ls "$(srv_maildir "$VICTIM")"/new/* | head -1)
/usr/bin/python3 tests/lib/arf.py "$f" "$VICTIM" "$BOX" >"$T/arf.eml" &&
	curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
		"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from fbl@example.org \
		--mail-rcpt "$BOX" -u sender@example.org:s3cret-sender \
		-T "$T/arf.eml" || echo "# could not send the report"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 3

M bounces >"$T/b.out" 2>"$T/b.err"; rc=$?; sed 's/^/# /' "$T/b.out" "$T/b.err"
ok $rc "bounces exits 0"
grep -q "a bounce for $TYPO returned from the confirmation mail mailer serve sent to it (web\.1): an address typed in a form that takes no mail, nothing to do: kept as unverified evidence, nobody suppressed" "$T/b.err"
ok $? "the confirmation mail's bounce is named as such"
grep -q "a bounce for someone.else@example.org $UNPROVEN: kept as unverified evidence" "$T/b.err"
ok $? "the altered copy naming another address is still unproven"
grep -q "a complaint for $VICTIM about the confirmation mail mailer serve sent to it (web\.2): someone typed that address in a form, and its reader did not ask for the mail: kept as unverified evidence, nobody suppressed" "$T/b.err"
ok $? "the spam report about a confirmation mail is named as such"
M bounces --list >"$T/list"
! grep -q "$TYPO\|someone.else" "$T/list"
ok $? "nobody is suppressed"
exit $tap_failed
