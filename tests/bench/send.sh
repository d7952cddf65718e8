#!/usr/bin/env bash
# tests/bench/send.sh: sending speed of `mailer send` against two references, in
# one run, at the same concurrency and message size, into Postfix's
# smtp-sink on loopback (tls: none, no auth):
#   mailer     one edition to N synthetic subscribers (journal and all)
#   curl-thr   tests/bench/curlloop.c -t: a bare libcurl loop sending one
#              prebuilt message, one thread and easy handle per connection
#              as mailer/smtp.c does (the library's ceiling)
#   curl-multi tests/bench/curlloop.c: the same in one multi-interface loop
#   raw        tests/bench/curlloop.c -t -R: libcurl opens the connections,
#              the loop runs each transaction itself (what a sender pays
#              without libcurl's transfer machinery)
#   smtp-source  Postfix's load generator (the protocol's ceiling)
#   before     with BENCH_BEFORE=PATH, another mailer binary (an older
#              build) sending the same, so a change is measured against
#              what it changed in the same rounds
# Rounds alternate them; medians of messages/second and of the paired
# ratios are printed, with mailer's peak resident memory; then the CPU
# each run took a message, the client's and smtp-sink's, and how busy
# that kept the machine's cores: where both are busy, the client's CPU
# a message sets its rate, and (loop + sink) / (mailer + sink) is the
# ratio that CPU allows.
#
# Environment: BENCH_SIZES (default "10000 100000"), BENCH_ROUNDS (3),
# BENCH_CONNS (4), BENCH_BEFORE (unset), BENCH_KEEP=1 keeps the work folder.
set -u
cd "$(dirname "$0")/../.." || exit 1
SIZES=${BENCH_SIZES:-10000 100000}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNS:-4}
MAILER=$PWD/mailer/mailer
LOOP=$PWD/tests/bench/curlloop
BEFORE=${BENCH_BEFORE:-}
for need in smtp-sink smtp-source python3; do
	command -v $need >/dev/null || { echo "bench: $need not installed (make deps)" >&2; exit 1; }
done
[ -x "$MAILER" ] && [ -x "$LOOP" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] || { echo "bench: BENCH_BEFORE=$BEFORE is not a program" >&2; exit 1; }
. tests/lib/bench.sh

W=$(mktemp -d /tmp/mailer-bench.XXXXXX)
sink=
cleanup() {
	[ -n "$sink" ] && kill "$sink" 2>/dev/null && wait "$sink" 2>/dev/null
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $W" || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
smtp-sink -u root 127.0.0.1:"$PORT" 256 &
sink=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.05; done

# The project: the sample issue, one generated list per size.
P=$W/proj
mkdir -p "$P/state" "$P/lists"
cp -r issues lists templates "$P/"
for n in $SIZES; do
	awk -v n="$n" 'BEGIN { print "email,name,city"
		for (i = 1; i <= n; i++) printf "r%07d@example.org,读者%d,成都市\n", i, i }' \
		>"$P/lists/b$n.csv"
	printf 'name: 基准测试 %s\nshort_name: 基准\ngreeting: 您好!\ncontact: news@example.org\nlist_id: b%s.bench.example.org\n' \
		"$n" "$n" >"$P/lists/b$n.yaml"
done
config() {	# config FILE RELAY
	cat >"$1" <<YAML
sender:
  name: 基准测试
  address: newsletter@example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["$2"]
  tls: none
  max_connections: $CONNS
  max_messages_per_connection: 1000000
YAML
}
config "$P/config.yaml" "smtp://127.0.0.1:$PORT"
config "$P/maildir.yaml" "maildir:$W/one"
# One message as mailer builds it: its size sets the references' size.
"$MAILER" --config "$P/maildir.yaml" send "$P/issues/2021-01" \
	--list "b${SIZES%% *}" --to reader@example.org --quiet >/dev/null ||
	{ echo "bench: cannot build a message" >&2; exit 1; }
