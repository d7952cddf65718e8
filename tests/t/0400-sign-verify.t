#!/bin/sh
# sign.c end to end: tests/signdrive signs a MIME entity with an Ed25519
# key (the demo key) and an RSA-3072 key with a passphrase file; two
# independent OpenPGP implementations, gpg (in a fresh home holding only
# the exported certificate) and Sequoia's sqop, must accept each signature
# and reject it once one byte of the data is flipped.
cd "$(dirname "$0")/../.." || exit 1
for tool in gpg gpgconf sqop; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool not installed (make deps)"
		exit 0
	fi
done
if [ ! -x tests/signdrive ]; then
	echo "Bail out! tests/signdrive not built"
	exit 1
fi

T=$(mktemp -d /tmp/mailer-t0400.XXXXXX) || exit 1
cleanup() {
	gpgconf --homedir "$T/g" --kill gpg-agent >/dev/null 2>&1
	gpgconf --homedir "$T/v" --kill gpg-agent >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else not_ok "$desc"; fi; }

echo "1..15"

fpr_ed=$(./tests/signdrive demokey "$T/g" 'Demo <demo@example.org>') ||
	{ echo "Bail out! no demo key"; exit 1; }
# the fewest S2K rounds gpg-agent takes, read when it starts again:
# protecting and unlocking a key with a passphrase took it 2-4 s a time
# here; what is tested is that one is needed, not its cost
printf 's2k-count 65536\n' >"$T/g/gpg-agent.conf"
gpgconf --homedir "$T/g" --kill gpg-agent >/dev/null 2>&1
GNUPGHOME=$T/g gpg --batch --pinentry-mode loopback \
	--passphrase 'tap secret' --quick-gen-key 'Rsa <rsa@example.org>' \
	rsa3072 sign never >/dev/null 2>&1
fpr_rsa=$(gpg --homedir "$T/g" --with-colons -K rsa@example.org 2>/dev/null |
	awk -F: '/^fpr/ { print $10; exit }')
printf 'tap secret\n' >"$T/pass"
chmod 600 "$T/pass"
mkdir -m 700 "$T/v"
gpg --homedir "$T/g" --export >"$T/cert.pgp" 2>/dev/null
gpg --homedir "$T/v" --batch --import "$T/cert.pgp" >/dev/null 2>&1

# config NAME FPR [PASSFILE]
config() {
	{
		printf 'sender:\n  name: Demo\n  address: demo@example.org\n'
		printf 'signing:\n  key: %s\n  gnupg_home: g\n' "$2"
		[ -n "$3" ] && printf '  passphrase_file: %s\n' "$3"
	} >"$T/$1.yaml"
}

printf 'Content-Type: text/plain; charset=utf-8\n\nA newsletter, signed.\n' \
	>"$T/in"

# sign_and_check NAME: six tests
sign_and_check() {
	name=$1
	if ./tests/signdrive sign "$T/$name.yaml" "$T/in" "$T/$name.data" \
	    "$T/$name.sig" >"$T/$name.micalg" 2>"$T/$name.err"; then
		ok "$name: signed"
	else
		not_ok "$name: signed"; sed 's/^/# /' "$T/$name.err"
	fi
	check "$name: micalg $(cat "$T/$name.micalg")" \
		grep -qE '^pgp-sha(256|384|512)$' "$T/$name.micalg"
	check "$name: gpg says good" gpg --homedir "$T/v" --batch \
		--verify "$T/$name.sig" "$T/$name.data" 2>/dev/null
	sqop verify "$T/$name.sig" "$T/cert.pgp" <"$T/$name.data" \
		>/dev/null 2>&1
	check "$name: sqop says good" [ $? -eq 0 ]
	# "A newsletter" -> "B newsletter"
	off=$(grep -bo 'A newsletter' "$T/$name.data" | cut -d: -f1)
	printf 'B' | dd of="$T/$name.data" bs=1 seek="$off" conv=notrunc \
		2>/dev/null
	gpg --homedir "$T/v" --batch --verify "$T/$name.sig" "$T/$name.data" \
		>"$T/$name.gpg" 2>&1
	check "$name: gpg says bad after one byte changed" sh -c \
		"[ $? -ne 0 ] && grep -q 'BAD signature' '$T/$name.gpg'"
	sqop verify "$T/$name.sig" "$T/cert.pgp" <"$T/$name.data" \
		>/dev/null 2>&1
	# sop exit code 3: no acceptable signature
	check "$name: sqop says bad after one byte changed" [ $? -eq 3 ]
}

config ed "$fpr_ed"
sign_and_check ed
config rsa "$fpr_rsa" pass
sign_and_check rsa

ac=$(./tests/signdrive autocrypt "$T/ed.yaml" demo@example.org 2>/dev/null)
check "autocrypt header" sh -c "printf '%s' '$ac' |
	grep -qE '^addr=demo@example.org; keydata=[A-Za-z0-9+/]+=*$'"

printf 'not the secret\n' >"$T/wrong"
chmod 600 "$T/wrong"
config wrong "$fpr_rsa" wrong
./tests/signdrive sign "$T/wrong.yaml" "$T/in" "$T/w.data" "$T/w.sig" \
	>/dev/null 2>"$T/wrong.err"
check "wrong passphrase refused, named, not echoed" sh -c \
	"grep -q 'wrong passphrase' '$T/wrong.err' &&
	 grep -q '$fpr_rsa' '$T/wrong.err' && ! grep -q secret '$T/wrong.err'"

chmod 640 "$T/pass"
./tests/signdrive sign "$T/rsa.yaml" "$T/in" "$T/r.data" "$T/r.sig" \
	>/dev/null 2>"$T/mode.err"
check "group-readable passphrase file refused" \
	grep -q 'readable by group or others' "$T/mode.err"
