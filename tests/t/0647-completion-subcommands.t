#!/usr/bin/env bash
# The installed bash completion completes the words after the commands
# that take a word of their own: "mailer dkim " offers record (the only
# thing dkim does), "mailer help " the commands, as "mailer help COMMAND"
# runs; options of dkim are --help.
. tests/lib/tap.sh
tap_tmp
plan 3
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_mailer; printf "%s\n" "${COMPREPLY[@]}"' _ \
		contrib/mailer.bash-completion "$@"
}
got=$(complete_words mailer dkim '' | tr '\n' ' ')
echo "# mailer dkim: $got"
[ "$got" = "record " ] && "$MAILER" dkim --help | grep -q 'mailer dkim record'
ok $? "'mailer dkim ' completes to record"
got=$(complete_words mailer help s | sort | tr '\n' ' ')
want=$("$MAILER" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' |
	grep '^s' | sort | tr '\n' ' ')
echo "# mailer help s: $got (want $want)"
[ -n "$want" ] && [ "$got" = "$want" ] && "$MAILER" help send | grep -q '^usage: mailer send'
ok $? "'mailer help s' completes the commands mailer --help lists"
[ "$(complete_words mailer dkim --)" = --help ]
ok $? "'mailer dkim --' completes to --help"
exit $tap_failed
