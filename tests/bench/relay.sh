#!/usr/bin/env bash
# tests/bench/relay.sh: sending into a real relay.  A real Postfix started as
# the tests start it (tests/lib/servers.sh: its own config folder, its queue
# on disk) with a discard transport takes N distinct recipients (default
# 5,000) of the 49 KB sample edition from:
#   mailer       mailer send (journal and all)
#   curl-thr     tests/bench/curlloop -t -N: a bare libcurl loop, one thread
#                and one easy handle per connection
#   curl-verp    the same with a distinct envelope sender per message (-V),
#                as mailer's VERP senders are: Postfix answers MAIL FROM
#                more slowly for a sender it has not seen
#   raw-verp     tests/bench/curlloop -t -N -V -R: as curl-verp, but libcurl
#                only opens the connections and the loop runs each
#                transaction itself (MAIL, RCPT, DATA one round trip each,
#                as libcurl): what a sender pays without libcurl's transfer
#                machinery, per message in CPU and into the relay
#   raw-pipe     as raw-verp, with MAIL, RCPT and DATA in one write
#                (PIPELINING, RFC 2920): the transaction mailer runs, with
#                no journal
#   raw-chain    (only with BENCH_P1) as raw-pipe, with the next message's
#                commands sent right behind each final "."
#   curl-multi   tests/bench/curlloop -N: a bare libcurl multi loop, every
#                connection in one thread (as mailer did before 2026-12)
#   smtp-source  smtp-source -d -N -s C -F edition.eml (Postfix's own load
#                generator, the protocol's ceiling without PIPELINING)
# Part 1: paired rounds at BENCH_CONNS connections (the order rotates each
# round); medians of messages/s and of the per-round ratios, with their
# spread (min-max), each program's own CPU a message, and mailer's peak
# resident memory.
# Part 2: the curve over BENCH_CURVE connection counts (mailer, curl-thr,
# smtp-source, paired at each count), and the count at which mailer reaches
# 0.9 of smtp-source's best.
# Part 3: two relays (transport.relays, spread): two smtp-sinks that each
# serve one connection at a time and answer each "." after 1 s, against one.
# Part 4 (BENCH_TRACE=1, the default): where the time goes, per program: a
# short run under strace, read by tests/bench/timeline.py (milliseconds from
# each command to its reply, and from the final reply to the next MAIL
# FROM on the same connection).
#
# Environment: BENCH_P1 (the programs of part 1; when set, only part 1
# runs, its medians and CPU printed), BENCH_RELAY_N (5000), BENCH_ROUNDS
# (3), BENCH_CONNS (4),
# BENCH_CURVE ("1 2 4 8 16"), BENCH_CURVE_ROUNDS (2), BENCH_POOL_N (12),
# BENCH_TRACE (1), BENCH_KEEP=1 keeps the work folder.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
N=${BENCH_RELAY_N:-5000}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNS:-4}
CURVE=${BENCH_CURVE:-1 2 4 8 16}
CURVE_ROUNDS=${BENCH_CURVE_ROUNDS:-2}
POOL_N=${BENCH_POOL_N:-12}
TRACE=${BENCH_TRACE:-1}
MAILER=$ROOT/mailer/mailer
LOOP=$ROOT/tests/bench/curlloop
for need in smtp-sink smtp-source postfix python3 sqlite3 bc strace; do
	command -v $need >/dev/null || { echo "bench: $need not installed (make deps)" >&2; exit 1; }
done
[ -x "$MAILER" ] && [ -x "$LOOP" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
. "$ROOT/tests/lib/servers.sh"
. "$ROOT/tests/lib/bench.sh"

W=$(mktemp -d /tmp/mailer-relay.XXXXXX)
chmod 755 "$W"	# Postfix (user postfix) reads its folders below
sinks=
cleanup() {
	for p in $sinks; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	srv_stop_all
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $W" || rm -rf "$W"
}
srv_init "$W/srv" || exit 1
trap cleanup EXIT
trap 'exit 130' INT TERM
srv_postfix_start || exit 1
# Every recipient of the test domains goes to the discard transport: the
# relay queues each message on disk (fsync) and throws it away after.
postconf -c "$SRV_DIR/postfix" -e 'virtual_transport = discard:bench'
srv__backdate "$SRV_DIR/postfix/main.cf"
srv_postfix_reload || exit 1
PORT=$SRV_SMTP_PLAIN_PORT
QUEUE=$SRV_DIR/postfix-queue

# Each run starts with the relay's queue empty (the discard agent has
# caught up with the run before), so runs do not pay for each other.
queue_idle() {
	local n=1200
	while [ "$n" -gt 0 ]; do
		[ -z "$(find "$QUEUE/incoming" "$QUEUE/active" "$QUEUE/deferred" \
			"$QUEUE/maildrop" -type f -print -quit 2>/dev/null)" ] && return 0
		sleep 0.1; n=$((n - 1))
	done
	echo "bench: the relay's queue did not empty in 120 s" >&2
	exit 1
}

# The project: the sample issue, one list of N distinct recipients.
P=$W/proj
mkdir -p "$P/state" "$P/lists"
cp -r issues lists templates "$P/"
awk -v n="$N" 'BEGIN { print "email,name,city"
	for (i = 1; i <= n; i++) printf "r%07d@example.org,读者%d,成都市\n", i, i }' \
	>"$P/lists/relay.csv"
