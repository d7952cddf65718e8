#!/usr/bin/env bash
# tests/bench/dkim.sh: what DKIM signing costs `mailer send`, in one run,
# at the same concurrency and message, into Postfix's smtp-sink on loopback:
#   plain     mailer send to N subscribers, no dkim: section
#   dkim      the same with dkim: (an RSA-2048 and an Ed25519 key: two
#             signatures a message, made on worker threads)
#   postfix   the rate a real local Postfix takes mail in (queue on disk,
#             discard transport, tests/lib/servers.sh): smtp-source
#             sending the dkim message to distinct recipients
#   before    with BENCH_BEFORE=PATH, another mailer binary (an older
#             build) sending the same with and without dkim:, so a change
#             is measured against what it changed in the same rounds
# Rounds alternate them; medians of messages/second and of the paired
# ratios are printed.  Targets: dkim/plain >= 0.7, dkim/postfix >= 1.
# Then the CPU that signing one message costs (both signatures): mailer's
# dkim_sign with the edition's body hash (tests/dkimdrive time) against
# libopendkim, which takes the whole body again for every message and key
# (tests/bench/odkimsign).
#
# Environment: BENCH_DKIM_N (default 10000), BENCH_ROUNDS (3), BENCH_CONNS
# (4), BENCH_POSTFIX_N (5000 messages into Postfix), BENCH_BEFORE (unset),
# BENCH_KEEP=1.
set -u
cd "$(dirname "$0")/../.." || exit 1
N=${BENCH_DKIM_N:-10000}
ROUNDS=${BENCH_ROUNDS:-3}
CONNS=${BENCH_CONNS:-4}
PN=${BENCH_POSTFIX_N:-5000}
MAILER=$PWD/mailer/mailer
BEFORE=${BENCH_BEFORE:-}
[ -z "$BEFORE" ] || [ -x "$BEFORE" ] || { echo "bench: BENCH_BEFORE=$BEFORE is not a program" >&2; exit 1; }
for need in smtp-sink smtp-source python3 openssl sqlite3 bc; do
	command -v $need >/dev/null || { echo "bench: $need not installed (make deps)" >&2; exit 1; }
done
for b in "$MAILER" tests/dkimdrive tests/bench/odkimsign; do
	[ -x "$b" ] || { echo "bench: build first (make bench): $b" >&2; exit 1; }
done

W=$(mktemp -d /tmp/mailer-bench-dkim.XXXXXX)
chmod 755 "$W"
sink=
. tests/lib/servers.sh
. tests/lib/bench.sh
cleanup() {
	[ -n "$sink" ] && kill "$sink" 2>/dev/null && wait "$sink" 2>/dev/null
	srv_stop_all 2>/dev/null
	[ "${BENCH_KEEP:-0}" = 1 ] && echo "kept $W" || rm -rf "$W"
}
srv_init "$W/srv" || { echo "bench: cannot set up Postfix" >&2; exit 1; }
trap cleanup EXIT
trap 'exit 130' INT TERM
srv_postfix_start || { echo "bench: Postfix did not start" >&2; exit 1; }
postconf -c "$SRV_DIR/postfix" -e "virtual_transport = discard:" "default_transport = discard:"
srv__backdate "$SRV_DIR/postfix/main.cf"
srv_postfix_reload

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
smtp-sink -u root 127.0.0.1:"$PORT" 256 &
sink=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break; sleep 0.05; done

P=$W/proj
mkdir -p "$P/state" "$P/keys"
cp -r issues lists templates "$P/"
awk -v n="$N" 'BEGIN { print "email,name,city"
	for (i = 1; i <= n; i++) printf "r%07d@example.org,读者%d,成都市\n", i, i }' >"$P/lists/bench.csv"
printf 'name: 基准测试\nshort_name: 基准\ngreeting: 您好!\ncontact: news@example.org\nlist_id: bench.example.org\n' \
	>"$P/lists/bench.yaml"
( umask 077
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$P/keys/rsa.pem" &&
  openssl genpkey -algorithm ED25519 -out "$P/keys/ed.pem" ) >/dev/null 2>&1 ||
	{ echo "bench: openssl could not make the keys" >&2; exit 1; }
config() {	# config FILE RELAY [dkim]
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
	[ -n "${3:-}" ] && cat >>"$1" <<YAML
dkim:
  keys:
    - { selector: r1, key_file: keys/rsa.pem }
    - { selector: e1, key_file: keys/ed.pem }
YAML
}
config "$P/plain.yaml" "smtp://127.0.0.1:$PORT"
config "$P/dkim.yaml" "smtp://127.0.0.1:$PORT" dkim
config "$P/maildir.yaml" "maildir:$W/one" dkim
config "$P/unsigned.yaml" "maildir:$W/unsigned"
"$MAILER" --config "$P/maildir.yaml" send "$P/issues/2021-01" --list bench \
	--to reader@example.org --quiet >/dev/null ||
	{ echo "bench: cannot build a message" >&2; exit 1; }
