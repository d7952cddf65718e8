#!/usr/bin/env bash
# Send failures, through a real Postfix and tests/faultsrv.py: 4xx replies
# leave recipients deferred (exit 75) and a rerun delivers them; 5xx ones
# fail once, are not retried, and a 5.1.1 suppresses the address for the
# next issue while a 5.7.1 policy reject does not; a connection dropped in
# DATA is never marked sent; a wrong password (77), an untrusted
# certificate (76) and a server that is down (69) leave every recipient
# pending; a second concurrent send is refused (75) naming the holder.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-faults.XXXXXX); chmod 755 "$T"
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 32
P=$T/proj
mkdir -p "$P/lists"
mk_big_list "$P" 12 members.test flt
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
{ list_addresses "$P" flt; echo sender@example.org; } | srv_add_users s3cret-sender
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
mk_project "$P"
# a second issue, for suppression across issues
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
sed -i 's/^number: 1$/number: 2/' "$P/issues/2021-02/issue.yaml"
M="$MAILER --config $P/config.yaml"
DB=$P/state/mailer.db
q() { sqlite3 "$DB" "$1"; }
a() { printf 'flt.%05d@members.test' "$1"; }

srv_postfix_reply "$(a 2)" "451 4.3.0 try again later" \
	"$(a 3)" "450 4.2.0 mailbox busy" "$(a 4)" "452 4.2.2 over quota" \
	"$(a 5)" "550 5.1.1 no such user" "$(a 6)" "550 5.7.1 policy reject" ||
	{ echo "Bail out! srv_postfix_reply"; exit 1; }

# --- 4xx and 5xx at RCPT
$M send "$P/issues/2021-01" --list flt >"$T/f1.out" 2>"$T/f1.err"
rc=$?; ok $([ $rc -eq 75 ]; echo $?) "4xx for some: exit 75 (got $rc)"
sed 's/^/# /' "$T/f1.out"
st() { q "select state || '|' || coalesce(last_reply, '') from recipients where issue='${2:-2021-01}' and email='$(a "$1")'"; }
case $(st 2) in "deferred|451 4.3.0 "*"try again later"*) r=0 ;; *) r=1 ;; esac
ok $r "451: deferred with the server's reply ($(st 2))"
case $(st 3) in "deferred|450 4.2.0 "*"mailbox busy"*) r=0 ;; *) r=1 ;; esac
ok $r "450: deferred with the server's reply"
case $(st 4) in "deferred|452 4.2.2 "*"over quota"*) r=0 ;; *) r=1 ;; esac
ok $r "452: deferred with the server's reply"
case $(st 5) in "failed|550 5.1.1 "*"no such user"*) r=0 ;; *) r=1 ;; esac
ok $r "550 5.1.1: failed with the server's reply ($(st 5))"
case $(st 6) in "failed|550 5.7.1 "*"policy reject"*) r=0 ;; *) r=1 ;; esac
ok $r "550 5.7.1: failed with the server's reply"
[ "$(q "select count(*) from recipients where state='sent'")" = 7 ]
ok $? "the other 7 are sent"
n=$(grep -c "reject: RCPT.*from=<bounces+[a-z2-7]*@bounce.test> to=<$(a 2)>" "$SRV_POSTFIX_LOG")
[ "$n" -eq 3 ]; ok $? "a 4xx is tried 3 times within the run (got $n)"
next=$(q "select next_attempt - strftime('%s','now') from recipients where email='$(a 2)'")
[ "$next" -gt 60 ]; ok $? "deferred: next_attempt set in the future (+${next}s)"
grep -q "$(a 2): deferred: 451" "$T/f1.err"; ok $? "the log names the deferred address and reply"