printf 'name: 基准测试\nshort_name: 基准\ngreeting: 您好!\ncontact: news@example.org\nlist_id: relay.bench.example.org\n' \
	>"$P/lists/relay.yaml"
config() {	# config FILE CONNECTIONS RELAY...
	local f=$1 c=$2 r
	shift 2
	{
		printf 'sender:\n  name: 基准测试\n  address: newsletter@example.org\n'
		printf 'paths:\n  state: state/mailer.db\nsecret_file: state/verp.key\n'
		printf 'transport:\n  relays:\n'
		for r in "$@"; do printf '    - "%s"\n' "$r"; done
		printf '  tls: none\n  max_connections: %s\n' "$c"
		printf '  max_messages_per_connection: 1000000\n'
	} >"$f"
}
config "$P/maildir.yaml" 1 "maildir:$W/one"
"$MAILER" --config "$P/maildir.yaml" send "$P/issues/2021-01" --list relay \
	--to reader@example.org --quiet >/dev/null ||
	{ echo "bench: cannot build a message" >&2; exit 1; }
# The edition as mailer sends it, without the two lines the Maildir
# delivery added: LF lines for smtp-source -F (it adds the CRs), CRLF for
# curlloop (libcurl sends the bytes as they are).
sed -e '1,2d' "$(ls "$W"/one/new/* | head -1)" >"$W/edition.eml"
sed -e 's/$/\r/' "$W/edition.eml" >"$W/edition.crlf"
SIZE=$(wc -c <"$W/edition.crlf")


loop_opts() {	# the curlloop options of a program name
	case $1 in
	curl-thr) echo -t -N ;;
	curl-verp) echo -t -N -V ;;
	raw-verp) echo -t -N -V -R ;;
	raw-pipe) echo -t -N -V -R -P ;;
	raw-chain) echo -t -N -V -R -P -P ;;
	*) echo -N ;;
	esac
}

# one WHAT CONNECTIONS: one run, prints messages/s (and records the RSS).
one() {
	local what=$1 c=$2 el rss rc sent
	queue_idle
	case $what in
	mailer)
		config "$P/c$c.yaml" "$c" "smtp://127.0.0.1:$PORT"
		rm -f "$P"/state/mailer.db*
		run_timed "$W/t" "$MAILER" --config "$P/c$c.yaml" send \
			"$P/issues/2021-01" --list relay --quiet
		read -r el rss rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: mailer send exited $rc" >&2; exit 1; }
		sent=$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")
		[ "$sent" = "$N" ] || { echo "bench: mailer sent $sent of $N" >&2; exit 1; }
		echo "$rss" >>"$W/rss"
		;;
	curl-thr|curl-verp|raw-verp|raw-pipe|raw-chain|curl-multi)
		run_timed "$W/t" "$LOOP" $(loop_opts "$what") "smtp://127.0.0.1:$PORT" \
			"$c" "$N" "$W/edition.crlf"
		read -r el rss rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: curlloop $t exited $rc" >&2; exit 1; }
		;;
	smtp-source)
		run_timed "$W/t" smtp-source -d -N -s "$c" -m "$N" -F "$W/edition.eml" \
			-f bounces@example.org -t reader@example.org "127.0.0.1:$PORT"
		read -r el rss rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: smtp-source exited $rc" >&2; exit 1; }
		;;
	esac
	# the client's own CPU a message (wait4), in microseconds
	echo "$(cat "$W/t.cpu") / $N * 1000000" | bc -l >>"$W/cpu.$what.$c"
	echo "$N / $el" | bc -l
}

