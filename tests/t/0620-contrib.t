#!/usr/bin/env bash
# contrib/: the systemd units verify, the crontab line is right, the bash
# completion parses and completes commands, options, list ids and issue
# folders, and the Postfix notes cover what a relay set-up needs.
. tests/lib/tap.sh
tap_tmp
plan 13
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
C=contrib

if command -v systemd-analyze >/dev/null; then
	# verify checks that ExecStart exists: point it at the built binary
	sed "s|^ExecStart=/usr/local/bin/mailer|ExecStart=$MAILER|" \
		"$C/mailer.service" >"$TMP/mailer.service"
	cp "$C/mailer.timer" "$TMP/"
	(cd "$TMP" && systemd-analyze verify --man=no ./mailer.service \
		./mailer.timer) >"$TMP/verify.out" 2>&1
	rc=$?; sed 's/^/# /' "$TMP/verify.out"
	[ $rc = 0 ] && [ ! -s "$TMP/verify.out" ]
	ok $? "systemd-analyze verify: service and timer, no warning"
else
	skip "systemd-analyze not installed (not needed by mailer itself)"
fi
missing=0
for l in Type=oneshot User=mailer ProtectSystem=strict PrivateTmp=yes \
	NoNewPrivileges=yes ProtectHome=yes ReadWritePaths=/var/lib/mailer \
	'ExecStart=/usr/local/bin/mailer --config /etc/mailer/config.yaml run --quiet'; do
	grep -qxF "$l" "$C/mailer.service" || { echo "# service lacks $l"; missing=1; }
done
[ "$(grep -c '^ReadWritePaths=' "$C/mailer.service")" = 1 ] || missing=1
grep -qx 'OnCalendar=\*:0/5' "$C/mailer.timer" &&
	grep -qx 'WantedBy=timers.target' "$C/mailer.timer" || missing=1
[ $missing = 0 ]; ok $? "oneshot service sandboxed, writing only /var/lib/mailer; 5-minute timer"

grep -v '^#' "$C/crontab" | grep -qxF \
	'*/5 * * * * mailer --config /etc/mailer/config.yaml run --quiet'
ok $? "crontab runs mailer run --quiet every five minutes"

bash -n "$C/mailer.bash-completion"; ok $? "bash -n on the completion"

# complete WORDS...: the replies for the last word, one per line
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_mailer; printf "%s\n" "${COMPREPLY[@]}"' _ \
		"$C/mailer.bash-completion" "$@"
}
[ "$(complete_words mailer sen)" = send ]; ok $? "'mailer sen' completes to send"
[ "$(complete_words mailer send --l)" = --list ]
ok $? "'mailer send --l' completes to --list"

got=$(complete_words mailer send -- | sort | tr '\n' ' ')
want=$(sed -n '/^cmd_send(/,/^}/p' mailer/cmd/cmd_send.c |
	sed -n 's/.*{ "\([a-z-]*\)", \(required\|no\)_argument.*/--\1/p' |
	sort | tr '\n' ' ')
echo "# send options: $got"
[ -n "$want" ] && [ "$got" = "$want" ]; ok $? "send's options are those of cmd_send.c"

# bounces takes its options as plain strcmp()s, not getopt_long
got=$(complete_words mailer bounces -- | sort | tr '\n' ' ')
want=$(sed -n '/^cmd_bounces(/,/^}/p' mailer/cmd/cmd_bounces.c |
	grep -o '"--[a-z-]*"' | tr -d '"' | sort -u | tr '\n' ' ')
echo "# bounces options: $got"
[ -n "$want" ] && [ "$got" = "$want" ]
ok $? "bounces' options are those of cmd_bounces.c"

# the global options main() reads, long forms ("--config=" is --config's)
got=$(complete_words mailer -- | sort | tr '\n' ' ')
want=$(sed -n '/^main(/,/^}/p' mailer/main.c | grep -o '"--[a-z-]*"' |
	tr -d '"' | sort -u | tr '\n' ' ')
echo "# global options: $got"
[ -n "$want" ] && [ "$got" = "$want" ]
ok $? "the global options are those of main.c"

got=$(complete_words mailer send --list '' | tr '\n' ' ')
want=$(cd lists && ls *.yaml | sed 's/\.yaml$//' | tr '\n' ' ')
[ "$got" = "$want" ]; ok $? "--list completes the list ids from lists/*.yaml"

complete_words mailer send issues/ | grep -qx issues/2021-01 &&
	complete_words mailer --config "$PWD/config.yaml" status '' |
	grep -qx "$PWD/issues/2021-01"
ok $? "issue folders complete, also through --config's folder"

missing=0
for w in 587 SASL TLS 'recipient_delimiter = +' bounce_domain imap: \
	password_file; do
	grep -qF -- "$w" "$C/postfix-relay.md" || { echo "# postfix-relay.md lacks $w"; missing=1; }
done
[ $missing = 0 ]; ok $? "postfix-relay.md: submission, SASL, TLS, VERP routing, IMAP"

# every file of contrib/ is named in the README and the man page
command -v man >/dev/null || { skip "man-db not installed"; exit $tap_failed; }
LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l mailer/mailer.1 2>/dev/null \
	>"$TMP/page.txt"
missing=0
for f in "$C"/*; do
	f=${f#"$C"/}
	grep -qF -- "$f" README.md || { echo "# README does not name contrib/$f"; missing=1; }
	grep -qF -- "$f" "$TMP/page.txt" || { echo "# mailer(1) does not name contrib/$f"; missing=1; }
done
[ $missing = 0 ]; ok $? "every contrib/ file is named in the README and mailer(1)"
exit $tap_failed
