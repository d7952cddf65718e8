#!/usr/bin/env bash
# mailer sends its VERP token as the DSN envelope id (RFC 3461 ENVID) to a
# relay that announces DSN, and a DSN that hands it back
# (Original-Envelope-Id, RFC 3464) proves itself with it alone.  A real
# Postfix rewrites our envelope sender to the plain bounces@bounce.test
# (as a forwarding hop that rewrites senders would) and reports an unknown
# user; the returned copy is then cut from its DSN (as a hop that strips
# attachments would), so neither the envelope nor a returned header holds
# a token: the DSN still counts, for that address and list, by its
# Original-Envelope-Id.  Two forgeries injected through Postfix's inbound
# port change nobody: one with a made-up envelope id, one with the
# attacker's own genuine token (read from the Message-ID of the copy the
# attacker got) claiming another subscriber failed.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-envid.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 7
bounce_servers "$T/imap.pw" || exit 1
bounce_sender_plain || exit 1

P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
GHOST=ghost@members.test	# an unknown user
printf '%s,幽灵,\n' "$GHOST" >>"$P/lists/chengdu.csv"
VICTIM=$(list_addresses "$P" chengdu | head -1)
ATTACKER=$(list_addresses "$P" chengdu | sed -n 2p)
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)

$M send "$P/issues/2021-01" --list chengdu >"$T/out" 2>"$T/err"
rc=$?
srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 1
ok $? "send exits 0 (got $rc) and Postfix's DSN for $GHOST arrived"
dsn=$(ls "$BOX"/new/* | head -1)
envid=$(sed -n 's/^Original-Envelope-Id: *//p' "$dsn" | tr -d '\r')
[ "${#envid}" = 29 ] && ! grep -qi '^\(Delivered-To\|X-Original-To\|To\):.*bounces+' "$dsn"
ok $? "the DSN carries Original-Envelope-Id $envid and no token in its envelope"

# A hop strips the returned copy: the DSN keeps its text and its status.
python3 - "$dsn" <<'PY'
import email, email.policy, sys
path = sys.argv[1]
msg = email.message_from_binary_file(open(path, 'rb'), policy=email.policy.compat32)
keep = [p for p in msg.get_payload()
        if p.get_content_type() not in ('message/rfc822', 'text/rfc822-headers')]
msg.set_payload(keep)
open(path, 'wb').write(msg.as_bytes())
PY
! grep -qi 'bounces+\|^Message-ID: <2021-01' "$dsn" && grep -q '^Final-Recipient: rfc822; *ghost@members.test' "$dsn"
ok $? "with its returned copy cut, the DSN holds no token but its envelope id"

# The attacker's genuine token: the last part of its copy's Message-ID.
atok=$(grep -h '^Message-ID:' "$(srv_maildir "$ATTACKER")"/new/* | head -1 |
	sed 's/^Message-ID: *<\(.*\)@.*/\1/; s/.*\.//')
forged() {	# forged N ENVID: a DSN claiming VICTIM failed 5.1.1
	cat <<EOF2
From: MAILER-DAEMON@mx.evil.test
To: <bounces@bounce.test>
Subject: Undelivered Mail Returned to Sender
Message-ID: <forged.$1.$RANDOM@evil.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message could not be delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.evil.test
Original-Envelope-Id: $2

Final-Recipient: rfc822; $VICTIM
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown
--b--
EOF2
}
forged 1 "abcdefghijklmnopqrstuvwxyz234" >"$T/forged1.eml"
forged 2 "$atok" >"$T/forged2.eml"
for f in "$T/forged1.eml" "$T/forged2.eml"; do
	curl -sS --max-time 15 "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
		--mail-from x@evil.test --mail-rcpt bounces@bounce.test -T "$f" ||
		break
done && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 3
ok $? "two forged DSNs came in through Postfix's inbound port (one with the attacker's token ${atok:0:6}...)"

$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$GHOST" <<'PY'
import json, sys
got = sorted((r['list'], r['email']) for r in json.load(open(sys.argv[1])))
print('#', got)
sys.exit(0 if got == [('chengdu', sys.argv[2])] else 1)
PY
ok $? "suppressed: $GHOST on chengdu, by its envelope id alone; nobody else"
[ "$(grep -c "for $VICTIM .*kept as unverified evidence, nobody suppressed" "$T/b1.err")" = 2 ] &&
	[ "$(sqlite3 "$P/state/mailer.db" "select count(*) from events where email in ('$VICTIM', '$ATTACKER')")" = 0 ]
ok $? "each forgery is kept as unverified evidence: no event for the victim or the attacker"
