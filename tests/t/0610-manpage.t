#!/usr/bin/env bash
# The man page: formats without a warning under man-db and groff, and
# documents every command, every option and every configuration key the
# code knows (read from main.c's command table, the getopt tables and
# config.c's yfield tables, so a new key without docs fails here).
. tests/lib/tap.sh
command -v man >/dev/null || skip_all "man-db not installed (make deps)"
command -v groff >/dev/null || skip_all "groff not installed (make deps)"
tap_tmp
plan 7
PAGE=mailer/mailer.1
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" \
	>"$TMP/page.txt" 2>"$TMP/man.err"
rc=$?; sed 's/^/# /' "$TMP/man.err"
[ $rc = 0 ] && [ ! -s "$TMP/man.err" ] && [ -s "$TMP/page.txt" ]
ok $? "man --warnings formats it with no warning"
groff -ww -man -Tutf8 "$PAGE" >/dev/null 2>"$TMP/groff.err"
rc=$?; sed 's/^/# /' "$TMP/groff.err"
[ $rc = 0 ] && [ ! -s "$TMP/groff.err" ]; ok $? "groff -ww -man: no warning"

# Every key of config.c's tables: section.key for the nested tables (the
# section named by the top-level YF_MAP entry), plain names at the top.
awk '
/^static const struct yfield [a-z_]+\[\]/ { t = $5; sub(/\[\].*/, "", t); next }
/^};/ { t = "" }
/^\t\{ "/ && t != "" {
	split($0, a, "\""); k = a[2]
	if (t == "top_fields") {
		if ($0 ~ /YF_MAP/) {
			m = $0; sub(/.*, /, "", m); sub(/ *\}.*/, "", m)
			pre[m] = k
		} else print k
	} else keys[t] = keys[t] " " k
}
END {
	for (t in keys) {
		n = split(keys[t], ks, " ")
		for (i = 1; i <= n; i++)
			print (t in pre ? pre[t] : "UNMAPPED:" t) "." ks[i]
	}
}' mailer/config.c | sort >"$TMP/keys"
missing=0
while read -r k; do
	grep -qF -- "$k" "$TMP/page.txt" || { echo "# undocumented key: $k"; missing=1; }
done <"$TMP/keys"
n=$(wc -l <"$TMP/keys")
echo "# $n config keys"
[ "$n" -ge 40 ] && [ $missing = 0 ]; ok $? "every config key is documented ($n)"

missing=0; n=0
for c in $(sed -n 's/^\t{ "\([a-z]*\)", cmd_.*/\1/p' mailer/main.c); do
	n=$((n + 1))
	grep -qE "^   $c( |\$)" "$TMP/page.txt" ||
		{ echo "# no subsection for command $c"; missing=1; }
done
[ "$n" -ge 6 ] && [ $missing = 0 ]; ok $? "every command has its subsection ($n)"

missing=0
opts=$( { grep -ohE '\{ "[a-z-]+", (required|no)_argument' mailer/cmd_*.c |
	sed 's/{ "\([a-z-]*\)".*/--\1/'
	grep -ohE '"--[a-z-]+' mailer/cmd_*.c mailer/main.c | tr -d '"'; } |
	sort -u)
for o in $opts; do
	grep -qF -- "$o" "$TMP/page.txt" || { echo "# undocumented option $o"; missing=1; }
done
echo "# options:" $opts
[ $missing = 0 ]; ok $? "every option is documented"

missing=0
for s in NAME SYNOPSIS DESCRIPTION COMMANDS CONFIGURATION FILES ENVIRONMENT \
	'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	grep -q "^$s\$" "$TMP/page.txt" || { echo "# no section $s"; missing=1; }
done
[ $missing = 0 ]; ok $? "the usual sections are there"

missing=0
for w in SOURCE_DATE_EPOCH MAILER_TEST_SEED password_env passphrase_env \
	issue.yaml send_at sections front lists/ID.yaml lists/ID.csv \
	issue.html.mustache subscriber source_name; do
	grep -qF -- "$w" "$TMP/page.txt" || { echo "# not mentioned: $w"; missing=1; }
done
for code in $("$MAILER" --exit-codes | cut -f1); do
	sed -n '/^EXIT STATUS/,/^EXAMPLES/p' "$TMP/page.txt" |
		grep -qE "^       $code( |\$)" || { echo "# exit status $code"; missing=1; }
done
[ $missing = 0 ]; ok $? "environment, issue format, templates, exit codes"
exit $tap_failed
