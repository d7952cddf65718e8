#!/usr/bin/env bash
# How fast `mailer bounces` empties a big bounce mailbox on a real Dovecot:
# N messages (BENCH_IMAP_N, default 5000; offers, no bounces, so the time
# is the IMAP side's, not the classifier's) dropped into INBOX, one run
# moving them all to Processed, for each way the server may move: MOVE
# (RFC 6851), UID COPY + UID EXPUNGE (UIDPLUS, RFC 4315), UID COPY +
# EXPUNGE (neither).  Prints ms/message per mode, then (with gdb) the
# seconds of a rerun after a run killed in a batch of 250 (UIDPLUS, no
# MOVE): after their UID COPY (it looks for their copies in Processed),
# and after their STORE \Deleted (it reads them, flagged, then looks);
# last, the seconds of a run over BENCH_READ_N notices (default 2000;
# MOVE) from a server BENCH_RTT_MS away (default 30: a proxy holding
# each chunk half that long each way, tests/lib/delayproxy.py), where
# each round trip counts.  BENCH_READ_ONLY=1 runs that last part only.
# BENCH_BEFORE=PATH runs
# another build too, the two taking turns at going first, each on its own
# N messages (the ratio is the figure: the machine is noisy);
# BENCH_KEEP=1 keeps the work folder.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
N=${BENCH_IMAP_N:-5000}
MAILER=$ROOT/mailer/mailer
BEFORE=${BENCH_BEFORE:-}
export MAILER
for need in postfix dovecot python3 sqlite3 bc; do
	command -v $need >/dev/null || { echo "bench: $need not installed (make deps)" >&2; exit 1; }
done
[ -x "$MAILER" ] || { echo "bench: build first (make)" >&2; exit 1; }
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] || { echo "bench: $BEFORE: no such program" >&2; exit 1; }
. "$ROOT/tests/lib/servers.sh"
. "$ROOT/tests/lib/project.sh"
. "$ROOT/tests/lib/bench.sh"

W=$(mktemp -d /tmp/mailer-imapmove.XXXXXX)
chmod 755 "$W"
cleanup() {
	srv_stop_all
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $W" || rm -rf "$W"
}
srv_init "$W/srv" || exit 1
trap cleanup EXIT
P=$W/proj
sent_bounce_project "$P" "$W/imap.pw" >"$W/setup" 2>&1 || { cat "$W/setup"; exit 1; }
BOX=$(srv_maildir bounces@bounce.test)
count() { find "$1/new" "$1/cur" -type f 2>/dev/null | wc -l; }

# run BUILD N CONFIG: N offers into INBOX, one run of BUILD with CONFIG;
# prints its seconds
run() {
	local before secs rc
	before=$(count "$BOX/.Processed")
	offer_drop "$BOX" $((before + 1)) "$2"
	run_timed "$W/t" "$1" --config "$3" bounces
	read -r secs _ rc <"$W/t"
	[ "$rc" = 0 ] && [ "$(count "$BOX")" = 0 ] &&
		[ $(( $(count "$BOX/.Processed") - before )) = "$2" ] ||
		{ cat "$W/t.err" >&2; echo "bench: $1 exited $rc or left messages in INBOX" >&2; exit 1; }
	echo "$secs"
}
# timed BUILD: N offers, one run of BUILD; prints its ms/message
timed() {
	local secs
	secs=$(run "$1" "$N" "$P/config.yaml") || exit 1
	echo "$secs * 1000 / $N" | bc -l
}

turn=0
modes="MOVE UIDPLUS plain"
[ "${BENCH_READ_ONLY:-0}" = 1 ] && N=${BENCH_READ_N:-2000} modes=
printf 'imap move bench: %d messages a run, one mailer bounces run each, load %s\n' \
	"$N" "$(cut -d' ' -f1-3 /proc/loadavg)"
