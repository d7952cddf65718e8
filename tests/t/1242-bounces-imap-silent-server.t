#!/usr/bin/env bash
# The IMAP server goes silent in the middle of a run (Dovecot's imap
# process for the session stopped with SIGSTOP as mailer asks for a
# message): the FETCH fails after transport.timeout, exit 75, nothing
# recorded, the message left for the next run.  mailer then sent LOGOUT
# on that dead session and waited a second transport.timeout for its
# answer (120 s of a cron run by default, where 60 s said all); now a
# session whose connection failed is closed without LOGOUT.  gdb stops
# the run at its FETCH and watches for a LOGOUT afterwards.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-silent.XXXXXX); chmod 755 "$T"
STOPPED=
trap '[ -n "$STOPPED" ] && kill -CONT "$STOPPED" 2>/dev/null; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 4
bounce_servers "$T/imap.pw" || exit 1
P=$T/proj
mk_bounce_project "$P" "$T/imap.pw"
BOX=$(srv_maildir bounces@bounce.test)
$MAILER --config "$P/config.yaml" send "$P/issues/2021-01" --list ganzi --quiet >"$T/send" 2>&1 ||
	{ echo "Bail out! send"; cat "$T/send"; exit 1; }
srv_postfix_stop
sed 's/^transport:$/transport:\n  timeout: 1/' "$P/config.yaml" >"$P/c1.yaml"
offer_drop "$BOX" 1

# stop.sh: SIGSTOPs the imap process of the session doveadm names
cat >"$T/stop.sh" <<EOF
#!/bin/sh
doveadm -c "$SRV_DIR/dovecot/dovecot.conf" who -1 bounces@bounce.test >"$T/who"
awk '\$2 == "imap" { print \$3 }' "$T/who" >"$T/pid"
kill -STOP \$(cat "$T/pid")
EOF
chmod +x "$T/stop.sh"
# LeakSanitizer does not run under ptrace: an ASan build would abort
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
gdb -q -batch -nx -iex 'set debuginfod enabled off' \
	-ex 'set pagination off' -ex 'set breakpoint pending on' \
	-ex 'handle SIGPIPE nostop noprint pass' \
	-ex 'break mailimap_uid_fetch' -ex 'ignore 1 1' -ex run -ex 'delete 1' \
	-ex "shell $T/stop.sh" -ex 'break mailimap_logout' -ex continue \
	-ex 'print $_exitcode' \
	--args "$MAILER" --config "$P/c1.yaml" bounces >"$T/g" 2>&1
STOPPED=$(cat "$T/pid" 2>/dev/null)
grep -v '^\[\|^Using\|^0x' "$T/g" | sed 's/^/# /'
[ -n "$STOPPED" ] && grep -q 'UID FETCH [0-9]*: connection lost' "$T/g" &&
	grep -q '^\$1 = 75$' "$T/g"
ok $? "a server silent at FETCH: named, exit 75"
! grep -q 'Breakpoint 2, .*mailimap_logout' "$T/g"
ok $? "...and no LOGOUT sent to it, to wait for a second time"
kill -CONT "$STOPPED" 2>/dev/null; STOPPED=
[ "$(sqlite3 "$P/state/mailer.db" 'SELECT count(*) FROM messages')" = 0 ] &&
	[ "$(srv_maildir_count bounces@bounce.test)" = 1 ]
ok $? "nothing recorded, the message left in INBOX"
$MAILER --config "$P/c1.yaml" bounces >"$T/o" 2>&1
rc=$?; sed 's/^/# /' "$T/o"
[ $rc = 0 ] && grep -q '^bounces: 1 message' "$T/o" && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the next run reads and moves it (rc $rc)"
exit $tap_failed
