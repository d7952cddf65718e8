#!/usr/bin/env bash
# Self-test of tests/lib/servers.sh: real Postfix + Dovecot on loopback, driven with the curl tool.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/servers.sh"

if ! srv_have_servers; then echo "1..0 # SKIP postfix/dovecot not installed"; exit 0; fi

echo "1..23"
n=0 fails=0
ok() {   # ok COND-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
diag() { sed 's/^/# /' >&2; }
bail() { echo "Bail out! $*"; exit 1; }

T=$(mktemp -d /tmp/mailer-t-servers.XXXXXX) || bail "mktemp"
srv_init "$T"; ok $? "srv_init makes a CA and server certificate"
[ -s "$SRV_CA" ] && openssl verify -CAfile "$SRV_CA" "$SRV_CERT" >/dev/null 2>&1
ok $? "ca.pem exists and verifies the server certificate"
srv_dovecot_start; rc=$?; ok $rc "dovecot started (imap $SRV_IMAP_PORT, imaps $SRV_IMAPS_PORT)"
[ $rc -eq 0 ] || bail "dovecot did not start"
srv_postfix_start; rc=$?; ok $rc "postfix started (smtp $SRV_SMTP_PORT, plain $SRV_SMTP_PLAIN_PORT)"
[ $rc -eq 0 ] || bail "postfix did not start"
srv_add_user alice@example.org alicepw && srv_add_user bob@example.org bobpw &&
    srv_add_user bounces@bounce.test bouncepw && srv_add_user sender@example.org 's3nder pw!'
ok $? "users added"

msg() {   # msg TO SUBJECT -> file
    local f=$T/msg.$RANDOM
    printf 'From: Sender <sender@example.org>\r\nTo: <%s>\r\nSubject: %s\r\nMessage-ID: <%s.%s@example.org>\r\n\r\nHello %s.\r\n' \
        "$1" "$2" "$RANDOM" "$$" "$1" >"$f"
    echo "$f"
}
send() {   # send RCPT SUBJECT [curl args...] ; verbose log in $T/curl.log
    local to=$1 subj=$2; shift 2
    curl -sS -v --max-time 15 --ssl-reqd --cacert "$SRV_CA" "smtp://127.0.0.1:$SRV_SMTP_PORT" \
        --mail-from bounces+abc@bounce.test --mail-rcpt "$to" -u 'sender@example.org:s3nder pw!' \
        -T "$(msg "$to" "$subj")" "$@" >"$T/curl.log" 2>&1
}

# EHLO capabilities: main port offers STARTTLS but no AUTH before TLS; plain port offers neither.
caps() {
    python3 - "$1" "$SRV_CA" <<'EOF'
import smtplib, ssl, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10)
s.ehlo("t.example.org")
caps = ["starttls" if s.has_extn("starttls") else "-", "auth" if s.has_extn("auth") else "-"]
if s.has_extn("starttls"):
    s.starttls(context=ssl.create_default_context(cafile=sys.argv[2]))
    s.ehlo("t.example.org")
    caps.append("tls:auth" if s.has_extn("auth") else "tls:-")
s.quit()
print(" ".join(caps))
EOF
}
c=$(caps "$SRV_SMTP_PORT"); [ "$c" = "starttls - tls:auth" ]; ok $? "smtp port offers STARTTLS, AUTH only after TLS (cert verified) ($c)"
c=$(caps "$SRV_SMTP_PLAIN_PORT"); [ "$c" = "- -" ]; ok $? "plain port offers neither STARTTLS nor AUTH ($c)"

# 1. STARTTLS + AUTH delivery to alice.
send alice@example.org "to alice"; rc=$?
ok $rc "curl sends to alice over STARTTLS with AUTH"
[ $rc -eq 0 ] || diag <"$T/curl.log"
srv_wait_queue_empty 120; ok $? "queue drains"
[ "$(srv_maildir_count alice@example.org)" = 1 ]; ok $? "message landed in alice's Maildir"
grep -qs '^Return-Path: <bounces+abc@bounce.test>' "$(srv_maildir alice@example.org)"/new/*
ok $? "Return-Path is the envelope sender"

# 2. Unknown user -> RFC 3464 DSN to bounces+abc@bounce.test -> bounces@bounce.test.
send nosuchuser@example.org "to nobody"; ok $? "unknown user accepted at RCPT"
srv_wait_queue_empty 120
[ "$(srv_maildir_count bounces@bounce.test)" = 1 ]; ok $? "one DSN in bounces@bounce.test's Maildir"
dsn=$(cat "$(srv_maildir bounces@bounce.test)"/new/* 2>/dev/null)
grep -q 'Content-Type: multipart/report; report-type=delivery-status' <<<"$dsn" &&
    grep -q '^Status: 5\.1\.1' <<<"$dsn" && grep -qi '^Final-Recipient: rfc822; *nosuchuser@example.org' <<<"$dsn"
ok $? "DSN is multipart/report delivery-status with Status: 5.1.1"

# 3. IMAPS read of the bounce mailbox.
out=$(curl -sS --max-time 15 --cacert "$SRV_CA" "imaps://127.0.0.1:$SRV_IMAPS_PORT/INBOX?ALL" -u bounces@bounce.test:bouncepw 2>&1)
[ "$out" = "$(printf '* SEARCH 1\r')" ]; ok $? "IMAPS: INBOX of bounces@bounce.test holds one message"
out=$(curl -sS --max-time 15 --cacert "$SRV_CA" "imaps://127.0.0.1:$SRV_IMAPS_PORT/INBOX;MAILINDEX=1" -u bounces@bounce.test:bouncepw 2>&1)
grep -q 'report-type=delivery-status' <<<"$out"; ok $? "IMAPS: fetched message is the DSN"
curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" "imap://127.0.0.1:$SRV_IMAP_PORT/INBOX?ALL" -u bounces@bounce.test:bouncepw >/dev/null 2>&1
ok $? "IMAP STARTTLS login works"
curl -sS --max-time 15 "imap://$SRV_IMAP_INSECURE_HOST:$SRV_IMAP_INSECURE_PORT/INBOX?ALL" -u bounces@bounce.test:bouncepw >/dev/null 2>&1
[ $? -ne 0 ]; ok $? "IMAP on $SRV_IMAP_INSECURE_HOST refuses plaintext login without TLS"

# 4. Canned RCPT reply, then cleared.
srv_postfix_reply bob@example.org "451 4.3.0 try later"; ok $? "srv_postfix_reply set"
send bob@example.org "to bob, deferred"; rc=$?
[ $rc -ne 0 ] && grep -q '^< 451 4.3.0' "$T/curl.log"; ok $? "send to bob fails with 451 (curl rc=$rc)"
srv_postfix_reply_clear bob@example.org && send bob@example.org "to bob, ok"; rc=$?
ok $rc "after srv_postfix_reply_clear the send to bob succeeds"
[ $rc -eq 0 ] || diag <"$T/curl.log"
srv_wait_queue_empty 120
[ "$(srv_maildir_count bob@example.org)" = 1 ]; ok $? "message landed in bob's Maildir"

# 5. The plain port cannot satisfy a client that requires TLS.
curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
    --mail-from bounces+abc@bounce.test --mail-rcpt alice@example.org -T "$(msg alice@example.org plain)" >/dev/null 2>&1
[ $? -ne 0 ]; ok $? "curl --ssl-reqd refuses the plain port"

[ "$fails" -eq 0 ] || { export SRV_KEEP=1; echo "# failures: logs kept in $T" >&2; }
exit $(( fails > 0 ))
