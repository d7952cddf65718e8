#!/usr/bin/env bash
# SIGKILL at named points of a send into a real Postfix, one connection:
# gdb stops the send at the Nth call of a function and kills it there,
# then the next kill point runs on the rerun, and a last send finishes.
# After each kill, with Postfix's queue drained: no row says sent that
# Postfix did not deliver (nothing lost), and Postfix holds at most one
# message the journal does not say sent (the one connection's accepted,
# uncommitted message: exactly one when killed inside journal_mark_sent,
# after the relay's 250).  At the end everyone has the issue, and the
# extra copies are exactly those unrecorded messages.  0320 kills at
# random moments with four connections; this names the moments.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-killpts.XXXXXX); chmod 755 "$T"
trap 'srv_stop_all; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
# where: journal_mark_sent after a 250, journal_commit before a commit,
# settled where a message waits for the commit before its ".", send_body
# after a message's 354 (its body not sent yet), journal_begin,
# journal_add before any message of the run
POINTS="journal_add:5 journal_mark_sent:3 journal_commit:4 settled:6
send_body:9 journal_begin:7 journal_mark_sent:11 journal_commit:13"
plan 5
P=$T/proj
mkdir -p "$P/lists"
mk_big_list "$P" 60 members.test big
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ list_addresses "$P" big; echo sender@example.org; } |
	srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
mk_project "$P" "  max_connections: 1"
DB=$P/state/mailer.db
I=$P/issues/2021-01
# LeakSanitizer cannot run under ptrace (the sanitized CI run)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# unrecorded: the addresses Postfix delivered to that the journal does
# not say sent, one a line; lost: those it says sent that have nothing
counts() { list_addresses "$P" big | srv_maildir_counts | sort -k2 >"$T/c"
	sqlite3 "$DB" "select email from recipients where list = 'big'
		and state = 'sent'" | sort >"$T/s"; }
unrecorded() { awk '$1 > 0 { print $2 }' "$T/c" | comm -23 - "$T/s"; }
lost() { awk '$1 == 0 { print $2 }' "$T/c" | comm -12 - "$T/s"; }
: >"$T/ever"
kills=0 lost=0 over=0 exact=1
for at in $POINTS; do
	fn=${at%:*} n=${at#*:}
	gdb -q -batch -nx -iex 'set debuginfod enabled off' \
		-ex 'set pagination off' -ex 'set breakpoint pending on' \
		-ex 'set auto-solib-add off' \
		-ex "break $fn" -ex "ignore 1 $((n - 1))" -ex run -ex kill \
		--args "$MAILER" --config "$P/config.yaml" send "$I" \
		--list big >"$T/gdb.out" 2>&1
	grep -q 'Inferior 1 .* killed' "$T/gdb.out" || {
		echo "# $at: not reached"; sed 's/^/#   /' "$T/gdb.out" | tail -3
		continue; }
	kills=$((kills + 1))
	srv_wait_queue_empty 120 || echo "# $at: Postfix's queue did not drain"
	counts
	new=$(unrecorded | comm -23 - "$T/ever" | wc -l)
	l=$(lost | wc -l)
	echo "# $at: $(wc -l <"$T/s") recorded sent, $new newly unrecorded, $l lost"
	unrecorded | sort -u - "$T/ever" >"$T/ever.new"; mv "$T/ever.new" "$T/ever"
	[ "$l" -gt 0 ] && lost=$((lost + 1))
	[ "$new" -gt 1 ] && over=$((over + 1))
	[ "$fn" = journal_mark_sent ] && [ "$new" != 1 ] && exact=0
done
extra=$(wc -l <"$T/ever")
[ "$kills" -ge 7 ]; ok $? "gdb killed the send at $kills of the 8 points"
[ "$lost" = 0 ] && [ "$over" = 0 ]
ok $? "after each kill: no row sent that Postfix lacks ($lost), at most one unrecorded ($over over)"
[ "$exact" = 1 ]; ok $? "killed after a 250: exactly that message is unrecorded"
"$MAILER" --config "$P/config.yaml" send "$I" --list big \
	>"$T/last.out" 2>"$T/last.err"
rc=$?; sed 's/^/# /' "$T/last.out" "$T/last.err" | head -4
srv_wait_queue_empty 120
set -- $(list_addresses "$P" big | srv_maildir_counts |
	awk '{ if ($1 == 0) z++; t += $1 } END { print z + 0, t + 0 }')
[ $rc -eq 0 ] && [ "$1" = 0 ]
ok $? "the last send ends it: exit $rc, nobody missed ($1 without the issue)"
[ "$2" = $((60 + extra)) ]
ok $? "copies beyond one each are the unrecorded ones ($2 = 60 + $extra)"
exit $tap_failed