for mode in $modes; do
	case $mode in
	MOVE) caps="IMAP4rev1 LITERAL+ UIDPLUS MOVE" ;;
	UIDPLUS) caps="IMAP4rev1 LITERAL+ UIDPLUS" ;;
	plain) caps="IMAP4rev1 LITERAL+" ;;
	esac
	# shellcheck disable=SC2086
	srv_dovecot_caps bounces@bounce.test imap-s3cret $caps >/dev/null || exit 1
	if [ -z "$BEFORE" ]; then
		a=$(timed "$MAILER") || exit 1
		printf '  %-8s %7.1f ms/message\n' "$mode" "$a"
		continue
	fi
	turn=$((1 - turn))
	if [ $turn = 1 ]; then
		a=$(timed "$MAILER") && b=$(timed "$BEFORE") || exit 1
	else
		b=$(timed "$BEFORE") && a=$(timed "$MAILER") || exit 1
	fi
	printf '  %-8s %7.1f ms/message, before %7.1f: %.1fx faster\n' \
		"$mode" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
# rerun BUILD FUNC: 250 offers, a run of BUILD killed as it calls FUNC
# (after their UID COPY, or their STORE \Deleted), then BUILD's rerun;
# prints its seconds
rerun() {
	local secs rc
	offer_drop "$BOX" $(( $(count "$BOX/.Processed") + 1 )) 250
	gdb_kill_at "$2" 1 "$W/k" "$1" --config "$P/config.yaml" bounces ||
		{ echo "bench: $1 not killed at $2" >&2; exit 1; }
	run_timed "$W/t" "$1" --config "$P/config.yaml" bounces
	read -r secs _ rc <"$W/t"
	[ "$rc" = 0 ] && [ "$(count "$BOX")" = 0 ] ||
		{ cat "$W/t.err" >&2; echo "bench: $1's rerun exited $rc or left messages in INBOX" >&2; exit 1; }
	echo "$secs"
}
if [ "${BENCH_READ_ONLY:-0}" != 1 ] && command -v gdb >/dev/null; then
	. "$ROOT/tests/lib/gdb.sh"
	srv_dovecot_caps bounces@bounce.test imap-s3cret IMAP4rev1 LITERAL+ UIDPLUS >/dev/null || exit 1
	for at in "mailimap_uid_store COPY" "mailimap_uid_expunge STORE"; do
		read -r func step <<<"$at"
		a=$(rerun "$MAILER" "$func") || exit 1
		if [ -n "$BEFORE" ]; then
			b=$(rerun "$BEFORE" "$func") || exit 1
			printf '  rerun after a kill after the %s of 250: %.2f s, before %.2f s\n' "$step" "$a" "$b"
		else
			printf '  rerun after a kill after the %s of 250: %.2f s\n' "$step" "$a"
		fi
	done
fi
# a server far away: mailer reaches Dovecot through the delaying proxy
RN=${BENCH_READ_N:-2000} RTT=${BENCH_RTT_MS:-30}
srv_dovecot_caps bounces@bounce.test imap-s3cret IMAP4rev1 LITERAL+ UIDPLUS MOVE >/dev/null || exit 1
port=$(free_port)
python3 "$ROOT/tests/lib/delayproxy.py" "$port" "$SRV_IMAPS_PORT" "$(echo "$RTT / 2" | bc -l)" >"$W/proxy" 2>&1 &
proxy=$!
trap 'kill "$proxy" 2>/dev/null; cleanup' EXIT
proxy_ready() { grep -qs '^ready' "$W/proxy"; }
wait_for 10 "the delaying proxy" proxy_ready || exit 1
sed "s|127.0.0.1:$SRV_IMAPS_PORT|127.0.0.1:$port|" "$P/config.yaml" >"$P/far.yaml"
a=$(run "$MAILER" "$RN" "$P/far.yaml") || exit 1
if [ -n "$BEFORE" ]; then
	b=$(run "$BEFORE" "$RN" "$P/far.yaml") || exit 1
	printf '  %d notices read and moved from a server %d ms away: %.1f s, before %.1f s: %.1fx less time\n' \
		"$RN" "$RTT" "$a" "$b" "$(echo "$b / $a" | bc -l)"
else
	printf '  %d notices read and moved from a server %d ms away: %.1f s\n' "$RN" "$RTT" "$a"
fi
printf '  load at the end %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
