# Minimal TAP helpers for the shell tests.  Source it, call plan N, then ok.
# Tests run from the project root; MAILER is the binary under test.
MAILER=${MAILER:-$PWD/mailer/mailer}
SHARED=${MAILER_SHARED:-$PWD/../shared}
. tests/lib/wait.sh	# wait_for: every wait is for an event, with a deadline
# The tests read and write the journal beside a running mailer: without a
# busy timeout the sqlite3 shell fails at once on a lock held for a moment
# (CI lost an insert that way), so every call waits as mailer itself does.
sqlite3() { command sqlite3 -cmd '.timeout 30000' "$@"; }
tap_n=0
tap_failed=0
plan() { echo "1..$1"; }
ok() {	# ok CONDITION-EXIT-CODE DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $tap_n - $2"
	else echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
# mktemp folder removed on exit (plus any extra cleanup in tap_cleanup)
tap_tmp() {
	TMP=$(mktemp -d /tmp/mailer-test.XXXXXX)
	trap 'tap_cleanup 2>/dev/null; rm -rf "$TMP"' EXIT
}
tap_cleanup() { :; }
