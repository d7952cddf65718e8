#!/usr/bin/env bash
# A stranger subscribes a victim's address; the victim reports the
# confirmation mail as spam; the provider's ARF report reaches the bounce
# mailbox and `mailer bounces` keeps it (1192: a complaint about a
# confirmation mail, nobody suppressed).  Till now the stranger could go
# on: up to web.mails_per_address_per_day (3) more a day, for ever.  Now
# no confirmation mail goes to that mailbox (nor a +detail of it) for
# web.complaint_days (default 365) after such a report: the form still
# answers with its usual page, serve logs a line, another mailbox still
# gets its mail, and after the days it gets them again.  A complaint that
# names an address other than the one its confirmation mail went to, or
# a Message-ID serve did not write (the 16 hex digits after web.N. are
# an HMAC now), blocks nobody.  Real Postfix, Dovecot and mailer serve,
# as 1192.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-confcompl.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 9
bounce_servers "$T/imap.pw" || exit 1
web_ports
P=$T/proj
mk_web_bounce_project "$P" "$T/imap.pw"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
BOX=bounces@bounce.test
VICTIM=sender@example.org		# a mailbox on no list
OTHER=zhou.peng.ab@example.org		# another mailbox
sub() {
	curl -s -o "$T/page" -w '%{http_code}' --data-urlencode 'name=x' \
		--data-urlencode "email=$1" "http://127.0.0.1:$WEB_SERVE_PORT/lists/aba/subscribe"
}
web_mails() { q "select count(*) from web_mails where email like '$1'"; }
unsent_none() { [ "$(q "select count(*) from web_mails where sent_at is null")" = 0 ]; }

M send "$P/issues/2021-01" --quiet >"$T/send.out" 2>&1
ok $? "send 2021-01 through Postfix (the journal and token key exist)"
srv_wait_queue_empty 120
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
code=$(sub "$VICTIM")
[ "$code" = 200 ] && srv_wait_count "$VICTIM" 1
ok $? "a stranger subscribes the victim's address: the confirmation mail reaches her"
f=$(ls "$(srv_maildir "$VICTIM")"/new/* | head -1)
/usr/bin/python3 tests/lib/arf.py "$f" "$VICTIM" "$BOX" >"$T/arf.eml" &&
	curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
		"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from fbl@example.org \
		--mail-rcpt "$BOX" -u sender@example.org:s3cret-sender \
		-T "$T/arf.eml" || echo "# could not send the report"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 1
M bounces >"$T/b.out" 2>"$T/b.err"; rc=$?; sed 's/^/# /' "$T/b.err"
[ $rc = 0 ] && grep -q "a complaint for $VICTIM about the confirmation mail" "$T/b.err"
ok $? "she reports it as spam; mailer bounces keeps the complaint"
cp "$T/page" "$T/page.before"
codes="$(sub "$VICTIM")$(sub "$VICTIM")$(sub "sender+news@example.org")$(sub "$OTHER")"
wait_for 60 "the confirmation mails to be sent" unsent_none
srv_wait_queue_empty 120
[ "$codes" = 200200200200 ] && cmp -s "$T/page" "$T/page.before"
ok $? "the form answers as ever ($codes)"
[ "$(web_mails 'sender%@example.org')" = 1 ] && srv_wait_count "$OTHER" 2 &&
	[ "$(ls "$(srv_maildir "$VICTIM")"/new | wc -l)" = 1 ]
ok $? "no more confirmation mails to her mailbox, nor to a +detail of it; another mailbox gets its own"
[ "$(grep -c "no-mail list=aba address=s\*\*\*@example.org .*reported a confirmation mail as spam" "$SRV_DIR/serve.log")" = 3 ]
ok $? "serve logs each refused request"
# forged MESSAGE-ID: a complaint from $OTHER quoting MESSAGE-ID is kept
# (as mailer bounces keeps one), then $OTHER asks again: 0 when its
# confirmation mail is still recorded for sending.
forged() {
	local n0
	q "insert into unverified(source_key, email, kind, returned_message_id, at)
	   values ('forged.$1', '$OTHER', 'complaint', '$1', strftime('%s','now'))"
	n0=$(web_mails "$OTHER")
	[ "$(sub "$OTHER")" = 200 ] && [ "$(web_mails "$OTHER")" = $((n0 + 1)) ]
}
# The genuine Message-ID of the mail that went to $VICTIM, in a report
# naming $OTHER: it proves nothing about $OTHER's mailbox.
mid=$(sed -n 's/^Message-ID: <\(web\.[^>]*\)>\r\?$/\1/p' "$f" | head -1)
echo "# $mid"
forged "$mid"
ok $? "a complaint about another address's mail blocks nobody"
# The stranger who asked for $OTHER's mail knows its row (ids are
# sequential) but never saw the mail: a report he writes with that row
# and a Message-ID serve did not write blocks nobody.
forged "web.$(q "select max(id) from web_mails where email = '$OTHER'").0123456789abcdef@example.org"
ok $? "a report whose Message-ID serve did not write blocks nobody"
q "update unverified set at = at - 366 * 86400 where kind = 'complaint'"
code=$(sub "$VICTIM")
[ "$code" = 200 ] && srv_wait_count "$VICTIM" 2
ok $? "after web.complaint_days her mailbox gets a confirmation mail again"
exit $tap_failed
