#!/usr/bin/env bash
# A Chinese reader's internationalised address (RFC 6531: 张三@example.org,
# 李四@members.test) goes through a real Postfix that announces SMTPUTF8
# (smtputf8_enable = yes; STARTTLS + AUTH, so the EHLO that counts is the
# one after STARTTLS): MAIL FROM carries SMTPUTF8, the RCPT is the UTF-8
# address, Postfix takes it "with UTF8SMTP" and delivers.  What it
# delivered is read by Python's email (policy SMTPUTF8): the To header is
# the address in UTF-8 (RFC 6532); the DKIM signature, which covers To,
# verifies with dkimpy; the VERP envelope sender and List-Unsubscribe are
# ASCII tokens, the same for an ASCII subscriber.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/dkim.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
dkim_have_verifiers || skip_all "python3-dkim/python3-nacl missing (make deps)"
T=$(mktemp -d /tmp/mailer-t-eai.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
printf '%s\n' sender@example.org bob@example.org '张三@example.org' \
	'李四@members.test' | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
P=$T/proj
mk_tiny_project "$P"
mk_project "$T/cfg" "dkim:" "  create_demo_key: true" "  keys:" \
	"    - { selector: r1, key_file: dkim/rsa.pem }" \
	"web:" "  base_url: https://news.example.org"
cp "$T/cfg/config.yaml" "$T/cfg/smtp.pw" "$P/"
# the CFBL-Address must be in the signing domain's tree
sed -i 's/^bounce_domain: bounce.test$/bounce_domain: example.org/' "$P/config.yaml"
printf '%s\n' 'email,name' 'bob@example.org,Bob' '张三@example.org,张三' \
	'李四@members.test,李四' >"$P/lists/east.csv"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M dkim record >"$T/rec" 2>"$T/rec.err" || { sed 's/^/# /' "$T/rec.err"; echo "Bail out! dkim record"; exit 1; }

M send "$P/issues/2030-01" >"$T/out" 2>"$T/err"; rc=$?
sed 's/^/# /' "$T/out" "$T/err"
[ $rc = 0 ] && [ "$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")" = 3 ]
ok $? "send: the three subscribers sent, two of them internationalised (exit $rc)"
srv_wait_queue_empty 60
f1=$(srv_maildir_files <<<'张三@example.org')
f2=$(srv_maildir_files <<<'李四@members.test')
f0=$(srv_maildir_files <<<'bob@example.org')
grep -m1 -A4 '^Received:' "$f1" | grep 'with\|for' | sed 's/^/# /'
grep -q 'with UTF8SMTPSA' "$f1" && grep -q 'with UTF8SMTPSA' "$f2" &&
	grep -q 'with ESMTPSA' "$f0" &&
	grep -q 'to=<张三@example.org>.*status=sent' "$SRV_POSTFIX_LOG" &&
	grep -q 'to=<李四@members.test>.*status=sent' "$SRV_POSTFIX_LOG"
ok $? "Postfix took the UTF-8 RCPTs and delivered them"
/usr/bin/python3 - "$f1" '张三@example.org' "$f2" '李四@members.test' <<'PY'
import email, email.policy, sys
for path, want in zip(sys.argv[1::2], sys.argv[2::2]):
    raw = open(path, 'rb').read()
    m = email.message_from_string(raw.decode('utf-8'),
                                  policy=email.policy.SMTPUTF8)
    to = m['To'].addresses
    print('# To:', m['To'], '->', [a.addr_spec for a in to])
    assert [a.addr_spec for a in to] == [want], to
    assert m['Delivered-To'] == want, m['Delivered-To']
PY
ok $? "Python's email (SMTPUTF8) reads each To as the UTF-8 address it was delivered to"
/usr/bin/python3 tests/lib/dkimverify.py "$T/rec" "$f1" "$f2" "$f0" >"$T/dkim" 2>&1; rc=$?
sed 's/^/# /' "$T/dkim"
[ $rc = 0 ] && grep -q 'pass h=.*to' "$T/dkim"
ok $? "dkimpy: the signatures over the UTF-8 To verify"
/usr/bin/python3 - "$f1" <<'PY' >"$T/hdr"; rc=$?
import email, email.policy, sys
m = email.message_from_string(open(sys.argv[1], 'rb').read().decode(),
                              policy=email.policy.SMTPUTF8)
for h in ('Return-Path', 'List-Unsubscribe'):
    print(h + ': ' + ' '.join(str(m[h]).split()))
PY
sed 's/^/# /' "$T/hdr"
rp1=$(grep '^Return-Path:' "$T/hdr") lu1=$(grep '^List-Unsubscribe:' "$T/hdr")
[ $rc = 0 ] && [[ $rp1 =~ ^Return-Path:\ \<bounces\+([a-z2-7]{29})@example.org\>$ ]] &&
	tok=${BASH_REMATCH[1]} &&
	[[ $lu1 == *"<mailto:unsubscribe+$tok@example.org?subject=unsubscribe>"* ]] &&
	[[ $lu1 == *"<https://news.example.org/"* ]] &&
	! LC_ALL=C grep -q '[^ -~]' "$T/hdr"
ok $? "the VERP envelope sender and List-Unsubscribe are ASCII tokens"
# verp.h: the token's id is the first 64 bits of SHA-256(issue NUL list
# NUL email), in base32: the journal's row for the UTF-8 address
id=$(printf '2030-01\0east\0张三@example.org' | sha256sum | cut -c1-16 |
	xxd -r -p | base32 | tr -d = | tr A-Z a-z | cut -c1-13)
echo "# token $tok, id of 张三's row ${id:-?}"
[ -n "$tok" ] && [ "${tok:0:13}" = "$id" ] &&
	[ "$(sqlite3 "$P/state/mailer.db" "select email from recipients where token_id='$id'")" = '张三@example.org' ] &&
	grep -q "from=<bounces+$tok@example.org>" "$SRV_POSTFIX_LOG"
ok $? "its token is the journal's row of the UTF-8 address, as Postfix logged it"
exit $tap_failed
