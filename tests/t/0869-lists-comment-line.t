#!/usr/bin/env bash
# A "# note" line in a list's CSV, as an editor used to shell, YAML or git
# files writes one: RFC 4180 has no comments, so the row is refused, and
# the message says why and what to do instead of a bare "wrong number of
# fields" or "invalid address".  A row that only starts with '#' but reads
# (an address #x@..., a name "#1 fan") stays a row.  Maildir, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_tiny_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
printf '%s\n' 'email,name' '# board members below' 'bob@example.org,Bob' \
	'# note, from the 2024 meeting' '#x@example.org,Fan' \
	'amy@example.org,"#1 fan"' >"$P/lists/east.csv"
M check "$P/issues/2030-01" >"$TMP/check.out" 2>"$TMP/check.err"; rc=$?
sort -u "$TMP/check.err" | sed 's/^/# /'
hint='a CSV has no comment lines: delete the line or keep the note in a column of its own'
[ $rc = 65 ] && grep -qF "east.csv:2: wrong number of fields: $hint" "$TMP/check.err" &&
	grep -qF "east.csv:4: invalid address: \"# note\": " "$TMP/check.err" &&
	grep -qF "; $hint" "$TMP/check.err"
ok $? "check names each comment line and says CSV has none (exit $rc)"
[ "$(sort -u "$TMP/check.err" | wc -l)" = 2 ]
ok $? "the rows that start with '#' but read are no error"
M send "$P/issues/2030-01" --quiet >"$TMP/send.out" 2>&1
[ "$(sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state='sent'")" = 3 ]
ok $? "send skips the two comment lines and reaches the three rows"
exit $tap_failed
