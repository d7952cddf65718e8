#!/usr/bin/env bash
# status with a mistyped issue folder says the folder is not there: an
# operator who typed "status issues/2030-1" for issues/2030-01 was told
# 'nothing of issue "2030-1" is in the journal: it was never sent', as if
# the issue had gone out to no one; now the line adds that there is no
# such folder either (a typo?), still exit 0.  A folder that exists and
# was never sent keeps the plain line (0853), and a folder deleted after
# its send still shows its rows from the journal.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$I" --quiet >"$TMP/send.out" 2>&1 ||
	{ echo "Bail out! send"; exit 1; }

M status "$P/issues/2030-1" >"$TMP/s1" 2>"$TMP/s1.err"; rc=$?
sed 's/^/# /' "$TMP/s1.err"
[ $rc = 0 ] && grep -q 'nothing of issue "2030-1" is in the journal' "$TMP/s1.err" &&
	grep -q "no folder $P/issues/2030-1" "$TMP/s1.err"
ok $? "a mistyped folder: said to be no folder (exit $rc)"

mkdir "$P/issues/2030-02"
M status "$P/issues/2030-02" >"$TMP/s2" 2>"$TMP/s2.err"; rc=$?
sed 's/^/# /' "$TMP/s2.err"
[ $rc = 0 ] && grep -q 'it was never sent$' "$TMP/s2.err" &&
	! grep -q 'no folder' "$TMP/s2.err"
ok $? "a folder never sent: the plain line (exit $rc)"

mv "$I" "$TMP/moved"
M status "$I" >"$TMP/s3" 2>"$TMP/s3.err"; rc=$?
[ $rc = 0 ] && grep -q '^2030-01 *east *2 ' "$TMP/s3" && [ ! -s "$TMP/s3.err" ]
ok $? "a folder gone after its send: its rows, no word (exit $rc)"
exit $tap_failed
