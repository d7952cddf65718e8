# shellcheck shell=bash
# Debian 12 chroots, one per MTA (their packages conflict with each other and
# with the host's Postfix), made once under $CACHE and reused.
#   roots_base            - debootstrap --variant=minbase bookworm into $CACHE/base
#   roots_make NAME PKG.. - $CACHE/roots/NAME: a copy of base with PKG.. installed
#   roots_mount NAME / roots_umount NAME - /proc and /dev/pts inside a root
#   roots_kill NAME       - end every process running in a root, by pid

MIRROR=${MTA_CORPUS_MIRROR:-http://deb.debian.org/debian}

roots_base() {
	[ -e "$CACHE/base/.done" ] && return 0
	rm -rf "$CACHE/base"
	say "debootstrap bookworm into $CACHE/base (about a minute)"
	debootstrap --variant=minbase bookworm "$CACHE/base" "$MIRROR" \
		>"$CACHE/debootstrap.log" 2>&1 ||
		{ tail -20 "$CACHE/debootstrap.log" >&2; return 1; }
	# Nothing installed in a root may start a service on the host's network.
	printf '#!/bin/sh\nexit 101\n' >"$CACHE/base/usr/sbin/policy-rc.d"
	chmod 755 "$CACHE/base/usr/sbin/policy-rc.d"
	touch "$CACHE/base/.done"
}

roots_mount() {
	local r=$CACHE/roots/$1
	mountpoint -q "$r/proc" || mount -t proc proc "$r/proc"
	mountpoint -q "$r/dev/pts" || mount -t devpts -o newinstance devpts "$r/dev/pts"
}

roots_umount() {
	local r=$CACHE/roots/$1
	mountpoint -q "$r/dev/pts" && umount "$r/dev/pts"
	mountpoint -q "$r/proc" && umount "$r/proc"
	return 0
}

# What a daemon left behind when its own stop command failed (a stale one
# would take the next run's messages): the processes whose root is NAME's.
roots_kill() {
	local r p
	r=$(readlink -f "$CACHE/roots/$1") || return 0
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] || continue
		kill "${p#/proc/}" 2>/dev/null
	done
	return 0
}

roots_make() {
	local name=$1 r=$CACHE/roots/$1; shift
	[ -e "$r/.done" ] && [ "$(cat "$r/.done")" = "$*" ] && return 0
	roots_umount "$name" 2>/dev/null
	rm -rf "$r"; mkdir -p "$CACHE/roots"
	cp -a "$CACHE/base" "$r" || return 1
	rm -f "$r/.done"
	say "installing $* into $r"
	cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null
	roots_mount "$name"
	chroot "$r" env DEBIAN_FRONTEND=noninteractive sh -c \
		"apt-get update -q && apt-get install -y -q --no-install-recommends $*" \
		>"$CACHE/roots/$name.install.log" 2>&1
	local rc=$?
	roots_umount "$name"
	[ $rc = 0 ] || { tail -20 "$CACHE/roots/$name.install.log" >&2; return 1; }
	chroot "$r" apt-get clean
	echo "$*" >"$r/.done"
}
