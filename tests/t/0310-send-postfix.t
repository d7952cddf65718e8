#!/usr/bin/env bash
# Send the sample issue to all 21 lists through a real Postfix (STARTTLS,
# AUTH through Dovecot SASL, virtual Maildirs): every subscriber gets
# exactly one message, which Python's email package reads with the right
# To, List-Id and List-Unsubscribe.  A second send sends nothing.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/neomutt.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-send.XXXXXX); chmod 755 "$T"
tap_cleanup() { gpgconf --homedir "$T/gnupg" --kill gpg-agent 2>/dev/null; gpgconf --homedir "$T/v" --kill gpg-agent 2>/dev/null; }
# set before srv_init, which chains its own server shutdown onto it
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 11
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ project_addresses .; echo sender@example.org; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
P=$T/proj
mk_project "$P" "signing:" "  gnupg_home: $T/gnupg" "  create_demo_key: true"
M="$MAILER --config $P/config.yaml"

$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; ok $rc "send exits 0 (got $rc)"; sed 's/^/# /' "$T/out" "$T/err"
grep -q "sent 78, deferred 0, failed 0" "$T/out"; ok $? "summary: 78 sent"
srv_wait_queue_empty 120; ok $? "Postfix delivered everything"
project_addresses "$P" | srv_maildir_counts | awk '$1 != 1' >"$T/not1"
sed 's/^\([0-9]*\) \(.*\)/# \2 has \1/' "$T/not1"
[ ! -s "$T/not1" ] && [ "$(project_addresses "$P" | wc -l)" = 78 ]
ok $? "every subscriber's Maildir holds exactly one message"
python3 - "$P" "$SRV_MAIL_DIR" <<'PY'
import csv, email, email.policy, glob, os, re, sys
proj, mail = sys.argv[1:3]
errors = []
for csvf in glob.glob(proj + '/lists/*.csv'):
    lid = os.path.basename(csvf)[:-4]
    list_id = re.search(r'^list_id: (.*)$', open(proj + f'/lists/{lid}.yaml', encoding='utf-8').read(), re.M).group(1)
    for row in csv.DictReader(open(csvf, encoding='utf-8')):
        u, d = row['email'].split('@')
        files = glob.glob(f'{mail}/{d}/{u}/new/*') + glob.glob(f'{mail}/{d}/{u}/cur/*')
        m = email.message_from_binary_file(open(files[0], 'rb'), policy=email.policy.default)
        to = m['To'].addresses[0]
        if to.addr_spec != row['email'] or to.display_name != row['name']:
            errors.append(f'{row["email"]}: To is {m["To"]}')
        if f'<{list_id}>' not in m['List-Id']:
            errors.append(f'{row["email"]}: List-Id {m["List-Id"]}')
        lu = m['List-Unsubscribe'] or ''
        if not re.match(r'<mailto:unsubscribe\+[a-z2-7]{29}@bounce\.test\?subject=unsubscribe>$', lu):
            errors.append(f'{row["email"]}: List-Unsubscribe {lu!r}')
        rp = m['Return-Path'] or ''
        if not re.match(r'<bounces\+[a-z2-7]{29}@bounce\.test>$', rp) or len(rp.split('@')[0]) - 1 > 64:
            errors.append(f'{row["email"]}: Return-Path {rp!r}')
for e in errors[:10]: print('#', e)
sys.exit(1 if errors else 0)
PY
ok $? "To, List-Id, List-Unsubscribe and VERP Return-Path are right"
# Every delivered message is signed: gpg (a home with only the exported
# certificate) and sqop must both say good.
mkdir -m 700 "$T/v"
gpg --homedir "$T/gnupg" --export >"$T/cert.pgp" 2>/dev/null
gpg --homedir "$T/v" --batch --import "$T/cert.pgp" >/dev/null 2>&1
bad=0 n=0 split=()
for f in "$SRV_MAIL_DIR"/*/*/new/* "$SRV_MAIL_DIR"/*/*/cur/*; do
	[ -f "$f" ] || continue
	case $f in */bounces/*|*/sender/*) continue ;; esac
	n=$((n + 1)); split+=("$f" "$T/x/$n")
done
python3 tests/lib/pgpmime.py "${split[@]}" >/dev/null 2>"$T/split.err" || bad=1
sed 's/^/# /' "$T/split.err"
for i in $(seq 1 $n); do
	x=$T/x/$i f=${split[$(( (i - 1) * 2 ))]}
	[ -s "$x/sig" ] || { bad=1; continue; }
	gpg --homedir "$T/v" --verify "$x/sig" "$x/data" 2>&1 | grep -q 'Good signature' || { echo "# gpg: $f"; bad=1; }
	sqop verify "$x/sig" "$T/cert.pgp" <"$x/data" >/dev/null 2>&1 || { echo "# sqop: $f"; bad=1; }
done
[ $bad = 0 ] && [ $n = 78 ]; ok $? "all $n delivered messages verify with gpg and sqop"
# A real mail client opens one delivered message.
if command -v neomutt >/dev/null && command -v tmux >/dev/null; then
	nm_screen "$(srv_maildir wang.lin.ls@example.org)" "$T/v" "$T/screen"
	sed -n '/Begin signature/,/End signature/p' "$T/screen" | sed 's/^/# /' | head -4
	grep -q 'Good signature from: 四川省科协学会学术部' "$T/screen"
	ok $? "neomutt (gpgme) shows a good signature"
	grep -q '四川科协学会工作通讯 2021年第1期' "$T/screen" && ! grep -q '=?UTF-8?' "$T/screen"
	ok $? "neomutt shows the Chinese Subject decoded"
else
	ok 1 "neomutt and tmux installed (make deps)"; ok 1 "neomutt check"
fi
n=$(grep -c "status=sent (delivered to maildir)" "$SRV_POSTFIX_LOG")
[ "$n" -eq 78 ]; ok $? "Postfix's log shows 78 deliveries (got $n)"
$M send "$P/issues/2021-01" >"$T/out2" 2>&1
rc=$?; grep -q "nothing to send: 78 recipients already done" "$T/out2"
ok $? "a second send sends nothing and says so (rc $rc)"
$M status "$P/issues/2021-01" --json >"$T/status.json"
python3 -c "
import json,sys; rows=json.load(open('$T/status.json'))
sys.exit(0 if len(rows)==21 and sum(r['sent'] for r in rows)==78 and all(r['remaining']==0 for r in rows) else 1)"
ok $? "status --json: 21 lists, 78 sent, none remaining"
exit $tap_failed
