#!/usr/bin/env bash
# An article and issue.yaml may come from outside (a contributor's file,
# a pasted link).  check's warning about a link with no scheme quotes the
# URL: one holding ESC [2J and U+202E is shown as "\x1b[2J<U+202E>".  A
# subject template whose close tag holds U+202E, or whose unclosed
# section's name holds ESC (YAML's "\e"), is refused (exit 65) with the
# tag spelled out the same way: no raw control reaches the terminal.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
tap_tmp
plan 7
P=$TMP/p
mk_maildir_project "$P"
I=$P/issues/2021-01
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
ESC=$(printf '\033') RLO=$(printf '\342\200\256')
BS='[\]'	# a backslash, in grep -E
printf '\n[下载](www.example.org/%s[2J%sgpj.exe)\n' "$ESC" "$RLO" \
	>>"$I/01-ziyang-cloud.md"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
[ $rc = 0 ]; ok $? "a link with no scheme: a warning, exit 0 ($rc)"
grep -Eq "01-ziyang-cloud.md:[0-9]+: warning: link \"www.example.org/${BS}x1b\[2J<U\+202E>gpj.exe\" has no scheme" "$TMP/err"
ok $? "the warning quotes the URL with ESC and U+202E spelled out"
no_raw_ctl "$TMP/err" && no_raw_ctl "$TMP/out"
ok $? "no raw control in check's output"

cp "$I/issue.yaml" "$TMP/issue.yaml"
# subject NAME YAML-VALUE REGEX: issue.yaml's subject set to YAML-VALUE
# (a sed replacement: a backslash is doubled); check exits 65 naming it
# as REGEX, with no raw control (2 TAP lines)
subject() {
	sed "s|^subject: .*|subject: $2|" "$TMP/issue.yaml" >"$I/issue.yaml"
	M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/err"
	[ $rc = 65 ] && grep -Eq "$3" "$TMP/err"
	ok $? "$1: exit 65, the tag spelled out ($rc)"
	no_raw_ctl "$TMP/err" && no_raw_ctl "$TMP/out"
	ok $? "$1: no raw control in check's output"
}
subject "a close tag holding U+202E" "\"{{#issue}}{{title}}{{/issue${RLO}}}\"" \
	"issue.yaml: subject:1: mismatched close tag \"issue<U\+202E>\" for \"issue\""
subject "an unclosed section holding ESC" '"{{#a\\e[2J}}x"' \
	"issue.yaml: subject:1: unclosed section \"a${BS}x1b\[2J\""
exit $tap_failed
