#!/usr/bin/env bash
# Keys made by another tool: dkimpy's dknewkey writes an RSA key as PEM
# and an Ed25519 key as its 32-byte private key in base64 on one line
# (no PEM), with the TXT record beside each (.dns).  mailer takes both:
# `mailer dkim record` gives the same p= as dknewkey's records, and mail
# signed with them verifies in dkimpy and OpenDKIM against dknewkey's own
# records.  Before, the Ed25519 key was refused ("not a PEM private key:
# error:1E08010C:DECODER routines::unsupported", exit 78), which said
# nothing of what to do.  A file that is neither stays refused, saying
# which two forms are read.
. tests/lib/tap.sh
. tests/lib/dkim.sh
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
[ -x /usr/bin/dknewkey ] || skip_all "dknewkey (python3-dkim) missing (make deps)"
tap_tmp
plan 5
P=$TMP/p
mkdir -p "$P/dkim"
cp -r issues lists templates "$P/"
(cd "$P/dkim" && /usr/bin/dknewkey rsak && /usr/bin/dknewkey --ktype ed25519 edk) \
	>"$TMP/dknewkey.out" 2>&1 || { echo "Bail out! dknewkey"; exit 1; }
chmod 600 "$P"/dkim/*.key
cat >"$P/config.yaml" <<'YAML'
sender:
  name: News
  address: newsletter@example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["maildir:outbox"]
dkim:
  domain: example.org
  keys:
    - { selector: rsak, key_file: dkim/rsak.key }
    - { selector: edk, key_file: dkim/edk.key, type: ed25519 }
YAML
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M dkim record >"$TMP/ours" 2>"$TMP/ours.err"; rc=$?
sed 's/^/# /' "$TMP/ours.err"
[ $rc = 0 ]; ok $? "dkim record takes dknewkey's RSA (PEM) and Ed25519 (raw base64) keys (got $rc)"

# dknewkey's own records, in the zone-file form dkimverify.py and
# dkim_opendkim_conf read
for s in rsak edk; do
	printf '%s._domainkey.example.org. IN TXT "%s"\n' "$s" "$(tr -d '\n' <"$P/dkim/$s.dns")"
done >"$TMP/theirs"
p_of() { grep "^$1\\._domainkey" "$2" | grep -o '"[^"]*"' | tr -d '"\n' | sed 's/.*p=//'; }
[ -n "$(p_of edk "$TMP/theirs")" ] && [ "$(p_of edk "$TMP/ours")" = "$(p_of edk "$TMP/theirs")" ] &&
	[ "$(p_of rsak "$TMP/ours")" = "$(p_of rsak "$TMP/theirs")" ]
ok $? "the same p= as dknewkey's records, for both keys"

M send issues/2021-01 --list aba --quiet >"$TMP/send.out" 2>&1; rc=$?
f=$(find "$P/outbox/new" -type f 2>/dev/null | head -1)
[ $rc = 0 ] && [ -n "$f" ]; ok $? "a message signed with both (got $rc)"
dkim_opendkim_conf "$TMP/theirs" "$TMP/od"
{ /usr/bin/python3 tests/lib/dkimverify.py "$TMP/theirs" "$f"; dkim_opendkim "$TMP/od" "$f"; } \
	>"$TMP/v.out" 2>&1
sed "s|$TMP/||; s/^/# /" "$TMP/v.out" | cut -c1-100
[ "$(grep -c ' pass' "$TMP/v.out")" = 4 ] && ! grep -q ' fail' "$TMP/v.out"
ok $? "dkimpy and OpenDKIM verify both signatures against dknewkey's records"

printf 'not a key\n' >"$P/dkim/edk.key"
M dkim record >/dev/null 2>"$TMP/bad.err"; rc=$?
sed 's/^/# /' "$TMP/bad.err"
[ $rc = 78 ] && grep -q 'edk.key: not a PEM private key (nor a raw Ed25519 key in base64)' "$TMP/bad.err"
ok $? "a file that is neither: exit 78, naming both forms (got $rc)"
exit $tap_failed
