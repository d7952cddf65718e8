#!/usr/bin/env bash
# A complaint without a VERP token whose returned copy's Message-ID a
# relay rewrote, through real Postfix and Dovecot.  Postfix plays that
# relay: its header_checks replace our Message-ID (and with it the token
# it ends with) and drop List-Unsubscribe, so the only token of ours left
# in a delivered copy is the Return-Path the final delivery wrote from our
# envelope sender bounces+TOKEN@bounce.test.  A subscriber on two lists
# complains about one list's copy: a feedback report (tests/lib/arf.py,
# Python's email package) around that copy, sent to the plain bounce
# address, counts for that list only.  The same report about the other
# list's copy with one character of its Return-Path token altered proves
# nothing: kept as unverified evidence, nobody suppressed.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-rettoken.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 11
bounce_servers "$T/imap.pw" || exit 1
# The relay: our Message-ID <2021-01.LIST.SALT.N.TOKEN@...> becomes
# <relay.LIST.N@relay.test>; List-Unsubscribe goes.  Attached messages
# (the reports' returned copies) pass untouched.
cat >"$SRV_DIR/postfix/header_checks" <<'EOF'
/^Message-ID:[[:space:]]*<2021-01\.([a-z0-9-]+)\.[0-9a-f]+\.([0-9]+)\.[a-z2-7]+@[^>]*>/ REPLACE Message-ID: <relay.$1.$2@relay.test>
/^List-Unsubscribe(-Post)?:/ IGNORE
EOF
postconf -c "$SRV_DIR/postfix" -e \
	"header_checks = regexp:$SRV_DIR/postfix/header_checks" \
	"nested_header_checks ="
srv__backdate "$SRV_DIR/postfix/main.cf" "$SRV_DIR/postfix/header_checks"
srv_postfix_reload

P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
READER=zhou.peng.ab@example.org	# on aba, and here on chengdu too
printf '%s,周鹏,\n' "$READER" >>"$P/lists/chengdu.csv"
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)


$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; ok $rc "send 2021-01 exits 0 (got $rc)"; sed 's/^/# /' "$T/err"
srv_wait_queue_empty 120 && srv_wait_count "$READER" 2
ok $? "$READER got two copies, one per list"
copy() {	# copy LIST: the reader's delivered copy from LIST
	grep -l "^List-Id:.*<$1\." "$(srv_maildir "$READER")"/new/* | head -1
}
ABA=$(copy aba) CHENGDU=$(copy chengdu)
bad=0
for f in "$ABA" "$CHENGDU"; do
	[ -n "$f" ] || { bad=1; continue; }
	grep -q '^Message-ID: <relay\.[a-z]*\.[0-9]*@relay\.test>' "$f" || bad=1
	grep -qi '^List-Unsubscribe' "$f" && bad=1
	grep -q '^Return-Path: <bounces+[a-z2-7]\{29\}@bounce\.test>' "$f" || bad=1
	sed 's/^/# /' <(grep -i '^\(Return-Path\|Message-ID\|List-Id\):' "$f")
done
[ $bad = 0 ]
ok $? "the relay rewrote each copy's Message-ID and dropped List-Unsubscribe; the Return-Path keeps our token"

# The aba report as it came; the chengdu one with its token altered (the
# last character of the MAC, still base32) in the copy's Return-Path.
/usr/bin/python3 - "$CHENGDU" "$T/chengdu-altered.eml" <<'PY'
import re, sys
m = open(sys.argv[1], 'rb').read()
def alter(x):
    return x.group(1) + (b'b' if x.group(2) == b'a' else b'a')
open(sys.argv[2], 'wb').write(re.sub(
    rb'(?m)^(Return-Path: <bounces\+[a-z2-7]{28})([a-z2-7])', alter, m, 1))
PY
orig_tok=$(sed -n 's/^Return-Path: <bounces+\([a-z2-7]*\)@.*/\1/p' "$CHENGDU" | head -1)
alt_tok=$(sed -n 's/^Return-Path: <bounces+\([a-z2-7]*\)@.*/\1/p' "$T/chengdu-altered.eml" | head -1)
echo "# chengdu token $orig_tok, altered $alt_tok"
[ "${#alt_tok}" = 29 ] && [ "$alt_tok" != "$orig_tok" ] &&
	[ "${alt_tok:0:28}" = "${orig_tok:0:28}" ]
ok $? "the altered copy differs from the delivered one in one token character"
n=0
for f in "$ABA" "$T/chengdu-altered.eml"; do
	/usr/bin/python3 tests/lib/arf.py "$f" "$READER" bounces@bounce.test \
		>"$T/arf.$n.eml" &&
		curl -sS --max-time 15 "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
			--mail-from fbl@feedback.example.net \
			--mail-rcpt bounces@bounce.test -T "$T/arf.$n.eml" || break
	n=$((n + 1))
done
[ $n = 2 ] && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test 2
ok $? "two feedback reports reached the plain bounce address"

$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
grep -qx "bounces: 2 messages: 0 bounces (0 hard, 0 soft), 0 delays, 0 autoreplies, 1 complaint, 0 unsubscribes, 1 other; 1 suppression" "$T/b1"
ok $? "summary: the genuine report is a complaint, the altered one other"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$READER" <<'PY'
import json, sys
got = sorted((r['list'], r['email']) for r in json.load(open(sys.argv[1])))
print('#', got)
sys.exit(0 if got == [('aba', sys.argv[2])] else 1)
PY
ok $? "suppressed: $READER on aba only, not on chengdu nor on every list"
python3 - "$P/state/mailer.db" "$READER" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ev = db.execute("SELECT kind, list FROM events WHERE email = ?",
                (sys.argv[2],)).fetchall()
un = db.execute("SELECT kind FROM unverified WHERE email = ?",
                (sys.argv[2],)).fetchall()
print('#', ev, un)
sys.exit(0 if ev == [('complaint', 'aba')] and un == [('complaint',)] else 1)
PY
ok $? "one complaint event (aba); the altered report is unverified evidence"
[ "$(grep -c "a complaint for $READER $UNPROVEN: kept as unverified evidence, nobody suppressed" "$T/b1.err")" = 1 ]
ok $? "the altered report, and only it, is logged as unverified evidence"
n=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$n" = 2 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "both reports moved to .Processed ($n), INBOX empty"
exit $tap_failed
