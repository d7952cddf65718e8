#!/usr/bin/env bash
# DKIM on the demo: the shipped config.yaml, unchanged, in a copy of the
# sample project (what `make demo` runs).  Every message carries an
# rsa-sha256 and an ed25519-sha256 signature, and two verifiers that are
# not the program say pass for each: dkimpy (python3-dkim + python3-nacl)
# and OpenDKIM (`opendkim -t` with TestPublicKeys).  The keys come from
# `mailer dkim record`, checked against `openssl pkey`.  One changed byte
# of the body or of List-Unsubscribe, or one more From, makes both fail.
# gpg and sqop still verify the OpenPGP signature.
. tests/lib/tap.sh
. tests/lib/dkim.sh
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
for t in gpg sqop openssl; do command -v $t >/dev/null || skip_all "$t missing (make deps)"; done
tap_tmp
P=$TMP/p V=$TMP/verify
tap_cleanup() { gpgconf --homedir "$P/demo/gnupg" --kill gpg-agent; gpgconf --homedir "$V" --kill gpg-agent; }
plan 15

mkdir -p "$P"
cp -r issues lists templates config.yaml "$P/"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send issues/2021-01 >"$TMP/send.out" 2>"$TMP/send.err"
rc=$?; sed 's/^/# /' "$TMP/send.err" | grep -v ' sent$' | head -5
n=$(find "$P/outbox/new" -type f | wc -l)
[ $rc = 0 ] && [ "$n" = 78 ] && grep -q "made a demo DKIM key (RSA-2048), selector demo-rsa" "$TMP/send.err" &&
	grep -q "made a demo DKIM key (Ed25519), selector demo-ed25519" "$TMP/send.err"
ok $? "the demo config sends 78 messages and makes the two demo keys ($n)"

[ "$(stat -c %a "$P/demo/dkim")" = 700 ] && [ "$(stat -c %a "$P/demo/dkim/rsa.pem")" = 600 ] &&
	[ "$(stat -c %a "$P/demo/dkim/ed25519.pem")" = 600 ]
ok $? "key folder 0700, key files 0600"

M dkim record >"$TMP/rec" 2>"$TMP/rec.err"
rsa=$(openssl pkey -in "$P/demo/dkim/rsa.pem" -pubout -outform DER | base64 -w0)
ed=$(openssl pkey -in "$P/demo/dkim/ed25519.pem" -pubout -outform DER | tail -c 32 | base64 -w0)
sed 's/^/# /' "$TMP/rec" | cut -c1-100
got_rsa=$(grep '^demo-rsa._domainkey.example.org. IN TXT ' "$TMP/rec" | grep -o '"[^"]*"' | tr -d '"' | tr -d '\n')
got_ed=$(grep '^demo-ed25519._domainkey.example.org. IN TXT ' "$TMP/rec" | grep -o '"[^"]*"' | tr -d '"' | tr -d '\n')
[ "$got_rsa" = "v=DKIM1; k=rsa; p=$rsa" ] && [ "$got_ed" = "v=DKIM1; k=ed25519; p=$ed" ] &&
	[ "$(wc -l <"$TMP/rec")" = 2 ] && ! grep -q 'made a demo' "$TMP/rec.err" &&
	awk '{ n = split($0, s, "\""); for (i = 2; i < n; i += 2) if (length(s[i]) > 255) exit 1 }' "$TMP/rec"
ok $? "dkim record: one TXT line per selector, p= as openssl prints the public keys, strings <= 255"

dkim_opendkim_conf "$TMP/rec" "$TMP/od"
/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$P"/outbox/new/* >"$TMP/py.out" 2>&1
rc=$?
py_rsa=$(grep -c ' rsa-sha256 pass ' "$TMP/py.out") py_ed=$(grep -c ' ed25519-sha256 pass ' "$TMP/py.out")
grep -v ' pass ' "$TMP/py.out" | head -3 | sed 's/^/# /'
[ $rc = 0 ] && [ "$py_rsa" = 78 ] && [ "$py_ed" = 78 ]
ok $? "dkimpy: rsa-sha256 and ed25519-sha256 pass on every message ($py_rsa + $py_ed)"

