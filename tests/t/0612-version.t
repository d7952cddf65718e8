#!/usr/bin/env bash
# mailer --version (and -V): exit 0, "mailer VERSION" first, then each
# library with the version it reports at run time; checked against what
# the system's own tools say of the same libraries (pkg-config's .pc
# files, file(1) for libmagic), so a line that printed a wrong or a
# hard-coded version would fail.  The same text for -V, nothing on stderr.
. tests/lib/tap.sh
tap_tmp
command -v pkg-config >/dev/null || skip_all "pkg-config not installed (make deps)"
plan 4
"$MAILER" --version >"$TMP/v" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/v"
[ $rc = 0 ] && [ ! -s "$TMP/err" ] && head -1 "$TMP/v" | grep -Eq '^mailer [0-9]+\.[0-9]+$'
ok $? "--version: exit 0, first line \"mailer VERSION\", nothing on stderr ($rc)"
"$MAILER" -V >"$TMP/v2" 2>&1; rc=$?
[ $rc = 0 ] && cmp -s "$TMP/v" "$TMP/v2"
ok $? "-V prints the same ($rc)"
bad=0
# library line in mailer's output : its pkg-config module
for pair in libcurl:libcurl libetpan:libetpan gpgme:gpgme libyaml:yaml-0.1 \
	libcmark:libcmark sqlite3:sqlite3 jansson:jansson libidn2:libidn2 \
	libpsl:libpsl nettle:nettle gnutls:gnutls libmicrohttpd:libmicrohttpd \
	libunbound:libunbound libcrypto:libcrypto; do
	lib=${pair%%:*} pc=${pair#*:}
	want=$(pkg-config --modversion "$pc") || { echo "# no pkg-config module $pc"; bad=1; continue; }
	got=$(grep "^$lib " "$TMP/v" | head -1)
	# the line holds the library's version, or (libetpan and nettle
	# report major.minor only) the start of it
	ver=$(printf '%s\n' "$got" | grep -Eo '[0-9]+(\.[0-9]+)+' | head -1)
	case $want in "$ver"|"$ver".*) ;; *) echo "# $lib: mailer says \"$got\", pkg-config $pc says $want"; bad=1 ;; esac
done
ok $bad "every library's version is the one pkg-config names"
want=$(file --version | head -1 | sed 's/^file-//')
grep -qx "libmagic $want" "$TMP/v"
ok $? "libmagic's is the one file(1) reports ($want)"
exit $tap_failed
