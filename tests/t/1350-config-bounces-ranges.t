#!/usr/bin/env bash
# The bounces: policy numbers are checked like transport's: a negative
# hard_limit or soft_limit passed check ("ok") and silently turned its
# rule off, as only 0 is documented to; soft_window_days: 0 (or a
# negative number) made the soft rule count nothing, and a huge one
# overflowed the seconds it is turned into.  Now each is named with its
# line and range, exit 78, and the documented values (0 turns a rule
# off) still pass.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_tiny_project "$P"
cp "$P/config.yaml" "$TMP/base.yaml"
line=$(($(wc -l <"$TMP/base.yaml") + 2))
refused() {	# refused KEY VALUE RANGE-TEXT
	{ cat "$TMP/base.yaml"; printf 'bounces:\n  %s: %s\n' "$1" "$2"; } >"$P/config.yaml"
	"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>"$TMP/err"
	rc=$?; sed 's/^/# /' "$TMP/err" | head -2
	[ $rc = 78 ] &&
		grep -q "config.yaml:$line:[0-9]*: bounces.$1 must be $3, not $2\$" "$TMP/err"
	ok $? "bounces.$1: $2 named with its line and range (exit $rc)"
}
refused hard_limit -1 'at least 0'
refused soft_limit -5 'at least 0'
refused soft_window_days 0 1..3650
refused soft_window_days -30 1..3650
refused soft_window_days 100000000000000000 1..3650

{ cat "$TMP/base.yaml"; printf 'bounces:\n  hard_limit: 0\n  soft_limit: 0\n  soft_window_days: 3650\n'; } \
	>"$P/config.yaml"
"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -2
[ $rc = 0 ]
ok $? "hard_limit 0, soft_limit 0 (rules off), a window of 3650 days pass (exit $rc)"
exit $tap_failed
