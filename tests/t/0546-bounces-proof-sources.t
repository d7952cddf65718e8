#!/usr/bin/env bash
# Tokenless feedback reports whose only token of ours is in a place a relay
# or a feedback loop moved or rewrote, through real Postfix and Dovecot.
# Postfix plays the relays: header_checks replace our Message-ID (and the
# token it ends with) and write List-Unsubscribe's mailto percent-encoded
# (RFC 6068: unsubscribe%2BTOKEN%40bounce.test).  The reports
# (tests/lib/arf.py, Python's email package) go to the plain bounce
# address; each leaves out of the returned copy what a redacting loop
# would, so that one place holds the token: the percent-encoded mailto,
# or the report's own Original-Mail-From (RFC 5965 3.2).  Then Postfix
# plays a forwarding hop that rewrites our envelope sender with SRS
# (sender_canonical_maps writing SRS0 and SRS1 addresses in the shape
# libsrs2 and postsrsd give them: the hash is the forwarder's, and ours
# to ignore), and a second issue's copies come back in reports whose
# only token is inside the SRS address of their Return-Path (and of
# Original-Mail-From, which the provider took from the same envelope).
# Each genuine report counts for its copy's list only; the same report
# with its token altered is kept as unverified evidence and suppresses
# nobody.  And reports without the Feedback-Type RFC 5965 3.1 requires,
# with genuine tokens in every place, one even in its envelope
# (bounces+TOKEN, as a loop sends to our CFBL-Address), prove no
# complaint: each is logged, kept as unverified evidence and suppresses
# nobody.  So does a report of report-type feedback-report without the
# message/feedback-report part RFC 5965 2 requires (its fields in a
# text/plain part).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
[ -x /usr/bin/python3 ] || skip_all "/usr/bin/python3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-proofsrc.XXXXXX); chmod 755 "$T"; trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 18
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
R4=$(list_addresses "$P" dazhou | head -1)	# a malformed report's
R5=$(list_addresses "$P" leshan | head -1)	# the same, to bounces+TOKEN
R6=$(list_addresses "$P" ganzi | head -1)	# no message/feedback-report
M="$MAILER --config $P/config.yaml"
BOX=$(srv_maildir bounces@bounce.test)
copy() {	# copy ADDRESS LIST: ADDRESS's delivered copy from LIST
	grep -l "^List-Id:.*<$2\." "$(srv_maildir "$1")"/new/* | head -1
}
# report ORIGINAL COMPLAINANT ARF-OPTIONS...: a feedback report about
# ORIGINAL sent to the plain bounce address through Postfix's inbound port.
# TO (default bounces@bounce.test) is where it goes.
NREP=0
report() {
	local f=$1 who=$2; shift 2
	/usr/bin/python3 tests/lib/arf.py "$f" "$who" "${TO:-bounces@bounce.test}" \
		"$@" >"$T/arf.$NREP.eml" &&
	curl -sS --max-time 15 "smtp://127.0.0.1:$SRV_SMTP_PLAIN_PORT" \
		--mail-from fbl@feedback.example.net \
		--mail-rcpt "${TO:-bounces@bounce.test}" -T "$T/arf.$NREP.eml" &&
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
# Malformed reports: no Feedback-Type.  R4's to the plain address with
# the copy as delivered (Return-Path, mailto, Original-Mail-From: all
# genuine); R5's to R5's own bounces+TOKEN address.  R6's has no
# message/feedback-report part, its copy as delivered.
C4=$(copy "$R4" dazhou) C5=$(copy "$R5" leshan) C6=$(copy "$R6" ganzi)
t5=$(rp_token "$C5")
[ -n "$C4" ] && [ -n "$(rp_token "$C4")" ] && [ ${#t5} = 29 ] &&
[ -n "$C6" ] && [ -n "$(rp_token "$C6")" ] &&
report "$C4" "$R4" --no-feedback-type &&
TO="bounces+$t5@bounce.test" report "$C5" "$R5" --no-feedback-type &&
report "$C6" "$R6" --no-feedback-part &&
	! grep -q '^Feedback-Type:' "$T/arf.4.eml" "$T/arf.5.eml" &&
	! grep -qi '^Content-Type: message/feedback-report' "$T/arf.6.eml"
ok $? "three malformed reports about genuine copies, one to bounces+TOKEN"
[ $NREP = 7 ] && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test $NREP
ok $? "the feedback reports reached the bounce address"

# The forwarding hop: SRS0 for the tokens starting a-m, SRS1 (a second
# hop's form) for the others; each token is new, so an issue's copies
# get both.
cat >"$SRV_DIR/postfix/sender_canonical" <<'EOF2'
/^bounces\+([a-m][a-z2-7]{28})@bounce\.test$/ SRS0=Ab1c=2K=bounce.test=bounces+${1}@fwd.test
/^bounces\+([n-z2-7][a-z2-7]{28})@bounce\.test$/ SRS1=Xy9z=fwd1.test==Ab1c=2K=bounce.test=bounces+${1}@fwd2.test
EOF2
postconf -c "$SRV_DIR/postfix" -e \
	"sender_canonical_maps = regexp:$SRV_DIR/postfix/sender_canonical" \
	"sender_canonical_classes = envelope_sender"
srv__backdate "$SRV_DIR/postfix/main.cf" "$SRV_DIR/postfix/sender_canonical"
srv_postfix_reload
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^number: 1$/number: 2/' "$P/issues/2021-02/issue.yaml"
$M send "$P/issues/2021-02" >"$T/out2" 2>"$T/err2"
rc=$?; ok $rc "send 2021-02 exits 0 (got $rc)"
srv_wait_queue_empty 120
# srs_copies: "FORM FILE ADDRESS LIST" per delivered copy whose
# Return-Path is an SRS address, for no address already used above.
srs_copies() {
	/usr/bin/python3 - "$SRV_MAIL_DIR" "$READER" "$R2" "$R3" "$R4" "$R5" "$R6" <<'PY'
import email, glob, os, re, sys
used = set(sys.argv[2:])
for f in sorted(glob.glob(sys.argv[1] + '/*/*/new/*')):
    dom, user = f.split('/')[-4:-2]
    addr = user + '@' + dom
    if dom == 'bounce.test' or addr in used:
        continue
    with open(f, 'rb') as fh:
        m = email.message_from_binary_file(fh)
    rp = m['Return-Path'] or ''
    lid = re.search(r'<([a-z0-9-]+)\.news\.', m['List-Id'] or '')
    if rp.startswith('<SRS') and lid:
        print(rp[1:5], f, addr, lid.group(1))
        used.add(addr)
PY
}
srs_copies >"$T/srs"
sed 's/^/# /' "$T/srs" | head -5
read -r _ S0 A0 L0 < <(grep '^SRS0 ' "$T/srs")
read -r _ S1 A1 L1 < <(grep '^SRS1 ' "$T/srs")
read -r _ SX AX LX < <(grep -v " $A0 \| $A1 " "$T/srs")
[ -n "$S0" ] && [ -n "$S1" ] && [ -n "$SX" ] &&
	grep -q '^Return-Path: <SRS0=Ab1c=2K=bounce\.test=bounces+[a-z2-7]\{29\}@fwd\.test>' "$S0" &&
	grep -q '^Return-Path: <SRS1=Xy9z=fwd1\.test==Ab1c=2K=bounce\.test=bounces+[a-z2-7]\{29\}@fwd2\.test>' "$S1"
ok $? "the hop's SRS0 and SRS1 senders are the copies' Return-Path"
# Return-Path (and Original-Mail-From) alone: List-Unsubscribe stripped.
# The SRS1 report without Original-Mail-From; the third with its token
# altered (in the Return-Path, and so in Original-Mail-From).
alter "$SX" "$T/srs-altered.eml" 'Return-Path: <SRS[01]=[^>]*=bounces\+'
ok $? "the third SRS copy's token altered in one character"
report "$S0" "$A0" --strip List-Unsubscribe &&
report "$S1" "$A1" --strip List-Unsubscribe --no-mail-from &&
report "$T/srs-altered.eml" "$AX" --strip List-Unsubscribe
[ $NREP = 10 ] && srv_wait_queue_empty 120 && srv_wait_count bounces@bounce.test $NREP
ok $? "the SRS copies' reports reached the plain bounce address"

$M bounces >"$T/b1" 2>"$T/b1.err"
rc=$?; ok $rc "mailer bounces exits 0 (got $rc)"
sed 's/^/# /' "$T/b1" "$T/b1.err"
grep -qx "bounces: 10 messages: 0 bounces (0 hard, 0 soft), 0 delays, 0 autoreplies, 4 complaints, 0 unsubscribes, 6 other; 4 suppressions" "$T/b1"
ok $? "summary: each genuine report is a complaint, each altered or malformed one other"
[ "$(grep -c "a complaint for \($R4\|$R5\|$R6\) in a feedback report without the message/feedback-report part or its Feedback-Type, which RFC 5965 requires: kept as unverified evidence, nobody suppressed" "$T/b1.err")" = 3 ] &&
	grep -qi "^Delivered-To: bounces+$t5@bounce\.test" "$BOX"/.Processed/*/* &&
	[ "$(grep -c "a complaint for \($READER\|$R3\|$AX\) $UNPROVEN: kept as unverified evidence, nobody suppressed" "$T/b1.err")" = 3 ]
ok $? "each malformed report is logged as such, R5's came to its bounces+TOKEN; each altered one is logged naming where a token would prove it"
$M bounces --list --json >"$T/list.json"
python3 - "$T/list.json" "$READER" "$R2" "$L0" "$A0" "$L1" "$A1" <<'PY'
import json, sys
a = sys.argv
got = sorted((r['list'], r['email']) for r in json.load(open(a[1])))
want = sorted([('aba', a[2]), ('bazhong', a[3]), (a[4], a[5]), (a[6], a[7])])
print('#', got)
sys.exit(0 if got == want else 1)
PY
ok $? "suppressed: each complainant on the copy's list only"
python3 - "$P/state/mailer.db" "$READER" "$R2" "$R3" "$L0" "$A0" "$L1" "$A1" "$AX" "$R4" "$R5" "$R6" <<'PY'
import sqlite3, sys
reader, r2, r3, l0, a0, l1, a1, ax, r4, r5, r6 = sys.argv[2:13]
db = sqlite3.connect(sys.argv[1])
ev = sorted(db.execute("SELECT kind, issue, list, email FROM events").fetchall())
un = sorted(db.execute("SELECT kind, email, reason FROM unverified").fetchall())
print('#', ev, un)
sys.exit(0 if ev == sorted([('complaint', '2021-01', 'aba', reader),
                            ('complaint', '2021-01', 'bazhong', r2),
                            ('complaint', '2021-02', l0, a0),
                            ('complaint', '2021-02', l1, a1)]) and
         un == sorted([('complaint', reader, 'feedback'),
                       ('complaint', r3, 'feedback'),
                       ('complaint', ax, 'feedback'),
                       ('complaint', r4, 'malformed-feedback'),
                       ('complaint', r5, 'malformed-feedback'),
                       ('complaint', r6, 'malformed-feedback')]) else 1)
PY
ok $? "complaint events for the genuine reports; the altered and malformed ones are unverified evidence"
n=$(find "$BOX/.Processed/cur" "$BOX/.Processed/new" -type f | wc -l)
[ "$n" = $NREP ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "every report moved to .Processed ($n), INBOX empty"
exit $tap_failed
