#!/usr/bin/env bash
# Bug "signing.create_demo_key without gnupg_home reaches mkdir_p(NULL)":
# it is a configuration error naming the file, line and the missing key,
# exit 78, for check, preview and send alike, with nothing written.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
printf 'signing:\n  create_demo_key: true\n' >>"$P/config.yaml"
line=$(grep -n 'create_demo_key' "$P/config.yaml" | cut -d: -f1)
for cmd in check preview send; do
	out=; [ $cmd = preview ] && out="--out $P/preview"
	"$MAILER" --config "$P/config.yaml" $cmd "$P/issues/2021-01" $out \
		>"$TMP/$cmd.out" 2>"$TMP/$cmd.err"
	rc=$?; sed 's/^/# /' "$TMP/$cmd.err" | head -2
	[ $rc -eq 78 ] &&
		grep -Eq "config.yaml:$line:[0-9]+: signing.create_demo_key needs signing.gnupg_home" "$TMP/$cmd.err"
	ok $? "$cmd: exit 78 (got $rc), file:line and the missing key named"
	[ ! -e "$P/outbox" ] && [ ! -e "$P/preview" ] && [ ! -e "$P/state/mailer.db" ]
	ok $? "$cmd: nothing written"
done
exit $tap_failed
