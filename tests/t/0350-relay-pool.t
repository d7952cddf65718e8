#!/usr/bin/env bash
# A pool of two real Postfix relays (transport.relays, each discarding what
# it queues and logging it).  relay_mode: failover sends everything to the
# first.  Spread (the default, one connection per relay): relay A is killed
# (SIGKILL, every Postfix process) in the middle of a send; the send ends
# with exit 0, every subscriber's message delivered exactly once across
# the two relays, as both Postfix logs count, and the journal, the summary
# line and status --json name the relay that took each one.
#
# The kill comes while A's only session waits at DATA (a policy service,
# tests/lib/holdpolicy.py, holds the Nth DATA command), after A has
# delivered all it queued: nothing A took can be lost with it, and nothing
# is in the one window SMTP cannot close (the relay queued a message and
# died before its 250 reached us), so exactly-once is what must be seen.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/wait.sh
. tests/lib/fault.sh
. tests/lib/pool.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-pool.XXXXXX); chmod 755 "$T"
policy=
cleanup() {
	[ -n "$policy" ] && kill "$policy" 2>/dev/null
	pool_cleanup
	rm -rf "$T"
}
trap cleanup EXIT
plan 18
N=200		# subscribers in the spread send
HOLD=20		# A is killed at its 20th message of that send

python3 tests/lib/holdpolicy.py --port-file "$T/policy.port" \
	--hold-at "$T/hold-at" --held "$T/held" &
policy=$!
wait_for 60 "the policy service" test -s "$T/policy.port" ||
	{ echo "Bail out! holdpolicy"; exit 1; }

pool_relay A "smtpd_data_restrictions = check_policy_service inet:127.0.0.1:$(cat "$T/policy.port")" ||
	{ echo "Bail out! relay A"; exit 1; }
pool_relay B || { echo "Bail out! relay B"; exit 1; }
trap cleanup EXIT	# srv_init set its own
URL_A=smtp://127.0.0.1:$A_PORT URL_B=smtp://127.0.0.1:$B_PORT

P=$T/proj
mkdir -p "$P/state" "$P/lists"
cp -r issues lists templates "$P/"
mk_big_list "$P" 20 members.test fo
mk_big_list "$P" "$N" members.test pool
# conf MODE-LINE: the config, A as a plain string, B with a weight
conf() {
	cat >"$P/config.yaml" <<YAML
sender:
  name: 测试
  address: newsletter@example.org
bounce_domain: bounce.test
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays:
    - "$URL_A"
    - url: "$URL_B"
      weight: 1
  tls: none
  max_connections: 2
  timeout: 30
  relay_cooldown: 600
$1
YAML
}
M="$MAILER --config $P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
journal_via() { q "select count(*) from recipients where list = '$1' and state = 'sent' and relay = '$2'"; }

# --- failover: every message to the first relay
conf "  relay_mode: failover"
$M send "$P/issues/2021-01" --list fo >"$T/fo.out" 2>"$T/fo.err"
rc=$?; ok $rc "failover: send exits 0 (got $rc)"; sed 's/^/# /' "$T/fo.out" "$T/fo.err"
grep -q "sent 20, .*; sent via $URL_A 20\$" "$T/fo.out"
ok $? "failover: the summary line counts 20 via A, none via B"
[ "$(journal_via fo "$URL_A")" = 20 ] && [ "$(journal_via fo "$URL_B")" = 0 ]
ok $? "failover: the journal records A for all 20"
wait_for 60 "A's log to show 20 deliveries" \
	sh -c "[ \$(grep -c 'status=sent (relay-A)\$' '$A_LOG') -ge 20 ]"
[ "$(pool_delivered "$A_LOG" A | sort -u | wc -l)" = 20 ] &&
	[ "$(pool_delivered "$B_LOG" B | wc -l)" = 0 ]
ok $? "failover: A's Postfix delivered the 20, B's none"

