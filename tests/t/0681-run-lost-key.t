#!/usr/bin/env bash
# The token key (secret_file) lost after months of sending: the state
# folder restored from a backup without it, or secret_file moved in the
# config.  The next run made a new key with a one-line warning and sent,
# exit 0; from then on every unsubscribe link and every bounce of the
# messages already sent failed the HMAC check (bounces counted as
# "other", nobody suppressed).  A missing key is now made only while the
# journal holds no sent message; otherwise run refuses, exit 78, and
# says to restore the file or how to make a new one on purpose.
# Maildir transport: no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_tiny_project "$P"
echo 'send_at: 2026-01-05T08:00:00Z' >>"$I/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
files() { find "$P/outbox/new" -type f | wc -l; }

M run >"$TMP/run1.out" 2>"$TMP/run1.err"; rc=$?
[ $rc = 0 ] && [ "$(files)" = 2 ] && grep -q 'created a new token key' "$TMP/run1.err"
ok $? "a first run makes the key and sends (exit $rc)"
mv "$P/state/verp.key" "$TMP/verp.key.bak"
cp -r "$I" "$P/issues/2030-02"
sed -i 's/^send_at:.*/send_at: 2026-01-12T08:00:00Z/; s/^number: 1/number: 2/' \
	"$P/issues/2030-02/issue.yaml"
M run >"$TMP/run2.out" 2>"$TMP/run2.err"; rc=$?
sed 's/^/# /' "$TMP/run2.out" "$TMP/run2.err"
[ $rc = 78 ] && [ "$(files)" = 2 ] && [ ! -e "$P/state/verp.key" ]
ok $? "the key lost after a send: no new key, nothing sent, exit 78 (got $rc)"
grep -q "verp.key: missing, but .*mailer.db holds messages sent under it" "$TMP/run2.err" &&
	grep -q 'restore the file' "$TMP/run2.err" &&
	grep -q 'head -c 32 /dev/urandom' "$TMP/run2.err"
ok $? "it says why, to restore the file, and how to make a new key on purpose"
mv "$TMP/verp.key.bak" "$P/state/verp.key"
M run >"$TMP/run3.out" 2>"$TMP/run3.err"; rc=$?
[ $rc = 0 ] && [ "$(files)" = 4 ] && grep -q '^2030-02: sent 2,' "$TMP/run3.out"
ok $? "the key restored: the next run sends the new issue (exit $rc)"
# a new key made on purpose, as the message says
rm "$P/state/verp.key"
(umask 077; head -c 32 /dev/urandom >"$P/state/verp.key")
cp -r "$I" "$P/issues/2030-03"
sed -i 's/^send_at:.*/send_at: 2026-01-19T08:00:00Z/; s/^number: 1/number: 3/' \
	"$P/issues/2030-03/issue.yaml"
M run >"$TMP/run4.out" 2>"$TMP/run4.err"; rc=$?
[ $rc = 0 ] && [ "$(files)" = 6 ]
ok $? "a key made on purpose is used (exit $rc)"
