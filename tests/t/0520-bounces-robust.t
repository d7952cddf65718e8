#!/usr/bin/env bash
# mailer bounces when things go wrong: a run killed after committing some
# messages (gdb stops it where it records a message and SIGKILLs it) and rerun ends with
# the same ledger as an uninterrupted run; a re-delivered bounce (new UID,
# same Message-ID) is not counted again; an untrusted certificate, a
# server without STARTTLS and LOGINDISABLED are refused before LOGIN;
# STARTTLS works; unreachable, busy and unconfigured give their exit codes.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-robust.XXXXXX); chmod 755 "$T"
FAKE_PID=
trap '[ -n "$FAKE_PID" ] && kill "$FAKE_PID" 2>/dev/null; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 23
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ project_addresses .; echo sender@example.org; echo bounces@bounce.test
  echo copy@bounce.test; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
printf 's3cret-sender\n' >"$T/imap.pw"; chmod 600 "$T/imap.pw"

P=$T/proj
mk_project "$P"
for i in 1 2 3 4 5 6; do
	printf 'ghost%s@members.test,幽灵%s,\n' $i $i >>"$P/lists/$(ls "$P/lists" | grep csv | sed -n ${i}p)"
done
# cfg NAME URL [LINES...]: config-NAME.yaml = config.yaml + an imap: section
cfg() {
	local name=$1 url=$2; shift 2
	{ cat "$P/config.yaml"; echo "imap:"; echo "  url: $url"
	  echo "  password_file: $T/imap.pw"
	  for l in "$@"; do echo "  $l"; done; } >"$P/config-$name.yaml"
}
IMAPS=imaps://127.0.0.1:$SRV_IMAPS_PORT
cfg main "$IMAPS" "username: bounces@bounce.test" "ca_file: $SRV_CA"
M="$MAILER --config $P/config-main.yaml"
BOX=$(srv_maildir bounces@bounce.test)
COPY=$(srv_maildir copy@bounce.test)

$M send "$P/issues/2021-01" >"$T/out" 2>&1
ok $? "send 2021-01 (6 to unknown users)"
dsns_at_least() { [ "$(srv_maildir_count bounces@bounce.test)" -ge "$1" ]; }
wait_for 120 "6 DSNs in the bounce mailbox" dsns_at_least 6
srv_wait_queue_empty 120 && [ "$(srv_maildir_count bounces@bounce.test)" = 6 ]
ok $? "6 DSNs arrived"

