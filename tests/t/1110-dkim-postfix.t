#!/usr/bin/env bash
# DKIM through a real Postfix with OpenDKIM as its verifying milter: the
# sample issue goes to all 78 subscribers over STARTTLS + AUTH, OpenDKIM
# (TestPublicKeys from `mailer dkim record`) adds its
# Authentication-Results to each message on the way in, and in every
# Maildir that Dovecot serves both signatures say dkim=pass; dkimpy agrees
# on the delivered bytes.  Copies resubmitted through Postfix with one
# body byte, one List-Unsubscribe byte or one more From changed get
# dkim=fail from OpenDKIM; the untouched copy passes again.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/dkim.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
T=$(mktemp -d /tmp/mailer-t-dkim.XXXXXX); chmod 755 "$T"
OD_PID=
tap_cleanup() {
	[ -n "$OD_PID" ] && kill "$OD_PID" 2>/dev/null && wait "$OD_PID" 2>/dev/null
	gpgconf --homedir "$T/gnupg" --kill gpg-agent 2>/dev/null
}
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 7
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ project_addresses .; echo sender@example.org
  for i in 1 2 3 4 5; do echo "copy$i@members.test"; done; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }

P=$T/proj
mk_project "$P" "signing:" "  gnupg_home: $T/gnupg" "  create_demo_key: true" \
	"dkim:" "  create_demo_key: true" "  keys:" \
	"    - { selector: r1, key_file: dkim/rsa.pem }" \
	"    - { selector: e1, key_file: dkim/ed.pem, type: ed25519 }" \
	"web:" "  base_url: https://news.example.org"
# the CFBL-Address must be in the signing domain's tree
sed -i 's/^bounce_domain: bounce.test$/bounce_domain: example.org/' "$P/config.yaml"
M="$MAILER --config $P/config.yaml"
$M dkim record >"$T/rec" 2>"$T/rec.err" || { sed 's/^/# /' "$T/rec.err"; echo "Bail out! dkim record"; exit 1; }

# OpenDKIM in verify mode as Postfix's milter, keys from the test's file
OD=$T/od
dkim_opendkim_conf "$T/rec" "$OD"
OD_PORT=$(srv__free_ports 127.0.0.1 1)
cat >>"$OD/opendkim.conf" <<CONF
Socket inet:$OD_PORT@127.0.0.1
AuthservID mailer-test
Background no
PidFile $OD/pid
CONF
opendkim -f -x "$OD/opendkim.conf" 2>"$OD/log" &
OD_PID=$!
srv__wait_port 127.0.0.1 "$OD_PORT" 60 || { sed 's/^/# /' "$OD/log"; echo "Bail out! opendkim"; exit 1; }
# milter_default_action = tempfail: without a verdict nothing is delivered
postconf -c "$SRV_DIR/postfix" -e "smtpd_milters = inet:127.0.0.1:$OD_PORT" \
	"milter_default_action = tempfail" "milter_protocol = 6"
srv__backdate "$SRV_DIR/postfix/main.cf"
srv_postfix_reload || { echo "Bail out! postfix reload"; exit 1; }

$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; sed 's/^/# /' "$T/out" | tail -1
[ $rc = 0 ] && grep -q "sent 78, deferred 0, failed 0" "$T/out"
ok $? "send through Postfix + OpenDKIM milter: 78 sent"
srv_wait_queue_empty 120; ok $? "Postfix delivered everything"

# Authentication-Results added by OpenDKIM (authserv-id mailer-test) in
# each subscriber's Maildir
ar_results() {	# ar_results FILE...: "FILE<tab>ALG RESULT ALG RESULT " a file, sorted
	/usr/bin/python3 - "$@" <<'PY'
import email, email.policy, re, sys
for f in sys.argv[1:]:
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.compat32)
    res = []
    for ar in m.get_all('Authentication-Results') or []:
        ar = re.sub(r'\s+', ' ', ar)
        if not ar.startswith('mailer-test;'):
            continue
        for part in ar.split(';')[1:]:
            r = re.search(r'dkim=(\w+)', part)
            a = re.search(r'header\.a=([\w-]+)', part)
            if r and a:
                res.append(a.group(1) + ' ' + r.group(1))
    print(f + '\t' + ''.join(x + ' ' for x in sorted(res)))
