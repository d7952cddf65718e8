# shellcheck shell=bash
# OpenSMTPD 6.8 on $OPENSMTPD_IP: relays for loopback clients.  It refuses
# unknown local users at RCPT (no bounce), so its scenarios are remote
# failures.  Delay warning after 20 s (bounce warn-interval); expiry cannot
# be forced, so the queue lifetime is short (queue ttl) and the queue is
# rescheduled every 10 s (smtpctl schedule all) so retries come at once.

opensmtpd_root() { roots_make opensmtpd opensmtpd; }

opensmtpd_ttl() { echo 100; }

opensmtpd_reset() {
	local r=$CACHE/roots/opensmtpd d
	for d in queue incoming corrupt purge temporary offline; do
		[ -d "$r/var/spool/smtpd/$d" ] && rm -rf "$r/var/spool/smtpd/$d"/*
	done
	rm -f "$r/var/log/smtpd.log"
}

opensmtpd_start() {
	local r=$CACHE/roots/opensmtpd
	cat >"$r/etc/smtpd.conf" <<EOF2
queue ttl $(opensmtpd_ttl)s
bounce warn-interval 20s
listen on $OPENSMTPD_IP port 25 hostname $OPENSMTPD_HOST
action "relay" relay helo $OPENSMTPD_HOST
match from src 127.0.0.0/8 for any action "relay"
# its own bounces and warnings come from the local socket
match from local for any action "relay"
EOF2
	in_root opensmtpd smtpd -n -f /etc/smtpd.conf >/dev/null || return 1
	# -d keeps it in the foreground: its log is its standard error
	uts_run opensmtpd "$OPENSMTPD_HOST" /usr/sbin/smtpd -d -v \
		>"$r/var/log/smtpd.log" 2>&1 &
	PIDS="$PIDS $!"
}

opensmtpd_kick() { in_root opensmtpd smtpctl schedule all; }

# smtpctl stop did not end the daemon started in the foreground (-d)
opensmtpd_stop() {
	in_root opensmtpd smtpctl stop
	roots_kill opensmtpd
}

opensmtpd_expire() {
	local t
	t=$(cat "$WORK/expire_at.opensmtpd")
	while [ "$(date +%s)" -le "$t" ]; do sleep 1; done
	opensmtpd_kick
}

opensmtpd_logs() { cat "$CACHE/roots/opensmtpd/var/log/smtpd.log"; }
