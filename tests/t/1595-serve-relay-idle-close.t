#!/usr/bin/env bash
# serve keeps its connection to the relay open between confirmation
# mails; mailer now runs each transaction itself on it and checks an idle
# connection before reusing it (smtp.c io_alive).  A relay that ends an
# idle session with "421 ... timeout exceeded" (Postfix's smtpd_timeout),
# or hangs up without a word, must not have that 421 (or the hang-up) read
# as the answer to the next mail's MAIL FROM: the next confirmation goes
# out at once on a new connection, nothing in serve's log but the mails.
# tests/faultsrv.py --idle-421 and --close-after note the end in --trace.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init idleweb
SERVE=
trap '[ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null && wait "$SERVE"
	for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
plan 4
subscribe() { curl -s -o /dev/null -w '%{http_code}' --data-urlencode "name=$2" \
	--data-urlencode "email=$1" "$BASE/lists/flt/subscribe"; }
lines() { [ -s "$1" ] && [ "$(wc -l <"$1")" -ge "$2" ]; }
ended() { grep -q " $2\$" "$T/$1.trace"; }
# serve NAME FAULTSRV-OPTION...: serve of a project whose relay is a
# faultsrv started with the options; sets BASE and SERVE
serve() {
	local name=$1; shift
	fault "$name" "$@"
	P=$T/$name.proj
	fault_project "$P" "$PORT" 1 "tls: none"
	printf 'web:\n  base_url: http://127.0.0.1:%s\n  mails_per_ip_per_hour: 1000\n' \
		"$WPORT" >>"$P/config.yaml"
	BASE=http://127.0.0.1:$WPORT
	"$MAILER" --config "$P/config.yaml" serve --listen "127.0.0.1:$WPORT" \
		>"$T/$name.serve" 2>&1 &
	SERVE=$!
	wait_for 60 "serve to listen" curl -s -o /dev/null "$BASE/"
}
stop() { kill -TERM "$SERVE"; wait "$SERVE"; SERVE=; }
WPORT=$(free_port)

for mode in "idle --idle-421 1:IDLE421" "gone --close-after 1:CLOSED"; do
	name=${mode%% *} opt=${mode#* }; word=${opt#*:}; opt=${opt%:*}
	# shellcheck disable=SC2086
	serve "$name" $opt
	c1=$(subscribe amy@example.org Amy)
	wait_for 30 "amy's confirmation" lines "$T/$name.log" 1
	wait_for 30 "the relay's $word" ended "$name" "$word"
	c2=$(subscribe bob@example.org Bob)
	wait_for 30 "bob's confirmation" lines "$T/$name.log" 2
	stop
	sed 's/^/# /' "$T/$name.serve" "$T/$name.log"
	[ "$(cut -d' ' -f3 "$T/$name.log" | tr '\n' ' ')" = "amy@example.org bob@example.org " ] &&
		[ "$(cut -d' ' -f1 "$T/$name.log" | tr '\n' ' ')" = "1 2 " ]
	ok $? "$name ($word): the next confirmation taken at once, on a new connection ($c1 $c2)"
	! grep -qi '421\|timeout exceeded\|lost\|deferred\|failed\|error' "$T/$name.serve" &&
		[ "$(grep -c '^1 MAIL$' "$T/$name.trace")" = 1 ]
	ok $? "$name: nothing in serve's log of it (no 421, no lost connection), one MAIL FROM on the first"
done