MSG=$(ls "$W"/one/new/* | head -1)
SIZE=$(wc -c <"$MSG")
grep -q '^DKIM-Signature: v=1; a=ed25519-sha256' "$MSG" ||
	{ echo "bench: the message is not DKIM-signed" >&2; exit 1; }
# the same message unsigned, as send builds it: CRLF, no Maildir fields
"$MAILER" --config "$P/unsigned.yaml" send "$P/issues/2021-01" --list bench \
	--to reader@example.org --quiet >/dev/null ||
	{ echo "bench: cannot build a message" >&2; exit 1; }
sed '/^Return-Path:/d; /^Delivered-To:/d; s/$/\r/' "$(ls "$W"/unsigned/new/* | head -1)" >"$W/unsigned.eml"

send_rate() {	# send_rate CONFIG [MAILER]: messages/second of one full send
	rm -f "$P"/state/mailer.db*
	run_timed "$W/t" "${2:-$MAILER}" --config "$1" send "$P/issues/2021-01" --list bench --quiet
	read -r el _ rc <"$W/t"
	[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: mailer send ($1) exited $rc" >&2; exit 1; }
	sent=$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")
	[ "$sent" = "$N" ] || { echo "bench: mailer sent $sent of $N" >&2; exit 1; }
	echo "$N / $el" | bc -l
}

echo "bench: message $SIZE bytes (with both signatures), $CONNS connections, $N subscribers," \
	"smtp-sink on 127.0.0.1:$PORT, Postfix on 127.0.0.1:$SRV_SMTP_PLAIN_PORT, $ROUNDS rounds"
: >"$W/p"; : >"$W/d"; : >"$W/f"; : >"$W/r1"; : >"$W/r2"
: >"$W/bp"; : >"$W/bd"; : >"$W/br1"; : >"$W/br2"; : >"$W/br3"
before_rates() {
	bp=$(send_rate "$P/plain.yaml" "$BEFORE") || exit 1
	bd=$(send_rate "$P/dkim.yaml" "$BEFORE") || exit 1
}
for r in $(seq "$ROUNDS"); do
	# with BENCH_BEFORE the two builds take turns going first
	if [ -n "$BEFORE" ] && [ $((r % 2)) = 0 ]; then
		before_rates || exit 1
	fi
	p=$(send_rate "$P/plain.yaml") || exit 1
	d=$(send_rate "$P/dkim.yaml") || exit 1
	if [ -n "$BEFORE" ] && [ $((r % 2)) = 1 ]; then
		before_rates || exit 1
	fi
	if [ -n "$BEFORE" ]; then
		echo "$bp" >>"$W/bp"; echo "$bd" >>"$W/bd"; echo "$bd / $bp" | bc -l >>"$W/br1"
		echo "$p / $bp" | bc -l >>"$W/br2"; echo "$d / $bd" | bc -l >>"$W/br3"
		printf '  round %d: before: plain %.0f/s  dkim %.0f/s\n' "$r" "$bp" "$bd" >&2
	fi
	srv_wait_queue_empty 120 || { echo "bench: Postfix queue not empty" >&2; exit 1; }
	run_timed "$W/t" smtp-source -d -N -s "$CONNS" -m "$PN" -F "$MSG" \
		-f bounces@example.org -t reader@example.org 127.0.0.1:"$SRV_SMTP_PLAIN_PORT"
	read -r el _ rc <"$W/t"
	[ "$rc" = 0 ] || { cat "$W/t.err" >&2; echo "bench: smtp-source into Postfix exited $rc" >&2; exit 1; }
	f=$(echo "$PN / $el" | bc -l)
	echo "$p" >>"$W/p"; echo "$d" >>"$W/d"; echo "$f" >>"$W/f"
	echo "$d / $p" | bc -l >>"$W/r1"; echo "$d / $f" | bc -l >>"$W/r2"
	printf '  round %d: plain %.0f/s  dkim %.0f/s  postfix takes in %.0f/s\n' "$r" "$p" "$d" "$f" >&2
	srv_wait_queue_empty 120 >/dev/null
done
printf '%10s %10s %12s %12s %14s\n' plain/s dkim/s postfix/s dkim/plain dkim/postfix
printf '%10.0f %10.0f %12.0f %12.3f %14.3f\n' "$(median <"$W/p")" "$(median <"$W/d")" \
	"$(median <"$W/f")" "$(median <"$W/r1")" "$(median <"$W/r2")"
[ -n "$BEFORE" ] && printf 'before: plain %.0f/s, dkim %.0f/s, dkim/plain %.3f (rounds %s); now/before: plain %.3f (%s), dkim %.3f (%s)\n' \
	"$(median <"$W/bp")" "$(median <"$W/bd")" "$(median <"$W/br1")" "$(spread <"$W/br1")" \
	"$(median <"$W/br2")" "$(spread <"$W/br2")" "$(median <"$W/br3")" "$(spread <"$W/br3")"
[ -n "$BEFORE" ] && printf 'now: dkim/plain rounds %s\n' "$(spread <"$W/r1")"
echo "targets: dkim/plain >= 0.7; dkim/postfix >= 1.0"
: >"$W/ms"; : >"$W/os"
for r in $(seq "$ROUNDS"); do
	tests/dkimdrive time "$P/dkim.yaml" "$W/unsigned.eml" 2000 >>"$W/ms" ||
		{ echo "bench: dkimdrive time failed" >&2; exit 1; }
	tests/bench/odkimsign "$W/unsigned.eml" "$P/keys/rsa.pem" "$P/keys/ed.pem" 300 >>"$W/os" ||
		{ echo "bench: odkimsign failed" >&2; exit 1; }
done
ms=$(median <"$W/ms") os=$(median <"$W/os")
printf 'signing one message (RSA-2048 + Ed25519), CPU ms: mailer %.3f, libopendkim %.3f (%.1fx)\n' \
	"$ms" "$os" "$(echo "$os / $ms" | bc -l)"
