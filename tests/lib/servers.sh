# shellcheck shell=bash
# tests/lib/servers.sh - real Postfix + Dovecot on loopback for tests (no systemd).
#
# Source this file from a bash test, then:
#   srv_init DIR                   - make DIR (per-test temp dir), test CA + server cert (DIR/ca.pem), EXIT trap -> srv_stop_all
#   srv_dovecot_start              - start Dovecot (-c DIR/dovecot/dovecot.conf): IMAPS, IMAP+STARTTLS, insecure IMAP on 127.0.0.2, SASL socket
#   srv_postfix_start              - start Postfix (-c DIR/postfix): STARTTLS+AUTH smtpd, plain smtpd, virtual Maildirs under DIR/mail
#   srv_add_user USER@DOMAIN PW    - add a mailbox + login (Dovecot passwd-file, Postfix virtual map; live, no restart needed)
#   srv_postfix_reply ADDR "CODE TEXT" [ADDR "CODE TEXT"...] - make Postfix answer "CODE TEXT" at RCPT for ADDR (live within ~1 s; one reload for all)
#   srv_postfix_reply_clear ADDR...   - remove the srv_postfix_reply rule for each ADDR
#   srv_postfix_reload             - postfix reload, returns once the master has acted on it
#   srv_wait_queue_empty [SECS]    - wait (default 120 s) until `postqueue -p` says the queue is empty; 1 on timeout
#   srv_maildir_count USER@DOMAIN  - print the number of messages in the user's Maildir (new/ + cur/)
#   srv_maildir USER@DOMAIN        - print the user's Maildir path (DIR/mail/<domain>/<user>)
#   srv_maildir_counts <addresses  - print "COUNT USER@DOMAIN" for each address on stdin (one find for all)
#   srv_maildir_files <addresses   - print the path of every message of the addresses on stdin
#   srv_dovecot_caps USER@DOMAIN PW CAPS... - Dovecot offers exactly CAPS after LOGIN (imap_capability:
#                                    a server without MOVE, UIDPLUS...); returns once a new session of USER does
#   srv_postfix_stop / srv_dovecot_stop - stop one server (by pid, waits until its processes are gone)
#   srv_stop_all                   - stop everything started (by pid), remove DIR unless SRV_KEEP=1 or DIR was not ours
#   srv_have_servers               - true if postfix and dovecot binaries are installed (for `1..0 # SKIP`)
#
# Exported after srv_init:       SRV_DIR SRV_CA (DIR/ca.pem) SRV_CERT SRV_KEY SRV_HOST (127.0.0.1)
# Exported after dovecot start:  SRV_IMAP_PORT (STARTTLS) SRV_IMAPS_PORT SRV_IMAP_INSECURE_HOST (127.0.0.2)
#                                SRV_IMAP_INSECURE_PORT (no plaintext login without TLS) SRV_SASL_SOCKET SRV_DOVECOT_PID
# Exported after postfix start:  SRV_SMTP_PORT (STARTTLS, AUTH after TLS) SRV_SMTP_PLAIN_PORT (no STARTTLS, no AUTH)
#                                SRV_POSTFIX_PID SRV_POSTFIX_LOG SRV_MAIL_DIR
# Domains: example.org members.test bounce.test (recipient_delimiter "+": bounces+X@bounce.test -> bounces@bounce.test).
# Unknown users of those domains are accepted at RCPT and bounced with an RFC 3464 DSN (5.1.1).
# Mail to any other domain is bounced at once by the error transport (nothing leaves the machine).
# Set SRV_KEEP=1 to keep DIR (logs: DIR/postfix.log, DIR/dovecot.log) after exit.

SRV_DOMAINS="example.org members.test bounce.test"
SRV_HOST=127.0.0.1
SRV_IMAP_INSECURE_HOST=127.0.0.2
export SRV_HOST SRV_IMAP_INSECURE_HOST

srv__err() { echo "servers.sh: $*" >&2; }
# wait_for: every wait here is for an event, with a generous deadline.
. "$(dirname "${BASH_SOURCE[0]}")/wait.sh"

