#!/usr/bin/env bash
# Bounces without a VERP token, through real Postfix and Dovecot.  Postfix
# rewrites our envelope sender bounces+TOKEN@bounce.test to the plain
# bounces@bounce.test (sender_canonical_maps, as a forwarding hop that
# rewrites senders would), so its genuine DSNs for unknown users come back
# without the token; they still count, through the returned headers' tokens
# (Message-ID, List-Unsubscribe), for the list of the message that bounced
# and no other.  Forged tokenless
# DSNs injected through Postfix's inbound port, one bare and one carrying a
# real Message-ID of another subscriber's copy, change nobody's status:
# they are logged, kept as unverified evidence, and moved like the others.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-tokenless.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 12
bounce_servers "$T/imap.pw" || exit 1
bounce_sender_plain || exit 1

P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
GHOST=ghost@members.test	# an unknown user on two lists
printf '%s,幽灵,\n' "$GHOST" >>"$P/lists/chengdu.csv"
printf '%s,幽灵,\n' "$GHOST" >>"$P/lists/deyang.csv"
VICTIM=zhou.peng.ab@example.org	# a subscriber whose copy arrived
ATTACKER=$(list_addresses "$P" bazhong | head -1)
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)


$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; ok $rc "send 2021-01 exits 0 (got $rc)"; sed 's/^/# /' "$T/out"
srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 2
ok $? "Postfix's two DSNs for $GHOST arrived"
# They were addressed to the plain bounce address: no token anywhere in
# their envelope, and each returns our message with its Message-ID.
bad=0
for f in "$BOX"/new/*; do
	grep -qi '^\(Delivered-To\|X-Original-To\|To\):.*bounces+' "$f" && bad=1
	grep -q '^Message-ID: <2021-01\.\(chengdu\|deyang\)\.' "$f" || bad=1
done
[ $bad = 0 ]; ok $? "the DSNs carry no token in their envelope, only in the returned headers"

# The attacker's own copy gives a genuine Message-ID of ours.
amid=$(grep -h '^Message-ID:' "$(srv_maildir "$ATTACKER")"/new/* | head -1 |
	sed 's/^Message-ID: *//')
forged() {	# forged MSGID-HEADERS: a DSN claiming VICTIM failed 5.1.1
	cat <<EOF2
From: MAILER-DAEMON@mx.evil.test
To: <bounces@bounce.test>
Subject: Undelivered Mail Returned to Sender
Message-ID: <forged.$RANDOM.$1@evil.test>
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
--b
Content-Type: text/rfc822-headers

From: newsletter@example.org
To: $VICTIM
Subject: Issue 1
$2
--b--
EOF2
}
forged 1 "" >"$T/forged1.eml"
forged 2 "Message-ID: $amid" >"$T/forged2.eml"
for f in "$T/forged1.eml" "$T/forged2.eml"; do
	curl -sS --max-time 15 "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
		--mail-from x@evil.test --mail-rcpt bounces@bounce.test -T "$f" ||
		break
done && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 4
ok $? "two forged tokenless DSNs came in through Postfix's inbound port"

$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
grep -qx "bounces: 4 messages: 2 bounces (2 hard, 0 soft), 0 delays, 0 autoreplies, 0 complaints, 0 unsubscribes, 2 other; 2 suppressions" "$T/b1"
ok $? "summary: the 2 genuine bounces count, the 2 forgeries are other"
[ "$(grep -c "for $VICTIM $UNPROVEN: kept as unverified evidence, nobody suppressed" "$T/b1.err")" = 2 ]
ok $? "each forgery is logged as unverified evidence"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$GHOST" <<'PY'
import json, sys
got = sorted((r['list'], r['email']) for r in json.load(open(sys.argv[1])))
want = [('chengdu', sys.argv[2]), ('deyang', sys.argv[2])]
print('#', got)
sys.exit(0 if got == want else 1)
PY
ok $? "suppressed: $GHOST on chengdu and deyang, each by its own message, not on every list"
python3 - "$P/state/mailer.db" "$VICTIM" "$amid" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT kind, class, status, returned_message_id"
                  " FROM unverified WHERE email = ?", (sys.argv[2],)).fetchall()
print('#', rows)
ids = sorted(r[3] or '' for r in rows)
ok = len(rows) == 2 and all(r[:3] == ('bounce', 'hard', '5.1.1')
                            for r in rows) and ids[1] == sys.argv[3]
n = db.execute("SELECT count(*) FROM events WHERE email = ?",
               (sys.argv[2],)).fetchone()[0]
sys.exit(0 if ok and n == 0 else 1)
PY
ok $? "the forgeries are in the ledger as unverified evidence, not as events"
n=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$n" = 4 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "all 4 messages moved to .Processed ($n), INBOX empty"

# The next issue still goes to the victim and the attacker, not the ghost.
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^number: 1$/number: 2/' "$P/issues/2021-02/issue.yaml"
$M send "$P/issues/2021-02" >"$T/out2" 2>"$T/err2"
rc=$?; ok $rc "send 2021-02 exits 0 (got $rc)"
srv_wait_queue_empty 120
[ "$(srv_maildir_count "$VICTIM")" = 2 ] && [ "$(srv_maildir_count "$ATTACKER")" -ge 2 ] &&
	[ "$(grep -c "to=<$GHOST>.*status=bounced" "$SRV_POSTFIX_LOG")" = 2 ]
ok $? "2021-02 reached the victim and the attacker; the ghost was not tried again"
exit $tap_failed