# A second project with the same state and a copy of the same mailbox.
Q=$T/copy
mkdir -p "$Q"; cp -r "$P/state" "$P/lists" "$P/config.yaml" "$Q/"
cp "$BOX"/new/* "$COPY/new/"; chown -R vmail:vmail "$COPY"
{ cat "$Q/config.yaml"; echo "imap:"; echo "  url: $IMAPS"
  echo "  username: copy@bounce.test"; echo "  password_file: $T/imap.pw"
  echo "  ca_file: $SRV_CA"; } >"$Q/config-main.yaml"

ledger() {	# the journal's events and suppressions, without times
	sqlite3 "$1/state/mailer.db" "SELECT kind, class, status, issue, list, email FROM events ORDER BY email, list;
		SELECT list, email, reason FROM suppressions ORDER BY list, email;"
}

# kill_at_move N OUT: runs `mailer bounces` under gdb and SIGKILLs it when
# it is about to record its Nth message (the messages before it
# committed, and still in INBOX: the moves go together, after): what a
# crash there leaves behind.
kill_at_move() {
	gdb -q -batch -nx -iex 'set debuginfod enabled off' -iex 'set auto-solib-add off' \
		-ex 'set pagination off' -ex 'break bounces_record' \
		-ex "ignore 1 $(($1 - 1))" -ex run -ex kill \
		--args $M bounces >"$2" 2>&1
}
committed() { sqlite3 "$P/state/mailer.db" "SELECT count(*) FROM events"; }
t0=$(date +%s.%N)
kill_at_move 3 "$T/k1"
grep -q 'Breakpoint 1, bounces_record' "$T/k1" && grep -q 'Inferior 1 .* killed' "$T/k1" &&
	! grep -q '^bounces:' "$T/k1"
ok $? "killed as it recorded its 3rd message, nothing printed"
n1=$(find "$BOX/.Processed/new" "$BOX/.Processed/cur" -type f 2>/dev/null | wc -l)
[ "$n1" = 0 ] && [ "$(committed)" = 2 ]
ok $? "two messages committed, not moved ($n1 moved, $(committed) committed)"
kill_at_move 4 "$T/k2"
grep -q 'Inferior 1 .* killed' "$T/k2" && [ "$(committed)" = 3 ]
ok $? "killed again after 1 more commit ($(committed) committed)"
$M bounces >"$T/k3" 2>&1
rc=$?; ok $rc "the rerun completes (rc $rc)"; sed 's/^/# /' "$T/k3"
grep -qx "bounces: 3 messages: 3 bounces (3 hard, 0 soft), 0 delays, 0 autoreplies, 0 complaints, 0 unsubscribes, 0 other; 3 suppressions" "$T/k3"
ok $? "the rerun counts only the 3 messages never committed"
t1=$(date +%s.%N)
$MAILER --config "$Q/config-main.yaml" bounces >"$T/c1" 2>&1
rc=$?; ok $rc "the uninterrupted run on the copy (rc $rc)"; sed 's/^/# /' "$T/c1"
ledger "$P" >"$T/ledger.p"; ledger "$Q" >"$T/ledger.q"
[ "$(grep -c . "$T/ledger.p")" = 12 ] && diff -u "$T/ledger.q" "$T/ledger.p" >"$T/ledger.diff"
ok $? "same ledger: 6 hard bounces, 6 suppressions in both"
sed 's/^/# /' "$T/ledger.diff"
[ "$(find "$BOX/.Processed" -type f -path '*/new/*' -o -type f -path '*/cur/*' | wc -l)" = 6 ] &&
	[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "all 6 in .Processed, INBOX empty"
echo "# interrupted runs + rerun: $(awk "BEGIN{print $t1 - $t0}") s"

# The same bounce delivered again: new UID, same Message-ID.
f=$(find "$COPY/.Processed/new" "$COPY/.Processed/cur" -type f | head -1)
cp "$f" "$COPY/new/redelivered.$$.eml" && chown vmail:vmail "$COPY/new/redelivered.$$.eml" &&
	[ "$(srv_maildir_count copy@bounce.test)" = 1 ]; pre=$?
$MAILER --config "$Q/config-main.yaml" bounces >"$T/c2" 2>&1
rc=$?; [ $pre = 0 ] && [ $rc = 0 ] && [ ! -s "$T/c2" ] && [ "$(srv_maildir_count copy@bounce.test)" = 0 ] &&
	[ "$(find "$COPY/.Processed" -type f -path '*/new/*' -o -type f -path '*/cur/*' | wc -l)" = 7 ] &&
	ledger "$Q" | diff -q - "$T/ledger.q" >/dev/null
ok $? "a re-delivered bounce is moved, not counted (rc $rc)"

# A server without MOVE (RFC 6851): UID COPY + \Deleted + UID EXPUNGE.
srv_dovecot_caps copy@bounce.test s3cret-sender IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE UIDPLUS
srv__caps_now copy@bounce.test s3cret-sender >"$T/cap"
cp "$f" "$COPY/new/again.$$.eml" && chown vmail:vmail "$COPY/new/again.$$.eml"
$MAILER --config "$Q/config-main.yaml" bounces >"$T/c3" 2>&1
rc=$?; grep -qx UIDPLUS "$T/cap" && ! grep -qx MOVE "$T/cap" && [ $rc = 0 ] && [ "$(srv_maildir_count copy@bounce.test)" = 0 ] &&
	[ "$(find "$COPY/.Processed" -type f -path '*/new/*' -o -type f -path '*/cur/*' | wc -l)" = 8 ]
ok $? "without MOVE the message is copied, expunged from INBOX (rc $rc)"
sed 's/^/# /' "$T/c3"; echo "# CAPABILITY" $(cat "$T/cap")

# Untrusted certificate: refused before LOGIN (the user name never reaches Dovecot).
certtool --generate-privkey --outfile "$T/other.key" >/dev/null 2>&1
printf 'cn = "other CA"\nca\ncert_signing_key\nexpiration_days = 2\n' >"$T/other.tmpl"
certtool --generate-self-signed --load-privkey "$T/other.key" --template "$T/other.tmpl" \
	--outfile "$T/other-ca.pem" >/dev/null 2>&1
cfg untrusted "$IMAPS" "username: canary1@bounce.test" "ca_file: $T/other-ca.pem"
$MAILER --config "$P/config-untrusted.yaml" bounces >"$T/u" 2>&1
rc=$?; sed 's/^/# /' "$T/u"
[ $rc = 76 ] && grep -q "untrusted server certificate" "$T/u"
ok $? "a CA that did not sign Dovecot's certificate: refused, exit 76 (got $rc)"
cfg wronguser "$IMAPS" "username: canary2@bounce.test" "ca_file: $SRV_CA"
$MAILER --config "$P/config-wronguser.yaml" bounces >"$T/w" 2>&1
rc=$?
wait_for 60 "Dovecot to log canary2's refused login" grep -q canary2 "$SRV_DIR/dovecot.log"
[ $rc = 77 ] && grep -q canary2 "$SRV_DIR/dovecot.log" && ! grep -q canary1 "$SRV_DIR/dovecot.log"
ok $? "Dovecot saw the refused login (exit $rc) but never the untrusted run's user"
cfg noverify "$IMAPS" "username: bounces@bounce.test" "ca_file: $T/other-ca.pem" "tls_verify: false"
$MAILER --config "$P/config-noverify.yaml" bounces >"$T/nv" 2>&1
rc=$?; [ $rc = 0 ] && grep -q "not checked (imap.tls_verify: false)" "$T/nv"
ok $? "tls_verify: false connects and warns (rc $rc)"

# STARTTLS.
cfg starttls "imap://127.0.0.1:$SRV_IMAP_PORT" "username: bounces@bounce.test" "ca_file: $SRV_CA"
$MAILER --config "$P/config-starttls.yaml" bounces -v >"$T/s" 2>&1
rc=$?; [ $rc = 0 ] && grep -q "^bounces: 0 messages" "$T/s"
ok $? "imap:// with STARTTLS (required) logs in (rc $rc)"; sed 's/^/# /' "$T/s"
cfg starttls2 "imap://$SRV_IMAP_INSECURE_HOST:$SRV_IMAP_INSECURE_PORT" "username: bounces@bounce.test" "ca_file: $SRV_CA"
$MAILER --config "$P/config-starttls2.yaml" bounces >"$T/s2" 2>&1
rc=$?; ok $rc "STARTTLS on $SRV_IMAP_INSECURE_HOST (certificate for the IP) works (rc $rc)"
cfg none "imap://$SRV_IMAP_INSECURE_HOST:$SRV_IMAP_INSECURE_PORT" "username: bounces@bounce.test" "tls: none"
$MAILER --config "$P/config-none.yaml" bounces >"$T/n" 2>&1
rc=$?; [ $rc = 76 ] && grep -q LOGINDISABLED "$T/n"
ok $? "tls: none where Dovecot disables plaintext LOGIN: refused, exit 76 (got $rc)"

# A server that offers no STARTTLS.
python3 tests/imapnostls.py "$T/fake.port" "$T/fake.log" & FAKE_PID=$!
wait_for 60 "the no-STARTTLS IMAP server to listen (its port file)" test -s "$T/fake.port"
cfg fake "imap://127.0.0.1:$(cat "$T/fake.port")" "username: bounces@bounce.test" "tls: opportunistic"
$MAILER --config "$P/config-fake.yaml" bounces >"$T/f" 2>&1
rc=$?; sed 's/^/# /' "$T/f"
[ $rc = 76 ] && grep -q "offers no STARTTLS" "$T/f" && ! grep -qi login "$T/fake.log"
ok $? "no STARTTLS offered: no LOGIN sent, exit 76 (got $rc)"

# Unreachable, busy, unconfigured.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cfg down "imaps://127.0.0.1:$port" "username: bounces@bounce.test" "ca_file: $SRV_CA"
$MAILER --config "$P/config-down.yaml" bounces >"$T/d" 2>&1
rc=$?; [ $rc = 69 ]; ok $? "server unreachable: exit 69 (got $rc)"
# the test holds the lock itself (fd 9) for exactly as long as needed
exec 9>>"$P/state/mailer.db.lock"
flock -n 9 || echo "# could not take the state lock for the test"
$M bounces >"$T/l" 2>&1 9>&-
rc=$?
flock -u 9; exec 9>&-
[ $rc = 75 ] && grep -q "holds" "$T/l"; ok $? "state lock held: exit 75 (got $rc)"
$MAILER --config "$P/config.yaml" bounces >"$T/nc" 2>&1
rc=$?; [ $rc = 78 ] && grep -q "no imap: section" "$T/nc"; ok $? "no imap: section: exit 78 (got $rc)"
cfg badurl "pop3://127.0.0.1:1" "username: bounces@bounce.test"
$MAILER --config "$P/config-badurl.yaml" bounces >"$T/bu" 2>&1
rc=$?; [ $rc = 78 ]; ok $? "bad imap.url: exit 78 (got $rc)"
exit $tap_failed
