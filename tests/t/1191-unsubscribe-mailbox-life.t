#!/usr/bin/env bash
# What subscribers send to the addresses a newsletter names, through the
# real Postfix (unsubscribe@ aliased to the bounce mailbox, as README
# says) into Dovecot, read by `mailer bounces` over IMAPS:
#  - an unsubscribe by the List-Unsubscribe mailto, as mail clients write
#    it: the address upper-cased, HTML only, from another address of the
#    reader's, a "Re:" quoting the newsletter: that reader leaves that
#    list only;
#  - "report spam and unsubscribe": the provider's ARF report sent to
#    the List-Unsubscribe mailto is a complaint (counted, suppressed);
#  - a forged token is logged and changes nothing;
#  - a person's reply and a vacation auto-reply (RFC 3834: to the
#    envelope sender, our Return-Path) suppress nobody.
# The next send reaches everyone else.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-unsubbox.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 11
bounce_servers "$T/imap.pw" || exit 1
unsub_alias || { echo "Bail out! alias"; exit 1; }
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
U1=yang.jinhua.ab@example.org	# aba and bazhong: leaves aba by mailto
U2=zhou.peng.ab@example.org	# aba: "Re: unsubscribe" quoting it
SPAM=li.xiaoyu.cd@example.org	# chengdu: report spam and unsubscribe
REPLY=he.lei.ab@example.org	# aba: replies, and is away
printf '%s,杨金花,巴州区\n' "$U1" >>"$P/lists/bazhong.csv"
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^date: 2021-01-20/date: 2021-02-20/; s/第1期/第2期/' \
	"$P/issues/2021-02/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
BOX=bounces@bounce.test

M send "$P/issues/2021-01" --quiet >"$T/send1.out" 2>&1
ok $? "send 2021-01 through Postfix"
srv_wait_queue_empty 120 && srv_wait_count "$U1" 2 && srv_wait_count "$SPAM" 1
ok $? "the subscribers' copies were delivered"

# Each message as a mail client writes it (Python's email package),
# sent as the client does: to the address the newsletter names.
/usr/bin/python3 - "$SRV_MAIL_DIR" "$T" "$U1" "$U2" "$REPLY" <<'PY' || echo "# could not write the messages"
import email, email.policy, glob, re, sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
mail, out, u1, u2, reply = sys.argv[1:6]
def copy(addr, lst):
    u, d = addr.split('@')
    for f in sorted(glob.glob(f'{mail}/{d}/{u}/new/*')):
        m = email.message_from_binary_file(open(f, 'rb'),
                                           policy=email.policy.default)
        if f'<{lst}.' in str(m['List-Id']):
            return m
def new(name, frm, to, subj, rcpt, **hdrs):
    e = EmailMessage()
    e['From'], e['To'], e['Subject'] = frm, to, subj
    e['Date'], e['Message-ID'] = formatdate(), make_msgid(domain='example.org')
    for k, v in hdrs.items():
        e[k.replace('_', '-')] = v
    open(f'{out}/{name}.rcpt', 'w').write(rcpt)
    return e
def save(name, e):
    open(f'{out}/{name}.eml', 'wb').write(bytes(e))
def mailto(m):
    return re.search(r'mailto:(unsubscribe\+[a-z2-7]+@bounce\.test)',
                     str(m['List-Unsubscribe'])).group(1)
m1, m2, m3 = copy(u1, 'aba'), copy(u2, 'aba'), copy(reply, 'aba')
text = m2.get_body(('plain',)).get_content()
quoted = ''.join('> ' + l + '\n' for l in text.splitlines()[:60])
up = mailto(m1).upper()
e = new('upper', '杨金花 <yang.other@members.test>', up, 'unsubscribe', up)
e.set_content('<html><body><p>unsubscribe</p></body></html>', subtype='html')
save('upper', e)
e = new('quoted', u2, mailto(m2), 'Re: unsubscribe', mailto(m2))
e.set_content('请退订。Please take me off.\n\n' + quoted)
save('quoted', e)
forged = 'unsubscribe+' + 'a' * 29 + '@bounce.test'
e = new('forged', 'x@members.test', forged, 'unsubscribe', forged)
e.set_content('unsubscribe\n')
save('forged', e)
rp = str(m3['Return-Path']).strip('<>')
e = new('reply', reply, rp, 'Re: ' + str(m3['Subject']), rp,
        In_Reply_To=m3['Message-ID'])
