#!/usr/bin/env bash
# A subscriber who once marked the newsletter as spam, and one whose
# mailbox was closed (a 5.1.1 bounce) and opened again, subscribe again
# through `mailer serve`'s confirmed subscription: the confirmation mail
# arrives through the real Postfix, the link is pressed, the page says
# the next newsletter comes.  The next send through Postfix reaches
# both, `bounces --list` no longer lists them, `check` no longer warns
# about their CSV rows, and the journal keeps each lift.  A complaint on
# another list stays.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-resub.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 12
bounce_servers "$T/imap.pw" || exit 1
web_ports
P=$T/proj
mk_web_bounce_project "$P" "$T/imap.pw"
SPAM=zhou.peng.ab@example.org		# aba: marks it as spam
SPAM2=li.xiaoyu.cd@example.org		# chengdu: marks it as spam, stays
GONE=moved.away@members.test		# bazhong: no mailbox at first
printf '%s,搬家者,巴州区\n' "$GONE" >>"$P/lists/bazhong.csv"
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^date: 2021-01-20/date: 2021-02-20/; s/第1期/第2期/' \
	"$P/issues/2021-02/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
B=http://127.0.0.1:$WEB_SERVE_PORT
BOX=bounces@bounce.test

M send "$P/issues/2021-01" --quiet >"$T/send1.out" 2>&1
ok $? "send 2021-01 through Postfix"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 1 &&
	srv_wait_count "$SPAM" 1 && srv_wait_count "$SPAM2" 1
ok $? "delivered; the closed mailbox bounced 5.1.1 into the bounce mailbox"

# The two spam reports (RFC 5965, as a provider's feedback loop writes
# them) go to the Return-Path of the copy each reader marked.
arf_complain "$SPAM" aba "$T/arf.0.eml" || echo "# no report from $SPAM"
arf_complain "$SPAM2" chengdu "$T/arf.1.eml" || echo "# no report from $SPAM2"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 3
M bounces >"$T/b1.out" 2>&1; rc=$?; sed 's/^/# /' "$T/b1.out"
M bounces --list >"$T/list1"
[ $rc = 0 ] && grep -q "^aba  *$SPAM  *complaint " "$T/list1" &&
	grep -q "^bazhong  *$GONE  *1 hard bounce(s) " "$T/list1"
ok $? "bounces: the reader who marked spam and the closed mailbox are suppressed"

# The provider opens the mailbox again; both subscribe again.
srv_add_user "$GONE" s3cret-sender
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
confirm_link() {	# confirm_link ADDRESS: the link of its newest mail
	local f
	f=$(ls -t "$(srv_maildir "$1")"/new/* | head -1)
	/usr/bin/python3 - "$f" <<'PY'
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'),
                                   policy=email.policy.default)
print(re.search(r'http://\S+/confirm\?t=\S+',
                m.get_body(('plain',)).get_content()).group(0))
PY
}
r=0
for who in "$SPAM:aba:周鹏" "$GONE:bazhong:搬家者"; do
	addr=${who%%:*} rest=${who#*:}; list=${rest%%:*} name=${rest#*:}
	before=$(srv_maildir_count "$addr")
	code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode "name=$name" \
		--data-urlencode "email=$addr" "$B/lists/$list/subscribe")
	[ "$code" = 200 ] && srv_wait_count "$addr" $((before + 1)) || r=1
	link=$(confirm_link "$addr")
	curl -s -X POST -o "$T/confirm.$list.html" "$link"
	grep -q 'will receive the next' "$T/confirm.$list.html" || r=1
done
ok $r "each confirmation mail came through Postfix; each confirm page says the next newsletter comes"

M bounces --list >"$T/list2"; sed 's/^/# /' "$T/list2"
! grep -q "$SPAM\|$GONE" "$T/list2" && grep -q "^chengdu  *$SPAM2  *complaint " "$T/list2"
ok $? "bounces --list: neither is listed any more; the other complaint stays"
[ "$(q "SELECT list, email, reason FROM lifts ORDER BY list")" = \
	"$(printf 'aba|%s|complaint\nbazhong|%s|1 hard bounce(s)' "$SPAM" "$GONE")" ]
ok $? "the journal keeps both lifts, with the reason lifted"
M check "$P/issues/2021-02" >"$T/check.out" 2>&1
! grep -q "$SPAM" "$T/check.out" && grep -q "$SPAM2 no longer receives" "$T/check.out"
ok $? "check: no warning about the resubscribed reader's CSV row; the other complaint still warned"

M send "$P/issues/2021-02" --quiet >"$T/send2.out" 2>&1
ok $? "send 2021-02 through Postfix"
srv_wait_queue_empty 120
[ "$(issue_copies "$SPAM" aba 2021-02)" = 1 ]; ok $? "the reader who had marked spam gets 2021-02 on aba"
[ "$(issue_copies "$GONE" bazhong 2021-02)" = 1 ]; ok $? "the reopened mailbox gets 2021-02 on bazhong"
[ "$(issue_copies "$SPAM2" chengdu 2021-02)" = 0 ]; ok $? "the other complainant still gets nothing on chengdu"
[ "$(q "SELECT count(*) FROM recipients WHERE issue = '2021-02'
	AND email IN ('$SPAM', '$GONE') AND state = 'sent'")" = 2 ]
ok $? "the journal has both as sent for 2021-02"
exit $tap_failed
