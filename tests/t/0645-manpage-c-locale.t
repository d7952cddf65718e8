#!/usr/bin/env bash
# man mailer on a server whose locale is C (a minimal Debian, cron, an ssh
# session without LANG): the page formats for ASCII without a warning, and
# no character of it vanishes (the full-width forms are spelled U+FF1D...);
# the installed page, gzipped as packages ship it, formats the same.
. tests/lib/tap.sh
command -v man >/dev/null || skip_all "man-db not installed (make deps)"
tap_tmp
plan 3
PAGE=mailer/mailer.1
env -u LANG -u LANGUAGE LC_ALL=C MANWIDTH=80 man --warnings -l "$PAGE" \
	>"$TMP/c.txt" 2>"$TMP/c.err"
rc=$?; sed 's/^/# /' "$TMP/c.err" | head -5
[ $rc = 0 ] && [ ! -s "$TMP/c.err" ] && [ -s "$TMP/c.txt" ]
ok $? "LC_ALL=C man --warnings: no warning (exit $rc)"
[ "$(tr -s ' \n' '  ' <"$TMP/c.txt" |
	grep -o 'forms U+FF1D, U+FF0B, U+FF0D, U+FF20' | wc -l)" = 2 ]
ok $? "the full-width forms are named in ASCII"
gzip -9c "$PAGE" >"$TMP/mailer.1.gz"
env -u LANG -u LANGUAGE LC_ALL=C MANWIDTH=80 man --warnings -l \
	"$TMP/mailer.1.gz" >"$TMP/gz.txt" 2>"$TMP/gz.err"
cmp -s "$TMP/c.txt" "$TMP/gz.txt" && [ ! -s "$TMP/gz.err" ]
ok $? "the gzipped page formats the same"
exit $tap_failed
