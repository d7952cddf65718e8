#!/usr/bin/env bash
# The bounce mailbox's TLS, as cron sees it: a server that accepts the
# connection and then says nothing during the handshake (implicit TLS, or
# after its "OK" to STARTTLS) is a server that could not be reached, exit
# 69, with one line naming the wait; it exited 76 "TLS refused", which
# sends the operator to the certificates.  libetpan's own "GnuTLS error:
# ..." line no longer reaches stderr (cron mails it): its reason is in our
# line.  GnuTLS out of memory while its trust list is set up exits 71; it
# exited 76 without a word.  So does out of memory while libetpan copies
# the server's certificates for the check (it skips a certificate it
# cannot copy): it said "the server sent no certificate", exit 76.  A
# plain connection without a greeting said "connection lost" (the silence
# was measured from the first byte heard, and none was): now "timed out
# after 2 s (transport.timeout)"; one hung up before its greeting said
# "unparsable server response", exit 75: now "connection lost", 69.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-imaptls.XXXXXX); chmod 755 "$T"
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; srv_stop_all; rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 13
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
echo bounces@bounce.test | srv_add_users imap-s3cret
printf 'imap-s3cret\n' >"$T/imap.pw"; chmod 600 "$T/imap.pw"

# silent NAME MODE: a server on a free port that accepts and, in MODE
# implicit, says nothing; in MODE hangup, closes the connection; in MODE starttls, greets, offers STARTTLS,
# answers it "OK" and then says nothing; sets PORT
silent() {
	python3 -c '
import os, socket, sys, threading, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
def serve(c):
    f = c.makefile("rb")
    if sys.argv[2] == "implicit":
        return time.sleep(120)
    if sys.argv[2] == "hangup":
        return c.close()
    c.sendall(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n")
    for l in f:
        w = l.split() + [b"", b""]
        if w[1].upper() == b"STARTTLS":
            c.sendall(w[0] + b" OK begin TLS\r\n")
            return time.sleep(120)
        c.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + w[0] +
                  b" OK done\r\n")
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c = s.accept()[0]
    threading.Thread(target=serve, args=(c,), daemon=True).start()
' "$T/$1.port" "$2" &
	pids="$pids $!"
	wait_for 60 "the silent server $1 to listen" test -s "$T/$1.port"
	PORT=$(cat "$T/$1.port")
}
# bx NAME: mailer bounces of the project T/NAME; rc, its stderr shown
bx() {
	$MAILER --config "$T/$1/config.yaml" bounces >"$T/$1.out" 2>"$T/$1.err"
	rc=$?; sed 's/^/# /' "$T/$1.err"
}
# proj NAME URL: the sample project reading URL's mailbox, timeout 2 s
proj() {
	mk_project "$T/$1" "  timeout: 2" "imap:" "  url: $2" \
		"  username: bounces@bounce.test" "  password_file: $T/imap.pw" \
		"  ca_file: $SRV_CA"
}

silent im implicit
proj im "imaps://127.0.0.1:$PORT"
bx im
[ $rc -eq 69 ]; ok $? "implicit TLS, no handshake: exit 69 (got $rc)"
grep -q "^mailer: imaps://127.0.0.1:$PORT: connect: no reply to the TLS handshake within 2 s (transport.timeout)" "$T/im.err"
ok $? "...the line names the wait"
! grep -q "GnuTLS error" "$T/im.err"
ok $? "...libetpan's own GnuTLS line is not on stderr"

# no greeting on a plain connection: it was "connect: connection lost"
# (nothing heard yet, the silence not measured), as for a server that
# hangs up, which stays so
proj gr "imap://127.0.0.1:$PORT"
bx gr
[ $rc -eq 69 ] && grep -q "^mailer: imap://127.0.0.1:$PORT: connect: timed out after 2 s (transport.timeout)$" "$T/gr.err"
ok $? "no greeting: exit 69 (got $rc), the line names the wait"
silent hu hangup
proj hu "imap://127.0.0.1:$PORT"
bx hu
[ $rc -eq 69 ] && grep -q "^mailer: imap://127.0.0.1:$PORT: connect: connection lost$" "$T/hu.err"
ok $? "a server that hangs up at once: exit 69 (got $rc), \"connection lost\""

