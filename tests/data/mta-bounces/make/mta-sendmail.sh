# shellcheck shell=bash
# Sendmail 8.17 on $SENDMAIL_IP: relays for anyone who reaches it
# (promiscuous_relay: only loopback clients can).
# Sendmail refuses unknown local users at RCPT (no bounce), so its
# scenarios are all about remote failures.  Delay warning after 20 s
# (Timeout.queuewarn); expiry forced by a queue run with
# Timeout.queuereturn=1s, which also turns MIME errors off, so the final
# bounces of the deferred messages are Sendmail's plain-text form.

sendmail_root() { roots_make sendmail sendmail-bin sendmail-cf m4; }

sendmail_reset() {
	local r=$CACHE/roots/sendmail
	rm -rf "$r"/var/spool/mqueue/* "$r"/var/spool/mqueue-client/*
	# the first run could not write its queue files (421 4.3.0 collect:
	# Cannot write ./df...): the queue as Debian's init script leaves it
	in_root sendmail sh -c 'chown root:smmsp /var/spool/mqueue &&
		chmod 2750 /var/spool/mqueue && mkdir -p /var/lib/sendmail/host_status'
}

sendmail_start() {
	local r=$CACHE/roots/sendmail
	cat >"$r/etc/mail/corpus.mc" <<EOF
divert(-1)
divert(0)dnl
include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl
VERSIONID(\`mailer corpus')dnl
OSTYPE(\`debian')dnl
define(\`confDOMAIN_NAME', \`$SENDMAIL_HOST')dnl
define(\`confTO_QUEUEWARN', \`20s')dnl
define(\`confTO_QUEUERETURN', \`1d')dnl
define(\`confTO_CONNECT', \`5s')dnl
define(\`confMIN_QUEUE_AGE', \`0')dnl
define(\`confDELIVERY_MODE', \`background')dnl
define(\`confPRIVACY_FLAGS', \`authwarnings,goaway')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confPID_FILE', \`/run/sendmail-corpus.pid')dnl
define(\`confLOG_LEVEL', \`9')dnl
dnl only loopback clients can reach it
FEATURE(\`promiscuous_relay')dnl
FEATURE(\`use_cw_file')dnl
DAEMON_OPTIONS(\`Family=inet, Name=MTA-v4, Port=25, Addr=$SENDMAIL_IP')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF
	echo "$SENDMAIL_DOMAINS" | tr ' ' '\n' >"$r/etc/mail/local-host-names"
	in_root sendmail sh -c 'cd /etc/mail &&
		m4 corpus.mc >sendmail.cf' || return 1
	uts_run sendmail "$SENDMAIL_HOST" /usr/sbin/sendmail -bd -q5s
}

sendmail_stop() {
	local p
	p=$(head -1 "$CACHE/roots/sendmail/run/sendmail-corpus.pid" 2>/dev/null) &&
		kill "$p"
}

sendmail_expire() {
	uts_run sendmail "$SENDMAIL_HOST" /usr/sbin/sendmail -q \
		-OTimeout.queuereturn=1s -OSendMimeErrors=False
}
