#!/usr/bin/env bash
# A transport number out of range is named with its key and line: an
# operator who wrote "max_connections: 100" (or a timeout of 0) was told
# "config.yaml: transport limits out of range (max_connections 1..64,
# max_messages_per_connection >= 1, rate >= 0, timeout >= 1)", no line
# and no word of which of the four it was, and a negative retry_backoff,
# relay_cooldown, give_up_after, domain_connections or
# domain_rate_per_minute passed check ("ok") and meant something no page
# says (a retry at once, no rest, never giving up, no limit).  Now each
# says "config.yaml:LINE:COL: transport.KEY must be LO..HI, not V" (or
# "at least LO"), as web: limits do, exit 78; 0 stays what mailer(1)
# says it is.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 11
P=$TMP/proj
mk_tiny_project "$P"
cp "$P/config.yaml" "$TMP/base.yaml"
line=$(($(wc -l <"$TMP/base.yaml") + 1))
refused() {	# refused KEY VALUE RANGE-TEXT
	{ cat "$TMP/base.yaml"; printf '  %s: %s\n' "$1" "$2"; } >"$P/config.yaml"
	"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>"$TMP/err"
	rc=$?; sed 's/^/# /' "$TMP/err" | head -2
	[ $rc = 78 ] &&
		grep -q "config.yaml:$line:[0-9]*: transport.$1 must be $3, not $2\$" "$TMP/err"
	ok $? "transport.$1: $2 named with its line and range (exit $rc)"
}
refused max_connections 0 1..64
refused max_connections 100 1..64
refused max_messages_per_connection 0 'at least 1'
refused timeout 0 'at least 1'
refused rate -1 'at least 0'
refused retry_backoff -300 'at least 0'
refused relay_cooldown -1 'at least 0'
refused give_up_after -1 'at least 0'
refused domain_connections -2 'at least 0'
refused domain_rate_per_minute -60 'at least 0'

{ cat "$TMP/base.yaml"; printf '  give_up_after: 0\n  rate: 0.5\n  domain_connections: 0\n'; } \
	>"$P/config.yaml"
"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -2
[ $rc = 0 ]
ok $? "give_up_after 0, rate 0.5, domain_connections 0 pass (exit $rc)"
exit $tap_failed
