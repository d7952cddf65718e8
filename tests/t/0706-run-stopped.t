#!/usr/bin/env bash
# run stopped by SIGTERM (systemd stopping the timer's service, a reboot)
# says so on its issue's line: "sent N, ...; stopped by a signal: the
# next run sends the rest", exit 75; it printed the counts alone, as if
# the issue were done.  The next run sends the rest, nothing twice.
# Maildir transport; a list of 1000, so the signal meets a run.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_tiny_project "$P"
mk_big_list "$P" 1000
echo 'send_at: 2020-01-01T00:00:00Z' >>"$I/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }

"$MAILER" --config "$P/config.yaml" run >"$TMP/run1.out" \
	2>"$TMP/run1.err" & pid=$!
five() { [ "$(files)" -ge 5 ]; }
wait_for 30 "five messages" five
kill -TERM $pid; wait $pid; rc=$?
sed 's/^/# /' "$TMP/run1.out" "$TMP/run1.err"
[ $rc = 75 ] && grep -q '^2030-01: sent [0-9]*, deferred 0, failed 0, suppressed 0; stopped by a signal: the next run sends the rest$' "$TMP/run1.out"
ok $? "a stopped run says so on its issue's line (exit $rc)"

M run >"$TMP/run2.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/run2.out"
[ $rc = 0 ] && [ "$(files)" = 1002 ] && ! grep -q stopped "$TMP/run2.out"
ok $? "the next run sends the rest: 1002 in all (exit $rc)"
[ "$(grep -h '^To:' "$P"/outbox/new/* | sort | uniq -d | wc -l)" = 0 ]
ok $? "nobody got it twice"
exit $tap_failed
