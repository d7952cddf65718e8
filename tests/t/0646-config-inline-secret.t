#!/usr/bin/env bash
# A sysadmin writes the relay's password into config.yaml (password: ...),
# as most programs' configs allow: mailer refuses it (secrets are never
# inline) and says what to write instead, the _file and _env keys of that
# section; exit 78.  The same for imap.password and signing.passphrase.
. tests/lib/tap.sh
tap_tmp
plan 3
try() {	# try SECTION-YAML KEY: check with that section, the line wanted
	cat >"$TMP/config.yaml" <<EOF
sender: { name: News, address: news@example.org }
paths: { templates: $PWD/templates, lists: $PWD/lists }
$1
EOF
	"$MAILER" --config "$TMP/config.yaml" check issues/2021-01 \
		>"$TMP/out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/out"
	[ $rc = 78 ] && grep -q "unknown key \"$2\".*never inline.*${2}_file: FILE (mode 0600).*${2}_env: VARIABLE" "$TMP/out"
}
try 'transport: { relays: ["smtp://127.0.0.1:2525"], username: u, password: s3cret }' password
ok $? "transport.password: refused, password_file and password_env named"
try 'imap: { url: "imaps://127.0.0.1:993", username: u, password: s3cret }' password
ok $? "imap.password: the same"
try 'signing: { key: 0123456789ABCDEF0123456789ABCDEF01234567, passphrase: s3cret }' passphrase
ok $? "signing.passphrase: passphrase_file and passphrase_env named"
exit $tap_failed
