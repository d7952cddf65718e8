#!/usr/bin/env bash
# make leakcheck: valgrind over `mailer preview` on the sample issue
# (unsigned, then signed with a temporary demo key) and `mailer bounces
# parse` over every message of ../shared/corpus/bounces.  Fails on any
# valgrind error or definite leak.  Run from the project root.
set -u
MAILER=${MAILER:-$PWD/mailer/mailer}
SHARED=${MAILER_SHARED:-$PWD/../shared}
if [ -n "${MAILER_SANITIZED:-}" ]; then
	echo "leakcheck: SKIP (sanitizer build: ASan and valgrind exclude each other)"
	exit 0
fi
command -v valgrind >/dev/null || { echo "leakcheck: SKIP valgrind not installed (make deps)"; exit 0; }
T=$(mktemp -d /tmp/mailer-leakcheck.XXXXXX); trap 'rm -rf "$T"' EXIT
start=$(date +%s)
VG="valgrind -q --suppressions=$PWD/tests/valgrind.supp --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
runs=0 fail=0
vg() {	# vg NAME ARGS...: one run under valgrind, log kept on failure
	local name=$1; shift
	runs=$((runs + 1))
	if ! $VG --log-file="$T/vg.log" "$@" >"$T/out" 2>"$T/err"; then
		fail=$((fail + 1))
		echo "leakcheck: FAIL $name"; sed 's/^/  /' "$T/vg.log" "$T/err" | head -60
	fi
}
mkdir -p "$T/p"
cp -r issues lists templates "$T/p/"
cat >"$T/p/config.yaml" <<YAML
sender:
  name: 四川省科协学会学术部
  address: newsletter@example.org
transport:
  relays: [maildir:outbox]
YAML
vg "preview unsigned" "$MAILER" --config "$T/p/config.yaml" preview \
	"$T/p/issues/2021-01" --out "$T/out1"
mkdir -m 700 "$T/p/gnupg"
printf 'signing:\n  gnupg_home: gnupg\n  create_demo_key: true\n' >>"$T/p/config.yaml"
vg "preview signed" "$MAILER" --config "$T/p/config.yaml" preview \
	"$T/p/issues/2021-01" --out "$T/out2"
grep -q 'application/pgp-signature' "$T"/out2/*.eml 2>/dev/null ||
	{ echo "leakcheck: FAIL the signed preview holds no signature"; fail=$((fail + 1)); }
gpgconf --homedir "$T/p/gnupg" --kill all 2>/dev/null
if [ -d "$SHARED/corpus/bounces" ]; then
	vg "bounces parse (corpus)" "$MAILER" bounces parse "$SHARED"/corpus/bounces/*.eml
	nb=$(ls "$SHARED"/corpus/bounces/*.eml | wc -l)
else
	echo "leakcheck: SKIP bounces parse: $SHARED/corpus/bounces absent"
	nb=0
fi
secs=$(( $(date +%s) - start ))
if [ $fail = 0 ]; then r=clean; else r=FAILED; fi
echo "leakcheck: $r: $runs valgrind runs ($nb bounce files), $fail failed, ${secs} s" |
	tee tests/.leakcheck-result
exit $((fail > 0))