# paired TAG CONNECTIONS ROUNDS WHAT...: rounds of every WHAT (rotating the
# order), rates in $W/TAG.WHAT, per-round ratios to the last WHAT and to
# each other in $W/TAG.A_B.
paired() {
	local tag=$1 c=$2 rounds=$3 r i k what
	shift 3
	local whats=("$@") n=$#
	for r in $(seq "$rounds"); do
		declare -A rate=()
		for k in $(seq 0 $((n - 1))); do
			what=${whats[$(((k + r - 1) % n))]}
			rate[$what]=$(one "$what" "$c") || exit 1
			echo "${rate[$what]}" >>"$W/$tag.$what"
		done
		printf '  round %d, %2d connections:' "$r" "$c" >&2
		for what in "${whats[@]}"; do printf ' %s %.0f/s' "$what" "${rate[$what]}" >&2; done
		echo >&2
		for i in "${whats[@]}"; do for k in "${whats[@]}"; do
			[ "$i" = "$k" ] || echo "${rate[$i]} / ${rate[$k]}" | bc -l >>"$W/$tag.${i}_$k"
		done; done
		unset rate
	done
}
ratio() { printf '%.3f (%s)' "$(median <"$W/$1")" "$(spread <"$W/$1")"; }

echo "bench: relay = Postfix $(postconf -d -h mail_version) on 127.0.0.1:$PORT, queue on disk, discard transport"
echo "bench: $N distinct recipients, message $SIZE bytes, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# Part 1
: >"$W/rss"
P1=${BENCH_P1:-mailer curl-thr curl-verp raw-verp raw-pipe curl-multi smtp-source}
paired p1 "$CONNS" "$ROUNDS" $P1
printf '%-12s %10s\n' "$CONNS conns" "msg/s (median of $ROUNDS)"
for w in $P1; do
	printf '%-12s %10.0f %8.0f us\n' "$w" "$(median <"$W/p1.$w")" "$(median <"$W/cpu.$w.$CONNS")"
done
[ -n "${BENCH_P1:-}" ] && exit 0
echo "ratios, median (min-max) of paired rounds:"
echo "  mailer / smtp-source      $(ratio p1.mailer_smtp-source)   target >= 0.9"
echo "  mailer / curl-thr         $(ratio p1.mailer_curl-thr)   target >= 0.95"
echo "  mailer / curl-verp        $(ratio p1.mailer_curl-verp)   (the same envelope senders)"
echo "  curl-verp / curl-thr      $(ratio p1.curl-verp_curl-thr)   (the relay's cost of VERP)"
echo "  raw-verp / curl-verp      $(ratio p1.raw-verp_curl-verp)   (without libcurl's transfers)"
echo "  mailer / raw-pipe         $(ratio p1.mailer_raw-pipe)   (the same transaction, no journal)"
echo "  raw-pipe / smtp-source    $(ratio p1.raw-pipe_smtp-source)"
echo "  raw-verp / smtp-source    $(ratio p1.raw-verp_smtp-source)"
echo "  curl-multi / smtp-source  $(ratio p1.curl-multi_smtp-source)"
echo "  curl-thr / smtp-source    $(ratio p1.curl-thr_smtp-source)"
printf 'client CPU a message, median, us:'
for w in $P1; do
	printf ' %s %.0f' "$w" "$(median <"$W/cpu.$w.$CONNS")"
done
echo
printf 'mailer peak RSS: %.1f MB\n' "$(echo "$(sort -g "$W/rss" | tail -1) / 1024" | bc -l)"

# Part 2
echo "curve, median of $CURVE_ROUNDS paired rounds per count:"
printf '%-6s %10s %10s %12s %14s %16s\n' conns mailer/s curl-thr/s smtp-src/s mailer/src mailer/curl-thr
best=0
for c in $CURVE; do
	paired "c$c" "$c" "$CURVE_ROUNDS" mailer curl-thr smtp-source
	s=$(median <"$W/c$c.smtp-source")
	[ "$(echo "$s > $best" | bc)" = 1 ] && best=$s
	printf '%-6s %10.0f %10.0f %12.0f %14.3f %16.3f\n' "$c" \
		"$(median <"$W/c$c.mailer")" "$(median <"$W/c$c.curl-thr")" "$s" \
		"$(median <"$W/c$c.mailer_smtp-source")" "$(median <"$W/c$c.mailer_curl-thr")"
