#!/usr/bin/env bash
# transport.retry_in_run and retry_in_run_wait: how often a 4xx is tried
# again within one send, and how long the first wait is.  A relay that
# refuses under load was offered each refused recipient twice more, 1 s
# then 2 s later, with no way to say "defer at once, the next run will
# try"; now retry_in_run: 0 defers at the first 4xx and the recipient is
# left deferred (owed to the next send or run), N tries N more times, and
# a bad value is a configuration error (exit 78) naming file:line:column.
# tests/faultsrv.py is the relay; its trace counts the RCPT commands.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init retryinrun
plan 11
a() { printf 'flt.%05d@members.test' "$1"; }
q() { sqlite3 "$T/$1/state/mailer.db" "$2"; }
st() { q "$1" "select state from recipients where email = '$(a "$2")'"; }
# rcpts NAME: RCPT commands relay NAME heard
rcpts() { grep -c ' RCPT$' "$T/$1.trace"; }

# 3 subscribers, a(2) refused with a 451 by every try
fault zero --reply "$(a 2)=451 4.3.2 busy, try later"
fault_project "$T/zero" "$PORT" 3 "tls: none" "retry_in_run: 0"
fault_send zero; rc=$?; sed 's/^/# /' "$T/zero.err"
[ $rc -eq 75 ] && [ "$(st zero 2)" = deferred ]
ok $? "retry_in_run: 0: the 451 is deferred, exit 75 (got $rc, $(st zero 2))"
[ "$(rcpts zero)" -eq 3 ]
ok $? "...after its first try: 3 RCPT for 3 recipients (got $(rcpts zero))"
n=$(q zero "select next_attempt > strftime('%s','now') from recipients where email = '$(a 2)'")
[ "$n" = 1 ] && grep -q "$(a 2): deferred: 451 4.3.2" "$T/zero.err" &&
	grep -q "sent 2, deferred 1" "$T/zero.out"
ok $? "...owed to a later send or run (next_attempt ahead), said so, the others sent"

fault three --reply "$(a 2)=451 4.3.2 busy, try later"
fault_project "$T/three" "$PORT" 3 "tls: none" "retry_in_run: 3" \
	"retry_in_run_wait: 0.05"
fault_send three; rc=$?; sed 's/^/# /' "$T/three.err"
[ $rc -eq 75 ] && [ "$(st three 2)" = deferred ] && [ "$(rcpts three)" -eq 6 ]
ok $? "retry_in_run: 3: tried 3 more times, then deferred (RCPT $(rcpts three), exit $rc)"

fault once --reply "$(a 2)=451 4.3.2 busy, try later"
fault_project "$T/once" "$PORT" 3 "tls: none" "retry_in_run: 1" \
	"retry_in_run_wait: 0"
fault_send once; rc=$?
[ $rc -eq 75 ] && [ "$(rcpts once)" -eq 4 ]
ok $? "retry_in_run: 1, wait 0: one more try (RCPT $(rcpts once), exit $rc)"

# check: mailer check with these transport lines; its stderr in T/err
check() {
	rm -rf "$T/bad"
	fault_project "$T/bad" 2525 1 "tls: none" "$@"
	$MAILER --config "$T/bad/config.yaml" check "$T/bad/issues/2021-01" \
		>/dev/null 2>"$T/err"
}
# refused WHAT PATTERN LINE...: check exits 78 and says PATTERN
refused() {
	local what=$1 pat=$2; shift 2
	check "$@"; local rc=$?
	sed 's/^/# /' "$T/err"
	[ $rc -eq 78 ] && grep -Eq -- "$pat" "$T/err"
	ok $? "$what: exit 78 and the line says where and why (got $rc)"
}
R='config.yaml:11:17: transport.retry_in_run must be 0..5, not'
W='config.yaml:11:22: transport.retry_in_run_wait must be 0..60 seconds, not'
refused "retry_in_run: -1" "$R -1\$" "retry_in_run: -1"
refused "retry_in_run: 6" "$R 6\$" "retry_in_run: 6"
refused "retry_in_run: 1s" 'config.yaml:11:17: "retry_in_run" must be an integer' \
	"retry_in_run: 1s"
refused "retry_in_run_wait: -0.5" "$W -0.5\$" "retry_in_run_wait: -0.5"
refused "retry_in_run_wait: 61" "$W 61\$" "retry_in_run_wait: 61"
refused "retry_in_run_wait: nan" "$W nan\$" "retry_in_run_wait: nan"
exit $tap_failed
