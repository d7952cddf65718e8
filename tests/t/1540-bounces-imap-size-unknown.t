#!/usr/bin/env bash
# A message whose RFC822.SIZE the server does not give counted as 0 bytes
# when mailer bounces cut its UID FETCH sets of bodies (a few megabytes
# each): a folder of such messages came 250 at a time, whatever their
# size.  So did one whose size came and was then unlearned by a second
# FETCH answer for it without the size (an unasked flag change, RFC 3501
# section 7.4.2).  Now a size not given counts as a whole set's worth
# (that message is read alone) and a later answer without one changes
# nothing.  Real Dovecot behind tests/lib/delayproxy.py, which rewrites
# its answers (omit-size, flags-after); 12 notices of 1.5 MB each,
# Dovecot's rawlog: 3 sets (5 5 2) straight from Dovecot, 12 sets of 1
# when the sizes are left out (was 1 set of 12), 3 (5 5 2) when a flag
# change follows each size (was 1 of 12).  Each read, recorded and moved.
. tests/lib/imapmove.sh
PROXY=
tap_cleanup() { [ -z "$PROXY" ] || kill "$PROXY"; }
imap_project sizeunknown 7
caps IMAP4rev1 LITERAL+ UIDPLUS MOVE
rawlog "$T/raw" || { echo "Bail out! Dovecot's rawlog"; exit 1; }

# big K: K notices of 1.5 MB (an offer with a long body) into INBOX
big() {
	local i
	awk 'BEGIN { l = sprintf("%075d", 0); for (i = 0; i < 20000; i++) print l "\r" }' >"$T/body"
	for i in $(seq $((n + 1)) $((n + $1))); do
		printf 'From: <shop@shop.test>\r\nTo: <bounces@bounce.test>\r\nSubject: offer %s\r\nMessage-ID: <offer.%s.%s@shop.test>\r\n\r\n' \
			"$i" "$i" "$$" | cat - "$T/body" >"$BOX/new/offer$i.eml"
	done
	chown -R vmail:vmail "$BOX"
	n=$((n + $1))
}
# expand SET: the UIDs of an IMAP UID set, one a line
expand() {
	tr ',' '\n' <<<"$1" | awk -F: '{ e = NF > 1 ? $2 : $1; for (u = $1; u <= e; u++) print u }'
}
# run WHAT CONFIG: 12 new notices, mailer bounces with CONFIG; ok when all
# are read and moved; sets: how many a UID FETCH of bodies carried each
run() {
	mkdir -p "$BOX/new"; big 12 && sync_inbox ||
		{ echo "Bail out! 12 notices"; exit 1; }
	rm -f "$T/raw"/*
	$MAILER --config "$2" bounces >"$T/r" 2>&1
	rc=$?; sed 's/^/# /' "$T/r"
	[ $rc = 0 ] && grep -q '^bounces: 12 messages' "$T/r" &&
		[ "$(files "$BOX/.Processed" | wc -l)" = "$n" ] && [ "$(ours | wc -l)" = 0 ] &&
		[ "$(recorded)" = "$n" ]
	ok $? "$1: 12 read, recorded and moved (rc $rc, $(files "$BOX/.Processed" | wc -l) of $n in Processed)"
	sets=$(cat "$T/raw"/*.in | tr -d '\r' | cut -d' ' -f2- | grep -i '^[^ ]* UID FETCH .*BODY.PEEK' |
		awk '{ print $4 }' | while read -r s; do expand "$s" | wc -l; done | tr '\n' ' ')
}

run "sizes from Dovecot" "$P/config.yaml"
[ "$sets" = "5 5 2 " ]
ok $? "sizes known: bodies in sets of $sets(want 5 5 2)"

# proxied REWRITE: mailer reaches Dovecot's plain IMAP port through
# tests/lib/delayproxy.py rewriting its answers so; its config $P/REWRITE.yaml
proxy_ready() { grep -qs '^ready' "$T/proxy"; }
proxied() {
	local port
	[ -z "$PROXY" ] || { kill "$PROXY"; wait "$PROXY" 2>/dev/null; }
	port=$(free_port); : >"$T/proxy"
	python3 tests/lib/delayproxy.py "$port" "$SRV_IMAP_PORT" 0 "$1" >"$T/proxy" 2>&1 &
	PROXY=$!
	wait_for 10 "the rewriting proxy" proxy_ready || { echo "Bail out! proxy"; exit 1; }
	sed -e "s|url: imaps://.*|url: imap://127.0.0.1:$port|" -e 's|^imap:$|imap:\n  tls: none|' \
		"$P/config.yaml" >"$P/$1.yaml"
}

proxied omit-size
run "no sizes" "$P/omit-size.yaml"
[ "$sets" = "1 1 1 1 1 1 1 1 1 1 1 1 " ]
ok $? "no sizes: each body alone, sets of $sets"
given=$(cat "$T/raw"/*.out | grep -c 'FETCH (UID [0-9]* RFC822.SIZE [0-9]*)')
[ "$given" = 12 ]
ok $? "...though Dovecot gave the 12 (the proxy took them out: $given)"

proxied flags-after
run "a flag change after each size" "$P/flags-after.yaml"
[ "$sets" = "5 5 2 " ]
ok $? "a flag change after each size: sets of $sets(want 5 5 2)"
exit $tap_failed
