#!/usr/bin/env bash
# Send modes through a real Postfix: --dry-run sends nothing and leaves the
# journal alone; --to sends each selected edition once to one address
# with [TEST] in the Subject, journal untouched; progress is timestamped
# lines plus one summary under cron and a live line on a terminal; and
# domain_rate_per_minute spreads each destination domain's messages
# without holding back the other domains.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v script >/dev/null || skip_all "script (util-linux) not installed"
T=$(mktemp -d /tmp/mailer-t-modes.XXXXXX); chmod 755 "$T"; [ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 17
P=$T/proj
mkdir -p "$P/lists"
# one list, two destination domains, interleaved
{
	echo "email,name,city"
	for i in 1 2 3 4; do
		echo "m$i@members.test,读者$i,成都市"
		echo "x$i@example.org,读者$i,成都市"
	done
} >"$P/lists/mix.csv"
printf 'name: 混合\nshort_name: 混合\ngreeting: 您好!\ncontact: news@example.org\nlist_id: mix.news.example.org\n' >"$P/lists/mix.yaml"
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ project_addresses .; list_addresses "$P" mix; echo sender@example.org; echo editor@members.test; } |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
mk_project "$P"
M="$MAILER --config $P/config.yaml"
I=$P/issues/2021-01
DB=$P/state/mailer.db
rows() { sqlite3 "$DB" "select count(*) from recipients" 2>/dev/null || echo 0; }
queued() { grep -c "from=<bounces+" "$SRV_POSTFIX_LOG"; }

# --- dry run
$M send "$I" --dry-run >"$T/dry.out" 2>"$T/dry.err"
rc=$?; ok $rc "--dry-run exits 0 (got $rc)"; sed 's/^/# /' "$T/dry.out"
grep -q "dry run: would send 86, suppressed 0, already done 0" "$T/dry.out"
ok $? "--dry-run reports the 86 it would send (78 + the mix list)"
grep -q "aba: 4 would be sent" "$T/dry.err"; ok $? "...list by list"
[ "$(rows)" = 0 ]; ok $? "--dry-run: the journal holds no recipient"

# --- test send
$M send "$I" --list aba --list ganzi --to editor@members.test >"$T/to.out" 2>"$T/to.err"
rc=$?; ok $rc "--to exits 0 (got $rc)"; sed 's/^/# /' "$T/to.out"
srv_wait_queue_empty 120
[ "$(srv_maildir_count editor@members.test)" = 2 ]; ok $? "--to: one message per selected edition"
# Postfix handled the --to messages, sent after the dry run ended: had the
# dry run submitted anything, Postfix would have logged it by now.
[ "$(queued)" = 2 ]; ok $? "--dry-run: Postfix received nothing (only the 2 --to messages: $(queued))"
python3 - "$(srv_maildir editor@members.test)" <<'PY'
import email, email.policy, glob, sys
fs = glob.glob(sys.argv[1] + '/new/*')
subj = [str(email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)['Subject']) for f in fs]
print('#', subj)
sys.exit(0 if subj and all('[TEST]' in s for s in subj) else 1)
PY
ok $? "--to: [TEST] in each Subject"
[ "$(rows)" = 0 ]; ok $? "--to: the journal holds no recipient"
$M status "$I" --json >"$T/status.json"
python3 -c "import json,sys; sys.exit(0 if sum(r['sent'] for r in json.load(open('$T/status.json'))) == 0 else 1)"
ok $? "--to: status shows nothing sent"

# --- per-domain rate (30 a minute: one start every 2 s) on a terminal
cp "$P/config.yaml" "$P/rate.yaml"
printf '  domain_rate_per_minute: 30\n' >>"$P/rate.yaml"
script -qec "$MAILER --config $P/rate.yaml send $I --list mix" /dev/null >"$T/tty.out" 2>&1
rc=$?; ok $rc "rate-limited send exits 0 (got $rc)"
grep -q $'\r\033\\[K2021-01: sent [0-9]*  deferred 0  failed 0  [0-9]* msg/s' "$T/tty.out"
ok $? "on a terminal: a live progress line"
srv_wait_queue_empty 120
# Received: header times, per domain: the n-th messages of the two domains
# arrive together, and each domain's come >= 1 s apart (2 s spacing).
python3 - "$SRV_MAIL_DIR" <<'PY'
import email, email.utils, glob, sys
times = {}
for dom, pre in (('members.test', 'm'), ('example.org', 'x')):
    t = []
    for i in range(1, 5):
        f = glob.glob(f'{sys.argv[1]}/{dom}/{pre}{i}/new/*')[0]
        m = email.message_from_binary_file(open(f, 'rb'))
        rcv = m.get_all('Received')[0]
        t.append(email.utils.parsedate_to_datetime(rcv.rsplit(';', 1)[1].strip()).timestamp())
    times[dom] = sorted(t)
a, b = times['members.test'], times['example.org']
print('#', [int(x - a[0]) for x in a], [int(x - a[0]) for x in b])
spread = all(t[i + 1] - t[i] >= 1 for t in (a, b) for i in range(3))
together = all(abs(x - y) <= 1 for x, y in zip(a, b))
sys.exit(0 if spread and together else 1)
PY
ok $? "domain_rate_per_minute spreads each domain's messages, domains independent"

# --- under cron: timestamped lines on stderr, one summary on stdout
$M send "$I" >"$T/cron.out" 2>"$T/cron.err"
rc=$?; ok $rc "real send exits 0 (got $rc)"
[ "$(wc -l <"$T/cron.out")" = 1 ] && grep -q "sent 78, deferred 0, failed 0, suppressed 0, already done 8" "$T/cron.out"
ok $? "not a terminal: exactly one summary line on stdout"
! grep -qvE '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} 2021-01: |^mailer: created a new token key' "$T/cron.err" &&
	! grep -q $'\r' "$T/cron.err"
ok $? "not a terminal: every stderr line timestamped, no live line"

cat "$T"/*.out "$T"/*.err >"$T/all.log"
! grep -qE "s3cret-sender|bounces\+" "$T/all.log"; ok $? "no password or VERP token in any output"
exit $tap_failed
