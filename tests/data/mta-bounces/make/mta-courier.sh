# shellcheck shell=bash
# Courier 1.0.16 on $COURIER_IP: relays for loopback clients (smtpaccess).
# It refuses unknown local users at RCPT, so its scenarios are remote
# failures.  Delay warning after 20 s (warntime); expiry cannot be forced,
# so the queue lifetime is short (queuetime) with fast retries (retryalpha).

courier_root() { roots_make courier courier-mta; }

courier_ttl() { echo 100; }

courier_reset() {
	local r=$CACHE/roots/courier
	rm -rf "$r"/var/lib/courier/msgs/* "$r"/var/lib/courier/msgq/* \
		"$r"/var/lib/courier/tmp/*
}

courier_start() {
	local r=$CACHE/roots/courier e=$CACHE/roots/courier/etc/courier
	echo "$COURIER_HOST" >"$e/me"
	echo "${COURIER_HOST#*.}" >"$e/defaultdomain"
	# what Debian's debconf writes from the default domain (the chroot's
	# install had none: "mailer-daemon@", an address without a domain)
	echo "mailer-daemon@${COURIER_HOST#*.}" >"$e/dsnfrom"
	echo "$COURIER_HOST" >"$e/locals"
	echo 20s >"$e/warntime"
	echo "$(courier_ttl)s" >"$e/queuetime"
	echo 5s >"$e/retryalpha"
	echo 3 >"$e/retrybeta"
	echo 5s >"$e/retrygamma"
	echo 1s >"$e/esmtpdelay"
	echo 0 >"$e/retrymaxdelta"
	echo 127.0.0.1 >"$e/esmtpd-addr"
	printf '127\tallow,RELAYCLIENT\n' >"$e/smtpaccess/default"
	sed -i "s/^ADDRESS=.*//; s/^ESMTPDSTART=.*/ESMTPDSTART=YES/" "$e/esmtpd"
	# minbase has no /etc/services: the port by number
	printf "ADDRESS=%s\nPORT=25\n" "$COURIER_IP" >>"$e/esmtpd"
	in_root courier sh -c 'makesmtpaccess && makeacceptmailfor &&
		makehosteddomains' >/dev/null 2>&1
	uts_run courier "$COURIER_HOST" /usr/sbin/courier start &&
		uts_run courier "$COURIER_HOST" /usr/sbin/esmtpd start
}

courier_kick() { in_root courier courier flush; }

courier_stop() {
	in_root courier esmtpd stop
	in_root courier courier stop
}

courier_expire() {
	local t
	t=$(cat "$WORK/expire_at.courier")
	while [ "$(date +%s)" -le "$t" ]; do sleep 1; done
	courier_kick
}

courier_logs() { :; }
