#!/usr/bin/env bash
# Relaxed canonicalisation on crafted messages, judged by dkimpy and
# OpenDKIM: messages with tabs and runs of blanks, trailing blanks, folded
# and oddly cased fields, blank lines at the end, no final line break, an
# empty body, a long body, each signed by tests/dkimdrive (dkim.c), must
# pass both verifiers; then the changes relaxed canonicalisation ignores
# (blank runs, trailing blanks, refolding, name case, blank lines at the
# end) still pass, and a changed word fails.
. tests/lib/tap.sh
. tests/lib/dkim.sh
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
command -v openssl >/dev/null || skip_all "openssl missing"
[ -x tests/dkimdrive ] || skip_all "tests/dkimdrive not built (make t)"
tap_tmp
plan 4
mkdir -m 700 "$TMP/k"
( umask 077
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/k/rsa.pem" &&
  openssl genpkey -algorithm ED25519 -out "$TMP/k/ed.pem" ) >/dev/null 2>&1 ||
	{ echo "Bail out! openssl"; exit 1; }
cat >"$TMP/config.yaml" <<YAML
sender:
  name: Test
  address: news@example.org
dkim:
  keys:
    - { selector: r, key_file: $TMP/k/rsa.pem }
    - { selector: e, key_file: $TMP/k/ed.pem }
YAML
"$MAILER" --config "$TMP/config.yaml" dkim record >"$TMP/rec" || { echo "Bail out! dkim record"; exit 1; }
dkim_opendkim_conf "$TMP/rec" "$TMP/od"

# the crafted messages (LF here; dkimdrive makes them CRLF)
mkdir "$TMP/in" "$TMP/signed"
msg() { printf '%b' "$2" >"$TMP/in/$1"; }
H='From: Test <news@example.org>\nTo: a@example.net\nDate: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <m@example.org>\n'
msg blanks "${H}Subject:\tTabs  and   runs \t \n\nline with\ttab\n  leading blanks\ntrailing blanks   \t\n\n\nafter two empty lines\n"
msg folded "${H}SUBJECT: a subject\n folded\n\tonce more  \nlist-unsubscribe:  <mailto:u@example.org>\nList-Unsubscribe-Post:List-Unsubscribe=One-Click\n\nbody\n"
msg endblank "${H}Subject: blank lines at the end\n\nbody\n\n \n\t\n\n"
msg nofinal "${H}Subject: no final line break\n\nlast line without a break"
msg empty "${H}Subject: empty body\n\n"
msg onlyblank "${H}Subject: only blank lines\n\n\n  \n\n"
msg utf8 "${H}Subject: =?UTF-8?B?5Zub5bed?=\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n四川 科协  \n"
awk 'BEGIN { printf "From: Test <news@example.org>\nTo: a@example.net\nSubject: long\n\n"
	for (i = 0; i < 20000; i++) printf "line %d  with\tsome   text \n", i }' >"$TMP/in/long"

bad=0
for f in "$TMP"/in/*; do
	tests/dkimdrive sign "$TMP/config.yaml" "$f" >"$TMP/signed/${f##*/}" 2>"$TMP/err" ||
		{ echo "# dkimdrive: ${f##*/}: $(cat "$TMP/err")"; bad=1; }
done
[ $bad = 0 ]; ok $? "dkimdrive signs the $(ls "$TMP/in" | wc -l) crafted messages"

both_pass() {	# both_pass FILE...: every signature passes in both verifiers
	local f rc=0
	/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$@" >"$TMP/py" 2>&1 || rc=1
	dkim_opendkim "$TMP/od" "$@" >"$TMP/odv"
	for f in "$@"; do
		[ "$(grep -c "^$f .* pass" "$TMP/py")" = 2 ] || { echo "# dkimpy: ${f##*/}"; rc=1; }
		[ "$(grep -c "^$f .* pass$" "$TMP/odv")" = 2 ] || { echo "# opendkim: ${f##*/}"; rc=1; }
	done
	return $rc
}
# A body without a final line break exists only outside SMTP (RFC 6376
# 3.4.4 adds the CRLF); OpenDKIM 2.11's -t mode reads such a file's last
# line otherwise, so that one message is left to dkimpy.
mv "$TMP/signed/nofinal" "$TMP/nofinal"
both_pass "$TMP"/signed/* &&
	/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$TMP/nofinal" >"$TMP/py" 2>&1 &&
	[ "$(grep -c ' pass ' "$TMP/py")" = 2 ]
ok $? "dkimpy and OpenDKIM: both signatures pass on every crafted message"

# changes relaxed canonicalisation ignores
mkdir "$TMP/same"
sed 's/^line with\ttab\r$/line  with    tab   \r/; s/^trailing blanks/trailing\t blanks/' \
	"$TMP/signed/blanks" >"$TMP/same/blanks"
sed 's/^SUBJECT: a subject\r$/subject:  a   subject\r/; s/^ folded\r$/\t\t folded\r/' \
	"$TMP/signed/folded" >"$TMP/same/folded"
{ cat "$TMP/signed/endblank"; printf '\r\n\r\n   \r\n'; } >"$TMP/same/endblank"
{ cat "$TMP/signed/empty"; printf '\r\n \r\n'; } >"$TMP/same/empty"
bad=0
for f in blanks folded endblank empty; do cmp -s "$TMP/signed/$f" "$TMP/same/$f" && { echo "# $f unchanged"; bad=1; }; done
[ $bad = 0 ] && both_pass "$TMP"/same/*
ok $? "blank runs, trailing blanks, refolding, name case, blank lines at the end: still pass"

# a changed word fails, in the body and in a signed field
sed 's/^after two empty lines/after two empty lines!/' "$TMP/signed/blanks" >"$TMP/w1"
sed 's/^\tonce more/\tonce mare/' "$TMP/signed/folded" >"$TMP/w2"
/usr/bin/python3 tests/lib/dkimverify.py "$TMP/rec" "$TMP/w1" "$TMP/w2" >"$TMP/py" 2>&1
py=$(grep -c ' fail ' "$TMP/py")
od=$(dkim_opendkim "$TMP/od" "$TMP/w1" "$TMP/w2" | grep -c ' fail$')
[ "$py" = 4 ] && [ "$od" = 4 ]
ok $? "a changed word in the body or in a folded Subject: fails (dkimpy $py/4, OpenDKIM $od/4)"
