#!/usr/bin/env bash
# Tokenless feedback reports whose only token of ours is in a place a relay
# or a feedback loop moved or rewrote, through real Postfix and Dovecot.
# Postfix plays the relays: header_checks replace our Message-ID (and the
# token it ends with) and write List-Unsubscribe's mailto percent-encoded
# (RFC 6068: unsubscribe%2BTOKEN%40bounce.test).  The reports
# (tests/lib/arf.py, Python's email package) go to the plain bounce
# address; each leaves out of the returned copy what a redacting loop
# would, so that one place holds the token: the percent-encoded mailto,
# or the report's own Original-Mail-From (RFC 5965 3.2).  Each genuine one counts for its copy's list only; the same
# report with its token altered is kept as unverified evidence and
# suppresses nobody.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-proofsrc.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 12
bounce_servers "$T/imap.pw" || exit 1
cat >"$SRV_DIR/postfix/header_checks" <<'EOF2'
/^Message-ID:[[:space:]]*<2021-0[0-9]\.([a-z0-9-]+)\.[0-9a-f]+\.([0-9]+)\.[a-z2-7]+@[^>]*>/ REPLACE Message-ID: <relay.$1.$2@relay.test>
/^List-Unsubscribe:[[:space:]]*<mailto:unsubscribe\+([a-z2-7]+)@bounce\.test(\?[^>]*)?>/ REPLACE List-Unsubscribe: <mailto:unsubscribe%2B$1%40bounce.test$2>
EOF2
postconf -c "$SRV_DIR/postfix" -e \
	"header_checks = regexp:$SRV_DIR/postfix/header_checks" \
	"nested_header_checks ="
srv__backdate "$SRV_DIR/postfix/main.cf" "$SRV_DIR/postfix/header_checks"
srv_postfix_reload