# --- spread, and A dies in the middle
conf ""
echo $((20 + HOLD)) >"$T/hold-at"
$M send "$P/issues/2021-01" --list pool >"$T/sp.out" 2>"$T/sp.err" &
send=$!
wait_for 120 "A to hold its ${HOLD}th DATA of the send" test -e "$T/held"
ok $? "spread: A took messages and holds the next at DATA"
# everything A answered 250 to is in the journal (its session is at the
# next message's DATA); wait until A's log shows each delivered
a_sent=$(journal_via pool "$URL_A")
wait_for 60 "A's log to show its $a_sent deliveries" \
	sh -c "[ \$(grep -c 'status=sent (relay-A)\$' '$A_LOG') -ge $((20 + a_sent)) ]"
[ "$a_sent" = $((HOLD - 1)) ]
ok $? "spread: A took $((HOLD - 1)) before the kill (got $a_sent; B $(journal_via pool "$URL_B") so far)"
kill -KILL -- "-$A_PID"
wait_for 30 "relay A's processes to die" sh -c "! ps -eo pgid= | grep -qx ' *$A_PID'"
ok $? "relay A killed (SIGKILL to all its processes)"
wait "$send"
rc=$?; ok $rc "spread: the send still exits 0 (got $rc)"
sed 's/^/# /' "$T/sp.out" "$T/sp.err"
[ "$(q "select count(*) from recipients where list = 'pool' and state = 'sent'")" = "$N" ]
ok $? "journal: all $N sent"
n_a=$(journal_via pool "$URL_A") n_b=$(journal_via pool "$URL_B")
[ $((n_a + n_b)) = "$N" ] && [ "$n_a" = "$a_sent" ]
ok $? "journal: each names its relay (A $n_a, B $n_b), nothing via A after the kill"
grep -q "sent $N, .*; sent via .*$URL_A $n_a" "$T/sp.out" &&
	grep -q "sent $N, .*; sent via .*$URL_B $n_b" "$T/sp.out"
ok $? "the summary line counts per relay"
# refused, or reset while its processes die: either way it gave no session
grep -q "^mailer: $URL_A: " "$T/sp.err"
ok $? "the dead relay is reported when it gives no session"
wait_for 60 "B's log to show its $n_b deliveries" \
	sh -c "[ \$(grep -c 'status=sent (relay-B)\$' '$B_LOG') -ge $n_b ]"
ok $? "B's Postfix delivered its share"
[ "$(pool_delivered "$A_LOG" A | grep -c '^pool\.')" = "$n_a" ] &&
	[ "$(pool_delivered "$B_LOG" B | grep -c '^pool\.')" = "$n_b" ]
ok $? "each Postfix log counts what the journal says it took"
{ pool_delivered "$A_LOG" A; pool_delivered "$B_LOG" B; } | grep '^pool\.' | sort >"$T/got"
list_addresses "$P" pool | sort >"$T/want"
uniq -d "$T/got" >"$T/dups"
[ ! -s "$T/dups" ]; ok $? "no subscriber delivered twice ($(wc -l <"$T/dups") duplicates)"
cmp -s "$T/got" <(sort -u "$T/want"); ok $? "every subscriber delivered exactly once ($(wc -l <"$T/got") of $N)"
$M status --json >"$T/st.json"
python3 - "$T/st.json" "$URL_A" "$n_a" "$URL_B" "$n_b" <<'PY'
import json, sys
rows = {r["list"]: r for r in json.load(open(sys.argv[1]))}
want = {sys.argv[2]: int(sys.argv[3]), sys.argv[4]: int(sys.argv[5])}
sys.exit(0 if rows["pool"]["relays"] == want and
         rows["fo"]["relays"] == {sys.argv[2]: 20} else 1)
PY
ok $? "status --json: per-relay counts per list"
$M status >"$T/st.txt"
grep -q "^sent per relay:" "$T/st.txt" &&
	grep -Eq "^2021-01 +pool +$n_a  $URL_A\$" "$T/st.txt" &&
	grep -Eq "^2021-01 +pool +$n_b  $URL_B\$" "$T/st.txt" &&
	grep -Eq "^2021-01 +fo +20  $URL_A\$" "$T/st.txt"
ok $? "status: the messages per relay under the table"
