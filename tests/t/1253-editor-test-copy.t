#!/usr/bin/env bash
# The editor's round trip of README's "send yourself one copy before the
# real run": send --to delivers one signed copy whose Subject, outside and
# in the signed part's protected headers, is "[TEST] " and the title;
# neomutt shows it with its signature verified.  The real send that
# follows carries the title alone, outside and inside, and its signature
# verifies too: nothing of the test leaks into it.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/neomutt.sh
tap_tmp
tap_cleanup() { gpgconf --homedir "$TMP/gnupg" --kill gpg-agent 2>/dev/null; }
trap 'tap_cleanup; rm -rf "$TMP"' EXIT
plan 5
P=$TMP/proj
mk_maildir_project "$P"
printf 'signing:\n  gnupg_home: %s\n  create_demo_key: true\n' "$TMP/gnupg" >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
TITLE='四川科协学会工作通讯 2021年第1期'

M send "$I" --list aba --to editor@example.org >"$TMP/out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/out"
mv "$P/outbox" "$TMP/test-copy"
mkdir -p "$TMP/test-copy/cur" "$TMP/test-copy/tmp"
[ $rc = 0 ] && [ "$(ls "$TMP/test-copy/new" | wc -l)" = 1 ]
ok $? "send --to: one copy (exit $rc)"

subjects() {	# subjects MAILDIR: "outer|protected" per message
	/usr/bin/python3 - "$1" <<'PY'
import email, email.policy, glob, sys
for f in sorted(glob.glob(sys.argv[1] + '/new/*')):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    inner = m.get_payload(0)         # multipart/signed: the signed part
    print(f"{m['To']}|{m['Subject']}|{inner['Subject']}")
PY
}
subjects "$TMP/test-copy" >"$TMP/s1"; sed 's/^/# /' "$TMP/s1"
[ "$(cat "$TMP/s1")" = "editor@example.org|[TEST] $TITLE|[TEST] $TITLE" ]
ok $? "the test copy's Subject is [TEST] and the title, outside and in the signed part"

nm_screen "$TMP/test-copy" "$TMP/gnupg" "$TMP/screen"; rc=$?
grep -q "Good signature from: 四川省科协学会学术部 <newsletter@example.org>" "$TMP/screen" &&
	grep -q "^Subject: \[TEST\] $TITLE" "$TMP/screen" && grep -q '阿坝州科协的会员朋友们' "$TMP/screen"
ok $? "neomutt: the signature verifies, Subject [TEST], aba's greeting (rc $rc)"
[ $rc = 0 ] || sed 's/^/# /' "$TMP/screen" | grep -v '^# *$' | head -20

M send "$I" --list aba --quiet >"$TMP/out2" 2>&1; rc=$?
subjects "$P/outbox" >"$TMP/s2"; sed 's/^/# /' "$TMP/s2"
[ $rc = 0 ] && [ "$(wc -l <"$TMP/s2")" = 4 ] &&
	[ "$(cut -d'|' -f2- "$TMP/s2" | sort -u)" = "$TITLE|$TITLE" ]
ok $? "the real send after it: the title alone in all 4 Subjects, outside and inside (exit $rc)"
f=$(ls "$P/outbox/new/"* | head -1)
/usr/bin/python3 tests/lib/pgpmime.py "$f" "$TMP/sig" >/dev/null &&
	gpg --homedir "$TMP/gnupg" --batch --verify "$TMP/sig/sig" "$TMP/sig/data" 2>"$TMP/v"
ok $? "and its signature verifies (gpg)"
sed 's/^/# /' "$TMP/v" | head -5
