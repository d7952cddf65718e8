#!/usr/bin/env bash
# Secrets: the SMTP password given by password_env never shows in argv,
# output, the journal or a preview; password files readable by group or
# others are refused; the journal is created 0600.  TLS: a relay with an
# expired certificate is refused (exit 69) before any password goes out.
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 15
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
PW='Sup3r-s3cret-PW-4711'
PWB64=$(printf '\0user\0%s' "$PW" | base64)
pids=
tap_cleanup() { for p in $pids; do kill "$p"; done; }
# A CA, a valid server certificate and an expired one, for 127.0.0.1.
ca_tmpl() { printf 'cn = "%s"\nca\ncert_signing_key\nexpiration_days = 2\n' "$1"; }
{
	certtool --generate-privkey --key-type=ecdsa --outfile "$TMP/ca.key" &&
	certtool --generate-self-signed --load-privkey "$TMP/ca.key" \
		--template <(ca_tmpl test-ca) --outfile "$TMP/ca.pem" &&
	certtool --generate-privkey --key-type=ecdsa --outfile "$TMP/srv.key" &&
	for kind in good expired; do
		{ printf 'cn = 127.0.0.1\nip_address = 127.0.0.1\ntls_www_server\nsigning_key\n'
		  if [ $kind = expired ]; then
			printf 'activation_date = "2020-01-01 00:00:00"\nexpiration_date = "2020-02-01 00:00:00"\n'
		  else printf 'expiration_days = 2\n'; fi; } >"$TMP/$kind.tmpl"
		certtool --generate-certificate --load-privkey "$TMP/srv.key" \
			--load-ca-certificate "$TMP/ca.pem" --load-ca-privkey "$TMP/ca.key" \
			--template "$TMP/$kind.tmpl" --outfile "$TMP/$kind.pem" || exit 1
	done
} >"$TMP/certtool.log" 2>&1 || { echo "Bail out! certtool"; exit 1; }
fault() {	# fault NAME CERT: starts faultsrv with STARTTLS + AUTH; sets PORT
	python3 tests/faultsrv.py --port-file "$TMP/$1.port" --tls "$TMP/$2.pem:$TMP/srv.key" \
		--auth "user:$PW" --trace "$TMP/$1.trace" --log "$TMP/$1.log" &
	pids="$pids $!"
	wait_for 60 "faultsrv $1 to listen (its port file)" test -s "$TMP/$1.port"
	PORT=$(cat "$TMP/$1.port")
}
fault good good; GOOD=$PORT
fault expired expired; EXPIRED=$PORT
smtp_config() {	# smtp_config PORT: $P/smtp.yaml sending there with password_env
	sed "s#relays: \[maildir:outbox\]#relays: [\"smtp://127.0.0.1:$1\"]\n  ca_file: $TMP/ca.pem\n  username: user\n  password_env: MAILER_SMTP_PASSWORD\n  rate: 4#" \
		"$P/config.yaml" >"$P/smtp.yaml"
}

# a real send over STARTTLS + AUTH, watched from outside
smtp_config "$GOOD"
hostile_fresh_issue
MAILER_SMTP_PASSWORD=$PW "$MAILER" --config "$P/smtp.yaml" send "$I" --list aba \
	>"$TMP/send.out" 2>"$TMP/send.err" &
spid=$!
# mid-run: logged in, its messages (4 a second) still to come
wait_for 60 "the send to log in (AUTH in the relay's trace)" \
	grep -qs AUTH "$TMP/good.trace"
tr '\0' ' ' <"/proc/$spid/cmdline" >"$TMP/cmdline"
# every process but the test relay (which holds it in its own argv)
PW=$PW python3 -c '
import glob, os
for f in glob.glob("/proc/[0-9]*/cmdline"):
    try: a = open(f, "rb").read()
    except OSError: continue
    if os.environ["PW"].encode() in a and b"faultsrv" not in a: print(f, a)
' >"$TMP/argv-hits"
wait $spid; rc=$?
ok $rc "send over STARTTLS + AUTH with password_env exits 0 (got $rc)"
[ "$(cat "$TMP/cmdline")" = "$MAILER --config $P/smtp.yaml send $I --list aba " ] &&
	[ ! -s "$TMP/argv-hits" ]
ok $? "argv of the running send is the command line given; no process has the password in argv"
grep -c . "$TMP/good.log" | sed 's/^/# messages received: /'
[ "$(grep -c . "$TMP/good.log")" -ge 1 ] && grep -q AUTH "$TMP/good.trace"
ok $? "the relay saw AUTH and received the messages"
"$MAILER" --config "$P/smtp.yaml" preview "$I" --list aba --out "$TMP/prev" >"$TMP/prev.out" 2>&1
MAILER_SMTP_PASSWORD=$PW "$MAILER" --config "$P/smtp.yaml" status "$I" --json >"$TMP/status.out" 2>&1
sqlite3 "$P/state/mailer.db" .dump >"$TMP/dump.sql"
! grep -rqF -e "$PW" -e "$PWB64" "$TMP/send.out" "$TMP/send.err" "$TMP/dump.sql" \
	"$TMP/prev" "$TMP/prev.out" "$TMP/status.out" "$P/state" "$P/outbox"
ok $? "the password (plain or base64) is in no output, log, preview or journal"
[ "$(stat -c %a "$P/state/mailer.db")" = 600 ] &&
	[ "$(stat -c %a "$P/state/verp.key")" = 600 ]
ok $? "the journal and the VERP key are mode 0600"
st=$(stat -c %a "$P/state/mailer.db"-* 2>/dev/null | sort -u | tr '\n' ' ')
[ -z "$st" ] || [ "$st" = "600 " ]; ok $? "journal side files (wal/shm), if any, are 0600 ($st)"

# password files readable by group or others
sed 's/password_env: MAILER_SMTP_PASSWORD/password_file: smtp.pw/' "$P/smtp.yaml" >"$P/pwfile.yaml"
printf '%s\n' "$PW" >"$P/smtp.pw"; chmod 640 "$P/smtp.pw"
hostile_fresh_issue
hostile "group-readable SMTP password file" 78 'smtp.pw is readable by group or others \(mode 640\)' -- --config "$P/pwfile.yaml" send "$I"
chmod 604 "$P/smtp.pw"
hostile "world-readable SMTP password file" 78 'smtp.pw is readable by group or others \(mode 604\)' -- --config "$P/pwfile.yaml" send "$I"
rm -rf "$I"
# expired certificate: refused before AUTH, exit 76, nothing marked sent
smtp_config "$EXPIRED"
hostile_fresh_issue; mv "$I" "$P/issues/2021-03"; I=$P/issues/2021-03
MAILER_SMTP_PASSWORD=$PW "$MAILER" --config "$P/smtp.yaml" send "$I" --list aba \
	>"$TMP/exp.out" 2>"$TMP/exp.err"; rc=$?
[ $rc = 76 ]; ok $? "expired server certificate: exit 76, TLS refused (got $rc)"
grep -qiE 'certificate|expired' "$TMP/exp.err"; ok $? "expired server certificate: the message says so"
sed 's/^/#   /' "$TMP/exp.err" | head -3
! grep -q AUTH "$TMP/expired.trace" && [ ! -s "$TMP/expired.log" ]
ok $? "expired server certificate: no AUTH, no message"
hostile_tried=$((hostile_tried + 1))
[ $rc = 76 ] && hostile_refused=$((hostile_refused + 1))
hostile_record
exit $tap_failed
