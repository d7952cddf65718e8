#!/usr/bin/env bash
# Bug "Maildir write failure exits 70": a Maildir that cannot be written
# ends the send with 73 (EX_CANTCREAT, as mailer.1 promises), names the
# path, marks nobody sent and leaves every recipient pending, so a rerun
# into a writable Maildir delivers each of them exactly once.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
: >"$P/blocked"		# a file where the Maildir's parent folder should be
sed -i 's|relays: \[maildir:outbox\]|relays: [maildir:blocked/outbox]|' "$P/config.yaml"
grep -q 'maildir:blocked/outbox' "$P/config.yaml" || { echo "Bail out! config"; exit 1; }
DB=$P/state/mailer.db
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 73 ]; ok $? "unwritable Maildir: exit 73 (got $rc)"
grep -q "blocked/outbox" "$TMP/err"; ok $? "the message names the Maildir"
n=$(sqlite3 "$DB" "select count(*) from recipients where state <> 'pending'")
[ "$n" = 0 ]; ok $? "nobody marked sent or failed ($n rows not pending)"

sed -i 's|relays: \[maildir:blocked/outbox\]|relays: [maildir:outbox]|' "$P/config.yaml"
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" >"$TMP/out2" 2>"$TMP/err2"
rc=$?; sed 's/^/# /' "$TMP/err2" | head -3
[ $rc -eq 0 ]; ok $? "rerun into a writable Maildir: exit 0 (got $rc)"
files=$(ls "$P/outbox/new" | wc -l)
sent=$(sqlite3 "$DB" "select count(*) from recipients where state = 'sent'")
all=$(sqlite3 "$DB" "select count(*) from recipients")
[ "$files" = "$all" ] && [ "$sent" = "$all" ] && [ "$all" -gt 0 ]
ok $? "every recipient delivered once ($files files, $sent of $all rows sent)"
dups=$(grep -h '^Delivered-To:' "$P"/outbox/new/* | sort | uniq -d | wc -l)
[ "$dups" = 0 ]; ok $? "no address delivered twice ($dups)"
exit $tap_failed
