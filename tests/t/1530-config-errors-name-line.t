#!/usr/bin/env bash
# README: bad input is reported as file:line[:column]: what is wrong.
# A secret's file and environment keys both set (transport, imap,
# signing), unsubscribe_url beside web.base_url, an unsubscribe_url that
# is not https and a log that is neither stderr nor syslog were named
# with the config's path alone ("config.yaml: set password_file or
# password_env, not both"): in a long config the editor had to hunt for
# the key.  Now each names the key's line and column, exit 78 as before.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
P=$TMP/proj
mk_tiny_project "$P"
# its transport: section is the last; the cases add their own
sed '/^transport:/,$d' "$P/config.yaml" >"$TMP/base.yaml"
base=$(wc -l <"$TMP/base.yaml")
named() {	# named LINE-OFFSET TEXT YAML: YAML appended; LINE-OFFSET its line
	{ cat "$TMP/base.yaml"; printf '%b' "$3"; } >"$P/config.yaml"
	"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>"$TMP/err"
	rc=$?; sed 's/^/# /' "$TMP/err" | head -2
	[ $rc = 78 ] &&
		grep -q "config.yaml:$((base + $1)):[0-9]*: $2" "$TMP/err"
	ok $? "$2: named at line $((base + $1)) (exit $rc)"
}
pw=$TMP/pw; printf 's3cret\n' >"$pw"; chmod 600 "$pw"
named 5 'transport.password_file and transport.password_env are both set' \
	"transport:\n  relays: [\"smtp://127.0.0.1:25\"]\n  username: u\n  password_file: $pw\n  password_env: MAILER_SMTP_PASSWORD\n"
# the second of the two, whichever it is
named 5 'transport.password_file and transport.password_env are both set' \
	"transport:\n  relays: [\"smtp://127.0.0.1:25\"]\n  username: u\n  password_env: MAILER_SMTP_PASSWORD\n  password_file: $pw\n"
named 5 'imap.password_file and imap.password_env are both set' \
	"imap:\n  url: imaps://127.0.0.1:993\n  username: u\n  password_file: $pw\n  password_env: MAILER_IMAP_PASSWORD\n"
named 4 'signing.passphrase_file and signing.passphrase_env are both set' \
	"signing:\n  key: 0123456789ABCDEF0123456789ABCDEF01234567\n  passphrase_file: $pw\n  passphrase_env: MAILER_PASSPHRASE\n"
named 1 'unsubscribe_url and web.base_url are both set' \
	"unsubscribe_url: https://example.org/u\nweb:\n  base_url: https://news.example.org\n"
named 1 'unsubscribe_url must start with https://' \
	"unsubscribe_url: http://example.org/u\n"
named 1 'log must be stderr or syslog, not "file"' \
	"log: file\n"
exit $tap_failed
