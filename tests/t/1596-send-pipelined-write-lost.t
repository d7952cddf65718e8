#!/usr/bin/env bash
# A connection lost while mailer writes a pipelined MAIL FROM, RCPT TO and
# DATA is a transaction lost before MAIL FROM's reply (not sent, tried
# again), not a relay that gives no session: that write went out while
# the phase still said "session", so a relay that had greeted, EHLOed and
# then reset the connection was rested, and with one relay the send
# stopped ("no relay available", exit 69).  gdb holds the sending thread
# at the commands' making while tests/faultsrv.py --reset-after-ehlo
# resets the connection, so the write meets the reset every time.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
. tests/lib/gdb.sh
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
fault_init pipelost
plan 3
fault reset --reset-after-ehlo 0.2
fault_project "$T/p" "$PORT" 1 "tls: none"
cat >"$T/gdb.cmds" <<'GDB'
break smtpwire_commands
commands
silent
shell sleep 0.6
continue
end
GDB
gdb_batch "$T/gdb.out" "source $T/gdb.cmds" run -- \
	"$MAILER" --config "$T/p/config.yaml" send "$T/p/issues/2021-01" --list flt
rc=$(sed -n 's/.*Inferior 1 .* exited with code \([0-9]*\).*/\1/p' "$T/gdb.out")
rc=$((8#${rc:-0}))	# gdb says it in octal
grep -v '^\[\|^$' "$T/gdb.out" | sed 's/^/# /'
st=$(sqlite3 "$T/p/state/mailer.db" "select state || '|' || coalesce(last_reply, '') from recipients")
[ "$rc" = 75 ] && [ "${st%%|*}" = deferred ]
ok $? "the connection reset under the pipelined write: deferred, exit 75 (exit $rc, $st)"
case $st in *"connection lost before the reply to MAIL FROM: not sent"*) r=0 ;; *) r=1 ;; esac
ok $r "...named a transaction lost before MAIL FROM's reply, not sent"
! grep -q 'no relay available\|resting it' "$T/gdb.out"
ok $? "...the relay not rested, the send not stopped"
