# shellcheck shell=bash
# The "remote" final MX: a second Postfix instance in the postfix root, on
# $REMOTE_IP.  It knows the users of REMOTE_DOMAINS (scripted RCPT replies
# for some), denies relay for every other domain (its mynetworks holds none
# of ours), and takes no message over 40,000 bytes.

ip_of() { local v=${1^^}_IP; echo "${!v}"; }

remote_start() {
	local r=$CACHE/roots/postfix c=/etc/postfix-remote
	mkdir -p "$r$c" "$r/var/spool/postfix-remote" "$r/var/lib/postfix-remote"
	cat >"$r$c/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = /var/spool/postfix-remote
data_directory = /var/lib/postfix-remote
myhostname = mx.remote.test
mydomain = remote.test
mydestination =
# master.cf binds the address; Postfix knows only interface addresses
inet_interfaces = all
inet_protocols = ipv4
mynetworks = 192.0.2.1/32
maillog_file = /var/log/postfix-remote.log
alias_maps =
local_recipient_maps =
virtual_mailbox_domains = $REMOTE_DOMAINS
virtual_mailbox_maps = hash:$c/users
virtual_transport = discard
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access hash:$c/access
message_size_limit = 40000
smtpd_error_sleep_time = 0
smtpd_client_connection_rate_limit = 0
in_flow_delay = 0
smtputf8_enable = yes
EOF
	sed 's/^\([^ ]*\) .*/\1 OK/' "$WORK/remote-access" |
		cat - "$WORK/remote-users" >"$r$c/users"
	cp "$WORK/remote-access" "$r$c/access"
	postfix_master_cf >"$r$c/master.cf"
	sed -i "s/^smtp      inet.*/$REMOTE_IP:25 inet n - n - - smtpd/" \
		"$r$c/master.cf"
	touch -d '-10 seconds' "$r$c"/*
	in_root postfix chown postfix:postfix /var/lib/postfix-remote &&
		in_root postfix postmap "$c/users" "$c/access" &&
		touch -d '-10 seconds' "$r$c"/* &&
		in_root postfix postfix -c "$c" start
}

remote_stop() { in_root postfix postfix -c /etc/postfix-remote stop; }

# A master.cf with no service chrooted (we are in a chroot already).
postfix_master_cf() {
	cat <<'EOF'
smtp      inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}
