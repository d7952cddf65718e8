# shellcheck shell=bash
# Exim 4.96 (exim4-daemon-light) on $EXIM_IP with its own exim4.conf:
# relays for loopback, final MX of EXIM_DOMAINS where only the quota users
# exist (1 KB Maildir quota, failing at once); unknown local users are
# accepted at RCPT and bounced; the vacation users get an autoreply
# transport (plain-text auto-replies to the envelope sender; the original
# returned for some).  DSN advertised.  One delay warning after
# 20 s (also for list mail: Exim's default delay_warning_condition skips it);
# expiry forced by shortening the retry rule and a forced queue run.

exim_root() { roots_make exim exim4-daemon-light; }

exim_conf() {	# exim_conf RETRY-RULE
	local users vac
	users=$(echo "$EXIM_LOCAL_QUOTA" | tr ' ' '\n' | sed 's/@.*//' |
		paste -sd: -)
	vac=$(echo "$EXIM_VACATION" | tr ' ' '\n' | sed 's/@.*//' |
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
vacation_users:
  driver = accept
  domains = +local_domains
  local_parts = $vac
  transport = \${if exists{/etc/exim4/vacation/\$local_part_data@\$domain_data.full}\\
    {vacation_reply_full}{vacation_reply}}
quota_users:
  driver = accept
  domains = +local_domains
  local_parts = $users
  transport = maildir_delivery

begin transports
vacation_reply:
  driver = autoreply
  from = \$local_part@\$domain
  to = \$sender_address
  subject = \${expand:\${lookup{\$local_part@\$domain}lsearch{/etc/exim4/vacation/subjects}}}
  headers = MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\\
    Content-Transfer-Encoding: 8bit
  file = /etc/exim4/vacation/\$local_part_data@\$domain_data
  user = mail
vacation_reply_full:
  driver = autoreply
  from = \$local_part@\$domain
  to = \$sender_address
  subject = \${expand:\${lookup{\$local_part@\$domain}lsearch{/etc/exim4/vacation/subjects}}}
  file = /etc/exim4/vacation/\$local_part_data@\$domain_data
  headers = MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\\
    Content-Transfer-Encoding: 8bit
  return_message
  user = mail
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

# Each vacation user's subject and text; every other one has the original
# returned with the reply.
exim_vacation() {
	local r=$CACHE/roots/exim d=/etc/exim4/vacation u n=0
	rm -rf "$r$d"; mkdir -p "$r$d"
	for u in $EXIM_VACATION; do
		n=$((n + 1))
		case $((n % 4)) in
		1)	echo "$u: Out of office: \${rfc2047:\$h_subject:}" >>"$r$d/subjects"
			printf 'I am out of the office until 4 January and will not see your message before then.\nFor membership questions please write to office@geo-inst.test.\n' >"$r$d/$u" ;;
		2)	echo "$u: Auto-reply: \${rfc2047:\$h_subject:}" >>"$r$d/subjects"
			printf '您好!我目前不在办公室,1月8日回来后会尽快回复您的邮件。\n如有急事请联系 secretary@geo-inst.test。\n' >"$r$d/$u"
			: >"$r$d/$u.full" ;;
		3)	echo "$u: On vacation" >>"$r$d/subjects"
			printf 'This is an automatic reply. I am on field work with no e-mail access\nuntil the end of the month.\n' >"$r$d/$u" ;;
		*)	echo "$u: Away: \${rfc2047:\$h_subject:}" >>"$r$d/subjects"
			printf 'Thank you for your e-mail. I am on leave and will reply when I return.\n' >"$r$d/$u"
			: >"$r$d/$u.full" ;;
		esac
	done
}

exim_start() {
	local r=$CACHE/roots/exim
	exim_vacation
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
