#!/usr/bin/env bash
# An editor's test mail (send --to) or dry run beside cron's run: neither
# refuses the other.  They took the state lock, so a run that cron started
# while an editor's test mail waited for a slow relay exited 75 ("another
# mailer run holds the lock") and sent nothing, and an editor could not
# send a test mail for as long as a run sent an issue.  They write nothing
# to the journal: now they take no lock once the token key exists.  Every
# subscriber still gets the issue once.  tests/faultsrv.py is the relay,
# 2 s slow to answer each message's end (a quick one takes the first test
# mail, which only makes the token key).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-editor.XXXXXX)
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
plan 7
fault quick
P=$T/p
mk_tiny_project "$P"
sed -i "s|relays: .*|relays: [\"smtp://127.0.0.1:$PORT\"]\n  tls: none\n  max_connections: 1|" \
	"$P/config.yaml"
printf 'bounce_domain: bounce.test\n' >>"$P/config.yaml"
mkdir -p "$P/issues/2030-02"
cp "$I/01-a.md" "$P/issues/2030-02/"
sed 's/number: 1/number: 2/' "$I/issue.yaml" >"$P/issues/2030-02/issue.yaml"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$P/issues/2030-02/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
# the token key, made by a first test mail (that one takes the lock)
M send --to first@example.org "$I" >/dev/null 2>&1
[ -s "$P/state/verp.key" ]; ok $? "the first test mail made the token key"
fault slow --slow-end 2
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"

# --- cron's run starts while a test mail waits for the relay
datas() { cat "$T/slow.trace" 2>/dev/null | grep -c ' DATA$'; }	# none before the first connection
before=$(datas)
at_relay() { [ "$(datas)" -gt "$before" ]; }
M send --to ed@example.org "$I" >"$T/to.out" 2>"$T/to.err" &
to=$!
wait_for 20 "the test mail at the relay" at_relay
M run >"$T/run.out" 2>"$T/run.err"; rc=$?
sed 's/^/# /' "$T/run.out" "$T/run.err" | head -3
wait $to; trc=$?
[ $rc -eq 0 ]; ok $? "run beside a test mail: exit 0, not 75 (got $rc)"
[ $trc -eq 0 ]; ok $? "the test mail: exit 0 (got $trc)"

# --- a test mail and a dry run while run sends an issue
mkdir -p "$P/issues/2030-03"
cp "$I/01-a.md" "$P/issues/2030-03/"
sed 's/number: 1/number: 3/' "$P/issues/2030-02/issue.yaml" \
	>"$P/issues/2030-03/issue.yaml"
M run >"$T/run2.out" 2>"$T/run2.err" &
run=$!
has_run() { [ "$(sqlite3 "$P/state/mailer.db" "select count(*)
	from recipients where issue = '2030-03'")" -gt 0 ]; }
wait_for 20 "run to start 2030-03" has_run
M send --to ed2@example.org "$I" >"$T/to2.out" 2>"$T/to2.err"; trc=$?
sed 's/^/# /' "$T/to2.err" | head -2
M send --dry-run "$I" >"$T/dry.out" 2>"$T/dry.err"; drc=$?
sed 's/^/# /' "$T/dry.err" | head -2
kill -0 $run 2>/dev/null; still=$?
wait $run; rc=$?
[ $trc -eq 0 ]; ok $? "a test mail while run sends: exit 0, not 75 (got $trc)"
[ $drc -eq 0 ]; ok $? "a dry run while run sends: exit 0 (got $drc; run still running: $([ $still = 0 ] && echo yes || echo no))"
[ $rc -eq 0 ]; ok $? "that run: exit 0 (got $rc)"
a=$(cut -d' ' -f3 "$T/slow.log" | grep -c '^amy@')
b=$(cut -d' ' -f3 "$T/slow.log" | grep -c '^bob@')
[ "$a" = 2 ] && [ "$b" = 2 ]
ok $? "each subscriber got each of the 2 issues once (amy $a, bob $b)"
exit $tap_failed
