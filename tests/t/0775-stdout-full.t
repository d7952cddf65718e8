#!/usr/bin/env bash
# What a command prints must reach its standard output: written to a full
# disk (/dev/full), status, status --json, lists and send's summary said
# nothing and exited 0 (a cron job's "status --json >report.json" left an
# empty report behind, and the send's summary was lost unsaid).  Now the
# write error is said ("mailer: standard output: No space left on device")
# and the exit is 73 (cannot create); a send still records what it sent,
# and a reader that went away (EPIPE, "| true") is no error.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
[ -w /dev/full ] || skip_all "no /dev/full"
tap_tmp
plan 8
P=$TMP/p
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
DB=$P/state/mailer.db

M send "$I" >/dev/full 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 73 ]; ok $? "send with its output on a full disk: exit 73 (got $rc)"
grep -q '^mailer: standard output: No space left on device$' "$TMP/err"
ok $? "...and it says the output was not written"
n=$(sqlite3 "$DB" "select count(*) from recipients where state = 'sent'")
f=$(ls "$P/outbox/new" | wc -l)
[ "$n" = 2 ] && [ "$f" = 2 ]; ok $? "...the 2 messages are sent and recorded ($n, $f files)"
for c in "status" "status --json" "lists --json"; do
	M $c >/dev/full 2>"$TMP/err"; rc=$?
	[ $rc -eq 73 ] && grep -q 'standard output: No space' "$TMP/err"
	ok $? "$c >/dev/full: exit 73 with the line (got $rc)"
done
M status >/dev/null 2>"$TMP/err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/err" ]; ok $? "status >/dev/null: exit 0, nothing said ($rc)"
mkdir -p "$P/issues/2030-02"
cp "$I/01-a.md" "$P/issues/2030-02/"
sed 's/number: 1/number: 2/' "$I/issue.yaml" >"$P/issues/2030-02/issue.yaml"
M send -v "$P/issues/2030-02" 2>"$TMP/err" | true
rc=${PIPESTATUS[0]}
[ $rc -eq 0 ] && ! grep -q 'standard output' "$TMP/err"
ok $? "send -v | true (the reader gone): exit 0, no complaint ($rc)"
exit $tap_failed
