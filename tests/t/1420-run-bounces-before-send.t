#!/usr/bin/env bash
# mailer run reads the bounce mailbox before it sends: a reader who marked
# issue 2021-01 as spam (an ARF report through the real Postfix into the
# Dovecot bounce mailbox) a few minutes before cron's run at issue
# 2021-02's send_at gets no 2021-02, as Gmail and Yahoo ask of complaints;
# the other readers of the list get it.  Before, run sent first and read
# the mailbox after, so the complainant got the next issue.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-runorder.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
bounce_servers "$T/imap.pw" || exit 1
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
SPAM=zhou.peng.ab@example.org OTHER=yang.jinhua.ab@example.org
BOX=bounces@bounce.test

M send "$P/issues/2021-01" --list aba --quiet >"$T/send.out" 2>&1 &&
	srv_wait_queue_empty 120 && srv_wait_count "$SPAM" 1
ok $? "2021-01 went to list aba through Postfix"

arf_complain "$SPAM" aba "$T/arf.eml" && srv_wait_queue_empty 120 &&
	srv_wait_count "$BOX" 1
ok $? "the complaint about it arrived in the bounce mailbox"

# 2021-02 is due now: the next cron run sends it
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^date: 2021-01-20/date: 2021-02-20/; s/第1期/第2期/' \
	"$P/issues/2021-02/issue.yaml"
printf 'send_at: "2021-02-20T08:00:00+08:00"\n' >>"$P/issues/2021-02/issue.yaml"
M run >"$T/run.out" 2>"$T/run.err"; rc=$?
sed 's/^/# /' "$T/run.out" "$T/run.err"
srv_wait_queue_empty 120 && srv_wait_count "$OTHER" 2
ok $? "run sent 2021-02 (exit $rc) and the list's other readers got it"

[ "$(issue_copies "$SPAM" aba 2021-02)" = 0 ] &&
	[ "$(issue_copies "$SPAM" aba 2021-01)" = 1 ]
ok $? "the complainant got no 2021-02 ($(issue_copies "$SPAM" aba 2021-02) copies)"

[ "$(sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM events
	WHERE kind = 'complaint' AND email = '$SPAM'")" = 1 ] &&
	grep -q '1 complaint' "$T/run.out"
ok $? "the run counted the complaint, once"
exit $tap_failed
