#!/usr/bin/env bash
# Signed editions (PGP/MIME, RFC 3156) as editors preview them, checked by
# two OpenPGP implementations that are not the program: gpg (in a home that
# holds only the exported certificate) and Sequoia's sqop.  Tampering makes
# both say bad.  Bad key situations stop the run with exit 78 and nothing
# written.
. tests/lib/tap.sh
for t in gpg sqop gpgconf; do command -v $t >/dev/null || skip_all "$t missing (make deps)"; done
tap_tmp
G=$TMP/gnupg V=$TMP/verify
tap_cleanup() { gpgconf --homedir "$G" --kill gpg-agent; gpgconf --homedir "$V" --kill gpg-agent; }
mkdir -m 700 "$G" "$V"
# the fewest S2K rounds gpg-agent takes: protecting and unlocking a key
# with a passphrase took it 2-4 s a time here (its 100 ms calibration,
# several times over); what is tested is that one is needed, not its cost
printf 's2k-count 65536\n' >"$G/gpg-agent.conf"
gpgq() { gpg --homedir "$G" --batch --pinentry-mode loopback "$@" >/dev/null 2>&1; }
fpr_of() { gpg --homedir "$G" --with-colons -K "$1" 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}'; }
gpgq --passphrase '' --quick-gen-key 'Ed <ed@example.org>' ed25519 sign never
gpgq --passphrase 'rsa pass' --quick-gen-key 'Rsa <rsa@example.org>' rsa3072 sign never
gpgq --passphrase '' --faked-system-time 20200101T000000 --quick-gen-key 'Old <old@example.org>' ed25519 sign 1d
gpgq --passphrase '' --quick-gen-key 'Rev <rev@example.org>' ed25519 sign never
gpgq --passphrase '' --quick-add-key "$(fpr_of ed@example.org)" cv25519 encr never
ED=$(fpr_of ed@example.org) RSA=$(fpr_of rsa@example.org) OLD=$(fpr_of old@example.org) REV=$(fpr_of rev@example.org)
sed 's/^:-----BEGIN/-----BEGIN/' "$G/openpgp-revocs.d/$REV.rev" | gpg --homedir "$G" --batch --import >/dev/null 2>&1
gpg --homedir "$G" --export >"$TMP/cert.pgp" 2>/dev/null
gpg --homedir "$V" --batch --import "$TMP/cert.pgp" >/dev/null 2>&1
printf 'rsa pass\n' >"$TMP/pass"; chmod 600 "$TMP/pass"
printf 'wrong\n' >"$TMP/badpass"; chmod 600 "$TMP/badpass"

