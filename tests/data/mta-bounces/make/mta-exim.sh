# shellcheck shell=bash
# Exim 4.96 (exim4-daemon-light) on $EXIM_IP with its own exim4.conf:
# relays for loopback, final MX of EXIM_DOMAINS where only the quota users
# exist (1 KB Maildir quota, failing at once); unknown local users are
# accepted at RCPT and bounced.  DSN advertised.  One delay warning after
# 20 s (also for list mail: Exim's default delay_warning_condition skips it);
# expiry forced by shortening the retry rule and a forced queue run.

exim_root() { roots_make exim exim4-daemon-light; }

exim_conf() {	# exim_conf RETRY-RULE
	local users
	users=$(echo "$EXIM_LOCAL_QUOTA" | tr ' ' '\n' | sed 's/@.*//' |
		paste -sd: -)
	cat <<EOF
primary_hostname = $EXIM_HOST
qualify_domain = ${EXIM_DOMAINS%% *}
local_interfaces = $EXIM_IP
daemon_smtp_ports = 25
domainlist local_domains = $(echo "$EXIM_DOMAINS" | tr ' ' ':')
hostlist relay_from_hosts = 127.0.0.0/8
acl_smtp_rcpt = acl_check_rcpt
dsn_advertise_hosts = *
delay_warning = 20s : 1d
delay_warning_condition = true
host_lookup =
rfc1413_hosts =
never_users = root
ignore_bounce_errors_after = 2d
timeout_frozen_after = 7d
log_file_path = /var/log/exim4/%slog
message_size_limit = 50M
smtputf8_advertise_hosts =

begin acl
acl_check_rcpt:
  accept  hosts = :
  accept  domains = +local_domains
  accept  hosts = +relay_from_hosts
  deny    message = relay not permitted

begin routers
dnslookup:
  driver = dnslookup
  domains = ! +local_domains
  transport = remote_smtp
  no_more
quota_users:
  driver = accept
  domains = +local_domains
  local_parts = $users
  transport = maildir_delivery

begin transports
remote_smtp:
  driver = smtp
maildir_delivery:
  driver = appendfile
  directory = /var/mail/\$domain_data/\$local_part_data/Maildir
  maildir_format
  create_directory
  user = mail
  group = mail
  mode = 0600
  quota = 1K

begin retry
*  quota
*  *  $1

begin rewrite
EOF
}

exim_start() {
	local r=$CACHE/roots/exim
	exim_conf "F,2h,10s" >"$r/etc/exim4/exim4.conf"
	mkdir -p "$r/var/mail"
	in_root exim sh -c 'chown mail:mail /var/mail && exim4 -bV >/dev/null' ||
		return 1
	in_root exim exim4 -bd -q5s -oP /run/exim4-corpus.pid
}

exim_reset() {
	local r=$CACHE/roots/exim
	rm -rf "$r"/var/spool/exim4/input/* "$r"/var/spool/exim4/msglog/* \
		"$r"/var/spool/exim4/db/* "$r"/var/mail/* "$r"/var/log/exim4/*
}

exim_stop() {
	local p
	p=$(cat "$CACHE/roots/exim/run/exim4-corpus.pid" 2>/dev/null) &&
		kill "$p"
}

exim_expire() {
	local r=$CACHE/roots/exim
	exim_conf "F,10s,5s" >"$r/etc/exim4/exim4.conf"
	kill -HUP "$(cat "$r/run/exim4-corpus.pid")" && sleep 1 &&
		in_root exim exim4 -qff
}

exim_logs() { cat "$CACHE/roots/exim/var/log/exim4/mainlog"; }