# As mailer sends it (relay.sh does the same): without the two lines the
# Maildir delivery added, and CRLF, since libcurl sends the bytes as they
# are.  The Maildir copy's bare LFs made the references' message 1.3 %
# shorter and libcurl's scan of it for lines starting with "." 7 %
# cheaper than mailer's.
sed -e '1,2d' -e 's/$/\r/' "$(ls "$W"/one/new/* | head -1)" >"$W/msg.eml"
MSG=$W/msg.eml
SIZE=$(wc -c <"$MSG")
# smtp-source's -l is the payload after its own few header lines.
BODY=$((SIZE - 200))


NCPU=$(nproc)
# cpu_note WHO N: appends "client_us sink_us busy" a message of the run
# just timed (in $W/t, sink CPU before it in $W/sink0) to $W/cpu.WHO.N
cpu_note() {
	local el cpu s0 s1
	read -r el _ <"$W/t"
	read -r cpu <"$W/t.cpu"
	read -r s0 <"$W/sink0"
	s1=$(proc_cpu "$sink")
	echo "$cpu $s0 $s1 $el $2 $NCPU" | awk '{ printf "%.1f %.1f %.3f\n",
		$1 / $5 * 1e6, ($3 - $2) / $5 * 1e6, ($1 + $3 - $2) / ($4 * $6) }' \
		>>"$W/cpu.$1.$2"
}

