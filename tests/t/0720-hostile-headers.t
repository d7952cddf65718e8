#!/usr/bin/env bash
# Header injection: CR, LF and NUL in titles, names, addresses, list ids,
# the sender and a rendered subject are refused at load with a message
# naming the place; the injected "Bcc:" never becomes a header.
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 38
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
cp "$P/config.yaml" "$P/good.yaml"
cp "$P/lists/aba.yaml" "$TMP/aba.yaml"; cp "$P/lists/aba.csv" "$TMP/aba.csv"
INJ='\\r\\nBcc: evil@example.com'

hostile_fresh_issue; sed -i "s/^title: .*/title: \"第2期$INJ\"/" "$I/issue.yaml"
hostile "LF in the issue title" 65 'issue.yaml:3:8: "title" must be one line' -- $M send "$I"
hostile_fresh_issue; sed -i 's/^title: .*/title: "第2期\\0Bcc: evil@example.com"/' "$I/03-deyang-workstation.md"
hostile "NUL in an article title" 65 '03-deyang-workstation.md:2:8: NUL byte in value' -- $M send "$I"
hostile_fresh_issue; sed -i 's/^subject: .*/subject: "{{#sections}}{{#articles}}{{text}}{{\/articles}}{{\/sections}}"/' "$I/issue.yaml"
hostile "subject rendering a line break from data" 65 'subject template renders to an empty or multi-line subject' -- $M send "$I"

hostile_fresh_issue
sed "s/^list_id: .*/list_id: \"aba.news$INJ\"/" "$TMP/aba.yaml" >"$P/lists/aba.yaml"
hostile "CRLF in a list id" 65 'aba.yaml:5:10: "list_id" must be one line' -- $M send "$I"
sed "s/^name: .*/name: \"阿坝\\\\rBcc: evil@example.com\"/" "$TMP/aba.yaml" >"$P/lists/aba.yaml"
hostile "CR in a list name" 65 'aba.yaml:1:7: "name" must be one line' -- $M send "$I"
cp "$TMP/aba.yaml" "$P/lists/aba.yaml"

{ head -1 "$TMP/aba.csv"; printf '"x@example.org\r\nBcc: evil@example.com",坏人,城\n'; tail -n +2 "$TMP/aba.csv"; } >"$P/lists/aba.csv"
hostile "CRLF in a subscriber address" 65 'aba.csv:3: line break inside a field: email' -- $M check "$I"
{ head -1 "$TMP/aba.csv"; printf 'x@example.org\0Bcc: evil@example.com,坏人,城\n'; tail -n +2 "$TMP/aba.csv"; } >"$P/lists/aba.csv"
hostile "NUL in a subscriber address" 65 'aba.csv:2: NUL byte inside a field' -- $M check "$I"
{ head -1 "$TMP/aba.csv"; printf 'x@example.org,"张三\r\nBcc: evil@example.com",城\n'; tail -n +2 "$TMP/aba.csv"; } >"$P/lists/aba.csv"
hostile "quoted CRLF in a subscriber name" 65 'aba.csv:2: .*line break' -- $M check "$I"
# send skips that row, reports it and sends everyone else, without Bcc:
before=$(ls "$P/outbox/new" | wc -l)
"$MAILER" $M send "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
after=$(ls "$P/outbox/new" | wc -l)
[ $rc = 0 ] && [ $((after - before)) = 78 ] && grep -q 'aba.csv:2: .*line break' "$TMP/err"
ok $? "send skips the bad row with a message, sends the other 78 (rc $rc, $((after - before)))"
! grep -rqi '^Bcc:' "$P/outbox" && ! grep -rq 'evil@example.com' "$P/outbox"
ok $? "no message in the outbox carries the injected Bcc or address"
cp "$TMP/aba.csv" "$P/lists/aba.csv"
# a header-bound template field from another CSV column
{ head -1 "$TMP/aba.csv"; printf 'y@example.org,李四,"城\r\nBcc: evil@example.com"\n'; } >"$P/lists/aba.csv"
hostile "CRLF in a CSV field a template could put in a header" 65 'aba.csv:2: line break inside a field: city' -- $M check "$I" --list aba
cp "$TMP/aba.csv" "$P/lists/aba.csv"

hostile_fresh_issue
sed "s/^  name: .*/  name: \"四川$INJ\"/" "$P/good.yaml" >"$P/config.yaml"
hostile "CRLF in the sender name" 78 'config.yaml:2:9: "name" must be one line' -- $M send "$I"
sed 's/^  address: .*/  address: "newsletter@example.org\\nBcc: evil@example.com"/' "$P/good.yaml" >"$P/config.yaml"
hostile "LF in the sender address" 78 'config.yaml:3:12: "address" must be one line' -- $M send "$I"
{ cat "$P/good.yaml"; echo 'unsubscribe_url: "https://example.org/u\0Bcc: x"'; } >"$P/config.yaml"
hostile "NUL in the unsubscribe URL" 78 'config.yaml:9:18: NUL byte in value' -- $M send "$I"
cp "$P/good.yaml" "$P/config.yaml"
rm -rf "$I"
hostile_record
exit $tap_failed