PY
}
files=$(project_addresses "$P" | srv_maildir_files)
# shellcheck disable=SC2086
ar_results $files >"$T/ar"
n=$(wc -l <"$T/ar")
awk -F'\t' '$2 != "ed25519-sha256 pass rsa-sha256 pass " { print "# " $0 }' "$T/ar" >"$T/ar.bad"
head -5 "$T/ar.bad"
[ ! -s "$T/ar.bad" ] && [ "$n" = 78 ]
ok $? "OpenDKIM milter: dkim=pass for rsa-sha256 and ed25519-sha256 in all $n delivered messages"

# shellcheck disable=SC2086
/usr/bin/python3 tests/lib/dkimverify.py "$T/rec" $files >"$T/py.out" 2>&1
rc=$?
[ $rc = 0 ] && [ "$(grep -c ' pass h=' "$T/py.out")" = 156 ] &&
	[ "$(grep -c 'list-unsubscribe-post:list-unsubscribe-post:.*list-archive:archived-at:' "$T/py.out")" = 156 ]
ok $? "dkimpy: both signatures pass on the delivered bytes, List-Unsubscribe-Post and the archive fields signed"

# Resubmit copies of one delivered message through Postfix (plain port),
# without the fields added on the way, to copyN@members.test.
f=$(ls "$(srv_maildir "$(project_addresses "$P" | head -1)")"/new/* | head -1)
resubmit() {	# resubmit N MODE: 0 when OpenDKIM's verdict reached copyN's Maildir
	/usr/bin/python3 - "$f" "$SRV_SMTP_PLAIN_PORT" "copy$1@members.test" "$2" <<'PY'
import re, smtplib, sys
path, port, rcpt, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
raw = open(path, 'rb').read().replace(b'\r\n', b'\n')
head, body = raw.split(b'\n\n', 1)
fields = re.split(rb'\n(?=[^ \t])', head)
drop = (b'return-path:', b'delivered-to:', b'received:', b'authentication-results:')
fields = [f for f in fields if not f.lower().startswith(drop)]
if mode == 'body':
    i = body.index(b'\n', len(body) // 3) - 1
    body = body[:i] + (b'A' if body[i:i + 1] != b'A' else b'B') + body[i + 1:]
elif mode == 'unsub':
    fields = [re.sub(rb'^(List-Unsubscribe: <mailto:unsubscribe\+).', rb'\1x', f) for f in fields]
elif mode == 'from':
    fields.insert(0, b'From: Evil <evil@example.net>')
msg = b'\n'.join(fields) + b'\n\n' + body
s = smtplib.SMTP('127.0.0.1', port, timeout=30)
s.sendmail('resubmit@bounce.test', [rcpt], msg)
s.quit()
PY
}
resubmit 1 same && resubmit 2 body && resubmit 3 unsub && resubmit 4 from
srv_wait_queue_empty 120
verdict() {	# verdict N: the sorted results in copyN's message
	local m
	m=$(ls "$(srv_maildir "copy$1@members.test")"/new/* 2>/dev/null | head -1)
	[ -n "$m" ] && ar_results "$m" | cut -f2 | tr -d '\n'
}
v=$(verdict 1); echo "# untouched copy: $v"
[ "$v" = "ed25519-sha256 pass rsa-sha256 pass " ]
ok $? "resubmitted untouched: OpenDKIM says pass twice"
v=$(verdict 2); echo "# body byte: $v"
[ "$v" = "ed25519-sha256 fail rsa-sha256 fail " ]
ok $? "one body byte changed: OpenDKIM says fail twice"
v3=$(verdict 3) v4=$(verdict 4); echo "# List-Unsubscribe: $v3; second From: $v4"
[ "$v3" = "ed25519-sha256 fail rsa-sha256 fail " ] && [ "$v4" = "ed25519-sha256 fail rsa-sha256 fail " ]
ok $? "List-Unsubscribe byte changed, or a second From: OpenDKIM says fail twice"
