#!/usr/bin/env bash
# mailer serve --listen: a bad value is refused (exit 64) with what is
# wrong with it as given.  "127.0.0.1:99999" was only "is not
# ADDRESS:PORT (a numeric IPv4 address, or an IPv6 address in brackets)",
# with no word of the port out of range; "[::1]:99999" was quoted as
# "::1]:99999", its first character cut off.  No server, no project: the
# value is read before the configuration.
. tests/lib/tap.sh
tap_tmp
plan 8
# refused VALUE PATTERN DESCRIPTION: exit 64, the input quoted as given,
# and a line matching PATTERN
refused() {
	"$MAILER" --config "$TMP/none.yaml" serve --listen "$1" \
		>/dev/null 2>"$TMP/e"; local rc=$?
	sed 's/^/# /' "$TMP/e"
	[ $rc = 64 ] && grep -qF -- "--listen: \"$1\" is not ADDRESS:PORT: " \
		"$TMP/e" && grep -qF -- "$2" "$TMP/e"
	ok $? "$3 (exit $rc)"
}
refused 127.0.0.1:99999 'port 99999 is out of range (at most 65535)' \
	"a port over 65535 is said to be out of range"
refused '[::1]:99999' 'port 99999 is out of range' \
	"...in brackets, the input quoted whole"
refused 127.0.0.1:1234567 'port 1234567 is out of range' \
	"...a port of seven digits"
refused '[::1]:x' 'port "x" is not a number' "a port that is no number"
refused localhost:80 '"localhost" is not a numeric IPv4 address' \
	"a host name: not a numeric address"
refused '[zz]:80' '"zz" is not a numeric IPv6 address' \
	"brackets around no IPv6 address"
refused '[::1:80' 'no closing "]"' "an unclosed bracket"
refused 127.0.0.1 'no :PORT' "no port"
exit $tap_failed