e.set_content('谢谢!The second article was very useful.\n\n' + quoted)
save('reply', e)
e = new('vacation', reply, rp, 'Auto: ' + str(m3['Subject']), rp,
        Auto_Submitted='auto-replied (vacation)', In_Reply_To=m3['Message-ID'])
e.set_content('I am away until 30 January.\n')
save('vacation', e)
PY
smtp_send() {	# smtp_send NAME: T/NAME.eml to the address in T/NAME.rcpt
	curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
		"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from sender@example.org \
		--mail-rcpt "$(cat "$T/$1.rcpt")" -u sender@example.org:s3cret-sender \
		-T "$T/$1.eml" || echo "# could not send $1"
}
for n in upper quoted forged reply vacation; do smtp_send "$n"; done
# "Report spam and unsubscribe": the report goes to the mailto.
f=$(grep -l '^List-Id:.*<chengdu\.' "$(srv_maildir "$SPAM")"/new/* | head -1)
to=$(grep -h -A1 '^List-Unsubscribe:' "$f" | grep -o 'unsubscribe+[a-z2-7]*@bounce.test')
arf_complain "$SPAM" chengdu "$T/arf.eml" "$to" || echo "# no report from $SPAM"
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 6
ok $? "six messages arrived in the bounce mailbox"

M bounces >"$T/b.out" 2>"$T/b.err"; rc=$?; sed 's/^/# /' "$T/b.out" "$T/b.err"
[ $rc = 0 ] && grep -qx 'bounces: 6 messages: 0 bounces (0 hard, 0 soft), 0 delays, 1 autoreply, 1 complaint, 2 unsubscribes, 2 other; 3 suppressions' "$T/b.out"
ok $? "summary: 2 unsubscribes, 1 complaint, 1 auto-reply, 2 other, 3 suppressions"
grep -q 'ignored a forged or damaged token in unsubscribe+aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.test' "$T/b.err" &&
	[ "$(grep -c 'ignored a forged' "$T/b.err")" = 1 ]
ok $? "the forged token is logged, once (not again as the alias's bounces+ rewrite)"
grep -q "a message to the bounce address of $REPLY (list aba, issue 2021-01) is no bounce, complaint, auto-reply or unsubscribe request: counted as other, nobody suppressed; a person may have written it" "$T/b.err" &&
	[ "$(grep -c 'a person may have written it' "$T/b.err")" = 1 ]
ok $? "the reader's reply to the Return-Path is named, once (not the auto-reply)"
M bounces --list --json >"$T/list.json"
/usr/bin/python3 - "$T/list.json" "$U1" "$U2" "$SPAM" <<'PY'
import json, sys
got = sorted((r['list'], r['email'], r['reason']) for r in json.load(open(sys.argv[1])))
want = sorted([('aba', sys.argv[2], 'unsubscribed'), ('aba', sys.argv[3], 'unsubscribed'),
               ('chengdu', sys.argv[4], 'complaint')])
print('#', got)
sys.exit(0 if got == want else 1)
PY
ok $? "bounces --list: the two unsubscribers on aba only, the spam report a complaint on chengdu"
[ "$(q "SELECT kind, list, email FROM events WHERE kind = 'complaint'")" = "complaint|chengdu|$SPAM" ]
ok $? "the journal has the report to the mailto as a complaint"
M status "$P/issues/2021-01" --json >"$T/status.json"
/usr/bin/python3 -c "
import json, sys
rows = {r['list']: r for r in json.load(open('$T/status.json'))}
print('#', rows['chengdu']['complaints'], rows['aba']['unsubscribed'], rows['aba']['issue_complaints'])
sys.exit(0 if rows['chengdu']['complaints'] == 1 and rows['aba']['unsubscribed'] == 2
         and rows['aba']['issue_complaints'] == 1 else 1)"
ok $? "status --json: chengdu counts the complaint, aba two unsubscribes"

M send "$P/issues/2021-02" --quiet >"$T/send2.out" 2>&1
ok $? "send 2021-02 through Postfix"
srv_wait_queue_empty 120
r=
for who in "$U1 aba" "$U1 bazhong" "$U2 aba" "$SPAM chengdu" "$REPLY aba"; do
	r=$r$(issue_copies ${who% *} ${who#* } 2021-02)
done
[ "$r" = 01001 ]
ok $? "2021-02: the unsubscribers and the complainant get nothing there, $U1 still bazhong, the replier aba (got $r)"
exit $tap_failed
