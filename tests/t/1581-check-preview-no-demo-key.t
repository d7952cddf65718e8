#!/usr/bin/env bash
# dkim.create_demo_key on an empty key folder: check and preview wrote the
# two demo DKIM keys (dkim.c made them in dkim_open, which every command
# ran), though a check or a preview writes nothing.  Now they leave the
# project as it was and say on stderr that the first send (or mailer dkim
# record) makes each key; check --dns says it cannot judge the selector's
# record yet (a warning, against a real unbound when there is one); send
# makes them, as before.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/dnsfix.sh
command -v openssl >/dev/null || skip_all "openssl missing"
tap_tmp
tap_cleanup() { ub_stop; }
plan 5
P=$TMP/proj
mkdir -p "$P"
cp -r issues lists templates "$P/"
dkim_section() {
	printf 'dkim:\n  create_demo_key: true\n  keys:\n'
	printf '    - { selector: s-rsa, key_file: dkim/rsa.pem }\n'
	printf '    - { selector: s-ed, key_file: dkim/ed.pem, type: ed25519 }\n'
}
{ printf 'sender:\n  name: Test\n  address: newsletter@example.org\n'
  printf 'paths:\n  state: state/mailer.db\nsecret_file: state/verp.key\n'
  printf 'transport:\n  relays: [maildir:outbox]\n'
  dkim_section
} >"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
# every path under the project with its size and time, to compare
snap() { find "$P" -printf '%P %s %T@\n' | sort; }
says() {	# FILE: both keys named as left for the first send
	grep -qF "dkim/rsa.pem: no demo DKIM key yet (selector s-rsa): the first send or \`mailer dkim record\` makes it; check and preview write nothing" "$1" &&
		grep -qF 'dkim/ed.pem: no demo DKIM key yet (selector s-ed)' "$1"
}
snap >"$TMP/before"

M check "$P/issues/2021-01" >"$TMP/check.out" 2>"$TMP/check.err"; rc=$?
sed 's/^/# /' "$TMP/check.err"
snap >"$TMP/after-check"
[ $rc = 0 ] && says "$TMP/check.err" && [ ! -e "$P/dkim" ] &&
	diff -u "$TMP/before" "$TMP/after-check" >&2 &&
	! grep -q 'no RSA key' "$TMP/check.err"
ok $? "check: nothing written, the keys left for the first send (exit $rc)"

M preview "$P/issues/2021-01" --out "$TMP/pv" >"$TMP/pv.out" 2>"$TMP/pv.err"; rc=$?
sed 's/^/# /' "$TMP/pv.err"
snap >"$TMP/after-preview"
[ $rc = 0 ] && says "$TMP/pv.err" && [ ! -e "$P/dkim" ] &&
	diff -u "$TMP/before" "$TMP/after-preview" >&2 && [ -f "$TMP/pv/index.html" ]
ok $? "preview: its pages written, nothing in the project (exit $rc)"

if command -v unbound >/dev/null; then
	ub_start "$TMP/unbound" <(dnsfix_dmarc 'v=DMARC1; p=reject; rua=mailto:d@example.org') ||
		{ echo "Bail out! unbound"; exit 1; }
	Q=$P
	P=$TMP/dnsproj
	dnsfix_config news.example.org https://news.example.org
	dkim_section | sed 's|dkim/|../proj/dkim/|; s|^dkim:$|&\n  domain: example.org|' >>"$P/config.yaml"
	rc=$(dnsfix_check dns); dnsfix_show dns
	P=$Q
	snap >"$TMP/after-dns"
	[ "$rc" = 0 ] && [ ! -e "$P/dkim" ] && diff -u "$TMP/before" "$TMP/after-dns" >&2 &&
		grep -qxF 'warn dkim  s-rsa._domainkey.example.org: the demo key of selector s-rsa is not made yet (the first send makes it; check writes nothing): its record cannot be judged; fix: run `mailer dkim record` (it makes the demo key) and publish what it prints' "$TMP/dns" &&
		grep -q '^warn dkim  s-ed\._domainkey\.example\.org: the demo key of selector s-ed is not made yet' "$TMP/dns"
	ok $? "check --dns: a warning per key not made, nothing written (exit $rc)"
else
	ok 0 "# SKIP unbound not installed (make deps)"
fi

M send "$P/issues/2021-01" >/dev/null 2>"$TMP/send.err"; rc=$?
grep -v '^mailer: sent' "$TMP/send.err" | head -5 | sed 's/^/# /'
[ $rc = 0 ] && grep -q 'made a demo DKIM key (RSA-2048), selector s-rsa' "$TMP/send.err" &&
	grep -q 'made a demo DKIM key (Ed25519), selector s-ed' "$TMP/send.err" &&
	[ "$(stat -c %a "$P/dkim/rsa.pem")" = 600 ] && [ "$(stat -c %a "$P/dkim/ed.pem")" = 600 ]
ok $? "send makes both keys, as before (exit $rc)"

M check "$P/issues/2021-01" >/dev/null 2>"$TMP/check2.err"; rc=$?
[ $rc = 0 ] && ! grep -q 'demo DKIM key' "$TMP/check2.err"
ok $? "check after the send: the keys judged, not a word about making them (exit $rc)"
exit $tap_failed
