# shellcheck shell=bash
# Postfix 3.7 on $POSTFIX_IP: relays for loopback clients, final MX of
# POSTFIX_DOMAINS.  Unknown local users are accepted at RCPT and bounced by
# virtual(8); the scenario users are delivered by Dovecot's LDA with a
# global Sieve script (reject, vacation) and a 1 KB quota for the quota users.
# One delay warning after 20 s; expiry forced by maximal_queue_lifetime.

postfix_root() {
	roots_make postfix postfix dovecot-core dovecot-sieve
}

postfix_start() {
	local r=$CACHE/roots/postfix c=/etc/postfix u
	in_root postfix sh -c 'getent passwd vmail >/dev/null ||
		useradd -r -U -d /var/vmail -s /usr/sbin/nologin vmail'
	cat >"$r$c/main.cf" <<EOF
compatibility_level = 3.6
myhostname = $POSTFIX_HOST
mydomain = ${POSTFIX_HOST#*.}
myorigin = \$myhostname
mydestination =
inet_interfaces = all
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
maillog_file = /var/log/postfix.log
alias_maps =
alias_database =
local_recipient_maps =
smtpd_reject_unlisted_recipient = no
virtual_mailbox_domains = $POSTFIX_DOMAINS
virtual_mailbox_maps = hash:$c/vmailbox
virtual_mailbox_base = /var/vmail
virtual_uid_maps = static:$(in_root postfix id -u vmail)
virtual_gid_maps = static:$(in_root postfix id -g vmail)
transport_maps = hash:$c/transport
dovecot_destination_recipient_limit = 1
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
delay_warning_time = 20s
maximal_queue_lifetime = 1d
bounce_queue_lifetime = 1d
smtp_connect_timeout = 5s
smtpd_error_sleep_time = 0
in_flow_delay = 0
smtputf8_enable = yes
EOF
	postfix_master_cf >"$r$c/master.cf"
	sed -i "s/^smtp      inet.*/$POSTFIX_IP:25 inet n - n - - smtpd/" \
		"$r$c/master.cf"
	echo 'dovecot   unix  -       n       n       -       -       pipe
  flags=DRhu user=vmail:vmail argv=/usr/lib/dovecot/dovecot-lda -f ${sender} -d ${recipient}' \
		>>"$r$c/master.cf"
	: >"$r$c/vmailbox"; : >"$r$c/transport"
	: >"$r/etc/dovecot/users"
	for u in $POSTFIX_LOCAL_QUOTA $POSTFIX_SIEVE_REJECT $POSTFIX_VACATION; do
		echo "$u ${u#*@}/${u%@*}/" >>"$r$c/vmailbox"
		echo "$u dovecot:" >>"$r$c/transport"
	done
	for u in $POSTFIX_SIEVE_REJECT $POSTFIX_VACATION; do
		echo "$u:::::/var/vmail/${u#*@}/${u%@*}::" >>"$r/etc/dovecot/users"
	done
	for u in $POSTFIX_LOCAL_QUOTA; do
		echo "$u:::::/var/vmail/${u#*@}/${u%@*}::userdb_quota_rule=*:storage=1K" \
			>>"$r/etc/dovecot/users"
	done
	dovecot_config >"$r/etc/dovecot/dovecot.conf"
	dovecot_sieve >"$r/etc/dovecot/corpus.sieve"
	mkdir -p "$r/var/vmail"
	in_root postfix sh -c 'chown vmail:vmail /var/vmail &&
		touch /var/log/dovecot-lda.log &&
		chown vmail:vmail /var/log/dovecot-lda.log &&
		sievec /etc/dovecot/corpus.sieve'
	touch -d '-10 seconds' "$r$c"/*
	in_root postfix postmap "$c/vmailbox" "$c/transport" &&
		touch -d '-10 seconds' "$r$c"/* &&
		in_root postfix dovecot &&
		in_root postfix postfix start
}

# A fresh start: no message left from an earlier run, empty mailboxes.
postfix_reset() {
	local r=$CACHE/roots/postfix
	in_root postfix postsuper -d ALL >/dev/null 2>&1
	in_root postfix postsuper -c /etc/postfix-remote -d ALL >/dev/null 2>&1
	rm -rf "$r/var/vmail"/* "$r"/var/log/postfix*.log \
		"$r"/var/log/dovecot*.log
}

postfix_stop() {
	in_root postfix postfix stop
	in_root postfix doveadm stop
}

postfix_expire() {
	local r=$CACHE/roots/postfix
	sed -i 's/^maximal_queue_lifetime.*/maximal_queue_lifetime = 1s/' \
		"$r/etc/postfix/main.cf"
	touch -d '-10 seconds' "$r/etc/postfix/main.cf"
	in_root postfix postfix reload && sleep 1 &&
		in_root postfix postqueue -f
}

# Dovecot for the LDA alone (no daemon): users from a passwd-file, Maildirs,
# quota, Sieve.  Its rejections and vacation replies go out through Postfix.
dovecot_config() {
	cat <<EOF
protocols =
# the users' own local parts hold a + (zhou.chao+news): no detail
recipient_delimiter =
mail_location = maildir:~/Maildir
mail_uid = vmail
mail_gid = vmail
first_valid_uid = 100
postmaster_address = postmaster@${POSTFIX_DOMAINS%% *}
hostname = $POSTFIX_HOST
sendmail_path = /usr/sbin/sendmail
log_path = /var/log/dovecot-lda.log
passdb {
  driver = passwd-file
  args = username_format=%u /etc/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%u /etc/dovecot/users
  default_fields = uid=vmail gid=vmail
}
mail_plugins = quota
protocol lda {
  mail_plugins = \$mail_plugins sieve
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
plugin {
  quota = maildir:User quota
  sieve_before = /etc/dovecot/corpus.sieve
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_vacation_min_period = 0
}
EOF
}

# One global script: reject for the reject users, vacation for the others.
dovecot_sieve() {
	local u n=0
	echo 'require ["reject", "vacation", "envelope"];'
	for u in $POSTFIX_SIEVE_REJECT; do
		n=$((n + 1))
		case $((n % 3)) in
		1) t="This mailbox no longer accepts newsletters. Please remove $u from your list." ;;
		2) t="本邮箱已停止接收群发邮件,请勿再发送。" ;;
		*) t="Message rejected by recipient's mail filter." ;;
		esac
		printf 'if envelope :is "to" "%s" { reject "%s"; stop; }\n' "$u" "$t"
	done
	for u in $POSTFIX_VACATION; do
		n=$((n + 1))
		case $((n % 4)) in
		1) printf 'if envelope :is "to" "%s" { vacation :days 1 :subject "Out of office" "I am away until 15 December with limited access to e-mail. For urgent matters please write to office@example.net."; stop; }\n' "$u" ;;
		2) printf 'if envelope :is "to" "%s" { vacation :days 1 "您好,我正在休假,12月20日返回。紧急事务请联系 secretary@example.com。"; stop; }\n' "$u" ;;
		3) printf 'if envelope :is "to" "%s" { vacation :days 1 :subject "Automatic reply: 会员通讯" :from "%s" "Thank you for your message. I am attending a conference and will reply after my return."; stop; }\n' "$u" "$u" ;;
		*) printf 'if envelope :is "to" "%s" { vacation :days 1 :subject "Away" "I am on sabbatical until March and read mail only occasionally."; stop; }\n' "$u" ;;
		esac
	done
}

postfix_logs() { cat "$CACHE/roots/postfix/var/log/postfix.log"; }