plan 17
project() {	# project KEY [extra signing lines]
	rm -rf "$TMP/p" "$TMP/out"; mkdir -p "$TMP/p"
	cp -r issues lists templates "$TMP/p/"
	{ sed '/^signing:/,$d' config.yaml
	  printf 'signing:\n  gnupg_home: %s\n  key: %s\n' "$G" "$1"; shift
	  for l in "$@"; do printf '  %s\n' "$l"; done; } >"$TMP/p/config.yaml"
}
M() { "$MAILER" --config "$TMP/p/config.yaml" "$@"; }
verify_all() {	# verify_all DIR EXPECT_MICALG -> 0 when every .eml is good twice
	local bad=0 f n=0 x split=()
	rm -rf "$TMP/x"
	for f in "$1"/*.eml; do n=$((n + 1)); split+=("$f" "$TMP/x/$n"); done
	python3 tests/lib/pgpmime.py "${split[@]}" >/dev/null 2>"$TMP/split.err" ||
		{ bad=1; sed 's/^/# /' "$TMP/split.err"; }
	n=0
	for f in "$1"/*.eml; do
		n=$((n + 1)) x=$TMP/x/$n
		[ -s "$x/sig" ] || { bad=1; continue; }
		info=$(cat "$x/info")
		case $info in "$2 v1 subject-protected from-protected") ;; *) echo "# $f: $info"; bad=1 ;; esac
		gpg --homedir "$V" --verify "$x/sig" "$x/data" 2>"$TMP/gpg.out" &&
			grep -q 'Good signature' "$TMP/gpg.out" || { echo "# gpg: $f"; bad=1; }
		sqop verify "$x/sig" "$TMP/cert.pgp" <"$x/data" >/dev/null 2>&1 || { echo "# sqop: $f"; bad=1; }
	done
	echo "# $n messages checked"
	[ $bad = 0 ] && [ $n -gt 0 ]
}

project "$ED"
M preview issues/2021-01 --out "$TMP/out" >/dev/null 2>"$TMP/err"
ok $? "Ed25519: preview of 21 signed editions"
verify_all "$TMP/out" pgp-sha256; ok $? "Ed25519: gpg and sqop both say good for every edition; Subject and From protected"
grep -q $'^Autocrypt: addr=newsletter@example.org;\r$' "$TMP/out/liangshan.eml"
ok $? "Autocrypt header present (no trailing blank)"
python3 tests/lib/pgpmime.py "$TMP/out/liangshan.eml" "$TMP/x" >/dev/null
grep -c $'[ \t]\r$' "$TMP/x/data" | grep -qx 0 && ! grep -q $'^From ' "$TMP/x/data" &&
	! LC_ALL=C grep -q $'[\x80-\xff]' "$TMP/x/data"
ok $? "signed part: no trailing blanks, no 'From ' lines, 7bit only"
python3 - "$TMP/x/data" <<'PY'
import sys; p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = len(b) // 2
b[i] = ord('A') if b[i] != ord('A') else ord('B'); open(p, 'wb').write(b)
PY
gpg --homedir "$V" --verify "$TMP/x/sig" "$TMP/x/data" 2>"$TMP/gpg.out"; grep -q 'BAD signature' "$TMP/gpg.out"
ok $? "tampered signed part: gpg says BAD"
sqop verify "$TMP/x/sig" "$TMP/cert.pgp" <"$TMP/x/data" >/dev/null 2>&1; [ $? -ne 0 ]
ok $? "tampered signed part: sqop refuses"
M check issues/2021-01 >"$TMP/check.out" 2>&1; grep -q "21 signatures when signing" "$TMP/check.out"
ok $? "check says a send makes 21 signatures"

# A body template that uses subscriber fields: one edition, so one
# signature, per subscriber; check says so and a dry run makes them.
sed -i 's/{{list.greeting}}/{{list.greeting}} {{subscriber.name}}/' "$TMP/p/templates/issue.txt.mustache"
M check issues/2021-01 >"$TMP/check.out" 2>&1
grep -q "one edition per subscriber: a send makes 78 editions (78 signatures" "$TMP/check.out"
ok $? "per-subscriber template: check says 78 signatures"
M send issues/2021-01 --dry-run >"$TMP/dry.out" 2>/dev/null
grep -q "78 editions, 78 signatures made" "$TMP/dry.out"; ok $? "per-subscriber template: a dry run makes 78 signatures"

project "$RSA" "passphrase_file: $TMP/pass"
M preview issues/2021-01 --list chengdu --out "$TMP/out" >/dev/null 2>"$TMP/err"
ok $? "RSA-3072 with a passphrase file: preview"
verify_all "$TMP/out" pgp-sha512; ok $? "RSA-3072: gpg and sqop both say good"

bad_key() {	# bad_key NAME REGEX KEY [signing lines]
	local name=$1 re=$2; shift 2
	project "$@"
	M send issues/2021-01 >"$TMP/out.txt" 2>"$TMP/err"; local rc=$?
	[ $rc -eq 78 ] && grep -Eq "$re" "$TMP/err" && [ ! -e "$TMP/p/outbox" ]
	ok $? "$name: exit 78 (got $rc), clear message, nothing sent"
	sed 's/^/#   /' "$TMP/err" | head -2
}
bad_key "wrong passphrase" "$RSA.*(passphrase|Bad)" "$RSA" "passphrase_file: $TMP/badpass"
bad_key "missing key" "000000000000" 0000000000000000000000000000000000000000
bad_key "expired key" "expired" "$OLD"
bad_key "revoked key" "revoked" "$REV"
# No gpg-agent: a copy of the keyring whose agent cannot be started.
NA=$TMP/noagent; mkdir -m 700 "$NA"; cp -r "$G/pubring.kbx" "$G/trustdb.gpg" "$G/private-keys-v1.d" "$NA/"
echo "agent-program /nonexistent/gpg-agent" >"$NA/gpg.conf"
G_SAVE=$G; G=$NA
bad_key "no gpg-agent" "gpg-agent did not start" "$ED"
G=$G_SAVE
chmod 644 "$TMP/pass"
bad_key "passphrase file readable by others" "readable by group or others" "$RSA" "passphrase_file: $TMP/pass"
exit $tap_failed