srv_postfix_reply_clear "$(a 2)" "$(a 3)" "$(a 4)" || { echo "Bail out! clear"; exit 1; }
$M send "$P/issues/2021-01" --list flt >"$T/f2.out" 2>"$T/f2.err"
rc=$?; ok $rc "rules cleared: rerun exits 0 (got $rc)"
sed 's/^/# /' "$T/f2.out"
grep -q "sent 3, deferred 0, failed 0" "$T/f2.out"; ok $? "the rerun sends the 3 deferred ones"
srv_wait_queue_empty 120
r=0; for i in 2 3 4; do [ "$(srv_maildir_count "$(a $i)")" = 1 ] || r=1; done
ok $r "the deferred ones are delivered"
[ "$(st 5 | cut -d'|' -f1)$(st 6 | cut -d'|' -f1)" = failedfailed ]
ok $? "the 550 ones stay failed"
n=$(grep -c "reject: RCPT.*from=<bounces+[a-z2-7]*@bounce.test> to=<$(a 5)>" "$SRV_POSTFIX_LOG")
n2=$(grep -c "reject: RCPT.*from=<bounces+[a-z2-7]*@bounce.test> to=<$(a 6)>" "$SRV_POSTFIX_LOG")
[ "$n" -eq 1 ] && [ "$n2" -eq 1 ]; ok $? "550s are not retried (Postfix saw RCPT $n and $n2 times)"

# --- 5.1.1 suppresses for the next issue, 5.7.1 does not
$M send "$P/issues/2021-02" --list flt >"$T/f3.out" 2>"$T/f3.err"
rc=$?; sed 's/^/# /' "$T/f3.out"
[ "$(q "select count(*) from suppressions where email='$(a 5)'")" = 1 ]
ok $? "550 5.1.1 put the address in suppressions"
[ "$(st 5 2021-02 | cut -d'|' -f1)" = suppressed ]
ok $? "issue 2021-02 skips it (journal: suppressed)"
n=$(grep -c "reject: RCPT.*from=<bounces+[a-z2-7]*@bounce.test> to=<$(a 5)>" "$SRV_POSTFIX_LOG")
[ "$n" -eq 1 ]; ok $? "...and never offers it to Postfix again"
[ "$(q "select count(*) from suppressions where email='$(a 6)'")" = 0 ] &&
[ "$(st 6 2021-02 | cut -d'|' -f1)" = failed ]
ok $? "550 5.7.1 does not suppress: tried again for 2021-02 ($(st 6 2021-02))"

# --- connection dropped in the middle of DATA (faultsrv as the relay)
# fault NAME ARGS...: starts faultsrv; sets PORT.
fault() {
	local name=$1 i=0; shift
	python3 tests/faultsrv.py --port-file "$T/$name.port" "$@" &
	pids="$pids $!"
	wait_for 60 "faultsrv $name to listen (its port file)" test -s "$T/$name.port"
	PORT=$(cat "$T/$name.port")
}
# proj NAME RELAY [yaml lines]: a project copy with its own state
proj() {
	local d=$T/$1 relay=$2; shift 2
	mkdir -p "$d"; cp -r "$P/issues" "$P/lists" "$P/templates" "$d/"
	mkdir -p "$d/state"
	sed -e "s|\"smtp://127.0.0.1:$SRV_SMTP_PORT\"|\"$relay\"|" "$P/config.yaml" >"$d/config.yaml"
	cp "$P/smtp.pw" "$d/"
	for l in "$@"; do printf '%s\n' "$l" >>"$d/config.yaml"; done
}
fault drop --drop-rcpt "$(a 3)" --log "$T/drop.log"
proj pd "smtp://127.0.0.1:$PORT" "  tls: none"
sed -i '/username:\|password_file:/d' "$T/pd/config.yaml"
$MAILER --config "$T/pd/config.yaml" send "$T/pd/issues/2021-01" --list flt >"$T/d1.out" 2>"$T/d1.err"
rc=$?; sed 's/^/# /' "$T/d1.out"
ds() { sqlite3 "$T/pd/state/mailer.db" "select state from recipients where email='$(a 3)'"; }
[ $rc -eq 75 ] && [ "$(ds)" = deferred ]; ok $? "dropped in DATA: deferred, not sent (rc $rc, $(ds))"
! grep -q "$(a 3)" "$T/drop.log"; ok $? "...and faultsrv never accepted it"
fault drop2 --log "$T/drop.log"
sed -i "s|smtp://127.0.0.1:[0-9]*|smtp://127.0.0.1:$PORT|" "$T/pd/config.yaml"
$MAILER --config "$T/pd/config.yaml" send "$T/pd/issues/2021-01" --list flt >"$T/d2.out" 2>"$T/d2.err"
rc=$?
[ $rc -eq 0 ] && [ "$(ds)" = sent ] && [ "$(grep -c "$(a 3)" "$T/drop.log")" = 1 ]
ok $? "rerun delivers it once (rc $rc, $(ds))"

