#!/usr/bin/env bash
# transport.give_up_after when the clock steps.  Back: a recipient
# deferred while the host's clock was a year ahead (booted so, corrected
# by NTP before the next run) kept that year-ahead "deferred since": after
# the clock was put right she was retried at every run (0771) but never
# given up, however long the relay refused her, until the clock caught up
# with the wrong date plus give_up_after (a year of retries).  A deferral
# with the clock behind the recorded one now moves "since" back to it.
# A deferral made with the right clock is not given up early.
# faketime moves the clock of one run; tests/faultsrv.py is the relay (451
# for amy every time).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v faketime >/dev/null || skip_all "faketime not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-giveupclock.XXXXXX)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
plan 5
P=$T/p
mk_tiny_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
printf 'bounce_domain: bounce.test\n' >>"$P/config.yaml"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  give_up_after: 3600\n  retry_in_run_wait: 0.1|' \
	"$P/config.yaml"
fault busy --reply 'amy@example.org=451 4.2.0 busy'
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
amy() { q "select state from recipients where email = 'amy@example.org'"; }
# run [FAKETIME]: mailer run, with the clock moved by FAKETIME; libfaketime
# is preloaded, so an ASan build is told its runtime need not come first
run() {
	if [ -n "${1:-}" ]; then
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			faketime -f "$1" "$MAILER" --config "$P/config.yaml" run \
			>"$T/out" 2>"$T/err"
	else
		"$MAILER" --config "$P/config.yaml" run >"$T/out" 2>"$T/err"
	fi
}

run +365d; rc=$?
[ $rc -eq 75 ] && [ "$(amy)" = deferred ]
ok $? "a year ahead: amy deferred, exit 75 ($rc, $(amy))"
run; rc=$?
[ $rc -eq 75 ] && [ "$(amy)" = deferred ]
ok $? "the clock put right: retried, deferred again ($rc, $(amy))"
since=$(q "select deferred_since from recipients where email = 'amy@example.org'")
now=$(date +%s)
[ "$since" -le "$now" ]
ok $? "her deferred_since is no longer a year ahead ($since, now $now)"
# 7 h on (past any backoff, 6 h at most): deferred since the put-right
# clock for longer than give_up_after (1 h)
run +7h; rc=$?
st=$(amy); sed 's/^/# /' "$T/err"
[ "$st" = failed ] && grep -q 'amy@example.org.*transport.give_up_after (3600 s): given up' "$T/err" "$T/out"
ok $? "7 h later she is given up ($rc, $st)"
# a deferral made with the right clock is not given up before the hour
mkdir -p "$P/issues/2030-02"; cp "$I/01-a.md" "$P/issues/2030-02/"
sed 's/number: 1/number: 2/' "$I/issue.yaml" >"$P/issues/2030-02/issue.yaml"
run +7h
run +7h20m
st=$(q "select state from recipients where issue = '2030-02' and email = 'amy@example.org'")
[ "$st" = deferred ]
ok $? "deferred 20 min before: still deferred, not given up ($st)"
exit $tap_failed
