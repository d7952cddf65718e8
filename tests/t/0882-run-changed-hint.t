#!/usr/bin/env bash
# cron's `mailer run` on an issue partly sent and then edited refuses the
# changed edition, as send does, but its message said "Send the rest
# anyway with --resend-changed", an option run does not take (exit 64
# when tried).  Now it names the command that works: mailer --config
# FILE send DIR --resend-changed; so does its line on an edition the
# relay refuses for its size.  The hint wrote the two paths as they are:
# a project in "News letters/it's here" gave a line that, pasted into a
# shell, split the path at the space and left a quote open; now a path a
# shell would split or expand is single-quoted (' as '\''), a plain one
# left as it is.  tests/faultsrv.py is the relay (451 for amy; a size
# limit).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init runchanged
plan 9
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

# changed NAME DIR: the project in DIR sends 1 and defers amy (relay
# NAME), the editor fixes the article, amy's backoff is over, and run
# refuses the changed edition; its standard error is in T/NAME.err.
changed() {
	P=$2
	mkdir -p "$(dirname "$P")"
	mk_tiny_project "$P"
	printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
	sed -i 's|relays: .*|relays: ["smtp://127.0.0.1:1"]\n  tls: none\n  retry_in_run_wait: 0.1|' \
		"$P/config.yaml"
	fault "$1" --reply 'amy@example.org=451 4.2.0 busy'
	sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$P/config.yaml"
	M run >"$T/$1.1.out" 2>&1; rc=$?
	[ $rc = 75 ] && [ "$(wc -l <"$T/$1.log")" = 1 ]
	ok $? "$1: the first run sends 1, defers amy (exit $rc)"
	echo 'Corrected a typo.' >>"$I/01-a.md"
	sqlite3 "$P/state/mailer.db" "update recipients set next_attempt = 0"
	M run >"$T/$1.out" 2>"$T/$1.err"; rc=$?
	sed 's/^/# /' "$T/$1.out" "$T/$1.err"
	[ $rc = 65 ] && grep -q 'east edition changed after it was first sent' \
		"$T/$1.err" && [ "$(wc -l <"$T/$1.log")" = 1 ]
	ok $? "$1: run refuses the changed edition (exit $rc)"
}

changed busy "$T/p"
grep -q "Send the rest anyway with: mailer --config $P/config.yaml send $I --resend-changed$" "$T/busy.err"
ok $? "...and names the command that sends the rest"

changed quoted "$T/News letters/it's here"
qd="'$T/News letters/it'\\\\''s here"
grep -q "Send the rest anyway with: mailer --config $qd/config.yaml' send $qd/issues/2030-01' --resend-changed\$" "$T/quoted.err"
ok $? "...the paths single-quoted, ' as '\\''"
# the line pasted into a shell (mailer as the PATH finds it) is the send
# of that edition: it tries amy again (still busy: 75, not 64 or 66)
cmd=$(sed -n 's/.*Send the rest anyway with: //p' "$T/quoted.err")
mkdir -p "$T/bin"; ln -sf "$(cd "$(dirname "$MAILER")" && pwd)/$(basename "$MAILER")" "$T/bin/mailer"
(PATH=$T/bin:$PATH; eval "$cmd --quiet") >"$T/paste.out" 2>&1; rc=$?
sed 's/^/# /' "$T/paste.out"
[ $rc = 75 ] && grep -q 'amy@example.org: deferred: 451 4.2.0 busy' "$T/paste.out"
ok $? "...and pasted into a shell, it sends the rest (exit $rc)"

# the same for run's line on an edition the relay refuses for its size
# (0337): make it smaller and send again with what works
P2=$T/p2
mk_tiny_project "$P2"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$I/issue.yaml"
fault big --size-limit 100
sed "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$T/p/config.yaml" \
	>"$P2/config.yaml"
"$MAILER" --config "$P2/config.yaml" run >"$T/big.out" 2>"$T/big.err"; rc=$?
sed 's/^/# /' "$T/big.out" "$T/big.err"
[ $rc = 65 ] && grep -q "amy@example.org: deferred: 552 5.3.4" "$T/big.err"
ok $? "an edition over the relay's size limit: deferred, exit 65 ($rc)"
grep -q "make it smaller (its images) and send again with: mailer --config $P2/config.yaml send $I --resend-changed$" "$T/big.err"
ok $? "...the line names the command that sends it again"
exit $tap_failed
