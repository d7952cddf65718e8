#!/usr/bin/env bash
# transport.relays as an operator with two or three relays writes it:
# each mistake is a configuration error (exit 78) naming the file, line
# and column of the entry, and what to write instead.  These were taken
# as they were: a relay listed twice (it took twice its share and the
# journal could not tell its two entries apart); a login in a relay's
# URL (a password written inline, which transport.password is refused
# for, and which transport.username overrode without a word); a maildir:
# entry beside SMTP relays (one side was dropped without a word: the
# Maildir after an SMTP relay, every SMTP relay after a Maildir).
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
tap_tmp
plan 12
P=$TMP/p
# conf LINE...: the project with these lines under transport: (fault.sh's
# project without its one relay)
conf() {
	rm -rf "$P"
	fault_project "$P" 0 1 "tls: none" "$@"
	sed -i '/^  relays: \["smtp:/d' "$P/config.yaml"
}
# check: mailer check's exit code; its stderr in $TMP/err
check() {
	$MAILER --config "$P/config.yaml" check "$P/issues/2021-01" \
		>/dev/null 2>"$TMP/err"
}
# refused WHAT PATTERN LINE...: check exits 78 and says PATTERN
refused() {
	local what=$1 pat=$2; shift 2
	conf "$@"; check; local rc=$?
	sed 's/^/# /' "$TMP/err"
	[ $rc -eq 78 ] && grep -Eq -- "$pat" "$TMP/err"
	ok $? "$what: exit 78 and the line says where and why (got $rc)"
}
A=smtp://127.0.0.1:2525 B=smtp://127.0.0.1:2526
W="config.yaml:13:15: a relay's \"weight\" must be a whole number from 1 to 1000"
refused "weight 0" "$W" relays: "  - $A" "  - url: $B" "    weight: 0"
refused "a negative weight" "$W" relays: "  - $A" "  - url: $B" "    weight: -2"
refused "a huge weight" "$W" relays: "  - $A" "  - url: $B" \
	"    weight: 99999999999999999999"
refused "a fraction" "$W" relays: "  - $A" "  - url: $B" "    weight: 2.5"
refused "an unknown relay_mode" \
	'config.yaml:13:15: transport.relay_mode must be spread or failover, not "roundrobin"' \
	relays: "  - $A" "  - $B" "relay_mode: roundrobin"
refused "a relay listed twice" \
	"config.yaml:12:7: transport.relays lists $A twice \\(line 11 too\\): give it one entry and a weight" \
	relays: "  - $A" "  - url: $A" "    weight: 2"
refused "a login in a relay's URL (a password inline)" \
	"config.yaml:12:7: a relay's URL holds a login \\(USER:PASSWORD@\\): secrets are never inline; write transport.username and password_file: FILE \\(mode 0600\\) or password_env: VARIABLE" \
	relays: "  - $A" "  - smtp://u:s3cret@127.0.0.1:2526"
refused "a user alone in a relay's URL" "config.yaml:11:7: a relay's URL holds a login" \
	relays: "  - smtp://u@127.0.0.1:2525"
refused "a Maildir after an SMTP relay" \
	"config.yaml:12:7: maildir:outbox cannot share transport.relays with other relays: a Maildir takes every message" \
	relays: "  - $A" "  - maildir:outbox"
refused "an SMTP relay after a Maildir" \
	"config.yaml:11:7: maildir:outbox cannot share transport.relays" \
	relays: "  - maildir:outbox" "  - $A"
# what is right stays right
conf relays: "  - $A" "  - url: $B" "    weight: 1000"; check
ok $? "two relays, weights 1 and 1000: check passes"
conf "relays: maildir:outbox"; check
ok $? "one Maildir: check passes"
exit $tap_failed
