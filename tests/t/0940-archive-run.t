#!/usr/bin/env bash
# mailer run makes the web archive again after it sends an issue, when a
# web: section is configured: the issue whose send_at passed is sent into
# the Maildir and appears in the archive at once; the scheduled one does
# not.  A run that sends nothing leaves the archive alone; without web:
# no archive is made.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n  archive_dir: public/archive\n' >>"$P/config.yaml"
A=$P/public/archive
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
echo 'send_at: "2021-01-20T08:00:00+08:00"' >>"$P/issues/2021-01/issue.yaml"
cp -r "$P/issues/2021-01" "$P/issues/2099-01"
sed -i 's/^send_at:.*/send_at: "2099-01-01T08:00:00+08:00"/' "$P/issues/2099-01/issue.yaml"

M run >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
[ $rc = 0 ] && grep -q '^2021-01: sent 78' "$TMP/out" &&
	grep -q '^archive: 1 issue, 26 files written$' "$TMP/out"
ok $? "run sent the due issue and made the archive (web.archive_dir)"
[ -f "$A/2021-01/index.html" ] && [ -f "$A/2021-01/aba.html" ] && [ ! -e "$A/2099-01" ] &&
	grep -q 'href="2021-01/index.html"' "$A/index.html" && grep -q '<entry>' "$A/feed.xml"
ok $? "the sent issue is in the index and the feed; the scheduled one is not"
find "$A" -type f -printf '%p %i %T@\n' | sort >"$TMP/before"
M run >"$TMP/out2" 2>&1; rc=$?
find "$A" -type f -printf '%p %i %T@\n' | sort | cmp -s - "$TMP/before" &&
	[ $rc = 0 ] && [ ! -s "$TMP/out2" ]
ok $? "a run with nothing to send is silent and leaves the archive alone"

mk_maildir_project "$TMP/q"
echo 'send_at: "2021-01-20T08:00:00+08:00"' >>"$TMP/q/issues/2021-01/issue.yaml"
"$MAILER" --config "$TMP/q/config.yaml" run --quiet >/dev/null 2>&1; rc=$?
[ $rc = 0 ] && [ "$(ls "$TMP/q/outbox/new" | wc -l)" = 78 ] && [ ! -e "$TMP/q/archive" ]
ok $? "without web: run sends and makes no archive"

# a file where the archive folder should be (root could write anywhere)
rm -rf "$A" && echo x >"$A"
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^title: .*/title: 第2期/' "$P/issues/2021-02/issue.yaml"
M run --quiet >"$TMP/out3" 2>"$TMP/err3"; rc=$?
sed 's/^/# /' "$TMP/err3" | head -3
[ $rc = 73 ] && [ "$(ls "$P/outbox/new" | wc -l)" = 156 ] &&
	grep -q "public/archive: not a folder" "$TMP/err3"
ok $? "an archive that cannot be written: the issue is still sent, run exits 73"
exit $tap_failed
