#!/usr/bin/env bash
# make install into a temporary PREFIX (and a DESTDIR staging tree): the
# binary, man page, templates, contrib files and bash completion land
# where they should and work from there; make uninstall removes them all.
. tests/lib/tap.sh
tap_tmp
plan 8
P=$TMP/prefix
mk() { ${MAKE:-make} -s --no-print-directory "$@"; }
expected() {	# the files install must create under $1
	printf '%s\n' bin/mailer share/man/man1/mailer.1 \
		share/bash-completion/completions/mailer
	for f in templates/*.mustache; do echo "share/mailer/$f"; done
	for f in crontab mailer.service mailer.timer postfix-relay.md \
		mailer.bash-completion mailer-serve.service nginx-mailer.conf \
		archive-publish.md; do echo "share/mailer/contrib/$f"; done
}
mk install PREFIX="$P" >"$TMP/install.out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/install.out" | tail -5
ok $rc "make install PREFIX=$P"

(cd "$P" && find . -type f | sed 's|^\./||' | sort) >"$TMP/got"
expected | sort >"$TMP/want"
diff -u "$TMP/want" "$TMP/got" | sed 's/^/# /'
[ -z "$(diff "$TMP/want" "$TMP/got")" ] && [ -x "$P/bin/mailer" ] &&
	[ "$(stat -c %a "$P/share/man/man1/mailer.1")" = 644 ]
ok $? "exactly the expected files, binary executable"

"$P/bin/mailer" --help >"$TMP/help" 2>&1 && grep -q '^commands:' "$TMP/help" &&
	"$P/bin/mailer" send --help | grep -q -- '--dry-run'
ok $? "the installed binary runs: --help, send --help"

MANPATH=$P/share/man man -w mailer 2>/dev/null | grep -qx "$P/share/man/man1/mailer.1" &&
	MANPATH=$P/share/man LC_ALL=C.UTF-8 MANWIDTH=80 man mailer 2>/dev/null |
	grep -q '^EXIT STATUS'
ok $? "man finds and formats the installed page"

got=$(bash -c '. "$1"; COMP_WORDS=(mailer pre); COMP_CWORD=1; _mailer
	echo "${COMPREPLY[*]}"' _ "$P/share/bash-completion/completions/mailer")
[ "$got" = preview ]; ok $? "the installed completion completes (got '$got')"

mk install DESTDIR="$TMP/stage" PREFIX=/usr >/dev/null 2>&1 &&
	(cd "$TMP/stage/usr" && find . -type f | sed 's|^\./||' | sort) |
	diff -q - "$TMP/want" >/dev/null
ok $? "DESTDIR staging installs the same files under DESTDIR/PREFIX"

mk uninstall PREFIX="$P" >/dev/null 2>&1
rc=$?; left=$(find "$P" -type f); echo "$left" | sed '/^$/d; s/^/# left: /'
[ $rc = 0 ] && [ -z "$left" ] && [ ! -e "$P/share/mailer" ]
ok $? "make uninstall leaves no file of ours"

mk uninstall DESTDIR="$TMP/stage" PREFIX=/usr >/dev/null 2>&1 &&
	[ -z "$(find "$TMP/stage" -type f)" ]
ok $? "make uninstall with DESTDIR, too"
exit $tap_failed