silent st starttls
proj st "imap://127.0.0.1:$PORT"
bx st
[ $rc -eq 69 ]; ok $? "STARTTLS, no handshake: exit 69 (got $rc)"
grep -q "^mailer: imap://127.0.0.1:$PORT: STARTTLS: no reply to the TLS handshake within 2 s (transport.timeout)" "$T/st.err" &&
	[ "$(wc -l <"$T/st.err")" = 1 ]
ok $? "...one line, naming the wait"

# implicit TLS to the STARTTLS port: the handshake fails for a reason
# GnuTLS gives, which is in our line, and stays 76
proj pl "imaps://127.0.0.1:$SRV_IMAP_PORT"
bx pl
[ $rc -eq 76 ]; ok $? "imaps:// to a plain IMAP port: exit 76 (got $rc)"
grep -q "^mailer: imaps://127.0.0.1:$SRV_IMAP_PORT: connect: TLS handshake failed: ." "$T/pl.err" &&
	[ "$(wc -l <"$T/pl.err")" = 1 ]
ok $? "...one line, with GnuTLS's reason"

# GnuTLS out of memory at the trust list's start (an LD_PRELOAD shim)
proj ok "imaps://127.0.0.1:$SRV_IMAPS_PORT"
if [ -n "${MAILER_SANITIZED:-}" ] || ! command -v cc >/dev/null; then
	echo "ok 10 # SKIP sanitizer build or no cc (the shim must come first)"
	echo "ok 11 # SKIP sanitizer build or no cc"
	echo "ok 12 # SKIP sanitizer build or no cc"
	echo "ok 13 # SKIP sanitizer build or no cc"
	tap_n=$((tap_n + 4))
else
	# only mailer's own call fails: libgnutls makes one for every handshake
	cat >"$T/shim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <gnutls/x509.h>
int gnutls_x509_trust_list_init(gnutls_x509_trust_list_t *l, unsigned n)
{
	int (*real)(gnutls_x509_trust_list_t *, unsigned) =
	    (int (*)(gnutls_x509_trust_list_t *, unsigned))dlsym(RTLD_NEXT,
	    "gnutls_x509_trust_list_init");
	Dl_info caller;

	if (dladdr(__builtin_return_address(0), &caller) &&
	    caller.dli_fname && strstr(caller.dli_fname, "libgnutls"))
		return real(l, n);
	return GNUTLS_E_MEMORY_ERROR;
}
C
	cc -shared -fPIC -o "$T/shim.so" "$T/shim.c" -ldl ||
		{ echo "Bail out! cc shim"; exit 1; }
	$MAILER --config "$T/ok/config.yaml" bounces >"$T/ok.out" 2>&1
	rc=$?; [ $rc -eq 0 ]; ok $? "the mailbox with memory: exit 0 (got $rc)"
	LD_PRELOAD=$T/shim.so $MAILER --config "$T/ok/config.yaml" bounces \
		>"$T/oom.out" 2>"$T/oom.err"
	rc=$?; sed 's/^/# /' "$T/oom.err"; cat "$T/oom.out"
	[ $rc -eq 71 ] && grep -q "out of memory" "$T/oom.err"
	ok $? "GnuTLS out of memory at the trust list: exit 71, said (got $rc)"
	# libetpan's copy of the chain: its gnutls_x509_crt_init fails
	cat >"$T/crtshim.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
#include <gnutls/x509.h>
int gnutls_x509_crt_init(gnutls_x509_crt_t *crt)
{
	int (*real)(gnutls_x509_crt_t *) = (int (*)(gnutls_x509_crt_t *))
	    dlsym(RTLD_NEXT, "gnutls_x509_crt_init");
	Dl_info caller;

	if (dladdr(__builtin_return_address(0), &caller) &&
	    caller.dli_fname && strstr(caller.dli_fname, "libetpan"))
		return GNUTLS_E_MEMORY_ERROR;
	return real(crt);
}
C
	cc -shared -fPIC -o "$T/crtshim.so" "$T/crtshim.c" -ldl ||
		{ echo "Bail out! cc crtshim"; exit 1; }
	LD_PRELOAD=$T/crtshim.so $MAILER --config "$T/ok/config.yaml" \
		bounces >"$T/crt.out" 2>"$T/crt.err"
	rc=$?; sed 's/^/# /' "$T/crt.err"
	[ $rc -eq 71 ]; ok $? "out of memory copying the chain: exit 71 (got $rc)"
	grep -q "out of memory" "$T/crt.err" &&
		! grep -q "sent no certificate" "$T/crt.err"
	ok $? "...said, not \"the server sent no certificate\""
fi
exit $tap_failed
