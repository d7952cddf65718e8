#!/usr/bin/env bash
# The transactions mailer runs itself over a connection libcurl secured
# and authenticated: STARTTLS + AUTH, and TLS from the start (smtps://,
# RFC 8314), each with PIPELINING, through tests/faultsrv.py --tls --auth
# (--smtps) with every reply a byte per TCP segment (--split: each byte
# its own TLS record, so one read may end mid-reply or hold the next).
# Each MAIL FROM goes with its RCPT TO (pipelined, as faultsrv sees it),
# every message is taken once, and each connection ends with QUIT.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/fault.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
fault_init tlspipe
srv_init "$T/srv" || { echo "Bail out! srv_init (certificates)"; exit 1; }
plan 6
run() {	# run NAME SCHEME [faultsrv option...]
	local name=$1 scheme=$2; shift 2
	fault "$name" --tls "$SRV_CERT:$SRV_KEY" --auth "user:s3cret" --split \
		--pipelined "$T/$name.pipe" "$@"
	fault_project "$T/$name" "$PORT" 6 "tls: required" "max_connections: 2" \
		"ca_file: $SRV_CA" "username: user" "password_file: smtp.pw"
	sed -i "s|smtp://|$scheme://|" "$T/$name/config.yaml"
	printf 's3cret\n' >"$T/$name/smtp.pw"; chmod 600 "$T/$name/smtp.pw"
	fault_send "$name"
}
for m in "starttls smtp" "smtps smtps --smtps"; do
	# shellcheck disable=SC2086
	run $m; rc=$?; name=${m%% *}
	sed 's/^/# /' "$T/$name.err"
	[ $rc = 0 ] && [ "$(taken "$T/$name.log")" = "6 0" ] &&
		grep -q ' AUTH$' "$T/$name.trace"
	ok $? "$name + AUTH: the six taken once, exit 0 (exit $rc, $(taken "$T/$name.log"))"
	mails=$(grep -c ' MAIL$' "$T/$name.trace")
	[ "$mails" = 6 ] && [ "$(grep -c ' MAIL$' "$T/$name.pipe")" = 6 ] &&
		[ "$(grep -c ' RCPT$' "$T/$name.pipe")" = 6 ]
	ok $? "$name: each MAIL FROM went with its RCPT TO and DATA ($mails MAIL, $(grep -c ' MAIL$' "$T/$name.pipe") pipelined)"
	conns=$(cut -d' ' -f1 "$T/$name.trace" | sort -u | wc -l)
	[ "$(grep -c ' QUIT$' "$T/$name.trace")" = "$conns" ]
	ok $? "$name: every connection ended with QUIT ($conns)"
done
