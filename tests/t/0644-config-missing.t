#!/usr/bin/env bash
# mailer run from another folder than its project's (cron's home, /, a
# sysadmin's shell) without --config: the missing config.yaml is named with
# the folder it was looked for in and how to name the config; exit 78.
. tests/lib/tap.sh
tap_tmp
plan 3
mkdir "$TMP/empty"
for cmd in status run; do
	(cd "$TMP/empty" && "$MAILER" $cmd) >"$TMP/out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/out"
	[ $rc = 78 ] && grep -q "config.yaml: .*$TMP/empty" "$TMP/out" &&
		grep -q 'mailer --config FILE' "$TMP/out"
	ok $? "$cmd without a config.yaml here: the folder and --config named (exit $rc)"
done
(cd "$TMP/empty" && "$MAILER" --config "$TMP/none.yaml" status) >"$TMP/out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 78 ] && grep -q "$TMP/none.yaml: No such file or directory" "$TMP/out"
ok $? "a --config that is missing is named as given (exit $rc)"
exit $tap_failed