srv_have_servers() {
    command -v postfix >/dev/null 2>&1 || [ -x /usr/sbin/postfix ] || return 1
    command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || return 1
    command -v postmap >/dev/null 2>&1 || [ -x /usr/sbin/postmap ] || return 1
    return 0
}

# Backdate a file (NOTES: files in Postfix's config dir changed within the last second stall Postfix 1.5-2.5 s).
srv__backdate() { touch -d "@$(( $(date +%s) - 10 ))" "$@"; }

# Print N free TCP ports on address $1 (bound at once, so distinct).
srv__free_ports() {
    python3 - "$1" "$2" <<'EOF'
import socket, sys
addr, n = sys.argv[1], int(sys.argv[2])
socks = []
for _ in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((addr, 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# Wait until something listens on $1:$2 (deadline $3 seconds, default 60).
srv__listens() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
srv__wait_port() {
    wait_for "${3:-60}" "a server listening on $1:$2" srv__listens "$1" "$2" && return 0
    srv__err "nothing listens on $1:$2"
    return 1
}

# Is pid $1 alive (and not a zombie)?
srv__alive() {
    [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
    local st
    st=$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null) || true
    [ "$st" != Z ]
}

srv__vmail_ids() {
    if ! getent passwd vmail >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin vmail >/dev/null 2>&1 ||
            getent passwd vmail >/dev/null 2>&1 || { srv__err "cannot create user vmail"; return 1; }
    fi
    SRV_UID=$(id -u vmail) SRV_GID=$(id -g vmail)
}

srv_init() {
    local dir=${1:?usage: srv_init DIR}
    srv_have_servers || { srv__err "postfix/dovecot not installed"; return 1; }
    case $dir in /*) ;; *) dir=$PWD/$dir ;; esac
    SRV_OWN_DIR=0
    if [ ! -e "$dir" ] || [ -z "$(ls -A "$dir" 2>/dev/null)" ]; then SRV_OWN_DIR=1; fi
    mkdir -p "$dir" || return 1
    dir=$(cd "$dir" && pwd -P)
    SRV_DIR=$dir SRV_CA=$dir/ca.pem SRV_CERT=$dir/server.pem SRV_KEY=$dir/server.key
    SRV_MAIL_DIR=$dir/mail
    export SRV_DIR SRV_CA SRV_CERT SRV_KEY SRV_MAIL_DIR
    SRV_POSTFIX_PID='' SRV_DOVECOT_PID=''
    # Postfix's virtual agent and Dovecot's login/auth processes must traverse DIR.
    chmod 755 "$dir"
    srv__vmail_ids || return 1
    mkdir -p "$SRV_MAIL_DIR" && chown "$SRV_UID:$SRV_GID" "$SRV_MAIL_DIR" && chmod 750 "$SRV_MAIL_DIR"

    # Test CA and server certificate for 127.0.0.1 / 127.0.0.2 / localhost.
    local t=$dir/tls
    mkdir -p "$t"
    cat >"$t/ca.tmpl" <<'EOF'
cn = "mailer test CA"
organization = "mailer tests"
serial = 1
expiration_days = 30
ca
cert_signing_key
crl_signing_key
EOF
    cat >"$t/server.tmpl" <<'EOF'
cn = "localhost"
organization = "mailer tests"
serial = 2
expiration_days = 30
dns_name = "localhost"
ip_address = "127.0.0.1"
ip_address = "127.0.0.2"
tls_www_server
signing_key
encryption_key
EOF
    {
        certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$t/ca.key" &&
        certtool --generate-self-signed --load-privkey "$t/ca.key" --template "$t/ca.tmpl" \
            --outfile "$SRV_CA" &&
        certtool --generate-privkey --key-type=rsa --bits=2048 --outfile "$SRV_KEY" &&
        certtool --generate-certificate --load-privkey "$SRV_KEY" --load-ca-certificate "$SRV_CA" \
            --load-ca-privkey "$t/ca.key" --template "$t/server.tmpl" --outfile "$SRV_CERT"
    } >"$t/certtool.log" 2>&1 || { srv__err "certtool failed, see $t/certtool.log"; return 1; }
    chmod 600 "$SRV_KEY" "$t/ca.key"
    # Chain file (server cert + CA) for the servers.
    cat "$SRV_CERT" "$SRV_CA" >"$dir/server-chain.pem"

    # EXIT trap: stop servers, then run whatever EXIT trap was set before.
    SRV_PREV_EXIT_TRAP=$(trap -p EXIT)
    case $SRV_PREV_EXIT_TRAP in *srv__on_exit*) SRV_PREV_EXIT_TRAP= ;; esac
    trap srv__on_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    return 0
}

srv__on_exit() {
    local rc=$?
    trap '' INT TERM   # a signal during cleanup must not abort it
    srv_stop_all
    if [ -n "${SRV_PREV_EXIT_TRAP:-}" ]; then
        eval "set -- $SRV_PREV_EXIT_TRAP"   # trap -- 'CMD' EXIT
        ( exit "$rc" ); eval "$3"
    fi
    exit "$rc"
}

# ---------------------------------------------------------------- Dovecot

srv_dovecot_start() {
    [ -n "${SRV_DIR:-}" ] || { srv__err "srv_init first"; return 1; }
    local d=$SRV_DIR/dovecot ports dh=
    mkdir -p "$d/run" "$d/state" "$d/sasl"
    touch "$d/users"; chmod 644 "$d/users"
    ports=$(srv__free_ports 127.0.0.1 2) || return 1
    set -- $ports
    SRV_IMAP_PORT=$1 SRV_IMAPS_PORT=$2
    SRV_IMAP_INSECURE_PORT=$(srv__free_ports "$SRV_IMAP_INSECURE_HOST" 1) || return 1
    SRV_SASL_SOCKET=$d/sasl/auth-postfix
    export SRV_IMAP_PORT SRV_IMAPS_PORT SRV_IMAP_INSECURE_PORT SRV_SASL_SOCKET
    [ -r /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"
    cat >"$d/dovecot.conf" <<EOF
# generated by tests/lib/servers.sh
instance_name = mailer-test-$$
base_dir = $d/run
state_dir = $d/state
log_path = $SRV_DIR/dovecot.log
info_log_path = $SRV_DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
ssl = yes
ssl_cert = <$SRV_DIR/server-chain.pem
ssl_key = <$SRV_KEY
$dh
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_failure_delay = 0
auth_verbose = yes
first_valid_uid = $SRV_UID
last_valid_uid = 0
first_valid_gid = $SRV_GID
mail_location = maildir:$SRV_MAIL_DIR/%d/%n
mail_uid = $SRV_UID
mail_gid = $SRV_GID
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $d/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $d/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $SRV_IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $SRV_IMAPS_PORT
    ssl = yes
  }
  # 127.0.0.1 -> 127.0.0.2 is not "secure" for Dovecot: no plaintext LOGIN before STARTTLS here.
  inet_listener imap_insecure {
    address = $SRV_IMAP_INSECURE_HOST
    port = $SRV_IMAP_INSECURE_PORT
  }
}
service auth {
  unix_listener $SRV_SASL_SOCKET {
    mode = 0660
    user = postfix
    group = postfix
  }
}
# No auth penalty (Dovecot's wait of 2 s and more before each login from
# an address after a failed one): tests that refuse a login on purpose
# would wait for it in every login after theirs.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF
    dovecot -c "$d/dovecot.conf" >"$d/start.out" 2>&1 ||
        { srv__err "dovecot failed to start:"; cat "$d/start.out" "$SRV_DIR/dovecot.log" >&2 2>/dev/null; return 1; }
    wait_for 60 "Dovecot's master.pid" test -s "$d/run/master.pid"
    SRV_DOVECOT_PID=$(cat "$d/run/master.pid" 2>/dev/null)
    export SRV_DOVECOT_PID
    echo "$SRV_DOVECOT_PID" >"$d/pid"
    srv__wait_port 127.0.0.1 "$SRV_IMAP_PORT" && srv__wait_port 127.0.0.1 "$SRV_IMAPS_PORT" &&
        srv__wait_port "$SRV_IMAP_INSECURE_HOST" "$SRV_IMAP_INSECURE_PORT" ||
        { cat "$SRV_DIR/dovecot.log" >&2 2>/dev/null; return 1; }
    wait_for 60 "Dovecot's auth socket for Postfix" test -S "$SRV_SASL_SOCKET"
    [ -S "$SRV_SASL_SOCKET" ] || { srv__err "no dovecot auth socket"; return 1; }
}

# Print the pid of our Dovecot master if it runs (its command line names our config file).
srv__dovecot_pid() {
    local d=$SRV_DIR/dovecot pid
    # Fall back to Dovecot's own pid file (signal between start and recording the pid).
    pid=$(cat "$d/pid" 2>/dev/null || cat "$d/run/master.pid" 2>/dev/null) || true
    if [ -n "$pid" ] && srv__alive "$pid" &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$d/dovecot.conf"; then
        echo "$pid"
    fi
}

# The words after "* CAPABILITY" that a new IMAPS session of $1 (password
# $2) hears after LOGIN, sorted, one a line.
srv__caps_now() {
    curl -sS --max-time 10 --cacert "$SRV_CA" -u "$1:$2" \
        "imaps://127.0.0.1:$SRV_IMAPS_PORT/INBOX" -X CAPABILITY 2>/dev/null |
        sed -n 's/^\* CAPABILITY //p' | tr -d '\r' | tr ' ' '\n' | grep . | sort
}
srv__caps_are() { [ "$(srv__caps_now "$1" "$2")" = "$3" ]; }
srv_dovecot_caps() {
    local user=$1 pw=$2 conf=$SRV_DIR/dovecot/dovecot.conf want; shift 2
    want=$(printf '%s\n' "$@" | sort)
    sed -i '/^# srv_dovecot_caps$/,/^}$/d' "$conf"
    printf '# srv_dovecot_caps\nprotocol imap {\n  imap_capability = %s\n}\n' "$*" >>"$conf"
    kill -HUP "$(srv__dovecot_pid)" &&
        wait_for 60 "Dovecot to offer $* after LOGIN" srv__caps_are "$user" "$pw" "$want"
}

srv_dovecot_stop() {
    [ -n "${SRV_DIR:-}" ] || return 0
    srv__stop_pids "$(srv__dovecot_pid)"
    rm -f "$SRV_DIR/dovecot/pid"
    SRV_DOVECOT_PID=
}

# ---------------------------------------------------------------- Postfix


# postmap a map file under DIR/postfix and backdate source + db.
srv__postmap() {
    postmap -c "$SRV_DIR/postfix" "hash:$1" || return 1
    srv__backdate "$1" "$1.db"
}

srv_postfix_start() {
    [ -n "${SRV_DIR:-}" ] || { srv__err "srv_init first"; return 1; }
    local p=$SRV_DIR/postfix ports
    # Queue and data outside the config dir: postfix-script warns about non-root files under it.
    mkdir -p "$p" "$SRV_DIR/postfix-queue" && chmod 755 "$p" "$SRV_DIR/postfix-queue"
    ports=$(srv__free_ports 127.0.0.1 2) || return 1
    set -- $ports
    SRV_SMTP_PORT=$1 SRV_SMTP_PLAIN_PORT=$2
    SRV_POSTFIX_LOG=$SRV_DIR/postfix.log
    export SRV_SMTP_PORT SRV_SMTP_PLAIN_PORT SRV_POSTFIX_LOG
    : "${SRV_SASL_SOCKET:=$SRV_DIR/dovecot/sasl/auth-postfix}"
    cat >"$p/main.cf" <<EOF
# generated by tests/lib/servers.sh
compatibility_level = 3.6
config_directory = $p
queue_directory = $SRV_DIR/postfix-queue
data_directory = $SRV_DIR/postfix-data
meta_directory = /etc/postfix
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-test
maillog_file = $SRV_DIR/postfix.log
maillog_file_prefixes = $SRV_DIR
myhostname = mx.mailer.test
mydomain = mailer.test
myorigin = \$myhostname
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
biff = no
smtputf8_enable = yes
# Fast queue for tests.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 4s
delay_warning_time = 0h
in_flow_delay = 0
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_rate_limit = 0
# Nothing leaves the machine.
default_transport = error:5.7.1 delivery outside the test domains is disabled
relay_transport = error:5.7.1 delivery outside the test domains is disabled
# Virtual mailboxes shared with Dovecot.
virtual_mailbox_domains = $SRV_DOMAINS
virtual_mailbox_base = $SRV_MAIL_DIR
virtual_mailbox_maps = hash:$p/vmailbox
virtual_uid_maps = static:$SRV_UID
virtual_gid_maps = static:$SRV_GID
virtual_minimum_uid = $SRV_UID
recipient_delimiter = +
smtpd_reject_unlisted_recipient = no
# Relay only for SASL-authenticated clients; per-recipient canned replies first.
smtpd_relay_restrictions = check_recipient_access hash:$p/rcpt_access, permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =
# TLS + SASL (Dovecot), AUTH only after STARTTLS.
smtpd_tls_security_level = may
smtpd_tls_cert_file = $SRV_CERT
smtpd_tls_key_file = $SRV_KEY
smtpd_tls_CAfile = $SRV_CA
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $SRV_SASL_SOCKET
smtpd_sasl_security_options = noanonymous
smtpd_sasl_tls_security_options = noanonymous
smtp_tls_security_level = none
EOF
    cat >"$p/master.cf" <<EOF
# generated by tests/lib/servers.sh (no chroot)
127.0.0.1:$SRV_SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SRV_SMTP_PLAIN_PORT inet n - n - - smtpd
  -o syslog_name=postfix-test/plain
  -o smtpd_tls_security_level=none
  -o smtpd_tls_auth_only=no
  -o smtpd_sasl_auth_enable=no
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
    [ -e "$p/vmailbox" ] || : >"$p/vmailbox"
    [ -e "$p/rcpt_access" ] || : >"$p/rcpt_access"
    srv__backdate "$p/main.cf" "$p/master.cf"
    srv__postmap "$p/vmailbox" && srv__postmap "$p/rcpt_access" || return 1
    postfix -c "$p" start >"$SRV_DIR/postfix-start.out" 2>&1 ||
        { srv__err "postfix failed to start:"; cat "$SRV_DIR/postfix-start.out" "$SRV_POSTFIX_LOG" >&2 2>/dev/null; return 1; }
    wait_for 60 "Postfix's master.pid" test -s "$SRV_DIR/postfix-queue/pid/master.pid"
    SRV_POSTFIX_PID=$(awk '{print $1; exit}' "$SRV_DIR/postfix-queue/pid/master.pid" 2>/dev/null)
    export SRV_POSTFIX_PID
    echo "$SRV_POSTFIX_PID" >"$p/pid"
    srv__wait_port 127.0.0.1 "$SRV_SMTP_PORT" && srv__wait_port 127.0.0.1 "$SRV_SMTP_PLAIN_PORT" ||
        { cat "$SRV_POSTFIX_LOG" >&2 2>/dev/null; return 1; }
}

srv__postfix_running() {
    [ -n "${SRV_DIR:-}" ] && srv__alive "$(cat "$SRV_DIR/postfix/pid" 2>/dev/null)"
}

# Print the pid of our Postfix master if it runs (it runs in our queue directory).
srv__postfix_pid() {
    local pid
    # Fall back to the master's own pid file (signal between start and recording the pid).
    pid=$(cat "$SRV_DIR/postfix/pid" 2>/dev/null ||
        awk '{print $1; exit}' "$SRV_DIR/postfix-queue/pid/master.pid" 2>/dev/null) || true
    if [ -n "$pid" ] && srv__alive "$pid" &&
        [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$SRV_DIR/postfix-queue" ]; then
        echo "$pid"
    fi
}

srv_postfix_stop() {
    [ -n "${SRV_DIR:-}" ] || return 0
    srv__stop_pids "$(srv__postfix_pid)"
    rm -f "$SRV_DIR/postfix/pid"
    SRV_POSTFIX_PID=
}

# Does process group $1 have a live (non-zombie) member?
srv__group_alive() {
    ps -eo pgid=,stat= 2>/dev/null | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { f = 1 } END { exit !f }'
}

# SIGTERM the given master pids (each leads its own process group: both masters call setsid),
# wait until their groups are gone, SIGKILL the groups after 5 s.
srv__stop_pids() {
    local pid pids='' n=100
    # shellcheck disable=SC2048,SC2086 # pids are split on purpose
    for pid in $*; do
        [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ] || { kill -TERM "$pid" 2>/dev/null; continue; }
        kill -TERM "$pid" 2>/dev/null && pids="$pids $pid"
    done
    while [ "$n" -gt 0 ]; do
        local left=
        for pid in $pids; do srv__group_alive "$pid" && left="$left $pid"; done
        pids=$left
        [ -z "$pids" ] && return 0
        sleep 0.05; n=$((n - 1))
    done
    for pid in $pids; do kill -KILL -- "-$pid" 2>/dev/null; done
    return 0
}

# postfix reload; return once the master has logged the reload.
srv__reloads_logged() { [ "$(grep -c 'master.*: reload' "$SRV_POSTFIX_LOG" 2>/dev/null)" -gt "$1" ]; }
srv_postfix_reload() {
    srv__postfix_running || return 0
    local before
    before=$(grep -c 'master.*: reload' "$SRV_POSTFIX_LOG" 2>/dev/null) || true
    postfix -c "$SRV_DIR/postfix" reload >/dev/null 2>&1 || return 1
    wait_for 60 "Postfix to log its reload" srv__reloads_logged "${before:-0}" && return 0
    srv__err "postfix reload not seen in log"
    return 1
}

# RCPT probe on the plain port: print the reply code Postfix gives for $1 right now.
srv__rcpt_code() {
    python3 - "$SRV_SMTP_PLAIN_PORT" "$1" <<'EOF'
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", int(sys.argv[1]), timeout=10)
s.ehlo("probe.mailer.test")
s.mail("srv-probe@bounce.test")
code, _ = s.rcpt(sys.argv[2])
print(code)
try:
    s.rset(); s.quit()
except Exception:
    pass
EOF
}

# srv__rcpt_access_set ADDR REPLY [ADDR REPLY...]: rewrite the rcpt_access
# map without each ADDR (and with "ADDR REPLY" if REPLY given), then make it
# live with one reload: wait until smtpd answers RCPT TO:<ADDR> with REPLY's
# code (set) or no longer with the old code (clear), for each ADDR.
srv__rcpt_access_set() {
    [ -n "${SRV_DIR:-}" ] || { srv__err "srv_init first"; return 1; }
    local p=$SRV_DIR/postfix addr reply want i
    local -a pairs=("$@") olds=()
    mkdir -p "$p"; touch "$p/rcpt_access"
    for ((i = 0; i < ${#pairs[@]}; i += 2)); do
        addr=${pairs[i]} reply=${pairs[i + 1]}
        olds[i]=$(awk -v a="$addr" 'tolower($1) == tolower(a) { c = $2 } END { print c }' "$p/rcpt_access")
        awk -v a="$addr" 'tolower($1) != tolower(a)' "$p/rcpt_access" >"$p/rcpt_access.new"
        [ -n "$reply" ] && printf '%s %s\n' "$addr" "$reply" >>"$p/rcpt_access.new"
        mv "$p/rcpt_access.new" "$p/rcpt_access"
    done
    [ -e "$p/main.cf" ] || return 0   # srv_postfix_start will postmap it
    srv__postmap "$p/rcpt_access" || return 1
    srv__postfix_running || return 0
    srv_postfix_reload || return 1
    for ((i = 0; i < ${#pairs[@]}; i += 2)); do
        addr=${pairs[i]} reply=${pairs[i + 1]}
        want=${reply%% *}
        case $want in [245][0-9][0-9]) ;; *) want= ;; esac   # e.g. OK, REJECT: nothing to wait for
        [ -z "$reply" ] && [ -z "${olds[i]}" ] && continue
        [ -n "$reply" ] && [ -z "$want" ] && continue
        wait_for 60 "Postfix to answer RCPT TO:<$addr> by the new rule" \
            srv__rcpt_rule_live "$addr" "$want" "${olds[i]}" && continue
        srv__err "rcpt rule for $addr not live"
        return 1
    done
}
# srv__rcpt_rule_live ADDR WANT OLD: RCPT TO:<ADDR> now gets WANT (or, with
# no WANT, any code but OLD).
srv__rcpt_rule_live() {
    local code
    code=$(srv__rcpt_code "$1" 2>/dev/null) || true
    if [ -n "$2" ]; then [ "$code" = "$2" ]; else [ -n "$code" ] && [ "$code" != "$3" ]; fi
}

srv_postfix_reply() {
    : "${1:?usage: srv_postfix_reply ADDRESS \"CODE TEXT\" [ADDRESS \"CODE TEXT\"...]}" "${2:?usage: srv_postfix_reply ADDRESS \"CODE TEXT\" [ADDRESS \"CODE TEXT\"...]}"
    [ $(($# % 2)) = 0 ] || { srv__err "srv_postfix_reply: an ADDRESS without its reply"; return 1; }
    srv__rcpt_access_set "$@"
}

srv_postfix_reply_clear() {
    : "${1:?usage: srv_postfix_reply_clear ADDRESS...}"
    local addr pairs=()
    for addr; do pairs+=("$addr" ""); done
    srv__rcpt_access_set "${pairs[@]}"
}

srv__queue_empty() {
    case $(postqueue -c "$SRV_DIR/postfix" -p 2>&1) in *"Mail queue is empty"*) return 0 ;; esac
    return 1
}
srv_wait_queue_empty() {
    local t=${1:-120}
    wait_for "$t" "Postfix's queue to drain" srv__queue_empty && return 0
    srv__err "queue not empty after ${t}s:"; postqueue -c "$SRV_DIR/postfix" -p >&2 2>&1
    return 1
}

srv_maildir() {
    local u=${1%@*} d=${1#*@}
    printf '%s\n' "$SRV_MAIL_DIR/$d/$u"
}

srv_maildir_count() {
    local m
    m=$(srv_maildir "${1:?usage: srv_maildir_count USER@DOMAIN}")
    find "$m/new" "$m/cur" -maxdepth 1 -type f 2>/dev/null | wc -l
}

srv__has_count() { [ "$(srv_maildir_count "$1")" -ge "$2" ]; }
# srv_wait_count USER@DOMAIN N: waits up to 120 s for N messages in its
# Maildir.
srv_wait_count() {
    wait_for 120 "$2 messages in the Maildir of $1" srv__has_count "$1" "$2"
}

# srv_maildir_counts: reads USER@DOMAIN lines on stdin, prints "COUNT
# USER@DOMAIN" for each (messages in new/ + cur/, 0 when it has no
# Maildir).  One find for all: srv_maildir_count per address costs a few
# forks each, ~15 s for 800 addresses on a loaded 2-core machine.
srv_maildir_counts() {
    srv__maildir_scan count
}

# srv_maildir_files: reads USER@DOMAIN lines on stdin, prints the path of
# every message in their Maildirs (new/ and cur/), one a line.
srv_maildir_files() {
    srv__maildir_scan files
}

# srv__maildir_scan count|files: one find over DIR/mail, joined with the
# addresses on stdin by awk (domain/user is the Maildir's key).
srv__maildir_scan() {
    awk -v mode="$1" -v md="$SRV_MAIL_DIR/" '
        FILENAME != "-" {
            # DIR/mail/DOMAIN/USER/{new,cur}/FILE
            k = substr($0, length(md) + 1); sub(/\/(new|cur)\/[^/]*$/, "", k)
            c[k]++; f[k] = f[k] $0 "\n"; next
        }
        NF {
            at = index($1, "@"); k = substr($1, at + 1) "/" substr($1, 1, at - 1)
            if (mode == "count") print c[k] + 0, $1
            else printf "%s", f[k]
        }' <(find "$SRV_MAIL_DIR" -mindepth 4 -maxdepth 4 -type f \
            \( -path '*/new/*' -o -path '*/cur/*' \) 2>/dev/null) -
}

srv_add_user() {
    local addr=${1:?usage: srv_add_user USER@DOMAIN PASSWORD} pw=${2:?usage: srv_add_user USER@DOMAIN PASSWORD}
    [ -n "${SRV_DIR:-}" ] || { srv__err "srv_init first"; return 1; }
    local u=${addr%@*} d=${addr#*@} m p=$SRV_DIR/postfix f=$SRV_DIR/dovecot/users
    case $addr in *@*) ;; *) srv__err "srv_add_user: need USER@DOMAIN"; return 1 ;; esac
    case $pw in *:*) srv__err "srv_add_user: password must not contain ':'"; return 1 ;; esac
    m=$(srv_maildir "$addr")
    mkdir -p "$m/new" "$m/cur" "$m/tmp"
    chown -R "$SRV_UID:$SRV_GID" "$SRV_MAIL_DIR/$d"
    # Dovecot: passwd-file (re-read automatically when it changes).
    mkdir -p "$SRV_DIR/dovecot"; touch "$f"
    awk -F: -v a="$addr" '$1 != a' "$f" >"$f.new"
    printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$addr" "$pw" "$SRV_UID" "$SRV_GID" "$m" >>"$f.new"
    chmod 644 "$f.new"; mv "$f.new" "$f"
    # Postfix: virtual mailbox map.
    mkdir -p "$p"; touch "$p/vmailbox"
    awk -v a="$addr" '$1 != a' "$p/vmailbox" >"$p/vmailbox.new"
    printf '%s %s/%s/\n' "$addr" "$d" "$u" >>"$p/vmailbox.new"
    mv "$p/vmailbox.new" "$p/vmailbox"
    [ -e "$p/main.cf" ] || return 0   # srv_postfix_start will postmap it
    srv__postmap "$p/vmailbox" || return 1
    srv_postfix_reload
}

# Bulk form of srv_add_user for large lists: addresses on stdin, one per
# line, all with password PW; call before srv_postfix_start.
srv_add_users() {
    local pw=${1:?usage: srv_add_users PASSWORD <addresses} f=$SRV_DIR/dovecot/users p=$SRV_DIR/postfix
    mkdir -p "$SRV_DIR/dovecot" "$p"; touch "$f" "$p/vmailbox"
    # One awk pass and one xargs mkdir: a shell loop costs ~2.5 ms a user.
    awk -v pw="$pw" -v uid="$SRV_UID" -v gid="$SRV_GID" -v md="$SRV_MAIL_DIR" \
        -v users="$f" -v vmb="$p/vmailbox" '
        NF == 0 { next }
        {
            a = $1; at = index(a, "@"); u = substr(a, 1, at - 1); d = substr(a, at + 1)
            m = md "/" d "/" u
            printf "%s:{PLAIN}%s:%s:%s::%s::\n", a, pw, uid, gid, m >>users
            printf "%s %s/%s/\n", a, d, u >>vmb
            print m "/new"; print m "/cur"; print m "/tmp"
        }' | xargs -r mkdir -p
    chown -R "$SRV_UID:$SRV_GID" "$SRV_MAIL_DIR"
    if [ -e "$p/main.cf" ]; then srv__postmap "$p/vmailbox" && srv_postfix_reload; fi
}

srv_stop_all() {
    [ -n "${SRV_DIR:-}" ] || return 0
    # Both at once: Dovecot takes about 1 s to shut down.
    srv__stop_pids "$(srv__postfix_pid) $(srv__dovecot_pid)"
    rm -f "$SRV_DIR/postfix/pid" "$SRV_DIR/dovecot/pid"
    SRV_POSTFIX_PID='' SRV_DOVECOT_PID=''
    if [ "${SRV_KEEP:-0}" = 1 ] || [ "${SRV_OWN_DIR:-0}" != 1 ]; then
        [ "${SRV_KEEP:-0}" = 1 ] && echo "# servers.sh: kept $SRV_DIR" >&2
    else
        rm -rf "$SRV_DIR"
    fi
    SRV_DIR=
}