dkim_opendkim "$TMP/od" "$P"/outbox/new/* >"$TMP/od.out"
od_rsa=$(grep -c ' rsa-sha256 pass$' "$TMP/od.out") od_ed=$(grep -c ' ed25519-sha256 pass$' "$TMP/od.out")
grep -v ' pass$' "$TMP/od.out" | head -3 | sed 's/^/# /'
[ "$od_rsa" = 78 ] && [ "$od_ed" = 78 ] && [ "$(wc -l <"$TMP/od.out")" = 156 ]
ok $? "OpenDKIM: rsa-sha256 and ed25519-sha256 pass on every message ($od_rsa + $od_ed)"

# h= of every signature: the required fields, and four of them listed once
# more than the message has them (List-Unsubscribe-Post: absent here)
bad=0
while read -r f alg res h; do
	h=${h#h=}
	for x in from to subject date message-id mime-version content-type list-id \
		list-unsubscribe list-unsubscribe-post feedback-id cfbl-address; do
		case ":$h:" in *":$x:"*) ;; *) echo "# $f $alg: no $x in h="; bad=1 ;; esac
	done
	for x in from subject list-unsubscribe list-unsubscribe-post; do
		[ "$(tr ':' '\n' <<<"$h" | grep -cx -- "$x")" -gt "$(sed "/^$/q" "$f" | grep -ci "^$x:")" ] ||
			{ echo "# $f $alg: $x not over-signed"; bad=1; }
	done
done <"$TMP/py.out"
[ $bad = 0 ]; ok $? "h= covers the required fields, over-signs From, Subject, List-Unsubscribe(-Post)"

f=$(grep -l '^To: .*<jike.ayi.ls@example.org>' "$P"/outbox/new/* | head -1)
tok=$(sed -n 's/^Return-Path: <bounces+\([a-z0-9]*\)@example.org>$/\1/p' "$f")
grep -qx 'Feedback-ID: 2021-01:liangshan:newsletter:example.org' "$f" &&
	[ -n "$tok" ] && grep -qx "CFBL-Address: bounces+$tok@example.org; report=arf" "$f" &&
	grep -qx 'Precedence: list' "$f" && grep -qx 'X-Auto-Response-Suppress: OOF, AutoReply' "$f"
ok $? "Feedback-ID, CFBL-Address (the recipient's VERP address), Precedence, X-Auto-Response-Suppress"

# OpenPGP is undisturbed: gpg (a home with only the certificate) and sqop
mkdir -m 700 "$V"
gpg --homedir "$P/demo/gnupg" --export >"$TMP/cert.pgp" 2>/dev/null
gpg --homedir "$V" --batch --import "$TMP/cert.pgp" >/dev/null 2>&1
bad=0
for m in $(ls "$P"/outbox/new/* | head -5); do
	python3 tests/lib/pgpmime.py "$m" "$TMP/x" >/dev/null || { bad=1; continue; }
	gpg --homedir "$V" --verify "$TMP/x/sig" "$TMP/x/data" 2>"$TMP/gpg.out" &&
		grep -q 'Good signature' "$TMP/gpg.out" || { echo "# gpg: $m"; bad=1; }
	sqop verify "$TMP/x/sig" "$TMP/cert.pgp" <"$TMP/x/data" >/dev/null 2>&1 || { echo "# sqop: $m"; bad=1; }
done
[ $bad = 0 ]; ok $? "gpg and sqop still verify the OpenPGP signature of DKIM-signed messages"

# Tampering: each changed copy must fail both signatures in both verifiers
fails_everywhere() {	# fails_everywhere FILE -> 0 when 4 fails and no pass
	/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$1" >"$TMP/t.py" 2>&1
	dkim_opendkim "$TMP/od" "$1" >"$TMP/t.od"
	sed 's/^/# /' "$TMP/t.py" | cut -d' ' -f1,3-4 | sed "s|$TMP/||"
	[ "$(grep -c ' fail ' "$TMP/t.py")" = 2 ] && [ "$(grep -c ' fail$' "$TMP/t.od")" = 2 ] &&
		! grep -q ' pass' "$TMP/t.py" "$TMP/t.od"
}
python3 - "$f" "$TMP/body.eml" <<'PY'
import sys; b = open(sys.argv[1], 'rb').read(); i = b.index(b'\n\n') + len(b) // 2 // 2
j = b.index(b'\n', i) - 1          # the last byte of some body line
while b[j:j + 1] in (b' ', b'\t', b'='): j -= 1
c = b'A' if b[j:j + 1] != b'A' else b'B'
open(sys.argv[2], 'wb').write(b[:j] + c + b[j + 1:])
PY
! cmp -s "$f" "$TMP/body.eml" && fails_everywhere "$TMP/body.eml"
ok $? "one body byte changed: both signatures fail in dkimpy and OpenDKIM"

sed 's/^\(List-Unsubscribe: <mailto:unsubscribe+\)./\1x/' "$f" >"$TMP/lu.eml"
! cmp -s "$f" "$TMP/lu.eml" && fails_everywhere "$TMP/lu.eml"
ok $? "one byte of List-Unsubscribe changed: both fail"

{ printf 'From: Evil <evil@example.net>\n'; cat "$f"; } >"$TMP/from.eml"
fails_everywhere "$TMP/from.eml"
ok $? "a second From added on top: both fail (From is over-signed)"

# The same message with an unchanged copy: the verifiers can pass at all
cp "$f" "$TMP/same.eml"
/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$TMP/same.eml" >/dev/null 2>&1
ok $? "control: the untouched copy passes"

# With web.base_url: List-Unsubscribe-Post, List-Archive and Archived-At are
# present and signed, List-Unsubscribe-Post over-signed
P2=$TMP/p2
mkdir -p "$P2"
cp -r issues lists templates "$P2/"
cp -r "$P/demo" "$P2/"		# the same keys
rm -rf "$P2/demo/state"
{ cat config.yaml; printf 'web:\n  base_url: https://news.example.org\n'; } >"$P2/config.yaml"
"$MAILER" --config "$P2/config.yaml" send issues/2021-01 --list liangshan >/dev/null 2>"$TMP/send2.err"
rc=$?
g=$(ls "$P2"/outbox/new/* | head -1)
/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$P2"/outbox/new/* >"$TMP/py2.out" 2>&1 &&
	[ "$(dkim_opendkim "$TMP/od" "$P2"/outbox/new/* | grep -c ' pass$')" = $(( 2 * $(ls "$P2"/outbox/new | wc -l) )) ] &&
	[ $rc = 0 ] && grep -q '^List-Unsubscribe-Post: List-Unsubscribe=One-Click' "$g" &&
	grep -q '^Archived-At: <https://news.example.org/' "$g" &&
	[ "$(grep -c 'list-unsubscribe-post:list-unsubscribe-post:' "$TMP/py2.out")" = "$(grep -c . "$TMP/py2.out")" ] &&
	[ "$(grep -c ':list-archive:archived-at:' "$TMP/py2.out")" = "$(grep -c . "$TMP/py2.out")" ]
ok $? "with web.base_url: List-Unsubscribe-Post (over-signed), List-Archive, Archived-At signed; both verifiers pass"

sed 's/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/List-Unsubscribe-Post: List-Unsubscribe=One-Clack/' "$g" >"$TMP/lup.eml"
! cmp -s "$g" "$TMP/lup.eml" && fails_everywhere "$TMP/lup.eml"
ok $? "List-Unsubscribe-Post changed: both fail"

# A second send: nothing sent, keys kept
sum=$(cat "$P"/demo/dkim/*.pem | sha256sum)
M send issues/2021-01 >"$TMP/send3.out" 2>"$TMP/send3.err"
[ "$(find "$P/outbox/new" -type f | wc -l)" = 78 ] && [ "$(cat "$P"/demo/dkim/*.pem | sha256sum)" = "$sum" ] &&
	! grep -q 'made a demo' "$TMP/send3.err"
ok $? "a second send sends nothing and keeps the keys"
