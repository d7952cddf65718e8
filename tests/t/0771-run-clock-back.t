#!/usr/bin/env bash
# A deferral recorded while the host's clock was ahead (booted a year
# ahead, corrected by NTP before the next cron run): run retries the
# address at its next run, because no backoff is longer than 6 h; it
# waited for the clock to catch up (next_attempt a year away), exit 0 at
# every run, the issue never finished and nothing said.  A deferral made
# with the right clock still waits its backoff.  faketime moves the clock
# of one mailer run; tests/faultsrv.py is the relay (451 for amy first).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v faketime >/dev/null || skip_all "faketime not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-clock.XXXXXX)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
plan 6
P=$T/p
mk_tiny_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
printf 'bounce_domain: bounce.test\n' >>"$P/config.yaml"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  retry_in_run_wait: 0.1|' "$P/config.yaml"
relay() {	# relay NAME ARGS...: faultsrv as the project's only relay
	fault "$@"
	sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"
}
q() { sqlite3 "$P/state/mailer.db" "$1"; }
run() { "$@" "$MAILER" --config "$P/config.yaml" run >"$T/out" 2>"$T/err"; }

# --- a year ahead: amy deferred, with a backoff counted from that clock
relay ahead --reply 'amy@example.org=451 4.2.0 busy'
# libfaketime is preloaded: an ASan build (check-asan) must be told its
# runtime need not come first
run env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	faketime -f +365d; rc=$?; sed 's/^/# /' "$T/out"
st=$(q "select state from recipients where email = 'amy@example.org'")
[ $rc -eq 75 ] && [ "$st" = deferred ]
ok $? "with the clock a year ahead: amy deferred, exit 75 ($rc, $st)"

# --- the clock back to now: the next run retries her
relay now
run env; rc=$?; sed 's/^/# /' "$T/out" "$T/err"
[ $rc -eq 0 ]; ok $? "the next run with the clock put back exits 0 ($rc)"
st=$(q "select state from recipients where email = 'amy@example.org'")
[ "$st" = sent ]; ok $? "amy is sent, not left deferred for a year ($st)"
[ "$(taken "$T/now.log")" = "1 0" ]
ok $? "the relay took one message, amy's ($(taken "$T/now.log"))"

# --- with the right clock the backoff still holds
mkdir -p "$P/issues/2030-02"
cp "$I/01-a.md" "$P/issues/2030-02/"
sed 's/number: 1/number: 2/' "$I/issue.yaml" >"$P/issues/2030-02/issue.yaml"
relay busy --reply 'amy@example.org=451 4.2.0 busy'
run env; rc=$?
relay later
run env; rc2=$?
st=$(q "select state from recipients where issue = '2030-02' and email = 'amy@example.org'")
[ $rc -eq 75 ] && [ "$st" = deferred ]
ok $? "a deferral made now: exit 75, deferred ($rc, $st)"
[ ! -s "$T/later.log" ] && [ $rc2 -eq 0 ]
ok $? "the run right after leaves her to her backoff (exit $rc2, nothing offered)"
exit $tap_failed
