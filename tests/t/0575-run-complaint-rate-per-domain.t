#!/usr/bin/env bash
# `mailer run` warns when a run pushes an issue's complaint rate over the
# providers' thresholds (1160), but each provider counts complaints from
# its own users over the mail delivered to them (status shows such a
# domain under its issue since 1224): one complaint from a domain that
# received 3 copies is 33 % there, while the issue's 1 in 3,303 is
# 0.03 %, and run said nothing.  Now run warns for a recipient domain
# whose own rate crossed a threshold above its issue's level, once, by
# the same rule as status.  The copies go out through a real Postfix,
# the ARF report comes back through it into the bounce mailbox (Dovecot);
# 3,300 more delivered recipients at another domain are added to the
# journal by sqlite3.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
[ -x /usr/bin/python3 ] || skip_all "no /usr/bin/python3"
T=$(mktemp -d /tmp/mailer-t-domrate.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT	# before srv_init, which chains onto it
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
bounce_servers "$T/imap.pw" || exit 1
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
BOX=bounces@bounce.test

M send "$P/issues/2021-01" --list ganzi --quiet >"$T/send.out" 2>&1 ||
	{ echo "Bail out! send"; cat "$T/send.out"; exit 1; }
srv_wait_queue_empty 120 && srv_wait_count li.qiang.gz@members.test 1 ||
	{ echo "Bail out! not delivered"; exit 1; }
sqlite3 "$P/state/mailer.db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3300)
INSERT INTO recipients(issue, list, email, token_id, state, updated_at)
 SELECT '2021-01', 'ganzi', 'r' || i || '@big.example', 'tk' || i, 'sent',
  strftime('%s', 'now') FROM n;
SQL
arf_complain li.qiang.gz@members.test ganzi "$T/arf.eml" ||
	{ echo "Bail out! arf"; exit 1; }
srv_wait_queue_empty 120 && srv_wait_count "$BOX" 1
ok $? "the feedback report arrived in the bounce mailbox"

M run >"$T/run1.out" 2>"$T/run1.err"; rc=$?
sed 's/^/# /' "$T/run1.out" "$T/run1.err"
[ $rc = 0 ] && grep -q '1 complaints*' "$T/run1.out"
ok $? "mailer run reads it (exit $rc)"
! grep -q 'warning: issue 2021-01: complaint rate [0-9]' "$T/run1.err"
ok $? "the issue's own rate (1 / 3303) crosses nothing: no issue warning"
[ "$(grep -c 'complaint rate' "$T/run1.err")" = 1 ] &&
	grep -q '^mailer: warning: issue 2021-01: complaint rate at members\.test 33\.33 % (1 complaint, 3 delivered) is at or above the 0\.3 % limit the large mailbox providers set' "$T/run1.err"
ok $? "run warns once for members.test: 1 / 3 = 33.33 %, the 0.3 % limit"
M run >"$T/run2.out" 2>"$T/run2.err"; rc=$?
[ $rc = 0 ] && ! grep -q 'complaint rate' "$T/run2.err"
ok $? "a second run does not warn again (rc $rc)"
exit $tap_failed