send_rate() {	# send_rate MAILER N: messages/second of one full send; rss to $W/rss
	rm -f "$P"/state/mailer.db*
	proc_cpu "$sink" >"$W/sink0"
	run_timed "$W/t" "$1" --config "$P/config.yaml" send \
		"$P/issues/2021-01" --list "b$2" --quiet
	[ "$1" = "$MAILER" ] && cpu_note mailer "$2"
	read -r el rss rc <"$W/t"
	# Its stderr only when it failed: every round would print "the lists
	# not sent yet", since it sends one list of the issue's 22.
	[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: $1 send exited $rc" >&2; exit 1; }
	sent=$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'" 2>/dev/null || echo "$2")
	[ "$sent" = "$2" ] || { echo "bench: $1 sent $sent of $2" >&2; exit 1; }
	echo "$rss" >"$W/rss"
	echo "$2 / $el" | bc -l
}

echo "bench: message $SIZE bytes, $CONNS connections, smtp-sink on 127.0.0.1:$PORT, $ROUNDS rounds"
printf '%-8s %9s %11s %13s %11s %15s %14s %10s\n' subscr mailer/s curl-thr/s curl-multi/s smtp-src/s mailer/curl-thr mailer/c-multi maxRSS_MB
for n in $SIZES; do
	: >"$W/m.$n"; : >"$W/c.$n"; : >"$W/cm.$n"; : >"$W/s.$n"; : >"$W/r1.$n"; : >"$W/r2.$n"; : >"$W/rss.$n"
	: >"$W/b.$n"; : >"$W/r3.$n"; : >"$W/cpu.mailer.$n"; : >"$W/cpu.loop.$n"
	: >"$W/raw.$n"; : >"$W/cpu.raw.$n"
	for r in $(seq "$ROUNDS"); do
		# the two builds take turns going first: no order bias
		if [ -n "$BEFORE" ] && [ $((r % 2)) = 0 ]; then
			b=$(send_rate "$BEFORE" "$n") || exit 1
		fi
		m=$(send_rate "$MAILER" "$n") || exit 1
		read -r rss <"$W/rss"
		echo "$rss" >>"$W/rss.$n"
		if [ -n "$BEFORE" ] && [ $((r % 2)) = 1 ]; then
			b=$(send_rate "$BEFORE" "$n") || exit 1
		fi
		if [ -n "$BEFORE" ]; then
			echo "$b" >>"$W/b.$n"
			echo "$m / $b" | bc -l >>"$W/r3.$n"
		fi
		proc_cpu "$sink" >"$W/sink0"
		run_timed "$W/t" "$LOOP" -t "smtp://127.0.0.1:$PORT" "$CONNS" "$n" "$MSG"
		cpu_note loop "$n"
		read -r el _ rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: curlloop -t exited $rc" >&2; exit 1; }
		c=$(echo "$n / $el" | bc -l)
		run_timed "$W/t" "$LOOP" "smtp://127.0.0.1:$PORT" "$CONNS" "$n" "$MSG"
		read -r el _ rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: curlloop exited $rc" >&2; exit 1; }
		cm=$(echo "$n / $el" | bc -l)
		proc_cpu "$sink" >"$W/sink0"
		run_timed "$W/t" "$LOOP" -t -R "smtp://127.0.0.1:$PORT" "$CONNS" "$n" "$MSG"
		cpu_note raw "$n"
		read -r el _ rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: curlloop -t -R exited $rc" >&2; exit 1; }
		echo "$n / $el" | bc -l >>"$W/raw.$n"
		run_timed "$W/t" smtp-source -d -s "$CONNS" -m "$n" -l "$BODY" \
			-f bounces@example.org -t reader@example.org 127.0.0.1:"$PORT"
		read -r el _ rc <"$W/t"
		[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: smtp-source exited $rc" >&2; exit 1; }
		s=$(echo "$n / $el" | bc -l)
		echo "$m" >>"$W/m.$n"; echo "$c" >>"$W/c.$n"; echo "$cm" >>"$W/cm.$n"; echo "$s" >>"$W/s.$n"
		echo "$m / $c" | bc -l >>"$W/r1.$n"
		echo "$m / $cm" | bc -l >>"$W/r2.$n"
		printf '  round %d, %d: mailer %.0f/s  curl-thr %.0f/s  curl-multi %.0f/s  smtp-source %.0f/s  (rss %d KB)%s\n' \
			"$r" "$n" "$m" "$c" "$cm" "$s" "$rss" "${b:+  before $(printf %.0f "$b")/s}" >&2
	done
	printf '%-8s %9.0f %11.0f %13.0f %11.0f %15.3f %14.3f %10.1f\n' "$n" \
		"$(median <"$W/m.$n")" "$(median <"$W/c.$n")" "$(median <"$W/cm.$n")" "$(median <"$W/s.$n")" \
		"$(median <"$W/r1.$n")" "$(median <"$W/r2.$n")" \
		"$(echo "$(sort -g "$W/rss.$n" | tail -1) / 1024" | bc -l)"
	col() { awk -v c="$1" '{ print $c }' "$W/cpu.$2.$n" | median; }
	printf '%-8s CPU a message: mailer %.0f us + smtp-sink %.0f us, threaded loop %.0f us + smtp-sink %.0f us; cores busy %.0f %% / %.0f %%; (loop + sink) / (mailer + sink) %.3f\n' "$n" \
		"$(col 1 mailer)" "$(col 2 mailer)" "$(col 1 loop)" "$(col 2 loop)" \
		"$(echo "$(col 3 mailer) * 100" | bc -l)" "$(echo "$(col 3 loop) * 100" | bc -l)" \
		"$(echo "($(col 1 loop) + $(col 2 loop)) / ($(col 1 mailer) + $(col 2 mailer))" | bc -l)"
	printf '%-8s raw (libcurl only opens the connections): %.0f msg/s, CPU a message %.0f us + smtp-sink %.0f us\n' "$n" \
		"$(median <"$W/raw.$n")" "$(col 1 raw)" "$(col 2 raw)"
	[ -n "$BEFORE" ] && printf '%-8s before %.0f/s, mailer/before %.3f (rounds %s), mailer/curl-thr rounds %s\n' "$n" \
		"$(median <"$W/b.$n")" "$(median <"$W/r3.$n")" "$(spread <"$W/r3.$n")" "$(spread <"$W/r1.$n")"
done
echo "targets: mailer/curl-thr >= 0.95; peak RSS <= 64 MB and flat from 10k to 100k"
