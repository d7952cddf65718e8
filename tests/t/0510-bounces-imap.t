#!/usr/bin/env bash
# mailer bounces against real servers: Postfix bounces mail for unknown
# users with genuine DSNs to the VERP address, Dovecot serves them over
# IMAPS; the unknown users get suppressed, the messages move to Processed,
# a second run is silent, and the next issue skips them.  An unsubscribe
# request by mail unsubscribes from one list only; a forged token changes
# nothing.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-bounces.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 17
bounce_servers "$T/imap.pw" || exit 1
# unsubscribe+TOKEN@bounce.test lands in the bounce mailbox, too
printf 'unsubscribe@bounce.test bounces@bounce.test\n' >"$SRV_DIR/postfix/valias"
postconf -c "$SRV_DIR/postfix" -e "virtual_alias_maps = hash:$SRV_DIR/postfix/valias"
srv__backdate "$SRV_DIR/postfix/main.cf"
srv__postmap "$SRV_DIR/postfix/valias" && srv_postfix_reload

P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
GHOSTS="ghost1@members.test ghost2@example.org ghost3@members.test"
UNSUB=yang.jinhua.ab@example.org
printf 'ghost1@members.test,幽灵一,\nghost2@example.org,幽灵二,\n' >>"$P/lists/chengdu.csv"
printf 'ghost3@members.test,幽灵三,\n' >>"$P/lists/deyang.csv"
printf '%s,杨金花,马尔康市\n' "$UNSUB" >>"$P/lists/bazhong.csv"
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)

smtp_send() {	# smtp_send RCPT FILE
	curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
		"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from sender@example.org \
		--mail-rcpt "$1" -u sender@example.org:s3cret-sender -T "$2"
}

$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; ok $rc "send 2021-01 exits 0 (got $rc)"
grep -q "sent 82, deferred 0, failed 0" "$T/out"; ok $? "82 sent (3 to unknown users)"
srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 3
ok $? "three DSNs arrived in bounces@bounce.test"

# The subscriber's own List-Unsubscribe address, from the aba edition.
lu=$(grep -h '^List-Unsubscribe:' "$(srv_maildir $UNSUB)"/new/* | grep -o 'unsubscribe+[a-z2-7]*@bounce.test' | sort -u)
tok=${lu#unsubscribe+}; tok=${tok%@*}
n=$(grep -l '^List-Id:.*aba' "$(srv_maildir $UNSUB)"/new/* | xargs grep -h '^List-Unsubscribe:' | grep -o 'unsubscribe+[a-z2-7]*@bounce.test')
printf 'From: <%s>\r\nTo: <%s>\r\nSubject: unsubscribe\r\nMessage-ID: <unsub.1@example.org>\r\n\r\nunsubscribe\r\n' \
	"$UNSUB" "$n" >"$T/unsub.eml"
# A forged bounce naming a real subscriber, and a forged unsubscribe.
VICTIM=zhou.peng.ab@example.org
cat >"$T/forged.eml" <<EOF2
From: MAILER-DAEMON@mx.evil.test
To: <bounces+aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.test>
Subject: Undelivered Mail Returned to Sender
Message-ID: <forged.1@evil.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message could not be delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.evil.test

Final-Recipient: rfc822; $VICTIM
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown
--b--
EOF2
printf 'From: <x@evil.test>\r\nTo: <unsubscribe+bbbbbbbbbbbbbbbbbbbbbbbbbbbbb@bounce.test>\r\nSubject: unsubscribe\r\nMessage-ID: <forged.2@evil.test>\r\n\r\nunsubscribe\r\n' \
	>"$T/forged-unsub.eml"
smtp_send "$n" "$T/unsub.eml" &&
	smtp_send bounces+aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.test "$T/forged.eml" &&
	smtp_send unsubscribe+bbbbbbbbbbbbbbbbbbbbbbbbbbbbb@bounce.test "$T/forged-unsub.eml" &&
	srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 6
ok $? "an unsubscribe request and two forgeries arrived ($n)"

t0=$(date +%s.%N)
$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
grep -qx "bounces: 6 messages: 3 bounces (3 hard, 0 soft), 0 delays, 0 autoreplies, 0 complaints, 1 unsubscribe, 2 other; 4 suppressions" "$T/b1"
ok $? "summary: 3 hard bounces, 1 unsubscribe, 2 other, 4 suppressions"
[ "$(grep -c 'forged or damaged token' "$T/b1.err")" -ge 2 ]
ok $? "both forged tokens are logged"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$UNSUB" "$VICTIM" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
got = sorted((r['list'], r['email'], r['reason']) for r in rows)
want = sorted([('chengdu', 'ghost1@members.test', '1 hard bounce(s)'),
               ('chengdu', 'ghost2@example.org', '1 hard bounce(s)'),
               ('deyang', 'ghost3@members.test', '1 hard bounce(s)'),
               ('aba', sys.argv[2], 'unsubscribed')])
if got != want:
    print('#', got); sys.exit(1)
sys.exit(0 if all(r['since'].endswith('Z') for r in rows) else 1)
PY
ok $? "bounces --list --json: the 3 unknown users and the unsubscriber (aba only)"
$M bounces --list | grep -q "ghost3@members.test"; ok $? "bounces --list prints them as text"
n=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$n" = 6 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "all 6 messages moved to .Processed ($n), INBOX empty"
ls "$BOX/.Processed/cur" | grep -q ':2,.*S' ; [ $? -ne 0 ]
ok $? "moved messages are not marked \\Seen"

$M bounces >"$T/b2" 2>&1
rc=$?; [ $rc = 0 ] && [ ! -s "$T/b2" ]; ok $? "a second run finds nothing and prints nothing (rc $rc)"
t1=$(date +%s.%N)
echo "# two bounces runs took $(awk "BEGIN{print $t1 - $t0}") s"

# The next issue skips the suppressed addresses.
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^number: 1$/number: 2/; s/^title: .*/title: 四川科协学会工作通讯 2021年第2期/' "$P/issues/2021-02/issue.yaml"
before=$(srv_maildir_count $UNSUB)
$M send "$P/issues/2021-02" >"$T/out2" 2>"$T/err2"
rc=$?; ok $rc "send 2021-02 exits 0 (got $rc)"; sed 's/^/# /' "$T/out2" "$T/err2"
srv_wait_queue_empty 120
bad=0
for g in $GHOSTS; do
	c=$(grep -c "to=<$g>" "$SRV_POSTFIX_LOG")
	# one attempt in 2021-01, and its bounce's own log line is to=<bounces+...>
	[ "$(grep "to=<$g>" "$SRV_POSTFIX_LOG" | grep -c 'status=bounced')" = 1 ] || bad=1
	echo "# $g: $c log lines"
done
[ $bad = 0 ]; ok $? "Postfix's log: each unknown user attempted once (2021-01 only)"
after=$(srv_maildir_count $UNSUB)
[ $((after - before)) = 1 ]
ok $? "the unsubscriber still gets the bazhong edition, not aba's ($before -> $after)"
[ "$(srv_maildir_count $VICTIM)" = 2 ]; ok $? "the forged bounce's victim got 2021-02"
$M status "$P/issues/2021-02" --json >"$T/status.json"
python3 -c "
import json,sys; rows=json.load(open('$T/status.json'))
s={r['list']:r['suppressed'] for r in rows if r['suppressed']}
print('#', s); sys.exit(0 if s=={'chengdu':2,'deyang':1,'aba':1} else 1)"
ok $? "status 2021-02: suppressed per list chengdu 2, deyang 1, aba 1"
exit $tap_failed
