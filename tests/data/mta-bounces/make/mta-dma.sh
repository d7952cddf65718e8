# shellcheck shell=bash
# dma 0.13 (DragonFly Mail Agent) in its own root: a sendmail-compatible
# command, no SMTP server, delivering straight to each domain's MX (no
# smarthost).  Its bounces are plain text.  The driver submits each message
# by running its sendmail command in the root (world.LOCAL_SUBMIT).  It
# has no delay warnings, and its retries run for days in the process that
# took the message, so its scenarios are the immediate failures only.

dma_root() { roots_make dma dma; }

dma_reset() {
	local r=$CACHE/roots/dma
	dma_stop
	rm -rf "$r"/var/spool/dma/*
}

dma_start() {
	local r=$CACHE/roots/dma
	echo "$DMA_HOST" >"$r/etc/mailname"
	# Debian's configuration: no smarthost, the mail name from /etc/mailname
	printf 'MAILNAME /etc/mailname\n' >"$r/etc/dma/dma.conf"
}

# Nothing listens: ready once configured.
dma_ready() { :; }

# Each message is taken by its own dma process, which keeps retrying a
# deferred delivery: stop those of this root, by pid.
dma_stop() { roots_kill dma; }

dma_expire() { :; }

dma_logs() { :; }
