#!/usr/bin/env bash
# run's hint for a changed edition, "Send the rest anyway with: mailer
# --config FILE send DIR --resend-changed", wrote the two paths as they
# are: a project in "News letters/it's here" gave a line that, pasted
# into a shell, split the path at the space and left a quote open.  Now
# a path that a shell would split or expand is single-quoted (' as '\''),
# and a plain path is left as it is (0882).  tests/faultsrv.py is the
# relay (451 for amy).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init runquoted
plan 4
P="$T/News letters/it's here"
mkdir -p "$(dirname "$P")"
mk_tiny_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  retry_in_run_wait: 0.1|' \
	"$P/config.yaml"
fault busy --reply 'amy@example.org=451 4.2.0 busy'
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"
q() { sqlite3 "$P/state/mailer.db" "$1"; }
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M run >"$T/run1.out" 2>&1; rc=$?
[ $rc = 75 ] && [ "$(wc -l <"$T/busy.log")" = 1 ]
ok $? "the first run sends 1, defers amy (exit $rc)"
echo 'Corrected a typo.' >>"$I/01-a.md"
q "update recipients set next_attempt = 0"
M run >"$T/run2.out" 2>"$T/run2.err"; rc=$?
sed 's/^/# /' "$T/run2.out" "$T/run2.err"
[ $rc = 65 ] && grep -q 'east edition changed after it was first sent' \
	"$T/run2.err"
ok $? "run refuses the changed edition (exit $rc)"
qd="'$T/News letters/it'\\\\''s here"
grep -q "Send the rest anyway with: mailer --config $qd/config.yaml' send $qd/issues/2030-01' --resend-changed\$" "$T/run2.err"
ok $? "...the paths single-quoted, ' as '\\''"
# the line pasted into a shell (mailer as the PATH finds it) is the send
# of that edition: it tries amy again (still busy: 75, not 64 or 66)
cmd=$(sed -n 's/.*Send the rest anyway with: //p' "$T/run2.err")
mkdir -p "$T/bin"; ln -sf "$(cd "$(dirname "$MAILER")" && pwd)/$(basename "$MAILER")" "$T/bin/mailer"
(PATH=$T/bin:$PATH; eval "$cmd --quiet") >"$T/paste.out" 2>&1; rc=$?
sed 's/^/# /' "$T/paste.out"
[ $rc = 75 ] && grep -q 'amy@example.org: deferred: 451 4.2.0 busy' "$T/paste.out"
ok $? "...and pasted into a shell, it sends the rest (exit $rc)"
exit $tap_failed
