#!/usr/bin/env bash
# The JSON mailer prints is read by programs, but a person runs it
# through jq or less on a terminal.  jansson escapes C0 controls only; a
# bounce notice whose recipient holds U+202E and U+009B (the C1 CSI), in
# a file whose name holds U+2066 and U+200F, and a suppression (from
# before) whose address and reason hold U+202E, U+0085 (a C1 control) and
# U+2028: `bounces parse` and `bounces --list --json` write each as
# \uXXXX, so the bytes hold no raw bidi, line-separator or C1 character,
# and jq reads the very same values back.  bounces --list's table spells
# them out (<U+XXXX>).
# lists --json and status --json print through the same function.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v jq >/dev/null || skip_all "jq not installed (make deps)"
tap_tmp
plan 9
RLO=$(printf '\342\200\256') CSI=$(printf '\302\233') LSEP=$(printf '\342\200\250')
LRI=$(printf '\342\201\246') RLM=$(printf '\342\200\217') NEL=$(printf '\302\205')
hostile_dsn bounces@bounce.test "Undelivered Mail" \
	"evil${CSI}2J${RLO}gro@members.test" "user unknown" "dsn.$$@mx.test" \
	>"$TMP/dsn${LRI}x${RLM}.eml"
"$MAILER" bounces parse "$TMP/dsn${LRI}x${RLM}.eml" >"$TMP/parse.json" 2>"$TMP/parse.err"; rc=$?
sed 's/^/# /' "$TMP/parse.json" "$TMP/parse.err"
[ $rc = 0 ] && grep -qF 'evil\u009B2J\u202Egro@members.test' "$TMP/parse.json"
ok $? "bounces parse: the recipient's U+009B and U+202E written \\u009B, \\u202E ($rc)"
grep -qF '/dsn\u2066x\u200F.eml"' "$TMP/parse.json"
ok $? "bounces parse: the file name's U+2066 and U+200F written as escapes"
no_raw_ctl "$TMP/parse.json"
ok $? "bounces parse: no raw control, bidi or C1 character in its bytes"
[ "$(jq -r '.recipients[0].address' "$TMP/parse.json")" = "evil${CSI}2J${RLO}gro@members.test" ] &&
	[ "$(jq -r '.file' "$TMP/parse.json")" = "$TMP/dsn${LRI}x${RLM}.eml" ]
ok $? "bounces parse: jq reads back the very characters"

P=$TMP/p
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --list aba --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
sqlite3 "$P/state/mailer.db" "insert into suppressions(list, email, reason, at) values ('aba', 'x${RLO}gro@members.test', '1 hard bounce(s)${NEL}${LSEP}', 1700000000)"
M bounces --list --json >"$TMP/list.json" 2>"$TMP/list.err"; rc=$?
sed 's/^/# /' "$TMP/list.json" "$TMP/list.err"
[ $rc = 0 ] && grep -qF '"x\u202Egro@members.test"' "$TMP/list.json" &&
	grep -qF '"1 hard bounce(s)\u0085\u2028"' "$TMP/list.json" &&
	no_raw_ctl "$TMP/list.json"
ok $? "bounces --list --json: address and reason escaped, no raw character ($rc)"
[ "$(jq -r '.[0].email' "$TMP/list.json")" = "x${RLO}gro@members.test" ] &&
	[ "$(jq -r '.[0].reason' "$TMP/list.json")" = "1 hard bounce(s)${NEL}${LSEP}" ]
ok $? "bounces --list --json: jq reads back the very values"
M bounces --list >"$TMP/list.txt" 2>&1; rc=$?
sed 's/^/# /' "$TMP/list.txt"
[ $rc = 0 ] && grep -qF 'x<U+202E>gro@members.test' "$TMP/list.txt" &&
	grep -qF '1 hard bounce(s)<U+0085><U+2028>' "$TMP/list.txt" &&
	no_raw_ctl "$TMP/list.txt"
ok $? "bounces --list: the table spells them out ($rc)"
M lists --json aba >"$TMP/lists.json" 2>&1 && jq -e '.[0].list == "aba"' "$TMP/lists.json" >/dev/null
ok $? "lists --json: still valid JSON"
M status --json >"$TMP/status.json" 2>&1 && jq -e 'length > 0' "$TMP/status.json" >/dev/null
ok $? "status --json: still valid JSON"
exit $tap_failed
