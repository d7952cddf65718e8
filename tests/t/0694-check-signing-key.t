#!/usr/bin/env bash
# check validates the OpenPGP signing key as send does: with a signing:
# section naming a key that is not in gnupg_home, an expired one, or a
# passphrase_env that is not set, check said "ok" (exit 0) and the send
# or the cron run after it exited 78 ("no such secret key in the keyring",
# "environment variable ... is not set").  Now check opens the key and
# proves it signs, as send does first, and exits 78 with the same line;
# a good key still passes, and a config that only asks for the demo key
# (create_demo_key, no key yet) makes none at check (check writes
# nothing).  Keys made by gpg in the test's own home.
. tests/lib/tap.sh
for t in gpg gpgconf; do command -v $t >/dev/null || skip_all "$t missing (make deps)"; done
. tests/lib/project.sh
tap_tmp
G=$TMP/gnupg
tap_cleanup() { gpgconf --homedir "$G" --kill gpg-agent; gpgconf --homedir "$TMP/demo" --kill gpg-agent; }
mkdir -m 700 "$G"
# the fewest S2K rounds gpg-agent takes: protecting and unlocking a key
# with a passphrase took it 2-4 s a time here (its 100 ms calibration,
# several times over); what is tested is that one is needed, not its cost
printf 's2k-count 65536\n' >"$G/gpg-agent.conf"
gpgq() { gpg --homedir "$G" --batch --pinentry-mode loopback "$@" >/dev/null 2>&1; }
fpr_of() { gpg --homedir "$G" --with-colons -K "$1" 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}'; }
gpgq --passphrase '' --quick-gen-key 'Ed <ed@example.org>' ed25519 sign never
gpgq --passphrase 'p' --quick-gen-key 'Rsa <rsa@example.org>' ed25519 sign never
ED=$(fpr_of ed@example.org) PW=$(fpr_of rsa@example.org)
[ -n "$ED" ] && [ -n "$PW" ] || { echo "Bail out! gpg made no key"; exit 1; }
plan 5
P=$TMP/proj
mk_tiny_project "$P"
cp "$P/config.yaml" "$TMP/base.yaml"
signing() {	# signing LINES...: the config with a signing: section
	{ cat "$TMP/base.yaml"; echo 'signing:'; printf '  %s\n' "$@"; } >"$P/config.yaml"
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

signing "gnupg_home: $G" "key: 0123456789ABCDEF0123456789ABCDEF01234567"
M check "$I" >"$TMP/o1" 2>"$TMP/e1"; rc=$?; sed 's/^/# /' "$TMP/e1"
[ $rc = 78 ] && grep -q 'no such secret key' "$TMP/e1"
ok $? "a key not in gnupg_home: check refuses it (exit $rc)"

signing "gnupg_home: $G" "key: $PW" "passphrase_env: MAILER_T0694_UNSET"
env -u MAILER_T0694_UNSET "$MAILER" --config "$P/config.yaml" check "$I" \
	>"$TMP/o2" 2>"$TMP/e2"; rc=$?; sed 's/^/# /' "$TMP/e2"
[ $rc = 78 ] && grep -q 'MAILER_T0694_UNSET is not set' "$TMP/e2"
ok $? "passphrase_env not set: check refuses (exit $rc)"

signing "gnupg_home: $G" "key: $PW" "passphrase_env: MAILER_T0694"
MAILER_T0694=p M check "$I" >"$TMP/o3" 2>"$TMP/e3"; rc=$?; sed 's/^/# /' "$TMP/e3"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/o3"
ok $? "a key with its passphrase: ok (exit $rc)"

signing "gnupg_home: $G" "key: $ED"
M check "$I" >"$TMP/o4" 2>"$TMP/e4"; rc=$?; sed 's/^/# /' "$TMP/e4"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/o4"
ok $? "a good key: ok (exit $rc)"

mkdir -m 700 "$TMP/demo"
signing "gnupg_home: $TMP/demo" "create_demo_key: true"
M check "$I" >"$TMP/o5" 2>"$TMP/e5"; rc=$?; sed 's/^/# /' "$TMP/e5"
n=$(gpg --homedir "$TMP/demo" --with-colons -K 2>/dev/null | grep -c '^sec')
[ $rc = 0 ] && [ "$n" = 0 ]
ok $? "create_demo_key: check makes no key (exit $rc, $n keys)"
exit $tap_failed
