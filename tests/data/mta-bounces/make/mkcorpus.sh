#!/usr/bin/env bash
# Makes the MTA bounce corpus (tests/data/mta-bounces/): real MTAs from
# Debian 12, each in its own chroot under $CACHE, run on loopback addresses,
# are made to fail deliveries in known ways; what they send back is collected
# and labelled from the scenario that provoked it (see world.py).
#
#   make corpus                         (as root, on Debian 12)
#   MTA_CORPUS_CACHE=/path make corpus  (chroots elsewhere; default
#                                        /var/cache/mailer-corpus)
#   MTA_CORPUS_MTAS="postfix exim" ...  (a subset; the others' files are kept)
#
# Needs root (chroot, mounts, port 25 on 127.0.1.x), debootstrap, unbound
# and smtp-sink (postfix) on the host; installs them when missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${MTA_CORPUS_OUT:-$(cd "$here/.." && pwd)}
CACHE=${MTA_CORPUS_CACHE:-/var/cache/mailer-corpus}
ALL_MTAS="postfix exim sendmail sendmail_text opensmtpd courier dma"
MTAS=${MTA_CORPUS_MTAS:-$ALL_MTAS}
PY=/usr/bin/python3

say() { echo "mkcorpus: $*"; }
die() { echo "mkcorpus: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (chroots, port 25)"
for p in debootstrap unbound postfix; do
	dpkg -s "$p" >/dev/null 2>&1 && continue
	say "installing $p on the host"
	echo "postfix postfix/main_mailer_type select No configuration" |
		debconf-set-selections
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$p" >/dev/null || die "apt-get install $p"
done

. "$here/roots.sh"
for m in $MTAS; do . "$here/mta-$m.sh"; done
. "$here/mta-remote.sh"

WORK=$(mktemp -d /tmp/mta-corpus.XXXXXX)
chmod 755 "$WORK"
PIDS=""
MOUNTED=""
TRIED=""
cleanup() {
	local m
	for m in $TRIED remote; do "${m}_stop" >/dev/null 2>&1; done
	# and whatever a stop command left running (not the postfix root's:
	# postfix stop ends it, and it is there in every run)
	for m in $TRIED; do [ "$m" = postfix ] || roots_kill "$m"; done
	# shellcheck disable=SC2086
	[ -n "$PIDS" ] && kill $PIDS 2>/dev/null
	for m in $MOUNTED; do roots_umount "$m"; done
	if [ "${MTA_CORPUS_KEEP:-0}" = 1 ]; then say "kept $WORK"
	else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Wait until a command succeeds: wait_for SECONDS WHAT CMD...
wait_for() {
	local n=$(($1 * 10)) what=$2; shift 2
	while [ $n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1; n=$((n - 1))
	done
	say "timed out waiting for $what"
	return 1
}
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Each root gets the world's resolver and host names.
root_prepare() {
	local r=$CACHE/roots/$1 h
	printf 'nameserver %s\noptions timeout:2 attempts:1\n' "$DNS_IP" \
		>"$r/etc/resolv.conf"
	# minbase has no netbase: port names (smtp) for the MTAs
	[ -e "$r/etc/services" ] || cp /etc/services "$r/etc/services"
	{
		echo "127.0.0.1 localhost"
		for h in $HOSTS; do echo "${h%%:*} ${h#*:}"; done
	} >"$r/etc/hosts"
	roots_mount "$1"
	MOUNTED="$MOUNTED $1"
}
# Run a daemon in a root under its own host name (a UTS namespace), so the
# names in what it writes are the world's, not this machine's.
uts_run() {
	local r=$CACHE/roots/$1 h=$2; shift 2
	unshare --uts chroot "$r" /usr/bin/env -i \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
		/bin/sh -c 'hostname "$0" && exec "$@"' "$h" "$@"
}
in_root() {
	local r=$CACHE/roots/$1; shift
	chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
}

# ------------------------------------------------------------------ setup
roots_base || die "debootstrap failed"
roots_make postfix postfix dovecot-core dovecot-sieve || die "postfix root"

$PY "$here/driver.py" config "$WORK" || die "driver config"
. "$WORK/world.sh"

unbound -c "$WORK/unbound.conf" &
PIDS="$PIDS $!"
wait_for 10 "unbound on $DNS_IP" port_open "$DNS_IP" 53 ||
	die "unbound did not start"
mkdir -p "$WORK/sink"
chown nobody "$WORK/sink"
smtp-sink -u nobody -d "$WORK/sink/%H%M%S." "$SINK_IP:25" 64 &
PIDS="$PIDS $!"
wait_for 10 "the collector on $SINK_IP:25" port_open "$SINK_IP" 25 ||
	die "smtp-sink did not start"

root_prepare postfix
type postfix_reset >/dev/null 2>&1 || . "$here/mta-postfix.sh"
postfix_reset
remote_start || die "remote postfix did not start"
# An MTA that does not come up is left out of this run (its files are kept).
up=
for m in $MTAS; do
	TRIED="$TRIED $m"
	if [ "$m" != postfix ]; then
		"${m}_root" || { say "$m: no root, left out"; continue; }
		root_prepare "$m"; "${m}_reset"
	fi
	# an MTA without an SMTP server says itself when it is ready
	if "${m}_start" && if type "${m}_ready" >/dev/null 2>&1
		then "${m}_ready"
		else wait_for 30 "$m on port 25" port_open "$(ip_of "$m")" 25
		fi
	then up="$up $m"
	else say "$m did not start: left out"
	fi
done
MTAS=$up

# ------------------------------------------------------------------ run
# shellcheck disable=SC2086
CACHE=$CACHE $PY "$here/driver.py" send "$WORK" $MTAS || die "driver send"
# MTAs whose expiry cannot be forced get a short queue lifetime instead,
# counted from the first message that MTA took (first_at.MTA, written by
# the driver): no expiry notice can come before.
for m in $MTAS; do
	type "${m}_ttl" >/dev/null 2>&1 && [ -s "$WORK/first_at.$m" ] &&
		echo $(($(cat "$WORK/first_at.$m") + $("${m}_ttl"))) \
			>"$WORK/expire_at.$m"
done
# Some MTAs retry only when told to (a queue run): every 10 s.
(
	while :; do
		sleep 10
		for m in $MTAS; do
			type "${m}_kick" >/dev/null 2>&1 && "${m}_kick" >/dev/null 2>&1
		done
	done
) &
PIDS="$PIDS $!"
# Phase a: immediate failures, vacation replies and the one delay warning
# each deferred message gets.  The driver waits for them (or its deadline).
$PY "$here/driver.py" wait "$WORK" "${MTA_CORPUS_WAIT:-240}"
say "forcing expiry of the deferred messages"
for m in $MTAS; do
	[ -e "$WORK/expire_at.$m" ] || date +%s.%N >"$WORK/expire_at.$m"
	"${m}_expire"
done
# Phase b: the final bounces of the deferred messages.
$PY "$here/driver.py" wait "$WORK" "${MTA_CORPUS_WAIT:-240}" final

# ------------------------------------------------------------------ file
# The MTAs' logs, for the driver's check that each scenario did what it says.
mkdir -p "$WORK/logs"
cp "$CACHE/roots/postfix/var/log/postfix-remote.log" "$WORK/logs/remote.log"
for m in $MTAS; do "${m}_logs" >"$WORK/logs/$m.log" 2>/dev/null; done
cp "$CACHE/roots/postfix/var/log/dovecot-lda.log" "$WORK/logs/dovecot.log" \
	2>/dev/null
[ -n "$MTAS" ] || die "no MTA came up"
for m in $MTAS; do rm -f "$out/$m"-*.eml; done
# shellcheck disable=SC2086
$PY "$here/driver.py" collect "$WORK" "$out" $MTAS || die "collect"
$PY "$here/driver.py" summary "$out"
