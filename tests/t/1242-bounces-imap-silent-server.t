#!/usr/bin/env bash
# The IMAP server goes silent in the middle of a run (Dovecot's imap
# process for the session stopped with SIGSTOP as mailer asks for a
# message): the FETCH fails after transport.timeout, exit 75, nothing
# recorded, the message left for the next run.  mailer then sent LOGOUT
# on that dead session and waited a second transport.timeout for its
# answer (120 s of a cron run by default, where 60 s said all); now a
# session whose connection failed is closed without LOGOUT.  gdb stops
# the run at its FETCH and watches for a LOGOUT afterwards.  The line said
# "connection lost", as for a server that hung up; it now says "timed out
# after 1 s (transport.timeout)", the setting to look at.  A server that
# hangs up while mailer idles longer than transport.timeout (its imap
# process SIGKILLed, then 2 s before the next FETCH) is still "connection
# lost": the silence is measured from the send (libetpan logs a send
# before it writes), not from the last byte heard.
. tests/lib/imapmove.sh
STOPPED=
tap_cleanup() { [ -z "$STOPPED" ] || kill -CONT "$STOPPED"; }
imap_project silent 6
sed 's/^transport:$/transport:\n  timeout: 1/' "$P/config.yaml" >"$P/c1.yaml"
offer_drop "$BOX" 1

# stop.sh SIG: sends SIG to the imap process of the session doveadm names
cat >"$T/stop.sh" <<EOF
#!/bin/sh
doveadm -c "$SRV_DIR/dovecot/dovecot.conf" who -1 bounces@bounce.test >"$T/who"
awk '\$2 == "imap" { print \$3 }' "$T/who" >"$T/pid"
kill -\$1 \$(cat "$T/pid")
EOF
chmod +x "$T/stop.sh"
gdb_batch "$T/g" 'break mailimap_uid_fetch' 'ignore 1 1' run 'delete 1' \
	"shell $T/stop.sh STOP" 'break mailimap_logout' continue 'print $_exitcode' \
	-- "$MAILER" --config "$P/c1.yaml" bounces
STOPPED=$(cat "$T/pid" 2>/dev/null)
grep -v '^\[\|^Using\|^0x' "$T/g" | sed 's/^/# /'
[ -n "$STOPPED" ] && grep -q 'UID FETCH [0-9]*: timed out after 1 s (transport.timeout)$' "$T/g" &&
	! grep -q 'connection lost' "$T/g" &&
	grep -q '^\$1 = 75$' "$T/g"
ok $? "a server silent at FETCH: named, exit 75"
! grep -q 'Breakpoint 2, .*mailimap_logout' "$T/g"
ok $? "...and no LOGOUT sent to it, to wait for a second time"
kill -CONT "$STOPPED" 2>/dev/null; STOPPED=
[ "$(recorded)" = 0 ] &&
	[ "$(srv_maildir_count bounces@bounce.test)" = 1 ]
ok $? "nothing recorded, the message left in INBOX"
$MAILER --config "$P/c1.yaml" bounces >"$T/o" 2>&1
rc=$?; sed 's/^/# /' "$T/o"
[ $rc = 0 ] && grep -q '^bounces: 1 message' "$T/o" && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "the next run reads and moves it (rc $rc)"

# idle longer than transport.timeout while the server hangs up
offer_drop "$BOX" 2 2
gdb_batch "$T/h" 'break mailimap_uid_fetch' 'ignore 1 1' run 'delete 1' \
	"shell $T/stop.sh KILL" 'shell sleep 2' continue 'print $_exitcode' \
	-- "$MAILER" --config "$P/c1.yaml" bounces
grep -v '^\[\|^Using\|^0x' "$T/h" | sed 's/^/# /'
grep -q 'UID FETCH 2:3 (2 messages): connection lost$' "$T/h" && ! grep -q 'timed out' "$T/h" &&
	grep -q '^\$1 = 75$' "$T/h"
ok $? "a server that hung up while mailer idled 2 s: connection lost, not timed out, exit 75"
$MAILER --config "$P/c1.yaml" bounces >"$T/o2" 2>&1
rc=$?; [ $rc = 0 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ] && [ "$(recorded)" = 3 ]
ok $? "...the next run moves both (rc $rc)"
exit $tap_failed