done
reach=
for c in $CURVE; do
	[ "$(echo "$(median <"$W/c$c.mailer") >= 0.9 * $best" | bc)" = 1 ] && { reach=$c; break; }
done
[ -n "$reach" ] && reach="$reach connections" || reach="none of the counts tried"
printf "smtp-source's best: %.0f msg/s; mailer reaches 0.9 of it at: %s\n" "$best" "$reach"

# Part 4
if [ "$TRACE" = 1 ]; then
	echo "where the time goes, $CONNS connections, 400 messages under strace, medians in ms:"
	for what in mailer curl-thr curl-verp curl-multi smtp-source; do
		queue_idle
		rm -rf "$W/trace" && mkdir "$W/trace"
		tr="strace --seccomp-bpf -ff -tt -T -e trace=sendto,recvfrom,write,read,poll -s 40 -o $W/trace/t"
		case $what in
		mailer)
			head -401 "$P/lists/relay.csv" >"$P/lists/trace.csv"
			sed 's/^list_id: .*/list_id: trace.bench.example.org/' \
				"$P/lists/relay.yaml" >"$P/lists/trace.yaml"
			rm -f "$P"/state/mailer.db*
			$tr "$MAILER" --config "$P/c$CONNS.yaml" send "$P/issues/2021-01" \
				--list trace --quiet >/dev/null ;;
		smtp-source)
			$tr smtp-source -d -N -s "$CONNS" -m 400 -F "$W/edition.eml" \
				-f bounces@example.org -t reader@example.org "127.0.0.1:$PORT" ;;
		*)
			$tr "$LOOP" $(loop_opts "$what") "smtp://127.0.0.1:$PORT" \
				"$CONNS" 400 "$W/edition.crlf" >/dev/null ;;
		esac || { echo "bench: $what under strace failed" >&2; exit 1; }
		python3 "$ROOT/tests/bench/timeline.py" "$what" "$W"/trace/t.*
	done
	echo "(MAIL, RCPT, DATA: command to reply; body+.: the message to the final reply;"
	echo " client: final reply to the next MAIL FROM; one-socket waits: time a one-thread"
	echo " program sat in a poll on one connection while the others waited)"
fi

[ "$POOL_N" -gt 0 ] || exit 0
# Part 3: two relays that each take one session at a time and hold each
# message 1 s (smtp-sink -m 1 -W .:1), so a relay's rate is capped at one
# connection's; mailer spreads its connections over them (one each).
# Started in this shell (not in a $(...) subshell) so cleanup knows the pids.
set -- $(srv__free_ports 127.0.0.1 2)
s1=$1 s2=$2
for port in "$s1" "$s2"; do
	smtp-sink -u root -m 1 -W .:1 127.0.0.1:"$port" 16 </dev/null >/dev/null 2>&1 &
	sinks="$sinks $!"
done
for port in "$s1" "$s2"; do srv__wait_port 127.0.0.1 "$port" || exit 1; done
awk -v n="$POOL_N" 'BEGIN { print "email,name"
	for (i = 1; i <= n; i++) printf "p%04d@example.org,p%d\n", i, i }' >"$P/lists/pool.csv"
sed 's/^list_id: .*/list_id: pool.bench.example.org/' "$P/lists/relay.yaml" >"$P/lists/pool.yaml"
config "$P/one.yaml" 1 "smtp://127.0.0.1:$s1"
config "$P/two.yaml" 2 "smtp://127.0.0.1:$s1" "smtp://127.0.0.1:$s2"
pool_run() {	# pool_run CONFIG: prints messages/s
	local el rc
	rm -f "$P"/state/mailer.db*
	run_timed "$W/t" "$MAILER" --config "$1" send "$P/issues/2021-01" --list pool --quiet
	read -r el _ rc <"$W/t"
	[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: mailer send ($1) exited $rc" >&2; exit 1; }
	echo "$POOL_N / $el" | bc -l
}
one_r=$(pool_run "$P/one.yaml") || exit 1
two_r=$(pool_run "$P/two.yaml") || exit 1
printf 'relay pool, %d messages, relays capped at one session and 1 s a message:\n' "$POOL_N"
printf '  one relay, 1 connection: %.2f msg/s; two relays, 2 connections: %.2f msg/s; ratio %.2f (target about 2)\n' \
	"$one_r" "$two_r" "$(echo "$two_r / $one_r" | bc -l)"
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
