#!/usr/bin/env bash
# How fast `mailer bounces` empties a big bounce mailbox on a real Dovecot:
# N messages (BENCH_IMAP_N, default 5000; offers, no bounces, so the time
# is the IMAP side's, not the classifier's) dropped into INBOX, one run
# moving them all to Processed, for each way the server may move: MOVE
# (RFC 6851), UID COPY + UID EXPUNGE (UIDPLUS, RFC 4315), UID COPY +
# EXPUNGE (neither).  Prints ms/message per mode.  BENCH_MAILER runs
# another binary (an older build, to compare); BENCH_KEEP=1 keeps the
# work folder.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
N=${BENCH_IMAP_N:-5000}
MAILER=${BENCH_MAILER:-$ROOT/mailer/mailer}
export MAILER
for need in postfix dovecot python3 sqlite3 bc; do
	command -v $need >/dev/null || { echo "bench: $need not installed (make deps)" >&2; exit 1; }
done
[ -x "$MAILER" ] || { echo "bench: build first (make)" >&2; exit 1; }
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

printf 'imap move bench: %d messages, one mailer bounces run each (%s)\n' "$N" "$MAILER"
for mode in MOVE UIDPLUS plain; do
	case $mode in
	MOVE) caps="IMAP4rev1 LITERAL+ UIDPLUS MOVE" ;;
	UIDPLUS) caps="IMAP4rev1 LITERAL+ UIDPLUS" ;;
	plain) caps="IMAP4rev1 LITERAL+" ;;
	esac
	# shellcheck disable=SC2086
	srv_dovecot_caps bounces@bounce.test imap-s3cret $caps >/dev/null || exit 1
	before=$(count "$BOX/.Processed")
	offer_drop "$BOX" $((before + 1)) "$N"
	run_timed "$W/t" "$MAILER" --config "$P/config.yaml" bounces
	read -r secs _ rc <"$W/t"
	moved=$(( $(count "$BOX/.Processed") - before ))
	printf '  %-8s %7.1f ms/message (%.1f s, exit %s, %d moved, %d left in INBOX)\n' \
		"$mode" "$(echo "$secs * 1000 / $N" | bc -l)" "$secs" "$rc" "$moved" "$(count "$BOX")"
done
