#!/usr/bin/env bash
# The slips a crontab or a unit file makes with the one global option:
# --config after the command ("mailer run --config FILE") was "run:
# unrecognized option '--config'" under a usage line that does not
# mention it; --config with no file was "unknown option --config".  Both
# stay usage errors (64), each with a message that says what to write.
# The right order works.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
P=$TMP/proj
mk_tiny_project "$P"
C=$P/config.yaml

for cmd in run "check $I" "send $I --dry-run"; do
	"$MAILER" $cmd --config "$C" >"$TMP/out" 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/err" | head -2
	[ $rc = 64 ] && grep -q '^mailer: --config goes before the command: mailer --config FILE '"${cmd%% *}" "$TMP/err"
	ok $? "mailer ${cmd%% *} ... --config FILE: told where it goes (exit $rc)"
done

"$MAILER" --config >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -1
[ $rc = 64 ] && grep -q '^mailer: --config needs a FILE' "$TMP/err"
ok $? "--config without a file (exit $rc)"

# "mailer help COMMAND" is "mailer COMMAND --help", as git has it
bad=0
for cmd in check preview send status bounces run serve archive dkim lists suppress; do
	"$MAILER" help $cmd >"$TMP/h1" 2>&1; r1=$?
	"$MAILER" $cmd --help >"$TMP/h2" 2>&1; r2=$?
	{ [ $r1 = 0 ] && [ $r2 = 0 ] && cmp -s "$TMP/h1" "$TMP/h2" &&
		grep -q "mailer $cmd" "$TMP/h1"; } || { echo "# help $cmd: $r1 $r2"; bad=1; }
done
ok $bad "mailer help COMMAND prints that command's --help"
"$MAILER" help >"$TMP/h1" 2>&1; r1=$?
"$MAILER" --help >"$TMP/h2" 2>&1; r2=$?
[ "$r1$r2" = 00 ] && grep -q '^commands:' "$TMP/h1" && cmp -s "$TMP/h1" "$TMP/h2"
ok $? "mailer help prints the command list, as --help does (help of no command: 1230)"

"$MAILER" --config "$C" run >"$TMP/out" 2>"$TMP/err"; rc=$?
[ $rc = 0 ]
ok $? "--config FILE before the command works (exit $rc)"
exit $tap_failed
