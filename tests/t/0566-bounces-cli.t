#!/usr/bin/env bash
# `mailer bounces` on the command line: its help, and exit 64 with the
# usage for options that belong to the other mode (--json is --list's,
# --verbose the mailbox run's) or to no mode, before any configuration
# or mailbox is touched.
. tests/lib/tap.sh
tap_tmp
plan 5
cd "$TMP" || exit 1
"$MAILER" bounces --help >help 2>err
rc=$?
[ $rc = 0 ] && grep -q 'usage: mailer bounces --list \[--json\]' help &&
	[ ! -s err ]
ok $? "bounces --help prints the usage and exits 0 (got $rc)"

for args in "--json" "--list --verbose" "-v --list --json" "--bogus"; do
	# shellcheck disable=SC2086
	"$MAILER" --config "$TMP/absent.yaml" bounces $args >out 2>err
	rc=$?
	[ $rc = 64 ] && grep -q 'usage: mailer bounces' err && [ ! -s out ] &&
		! grep -q absent.yaml err
	ok $? "bounces $args: the usage on stderr, exit 64, no configuration read (got $rc)"
done
