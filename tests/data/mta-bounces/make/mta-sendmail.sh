# shellcheck shell=bash
# Sendmail 8.17, two instances, each in its own root:
#   sendmail       on $SENDMAIL_IP: MIME error messages (multipart/report),
#                  Sendmail's default;
#   sendmail_text  on $SENDMAIL_TEXT_IP: SendMimeErrors=False, so every
#                  bounce and delay warning is Sendmail's plain-text form.
# Both relay for anyone who reaches them (promiscuous_relay: only loopback
# clients can).  Sendmail refuses unknown local users at RCPT (no bounce),
# so their scenarios are all about remote failures.  Delay warning after
# 20 s (Timeout.queuewarn); expiry forced by a queue run with
# Timeout.queuereturn=1s, which also turns MIME errors off, so the final
# bounces of the deferred messages are the plain-text form in both.

sm_root() { roots_make "$1" sendmail-bin sendmail-cf m4; }

sm_reset() {
	local r=$CACHE/roots/$1
	rm -rf "$r"/var/spool/mqueue/* "$r"/var/spool/mqueue-client/*
	# the first run could not write its queue files (421 4.3.0 collect:
	# Cannot write ./df...): the queue as Debian's init script leaves it
	in_root "$1" sh -c 'chown root:smmsp /var/spool/mqueue &&
		chmod 2750 /var/spool/mqueue && mkdir -p /var/lib/sendmail/host_status'
}

# sm_start INSTANCE IP HOST DOMAINS MIME-ERRORS
sm_start() {
	local r=$CACHE/roots/$1
	cat >"$r/etc/mail/corpus.mc" <<EOF2
divert(-1)
divert(0)dnl
include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl
VERSIONID(\`mailer corpus')dnl
OSTYPE(\`debian')dnl
define(\`confDOMAIN_NAME', \`$3')dnl
define(\`confTO_QUEUEWARN', \`20s')dnl
define(\`confTO_QUEUERETURN', \`1d')dnl
define(\`confTO_CONNECT', \`5s')dnl
define(\`confMIN_QUEUE_AGE', \`0')dnl
define(\`confDELIVERY_MODE', \`background')dnl
define(\`confPRIVACY_FLAGS', \`authwarnings,goaway')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confPID_FILE', \`/run/sendmail-corpus.pid')dnl
define(\`confLOG_LEVEL', \`9')dnl
define(\`confMIME_FORMAT_ERRORS', \`$5')dnl
dnl only loopback clients can reach it
FEATURE(\`promiscuous_relay')dnl
dnl no MSA on port 587 of every address: two instances would both want it
FEATURE(\`no_default_msa')dnl
FEATURE(\`use_cw_file')dnl
DAEMON_OPTIONS(\`Family=inet, Name=MTA-v4, Port=25, Addr=$2')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
EOF2
	echo "$4" | tr ' ' '\n' >"$r/etc/mail/local-host-names"
	in_root "$1" sh -c 'cd /etc/mail && m4 corpus.mc >sendmail.cf' ||
		return 1
	uts_run "$1" "$3" /usr/sbin/sendmail -bd -q5s
}

sm_stop() {
	local p
	p=$(head -1 "$CACHE/roots/$1/run/sendmail-corpus.pid" 2>/dev/null) &&
		kill "$p"
}

sm_expire() {
	uts_run "$1" "$2" /usr/sbin/sendmail -q \
		-OTimeout.queuereturn=1s -OSendMimeErrors=False
}

sendmail_root() { sm_root sendmail; }
sendmail_reset() { sm_reset sendmail; }
sendmail_start() {
	sm_start sendmail "$SENDMAIL_IP" "$SENDMAIL_HOST" "$SENDMAIL_DOMAINS" True
}
sendmail_stop() { sm_stop sendmail; }
sendmail_expire() { sm_expire sendmail "$SENDMAIL_HOST"; }

sendmail_text_root() { sm_root sendmail_text; }
sendmail_text_reset() { sm_reset sendmail_text; }
sendmail_text_start() {
	sm_start sendmail_text "$SENDMAIL_TEXT_IP" "$SENDMAIL_TEXT_HOST" \
		"$SENDMAIL_TEXT_DOMAINS" False
}
sendmail_text_stop() { sm_stop sendmail_text; }
sendmail_text_expire() { sm_expire sendmail_text "$SENDMAIL_TEXT_HOST"; }
