#!/usr/bin/env bash
# A back issue put in the archive without mailing it: run mailed every
# issue whose send_at had passed, however long ago, so an old issue copied
# into issues/ to publish it went to every list at the next run.  With
# archive_only: true in issue.yaml, run passes it by, send refuses it
# (exit 65; send --to still sends a test), check says so, and mailer
# archive publishes it as of its send_at; without a send_at it is refused
# with the file and line.  Maildir transport: no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
P=$TMP/p
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n  archive_dir: public/archive\n' >>"$P/config.yaml"
A=$P/public/archive
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
echo 'send_at: "2021-01-20T08:00:00+08:00"' >>"$P/issues/2021-01/issue.yaml"
B=$P/issues/2020-12
cp -r "$P/issues/2021-01" "$B"
sed -i 's/^send_at:.*/send_at: "2020-12-20T08:00:00+08:00"/; s/^title: .*/title: 往期回顾/' "$B/issue.yaml"
echo 'archive_only: true' >>"$B/issue.yaml"
sent() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }

M check "$B" >"$TMP/check" 2>&1; rc=$?
sed 's/^/# /' "$TMP/check"
[ $rc = 0 ] && grep -q '^2020-12: archive_only: no list is mailed it; mailer archive publishes it from 2020-12-20 ' "$TMP/check"
ok $? "check says the issue is archive only and when it is published (exit $rc)"

M run >"$TMP/run" 2>&1; rc=$?
sed 's/^/# /' "$TMP/run"
[ $rc = 0 ] && grep -q '^2021-01: sent 78' "$TMP/run" && ! grep -q '^2020-12' "$TMP/run" &&
	[ "$(sent)" = 78 ]
ok $? "run sends the due issue and passes the archive-only one by (exit $rc, $(sent) messages)"

M send "$B" >"$TMP/send" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send"
[ $rc = 65 ] && grep -q '2020-12: archive_only: true: the archive publishes it, no list is mailed it' "$TMP/send" &&
	[ "$(sent)" = 78 ] && M status >"$TMP/status" 2>&1 && ! grep -q '^2020-12' "$TMP/status"
ok $? "send refuses it: exit 65, nothing sent, nothing in the journal (exit $rc)"

M send --to editor@example.org --list aba "$B" >"$TMP/to" 2>&1; rc=$?
[ $rc = 0 ] && [ "$(sent)" = 79 ]
ok $? "send --to still sends a test of it (exit $rc)"

M archive >"$TMP/archive" 2>&1; rc=$?
sed 's/^/# /' "$TMP/archive"
[ $rc = 0 ] && [ -f "$A/2020-12/index.html" ] && grep -q 'href="2020-12/index.html"' "$A/index.html" &&
	grep -q '往期回顾' "$A/feed.xml"
ok $? "mailer archive publishes it: its pages, the index and the feed (exit $rc)"
grep -A12 '往期回顾' "$A/feed.xml" | grep -q '<published>2020-12-20T00:00:00Z</published>'
ok $? "...as of its send_at"

sed -i '/^send_at:/d' "$B/issue.yaml"
M check "$B" >"$TMP/nosend" 2>&1; rc=$?
sed 's/^/# /' "$TMP/nosend"
[ $rc = 65 ] && grep -q "issues/2020-12/issue.yaml:[0-9]*:[0-9]*: archive_only: true needs a send_at: the time the archive publishes it" "$TMP/nosend"
ok $? "archive_only without a send_at: refused with the file and line (exit $rc)"
exit $tap_failed
