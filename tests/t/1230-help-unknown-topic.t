#!/usr/bin/env bash
# "mailer help nosuch" printed the command list and exited 0, so a script's
# typo ("mailer help sned") passed; now a topic that is no command is said
# on stderr and exits 64 (EX_USAGE), as "mailer nosuch" does, and so is a
# second topic.  "mailer help", "help help", "--help", "help send" and
# "send --help" still print their text on stdout and exit 0; "--help send"
# (the general usage before) is "help send", as git has it.
. tests/lib/tap.sh
tap_tmp
plan 8
M() { "$MAILER" "$@" >"$TMP/out" 2>"$TMP/err"; }

M help nosuch; rc=$?
sed 's/^/# /' "$TMP/err" | head -1
[ $rc = 64 ] && grep -q '^mailer: no help on "nosuch": not a command' "$TMP/err" &&
	grep -q '^usage: mailer' "$TMP/err" && [ ! -s "$TMP/out" ]
ok $? "help nosuch: said on stderr, nothing on stdout, exit 64 (exit $rc)"
M nosuch; rc=$?
[ $rc = 64 ] && grep -q '^mailer: unknown command "nosuch"' "$TMP/err" && [ ! -s "$TMP/out" ]
ok $? "nosuch: unknown command, exit 64 (exit $rc)"
M help send extra; rc=$?
sed 's/^/# /' "$TMP/err" | head -1
[ $rc = 64 ] && grep -q '"extra" is one too many' "$TMP/err" && [ ! -s "$TMP/out" ]
ok $? "help send extra: a second topic is a usage error (exit $rc)"
M help; rc=$?; cp "$TMP/out" "$TMP/help"
M help help; r2=$?; cp "$TMP/out" "$TMP/helphelp"
M --help; r3=$?
[ "$rc$r2$r3" = 000 ] && grep -q '^commands:' "$TMP/help" &&
	cmp -s "$TMP/help" "$TMP/out" && cmp -s "$TMP/help" "$TMP/helphelp"
ok $? "help, help help and --help: the command list on stdout, exit 0 ($rc $r2 $r3)"
M help send; rc=$?; cp "$TMP/out" "$TMP/hs"
M send --help; r2=$?
[ "$rc$r2" = 00 ] && grep -q '^usage: mailer send' "$TMP/hs" && cmp -s "$TMP/hs" "$TMP/out"
ok $? "help send is send --help, exit 0 ($rc $r2)"
M help send; [ ! -s "$TMP/err" ]
ok $? "help send writes nothing on stderr"
M --help send; rc=$?; cmp -s "$TMP/hs" "$TMP/out"; a=$?
M -h nosuch; r2=$?
[ $rc = 0 ] && [ $a = 0 ] && [ $r2 = 64 ] && grep -q 'no help on "nosuch"' "$TMP/err"
ok $? "--help send is help send (exit $rc), -h nosuch a usage error (exit $r2)"
# 'mailer COMMAND --help' describes a command, the general help says:
# send, run, preview, check, status and archive printed their usage
# line alone, no word of what they do or how they end.
bare=
for c in $(sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' "$TMP/help"); do
	M "$c" --help; rc=$?
	lines=$(grep -vc '^usage: \|^       mailer ' "$TMP/out")
	{ [ $rc = 0 ] && [ "$lines" -ge 2 ] && grep -q 'Exit 0' "$TMP/out"; } ||
		bare="$bare $c($rc,$lines)"
done
[ -z "$bare" ] && [ "$(sed -n '/^commands:/,/^$/p' "$TMP/help" | wc -l)" -ge 12 ]
ok $? "every command's --help says what it does and its exit codes (bare:$bare)"
exit $tap_failed
