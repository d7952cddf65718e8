#!/usr/bin/env bash
# The journal's WAL checkpoints during a send run on a thread of their own
# (mailer/ckpt.c), not in the sending thread's commits, which every
# connection waits for before its final "."; and the log stays short all
# the same: SQLite starts it over when a write begins with all of it
# copied back, and the thread resets it at 16 MB when that does not
# happen (with no checkpoints during the send it reached 61 MB for the
# 8,000 messages below).
#
# 8,000 messages into Postfix's smtp-sink, 4 connections.  strace -y
# names the file of each thread's fsyncs.  A checkpoint ends with an
# fsync of the database file; the sending thread (whose id is the
# process's) makes one only when it closes the journal, SQLite's last
# checkpoint: when it checkpointed itself it made 19 for these messages.
# Its fsyncs of the log's new header after each restart are counted, not
# bounded: how often SQLite restarts the log depends on the run's pace
# (a sanitized build made 26, the optimised one 6-20).
. tests/lib/tap.sh
. tests/lib/project.sh
for need in smtp-sink sqlite3 strace; do
	command -v $need >/dev/null || skip_all "$need not installed (make deps)"
done
T=$(mktemp -d /tmp/mailer-t-ckpt.XXXXXX)
sink= mon=
cleanup() {
	[ -n "$mon" ] && kill "$mon" 2>/dev/null
	[ -n "$sink" ] && kill "$sink" 2>/dev/null && wait "$sink" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
plan 6
N=8000

PORT=$(free_port)
smtp-sink -u root 127.0.0.1:"$PORT" 64 &
sink=$!
wait_for 60 "smtp-sink on port $PORT" port_open "$PORT" ||
	{ echo "Bail out! smtp-sink"; exit 1; }

P=$T/proj
mkdir -p "$P/state" "$P/lists"
cp -r issues lists templates "$P/"
mk_big_list "$P" "$N" members.test big
cat >"$P/config.yaml" <<YAML
sender:
  name: 测试
  address: newsletter@example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://127.0.0.1:$PORT"]
  tls: none
  max_connections: 4
YAML

# the log's largest size, sampled every 20 ms
wal=$P/state/mailer.db-wal
(
	peak=0
	while :; do
		s=$(stat -c %s "$wal" 2>/dev/null || echo 0)
		[ "$s" -gt "$peak" ] && peak=$s && echo "$peak" >"$T/peak"
		sleep 0.02
	done
) &
mon=$!

# LeakSanitizer cannot run under ptrace and aborts the process at exit
# (the sanitized CI run, stop 20); the other send tests keep leak checks.
[ -n "$MAILER_SANITIZED" ] &&
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
# the journal made first: creating it fsyncs the database file too
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --list big \
	--dry-run --quiet >/dev/null 2>&1 || echo "# the dry run failed"
strace -f -y -qq --seccomp-bpf -e trace=fsync,fdatasync -o "$T/strace" \
	"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" \
	--list big --quiet >"$T/out" 2>&1
rc=$?
kill "$mon"; wait "$mon" 2>/dev/null; mon=
[ $rc = 0 ] || sed "s/^/# /" "$T/out" "$T/strace" | head -20
ok $rc "send exits 0 ($rc)"
sent=$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")
[ "$sent" = "$N" ]; ok $? "all $N recorded as sent ($sent)"

# strace -f -o: each line starts with the thread id; the first line's
# process is the one strace started (execve is not traced: take the
# smallest id, the process's own, which its first thread keeps)
main=$(awk '{ print $1 }' "$T/strace" | sort -n | head -1)
db="sync([0-9]*<$P/state/mailer.db>)"
mine=$(awk -v m="$main" '$1 == m' "$T/strace" | grep -c "$db")
others=$(awk -v m="$main" '$1 != m' "$T/strace" | grep -c "$db")
headers=$(awk -v m="$main" '$1 == m' "$T/strace" | grep -c 'sync([0-9]*<.*-wal>)')
[ "$others" -ge 2 ]; ok $? "the checkpoint thread checkpoints ($others fsyncs of the database)"
[ "$mine" -le 1 ]
ok $? "the sending thread checkpoints only when it closes the journal ($mine fsyncs of the database, at most 1)"
echo "# the sending thread's fsyncs of the log: $headers"

peak=$(cat "$T/peak" 2>/dev/null || echo 0)
[ "$peak" -gt 0 ] && [ "$peak" -lt $((40 * 1024 * 1024)) ]
ok $? "the log stayed under 40 MB during the send (peak $peak bytes)"
[ ! -s "$wal" ]; ok $? "no log is left after the send"
exit $((tap_failed > 0))
