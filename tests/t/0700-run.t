#!/usr/bin/env bash
# mailer run, the cron entry point, against a real Postfix: only issues
# whose send_at has passed are sent; a second run is silent; deferred
# recipients are delivered by a later run once Postfix accepts them; an
# issue edited after its first message went out is refused unless
# --resend-changed; two runs started together: one works, one exits 75.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-run.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 15
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ project_addresses .; echo sender@example.org; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
P=$T/proj
mk_project "$P" "  retry_backoff: 1" "  retry_in_run_wait: 0.1"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
delivered() { grep -c "status=sent (delivered to maildir)" "$SRV_POSTFIX_LOG"; }
# Postfix logs through postlogd, a little after delivery: wait for N lines
# (at most 120 s), then print the count.
has_delivered() { [ "$(delivered)" -ge "$1" ]; }
delivered_at_least() {
	wait_for 120 "$1 deliveries in Postfix's log" has_delivered "$1"
	delivered
}

# Two issues: 2021-01 due (send_at in the past), 2021-02 in the future.
sed -i '/^date:/a send_at: "2021-01-20T08:00:00+08:00"' "$P/issues/2021-01/issue.yaml"
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^send_at:.*/send_at: "2099-01-01T08:00:00+08:00"/; s/^title: .*/title: 第2期/' "$P/issues/2021-02/issue.yaml"
# one recipient is deferred by Postfix
srv_postfix_reply wang.lin.ls@example.org "451 4.3.0 try again later"

M run >"$T/run1.out" 2>"$T/run1.err"; rc=$?
sed 's/^/# /' "$T/run1.out" "$T/run1.err" | head -5
[ $rc -eq 75 ]; ok $? "first run exits 75: one recipient deferred (got $rc)"
grep -q '^2021-01: sent 77, deferred 1' "$T/run1.out"; ok $? "first run sent the due issue: 77 sent, 1 deferred"
! grep -q '2021-02' "$T/run1.out" "$T/run1.err"; ok $? "the issue not yet due was not touched"
srv_wait_queue_empty 120
[ "$(delivered_at_least 77)" -eq 77 ]; ok $? "Postfix delivered 77"

M run >"$T/run2.out" 2>&1; rc=$?
[ $rc -eq 75 ] || [ $rc -eq 0 ]; ok $? "second run while still deferred: exit 75 or 0 (got $rc)"
srv_postfix_reply_clear wang.lin.ls@example.org
# retry_backoff: 1 s, doubled after the second deferral: wait until the
# journal says the deferred recipient is due
due() {
	[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM recipients
	    WHERE state = 'deferred' AND next_attempt <= strftime('%s', 'now')")" -ge 1 ]
}
wait_for 60 "the deferred recipient's retry time" due
M run >"$T/run3.out" 2>&1; rc=$?
[ $rc -eq 0 ]; ok $? "run after Postfix accepts: exit 0 (got $rc)"
grep -q '^2021-01: sent 1, deferred 0' "$T/run3.out"; ok $? "the deferred recipient was delivered"
srv_wait_queue_empty 120
[ "$(srv_maildir_count wang.lin.ls@example.org)" = 1 ]; ok $? "wang.lin has exactly one message"

M run >"$T/run4.out" 2>&1; rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/run4.out" ]; ok $? "a run with nothing to do is silent and exits 0"

# Changed edition: defer one recipient of issue 3, edit an article, resend.
cp -r "$P/issues/2021-01" "$P/issues/2021-03"
sed -i 's/^title: .*/title: 第3期/; /^send_at:/d' "$P/issues/2021-03/issue.yaml"
srv_postfix_reply ma.haibo.ls@example.org "451 4.3.0 try again later"
M send "$P/issues/2021-03" --list liangshan >/dev/null 2>&1
srv_postfix_reply_clear ma.haibo.ls@example.org
echo "补充一段。" >>"$P/issues/2021-03/02-liangshan-archives.md"
M send "$P/issues/2021-03" --list liangshan >"$T/ch.out" 2>"$T/ch.err"; rc=$?
[ $rc -eq 65 ] && grep -q 'liangshan edition changed after it was first sent' "$T/ch.err"
ok $? "an edited edition is refused once sending began (exit $rc)"
M send "$P/issues/2021-03" --list liangshan --resend-changed >"$T/ch2.out" 2>&1; rc=$?
[ $rc -eq 0 ] && grep -q 'sent 1,' "$T/ch2.out"; ok $? "--resend-changed sends the rest (exit $rc)"

# Two runs at once: exactly one works, the other exits 75 naming the pid.
# Paced to 25 a second (3 s for the 78), the first still holds the lock
# when the second asks for it.
printf '  rate: 25\n' >>"$P/config.yaml"
cp -r "$P/issues/2021-01" "$P/issues/2021-04"
sed -i 's/^title: .*/title: 第4期/' "$P/issues/2021-04/issue.yaml"
# every message sent so far is in Postfix's log first (postlogd writes a
# little after delivery): else a late line would count for issue 4
sent=$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM recipients WHERE state = 'sent'")
before=$(delivered_at_least "$sent")
M run >"$T/a.out" 2>"$T/a.err" & a=$!
M run >"$T/b.out" 2>"$T/b.err" & b=$!
wait $a; ra=$?; wait $b; rb=$?
{ [ $ra -eq 0 ] && [ $rb -eq 75 ]; } || { [ $ra -eq 75 ] && [ $rb -eq 0 ]; }
ok $? "two runs together: one exits 0, the other 75 (got $ra and $rb)"
grep -hq 'another mailer run (pid [1-9][0-9]*) holds' "$T/a.err" "$T/b.err"; ok $? "the refused run names the holder's pid"
srv_wait_queue_empty 120
got=$(( $(delivered_at_least $((before + 78))) - before ))
[ $got -eq 78 ]; ok $? "issue 4 delivered exactly once to all 78 (got $got)"
sent=$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM recipients WHERE state = 'sent'")
all=$(delivered)
[ "$all" -eq "$sent" ]; ok $? "Postfix delivered as many as the journal says were sent, over all runs ($all, $sent)"
exit $tap_failed