# --- wrong password, untrusted certificate, server down
pending_only() { [ "$(sqlite3 "$1/state/mailer.db" "select count(*) from recipients where state <> 'pending'")" = 0 ]; }
proj pw "smtp://127.0.0.1:$SRV_SMTP_PORT"
printf 'not-the-password\n' >"$T/pw/smtp.pw"
$MAILER --config "$T/pw/config.yaml" send "$T/pw/issues/2021-01" --list flt >"$T/pw.out" 2>"$T/pw.err"
rc=$?; sed 's/^/# /' "$T/pw.err"
[ $rc -eq 77 ]; ok $? "wrong password: exit 77, login refused, as for IMAP (got $rc)"
grep -q "smtp://127.0.0.1:$SRV_SMTP_PORT: authentication as sender@example.org refused" "$T/pw.err"
ok $? "wrong password: the message names the relay and the user"
pending_only "$T/pw"; ok $? "wrong password: nothing marked, all pending"

certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$T/other.key" >/dev/null 2>&1
printf 'cn = "other CA"\nca\ncert_signing_key\nexpiration_days = 2\n' >"$T/other.tmpl"
certtool --generate-self-signed --load-privkey "$T/other.key" --template "$T/other.tmpl" \
	--outfile "$T/other.pem" >/dev/null 2>&1
proj ca "smtp://127.0.0.1:$SRV_SMTP_PORT"
sed -i "s|ca_file: .*|ca_file: $T/other.pem|" "$T/ca/config.yaml"
$MAILER --config "$T/ca/config.yaml" send "$T/ca/issues/2021-01" --list flt >"$T/ca.out" 2>"$T/ca.err"
rc=$?; sed 's/^/# /' "$T/ca.err"
[ $rc -eq 76 ] && grep -q "certificate is not trusted" "$T/ca.err"
ok $? "untrusted certificate: exit 76, TLS refused, as for IMAP (got $rc) with a certificate message"
pending_only "$T/ca"; ok $? "untrusted certificate: all pending"

DOWN=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
proj dn "smtp://127.0.0.1:$DOWN"
$MAILER --config "$T/dn/config.yaml" send "$T/dn/issues/2021-01" --list flt >"$T/dn.out" 2>"$T/dn.err"
rc=$?; sed 's/^/# /' "$T/dn.err"
[ $rc -eq 69 ] && grep -q "127.0.0.1:$DOWN" "$T/dn.err"; ok $? "server down: exit 69 (got $rc), the relay named"
pending_only "$T/dn"; ok $? "server down: all pending"

# --- two sends at once: a relay that accepts and never greets holds the first
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(120)' "$T/hole.port" &
pids="$pids $!"
wait_for 60 "the silent relay to listen (its port file)" test -s "$T/hole.port"
proj lk "smtp://127.0.0.1:$(cat "$T/hole.port")" "  tls: none" "  timeout: 30"
sed -i '/username:\|password_file:/d' "$T/lk/config.yaml"
$MAILER --config "$T/lk/config.yaml" send "$T/lk/issues/2021-01" --list flt >"$T/lk1.out" 2>"$T/lk1.err" &
holder=$!
wait_for 60 "the first send to hold the state lock" \
	grep -qs "$holder" "$T/lk/state/mailer.db.lock"
$MAILER --config "$T/lk/config.yaml" send "$T/lk/issues/2021-01" --list flt >"$T/lk2.out" 2>"$T/lk2.err"
rc=$?; sed 's/^/# /' "$T/lk2.err"
[ $rc -eq 75 ] && grep -q "pid $holder" "$T/lk2.err"; ok $? "second send: exit 75 (got $rc) naming the holder's pid"
kill -TERM $holder; wait $holder
rc=$?; ok $([ $rc -eq 75 ]; echo $?) "the holder, stopped by SIGTERM mid-greeting, exits 75 (got $rc)"

cat "$T"/*.out "$T"/*.err >"$T/all.log"
! grep -qE "s3cret-sender|not-the-password|bounces\+" "$T/all.log"
ok $? "no password or VERP token in any output"
exit $tap_failed
