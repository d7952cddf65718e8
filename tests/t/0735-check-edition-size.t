#!/usr/bin/env bash
# A contributor's attachments that make the edition larger than a relay
# takes (two 4 MB files: 11 MB once base64-encoded, over Postfix's default
# message_size_limit of 10240000 bytes): check said "ok" and the send
# then had every recipient deferred by the relay's 552 (0337).  check now
# warns, naming the list and the size, and still exits 0; an edition
# under the limit gets no such warning.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
mk_tiny_project "$TMP/p"
mkdir -p "$I/files"
head -c 4000000 /dev/urandom >"$I/files/a.bin"
head -c 4000000 /dev/urandom >"$I/files/b.bin"
printf -- '---\ntitle: 第一篇\nsection: news\nattachments: [files/a.bin, files/b.bin]\n---\n正文。\n' >"$I/01-a.md"
"$MAILER" --config "$TMP/p/config.yaml" check "$I" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ]; ok $? "check still exits 0 (got $rc)"
grep -q '2030-01: warning: the edition for east is 1[01]\.[0-9] MB .*over the 10 MB Postfix takes by default' "$TMP/err"
ok $? "a warning names the list, the size and the limit"
printf -- '---\ntitle: 第一篇\nsection: news\nattachments: [files/a.bin]\n---\n正文。\n' >"$I/01-a.md"
"$MAILER" --config "$TMP/p/config.yaml" check "$I" >/dev/null 2>"$TMP/err"; rc=$?
[ $rc = 0 ] && ! grep -q 'MB' "$TMP/err"; ok $? "a 5.5 MB edition: no warning"
exit $tap_failed
