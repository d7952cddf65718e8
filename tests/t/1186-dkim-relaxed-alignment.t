#!/usr/bin/env bash
# DMARC's relaxed alignment (RFC 7489 3.1.1) needs only the same
# organizational domain: d=mail.example.org aligns with From
# news.example.org.  Every command warned "dkim.domain mail.example.org
# is not aligned with the From domain news.example.org: DMARC will not
# pass" (it looked for one name inside the other), while check --dns said
# the same d= aligns.  Now the warning comes only when the organizational
# domains differ.
. tests/lib/tap.sh
tap_tmp
plan 3
P=$TMP/p
mkdir -p "$P/dkim"
cp -r issues lists templates "$P/"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
	-out "$P/dkim/k.key" 2>/dev/null || { echo "Bail out! openssl"; exit 1; }
chmod 600 "$P/dkim/k.key"
conf() {	# conf FROM DKIM_DOMAIN BOUNCE_DOMAIN
	cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@$1
bounce_domain: $3
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["maildir:outbox"]
dkim:
  domain: $2
  keys:
    - { selector: k, key_file: dkim/k.key }
YAML
}
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

conf news.example.org mail.example.org bounce.mail.example.org
M check issues/2021-01 >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err" | head -5
[ $rc = 0 ] && ! grep -q 'not aligned' "$TMP/err"
ok $? "d=mail.example.org, From news.example.org: no alignment warning (exit $rc)"

M send issues/2021-01 --dry-run >"$TMP/out2" 2>"$TMP/err2"; rc=$?
[ $rc = 0 ] && ! grep -q 'not aligned' "$TMP/err2"
ok $? "...nor from send --dry-run (exit $rc)"

conf news.example.org mail.example.net bounce.mail.example.net
M check issues/2021-01 >"$TMP/out3" 2>"$TMP/err3"; rc=$?
sed 's/^/# /' "$TMP/err3" | head -5
grep -q 'dkim.domain mail.example.net is not aligned with the From domain news.example.org' "$TMP/err3"
ok $? "d=mail.example.net, From news.example.org: still warned (exit $rc)"
exit $tap_failed
