#!/usr/bin/env bash
# An issue whose template greets each subscriber by name ({{subscriber.
# name}}) is built once per recipient, and the send never checked that
# edition's digest: an article fixed after part of a list got the issue
# went to the rest in its new version, with no refusal, so the list got
# two versions.  Now the send refuses as it does for a shared edition
# (exit 65, naming --resend-changed), --resend-changed sends the rest,
# and a subscriber's name alone (the part that differs per recipient)
# is no change.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
sed -i 's/{{list.greeting}}/{{list.greeting}} {{subscriber.name}}/' \
	"$P/templates/issue.txt.mustache"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f 2>/dev/null | wc -l; }
CHANGED='east edition changed after it was first sent'

M send "$I" >"$TMP/send1.out" 2>&1; rc=$?
greeted() {
	python3 - "$P/outbox/new" <<'PY'
import email, email.policy, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    m = email.message_from_binary_file(open(os.path.join(d, f), 'rb'),
                                       policy=email.policy.default)
    t = m.get_body(('plain',)).get_content()
    print(m['To'].addresses[0].addr_spec, 'greeted' if m['To'].addresses[0].display_name in t else 'not')
PY
}
greeted >"$TMP/greet1"; sed 's/^/# /' "$TMP/greet1"
[ $rc = 0 ] && [ "$(files)" = 2 ] && [ "$(grep -c greeted "$TMP/greet1")" = 2 ]
ok $? "the first send sends 2 personal editions (exit $rc, $(files))"

# a subscriber renamed and one added: the names differ per recipient,
# and a new name is no edit of the issue
sed -i 's/^bob@example.org,Bob$/bob@example.org,Robert/' "$P/lists/east.csv"
echo 'carol@example.org,Carol' >>"$P/lists/east.csv"
M send "$I" >"$TMP/send2.out" 2>"$TMP/send2.err"; rc=$?
sed 's/^/# /' "$TMP/send2.out" "$TMP/send2.err"
[ $rc = 0 ] && [ "$(files)" = 3 ]
ok $? "a renamed subscriber is no change: carol gets hers (exit $rc, $(files))"

# then the article is fixed and dan added
echo 'dan@example.org,Dan' >>"$P/lists/east.csv"
echo '更正:日期有误。' >>"$I/01-a.md"
M send "$I" >"$TMP/send3.out" 2>"$TMP/send3.err"; rc=$?
sed 's/^/# /' "$TMP/send3.out" "$TMP/send3.err"
[ $rc = 65 ] && grep -q "$CHANGED" "$TMP/send3.err" &&
	grep -q -- '--resend-changed' "$TMP/send3.err" && [ "$(files)" = 3 ]
ok $? "the changed personal edition is refused (exit $rc, $(files) sent)"

M send "$I" --dry-run >"$TMP/dry.out" 2>"$TMP/dry.err"; rc=$?
[ $rc = 65 ] && grep -q "$CHANGED" "$TMP/dry.err"
ok $? "--dry-run refuses it too (exit $rc)"

M send "$I" --resend-changed >"$TMP/send4.out" 2>&1; rc=$?
sed 's/^/# /' "$TMP/send4.out"
greeted >"$TMP/greet4"
[ $rc = 0 ] && [ "$(files)" = 4 ] && grep -q 'dan@example.org greeted' "$TMP/greet4"
ok $? "--resend-changed sends dan his, greeted (exit $rc, $(files))"
exit $tap_failed