P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
READER=zhou.peng.ab@example.org	# on aba, and here on chengdu too
printf '%s,周鹏,\n' "$READER" >>"$P/lists/chengdu.csv"
R2=$(list_addresses "$P" bazhong | head -1)	# complains by Original-Mail-From
R3=$(list_addresses "$P" deyang | head -1)	# the same, its token altered
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
copy() {	# copy ADDRESS LIST: ADDRESS's delivered copy from LIST
	grep -l "^List-Id:.*<$2\." "$(srv_maildir "$1")"/new/* | head -1
}
# report ORIGINAL COMPLAINANT ARF-OPTIONS...: a feedback report about
# ORIGINAL sent to the plain bounce address through Postfix's inbound port.
NREP=0
report() {
	local f=$1 who=$2; shift 2
	/usr/bin/python3 tests/lib/arf.py "$f" "$who" bounces@bounce.test "$@" \
		>"$T/arf.$NREP.eml" &&
	curl -sS --max-time 15 "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
		--mail-from fbl@feedback.example.net \
		--mail-rcpt bounces@bounce.test -T "$T/arf.$NREP.eml" &&
	NREP=$((NREP + 1))
}
# rp_token FILE: the token of FILE's Return-Path, bounces+TOKEN@bounce.test.
rp_token() {
	sed -n 's/^Return-Path: <bounces+\([a-z2-7]*\)@bounce\.test>$/\1/p' "$1" | head -1
}
# altered TOKEN: TOKEN with its last character changed, still base32.
altered() {
	case $1 in *a) printf '%sb\n' "${1%?}" ;; *) printf '%sa\n' "${1%?}" ;; esac
}
# alter FILE OUT PATTERN: OUT is FILE with the last character of the first
# token after PATTERN (an extended regexp) changed, still base32.
alter() {
	/usr/bin/python3 - "$@" <<'PY'
import re, sys
m = open(sys.argv[1], 'rb').read()
def alter(x):
    return x.group(1) + (b'b' if x.group(2) == b'a' else b'a')
out, n = re.subn(rb'(' + sys.argv[3].encode() + rb'[a-z2-7]{28})([a-z2-7])',
                 alter, m, 1)
open(sys.argv[2], 'wb').write(out)
sys.exit(0 if n == 1 else 1)
PY
}

$M send "$P/issues/2021-01" >"$T/out" 2>"$T/err"
rc=$?; ok $rc "send 2021-01 exits 0 (got $rc)"; sed 's/^/# /' "$T/err"
srv_wait_queue_empty 120 && srv_wait_count "$READER" 2
ok $? "$READER got two copies, one per list"
ABA=$(copy "$READER" aba) CHENGDU=$(copy "$READER" chengdu)
bad=0
for f in "$ABA" "$CHENGDU"; do
	[ -n "$f" ] || { bad=1; continue; }
	grep -q '^Message-ID: <relay\.[a-z]*\.[0-9]*@relay\.test>' "$f" || bad=1
	grep -q '^List-Unsubscribe: <mailto:unsubscribe%2B[a-z2-7]\{29\}%40bounce\.test?' "$f" || bad=1
	sed 's/^/# /' <(grep -i '^\(Return-Path\|Message-ID\|List-Id\|List-Unsubscribe\):' "$f")
done
[ $bad = 0 ]
ok $? "the relay rewrote each copy's Message-ID and percent-encoded its List-Unsubscribe mailto"

# The percent-encoded mailto alone: the copy's Return-Path stripped, no
# Original-Mail-From.  The aba copy as delivered; the chengdu one with
# the mailto's token altered.
alter "$CHENGDU" "$T/chengdu-altered.eml" 'unsubscribe%2B'
ok $? "the chengdu copy's mailto token altered in one character"
for f in "$ABA" "$T/chengdu-altered.eml"; do
	report "$f" "$READER" --strip Return-Path --no-mail-from || break
done
# Original-Mail-From alone: the copy's Return-Path and List-Unsubscribe
# stripped.  R2's as the provider received it; R3's altered.
C2=$(copy "$R2" bazhong) C3=$(copy "$R3" deyang)
t3=$(rp_token "$C3")
[ -n "$C2" ] && [ -n "$(rp_token "$C2")" ] && [ ${#t3} = 29 ]
ok $? "$R2 and $R3 got their copies, each with our Return-Path"
report "$C2" "$R2" --strip Return-Path --strip List-Unsubscribe &&
report "$C3" "$R3" --strip Return-Path --strip List-Unsubscribe \
	--mail-from "bounces+$(altered "$t3")@bounce.test"
grep -q '^Original-Mail-From: <bounces+[a-z2-7]\{29\}@bounce\.test>' "$T/arf.2.eml" &&
	! grep -qi '^\(Return-Path\|List-Unsubscribe\):' "$T/arf.2.eml"
ok $? "the Original-Mail-From report carries its token there only"
[ $NREP = 4 ] && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test $NREP
ok $? "the feedback reports reached the plain bounce address"

$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
grep -qx "bounces: 4 messages: 0 bounces (0 hard, 0 soft), 0 delays, 0 autoreplies, 2 complaints, 0 unsubscribes, 2 other; 2 suppressions" "$T/b1"
ok $? "summary: each genuine report is a complaint, each altered one other"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$READER" "$R2" <<'PY'
import json, sys
got = sorted((r['list'], r['email']) for r in json.load(open(sys.argv[1])))
print('#', got)
sys.exit(0 if got == [('aba', sys.argv[2]), ('bazhong', sys.argv[3])]
         else 1)
PY
ok $? "suppressed: each complainant on the copy's list only"
python3 - "$P/state/mailer.db" "$READER" "$R2" "$R3" <<'PY'
import sqlite3, sys
reader, r2, r3 = sys.argv[2:5]
db = sqlite3.connect(sys.argv[1])
ev = sorted(db.execute("SELECT kind, list, email FROM events").fetchall())
un = sorted(db.execute("SELECT kind, email FROM unverified").fetchall())
print('#', ev, un)
sys.exit(0 if ev == sorted([('complaint', 'aba', reader),
                            ('complaint', 'bazhong', r2)]) and
         un == sorted([('complaint', reader), ('complaint', r3)]) else 1)
PY
ok $? "complaint events for the genuine reports; the altered ones are unverified evidence"
n=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$n" = $NREP ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "every report moved to .Processed ($n), INBOX empty"
exit $tap_failed
