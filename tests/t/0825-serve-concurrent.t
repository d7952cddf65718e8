#!/usr/bin/env bash
# One-click unsubscribes arriving while a 2,000-subscriber send runs
# against the real Postfix.  The send is paced (transport.rate) so it
# lasts ~15 s and builds its messages up to 256 ahead.  While it runs, a
# client unsubscribes addresses a little ahead of the send (most of them
# already built and waiting in its pool) and some behind it.  Right after
# each 200 it reads how many recipients the journal has marked sent or
# skipped (k): messages start in list order, 4 connections at most, and
# each outcome is committed before its connection starts another message
# (a paced send hands no connection its next message ahead: smtp.c),
# so at most k+4 had started, and an address at position > k+4 had not
# started when its unsubscribe was answered.  Every POST must be recorded, and Postfix must receive
# none of those addresses.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-concurrent.XXXXXX); chmod 755 "$T"
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 7
N=2000
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
web_ports
P=$T/proj
mk_project "$P" "web:" "  base_url: http://127.0.0.1:$WEB_SERVE_PORT"
sed -i 's/^  password_file: smtp.pw$/&\n  rate: 140/' "$P/config.yaml"
mk_big_list "$P" $N
{ list_addresses "$P" big; echo sender@example.org; } | srv_add_users s3cret-sender
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
# tokens: a dry run records nothing, so the journal learns them from a
# first issue sent to a small list; the big list's tokens are computed
# by the same rule as verp.c (ID = SHA-256 prefix, MAC = HMAC prefix).
$M send "$P/issues/2021-01" --list aba --quiet >/dev/null 2>&1
I=$P/issues/2021-02; cp -r "$P/issues/2021-01" "$I"
/usr/bin/python3 - "$P/state/verp.key" "$P/lists/big.csv" >"$T/tokens" <<'PY'
import base64, csv, hashlib, hmac, sys
key = open(sys.argv[1], 'rb').read()
def b32(b): return base64.b32encode(b).decode().lower().rstrip('=')
for i, row in enumerate(csv.DictReader(open(sys.argv[2], encoding='utf-8'))):
    raw = hashlib.sha256(b'2021-02\0big\0' + row['email'].encode()).digest()[:8]
    mac = hmac.new(key, b'verp1' + raw, hashlib.sha256).digest()[:10]
    print(i, row['email'], b32(raw) + b32(mac))
PY
web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
lines=$(wc -l <"$SRV_POSTFIX_LOG")
$M send "$I" --list big --quiet >"$T/send.out" 2>&1 &
SEND=$!

# The client: once the send has started, rounds of unsubscribes ahead of
# it (positions k+60..k+240, a few per round) and behind it.
/usr/bin/python3 - "$DB" "$T/tokens" $WEB_SERVE_PORT $SEND >"$T/client.out" <<'PY'
import http.client, os, random, sqlite3, sys, time
db, tokfile, port, send_pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
toks = [l.split() for l in open(tokfile)]
def sent():	# a new connection each time: no read snapshot kept
    con = sqlite3.connect(db, timeout=30)
    n = con.execute("select count(*) from recipients where issue='2021-02'"
                    " and state in ('sent', 'suppressed')").fetchall()[0][0]
    con.close()
    return n
def alive():
    try:
        return open(f'/proc/{send_pid}/status').read().find('State:\tZ') < 0
    except OSError:
        return False
deadline = time.time() + 60
while sent() == 0 and time.time() < deadline:  # the send has begun
    time.sleep(0.05)
c = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
ahead, behind, done, lat = [], [], set(), []
random.seed(8058)
while alive() and time.time() < deadline:
    k = sent()
    if k + 240 >= len(toks):
        break
    # within what the send has built (a token the journal does not know
    # yet is unknown: 404), and some behind it
    pick = [random.randint(k + 20, k + 200) for _ in range(3)]
    if k > 10:
        pick.append(random.randint(0, k - 5))
    for i in pick:
        if i in done:
            continue
        done.add(i)
        t0 = time.time()
        c.request('POST', '/unsubscribe?t=' + toks[i][2], 'List-Unsubscribe=One-Click',
                  {'Content-Type': 'application/x-www-form-urlencoded'})
        r = c.getresponse(); r.read()
        lat.append(time.time() - t0)
        k2 = sent()
        if r.status != 200:
            print('status', r.status, toks[i][1])
        (ahead if i > k2 + 4 else behind).append(toks[i][1])
    time.sleep(0.1)
lat.sort()
print('latency_ms median %.1f max %.1f' % (1000 * lat[len(lat) // 2], 1000 * lat[-1]))
print('k_at_end', sent())
for a in ahead: print('ahead', a)
for a in behind: print('behind', a)
PY
ok $? "the client ran beside the send"
wait $SEND; rc=$?
ok $rc "the send finished (exit $rc)"; sed 's/^/# /' "$T/send.out" | tail -2
na=$(grep -c '^ahead ' "$T/client.out"); nb=$(grep -c '^behind ' "$T/client.out")
echo "# answered before their message started: $na; maybe after: $nb"
grep '^latency' "$T/client.out" | sed 's/^/# POST /'
np=$(grep -c '^behind ' "$T/client.out")
! grep -q '^status' "$T/client.out" && [ "$na" -ge 20 ]
ok $? "every POST answered 200 ($na ahead, $nb behind)"
grep -E '^(ahead|behind) ' "$T/client.out" | cut -d' ' -f2 | sort >"$T/posted"
sqlite3 "$DB" "select email from unsubscribes where list='big'" | sort >"$T/recorded"
cmp -s "$T/posted" "$T/recorded"; ok $? "every unsubscribe is in the journal"
srv_wait_queue_empty 120
tail -n +$((lines + 1)) "$SRV_POSTFIX_LOG" | grep -o 'to=<[^>]*>' |
	sed 's/to=<\(.*\)>/\1/' | sort -u >"$T/received"
grep '^ahead ' "$T/client.out" | cut -d' ' -f2 | sort >"$T/ahead"
comm -12 "$T/ahead" "$T/received" >"$T/violations"
sed 's/^/# sent after its unsubscribe: /' "$T/violations" | head
[ ! -s "$T/violations" ]; ok $? "no address unsubscribed before its message started reached Postfix"
grep '^behind ' "$T/client.out" | cut -d' ' -f2 | sort >"$T/behind"
nr=$(comm -23 "$T/behind" "$T/received" | wc -l)
[ "$(wc -l <"$T/received")" = $((N - na - nr)) ]
ok $? "everyone else did: $((N - na - nr)) of $N ($nr of the others were skipped too)"
s=$(sqlite3 "$DB" "select count(*) from recipients where issue='2021-02' and state='suppressed'")
[ "$s" = "$((na + nr))" ]; ok $? "the send marked the skipped ones suppressed ($s)"
exit 0
