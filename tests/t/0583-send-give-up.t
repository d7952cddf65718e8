#!/usr/bin/env bash
# A recipient deferred again and again (a 4xx at every try: a mailbox
# over quota, a server that greylists forever) is given up after
# transport.give_up_after (default 5 days, as RFC 5321 4.5.4.1 and
# Postfix's maximal_queue_lifetime): failed, counted as a soft failure in
# the bounce ledger, with a line saying since when and why; it was tried
# at every run forever.  The limit ends the retrying, it does not skip
# the last try (0880): she is given up when that try is deferred again.  The clock moves by the journal's times (no
# sleep); a recipient deferred for less stays deferred and is tried.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init giveup
plan 8
a() { printf 'flt.%05d@members.test' "$1"; }
q() { sqlite3 "$T/p/state/mailer.db" "$1"; }

fault busy --reply "$(a 2)=452 4.2.2 mailbox full" \
	--reply "$(a 3)=451 4.7.1 greylisted"
fault_project "$T/p" "$PORT" 4 "tls: none" "retry_in_run_wait: 0.1"
fault_send p; rc=$?; sed 's/^/# /' "$T/p.err"
[ $rc -eq 75 ] && [ "$(q "select count(*) from recipients where state = 'deferred'")" = 2 ]
ok $? "first send: two deferred, exit 75 (got $rc)"

# a(2) deferred 6 days ago, a(3) 2 days ago; both due now
q "update recipients set updated_at = updated_at - 6 * 86400,
	deferred_since = deferred_since - 6 * 86400, next_attempt = 0
	where email = '$(a 2)';
   update recipients set deferred_since = deferred_since - 2 * 86400,
	next_attempt = 0 where email = '$(a 3)'"
ok $? "the clock moved in the journal"
before=$(grep -c RCPT "$T/busy.trace")
fault_send p; rc=$?; sed 's/^/# /' "$T/p.out" "$T/p.err"
[ "$(q "select state from recipients where email = '$(a 2)'")" = failed ]
ok $? "deferred for 6 days: failed (given up)"
grep -q "2021-01: flt $(a 2): failed: deferred since 20[0-9-]* [0-9:]* UTC, longer than transport.give_up_after (5 days): given up; last reply: 452 4.2.2 mailbox full" "$T/p.err"
ok $? "...one line says since when, the limit and the last reply"
[ "$(q "select kind || ' ' || class || ' ' || status from events where email = '$(a 2)'")" = "failed soft 4.4.7" ]
ok $? "...a soft failure (4.4.7) in the bounce ledger"
n=$(( $(grep -c RCPT "$T/busy.trace") - before ))
[ $n = 6 ]; ok $? "...after one more try, refused again (RCPT TO: $n, 3 tries each)"
[ "$(q "select state from recipients where email = '$(a 3)'")" = deferred ] &&
	grep -q "$(a 3): deferred: 451 4.7.1 greylisted" "$T/p.err"
ok $? "deferred for 2 days: tried again, still deferred"
grep -q "failed 1" "$T/p.out" && [ $rc -eq 75 ]
ok $? "...the summary counts 1 failed, exit 75 for the one deferred (got $rc)"
exit $tap_failed
