#!/usr/bin/env bash
# mailer lists, lists sync and suppress --lift on bad input, each case on
# its own (0860 covers the good path): a list file that does not parse is
# named with its line and left byte for byte while the other lists sync
# (exit 65); bare-CR line endings likewise; invalid rows are counted by
# `lists`; an unknown list id is named (by lists sync, and by suppress
# --lift as unknown, not as an address not suppressed there); a sync
# while another run holds the state lock writes nothing (exit 75).  Maildir transport, no server.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v flock >/dev/null || skip_all "flock not installed (util-linux)"
tap_tmp
plan 10
P=$TMP/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: http://127.0.0.1:8025\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
M send "$P/issues/2021-01" --quiet >/dev/null 2>&1 || { echo "Bail out! send"; exit 1; }
# two stopped addresses, so a sync has rows to move on aba and bazhong
A=$(tail -n +2 "$P/lists/aba.csv" | head -1 | cut -d, -f1)
B=$(tail -n +2 "$P/lists/bazhong.csv" | head -1 | cut -d, -f1)
q "insert into unsubscribes(list, email, at, source) values ('aba', '$A', 1700000000, 'test'), ('bazhong', '$B', 1700000000, 'test')"
snap() { (cd "$P/lists" && for f in *; do printf '%s %s\n' "$f" "$(stat -c '%i %Y %s' "$f")"; done; cat ./*) | sha256sum; }

# an unterminated quoted field in aba.csv (its new last line opens it)
cp "$P/lists/aba.csv" "$TMP/aba.orig"
n=$(wc -l <"$P/lists/aba.csv")
printf 'bad.row@example.org,"unterminated\n' >>"$P/lists/aba.csv"
cp "$P/lists/aba.csv" "$TMP/aba.bad"
M lists sync >"$TMP/s1.out" 2>"$TMP/s1.err"; rc=$?
sed 's/^/# /' "$TMP/s1.err"
[ $rc = 65 ] && grep -q "lists/aba.csv:$((n + 1)): line break inside a field" "$TMP/s1.err"
ok $? "a CSV that does not parse: exit 65, named with its line ($rc)"
cmp -s "$TMP/aba.bad" "$P/lists/aba.csv" && [ ! -e "$P/lists/aba.removed.csv" ]
ok $? "it is left byte for byte, no removed.csv written for it"
! grep -q "^$B," "$P/lists/bazhong.csv" && grep -q "^$B," "$P/lists/bazhong.removed.csv"
ok $? "the other lists still sync (bazhong's row moved)"
M lists --json aba >"$TMP/l.json" 2>/dev/null; rc=$?
/usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
sys.exit(0 if r["invalid"] == 1 and r["rows"] == int(sys.argv[2]) - 1 else 1)' "$TMP/l.json" "$n"
ok $(( rc | $? )) "lists counts the bad row as invalid (exit $rc)"

# bare-CR line endings (an old Mac file): left alone, named
tr '\n' '\r' <"$TMP/aba.orig" >"$P/lists/aba.csv"
cp "$P/lists/aba.csv" "$TMP/aba.cr"
M lists sync aba >/dev/null 2>"$TMP/s2.err"; rc=$?
sed 's/^/# /' "$TMP/s2.err"
[ $rc = 65 ] && grep -q 'lists/aba.csv:[0-9]*:.*CR' "$TMP/s2.err" && cmp -s "$TMP/aba.cr" "$P/lists/aba.csv"
ok $? "bare-CR line endings: exit 65 naming the file and line, the file untouched ($rc)"
cp "$TMP/aba.orig" "$P/lists/aba.csv"

M lists sync nosuch >/dev/null 2>"$TMP/s3.err"; rc=$?
[ $rc = 65 ] && grep -q 'unknown list "nosuch" (no .*lists/nosuch.yaml)' "$TMP/s3.err"
ok $? "an unknown list id is named, as send names it (exit $rc)"
M lists nosuch >"$TMP/l3.out" 2>"$TMP/l3.err"; rc=$?
[ $rc = 65 ] && grep -q 'unknown list "nosuch"' "$TMP/l3.err" && [ ! -s "$TMP/l3.out" ]
ok $? "lists with only an unknown id: exit 65 naming it, no empty table ($rc)"
M suppress --lift "$A" --list nosuch >/dev/null 2>"$TMP/s4.err"; rc=$?
[ $rc = 65 ] && grep -q 'unknown list "nosuch"' "$TMP/s4.err" &&
	! grep -q 'not suppressed' "$TMP/s4.err"
ok $? "suppress --lift on an unknown list: exit 65 naming it as unknown, not as \"not suppressed\" ($rc)"

# another run holds the state lock: nothing is written
before=$(snap)
flock "$P/state/mailer.db.lock" -c "\"$MAILER\" --config \"$P/config.yaml\" lists sync >\"$TMP/s5.out\" 2>\"$TMP/s5.err\"; echo \$? >\"$TMP/s5.rc\""
rc=$(cat "$TMP/s5.rc"); sed 's/^/# /' "$TMP/s5.err"
[ "$rc" = 75 ] && grep -q 'holds .*mailer.db.lock' "$TMP/s5.err"
ok $? "lists sync while the state lock is held: exit 75 ($rc)"
[ "$(snap)" = "$before" ]; ok $? "and no file in lists/ changed"
exit 0
