#!/usr/bin/env bash
# The installed mailer, run from / with a config in /etc/mailer style that
# names no paths.templates and has no templates/ beside it, uses the
# templates make install put in PREFIX/share/mailer/templates; a project's
# own templates/ and paths.templates still come first.
. tests/lib/tap.sh
. tests/lib/sysconf.sh
tap_tmp
plan 5
P=$TMP/prefix
${MAKE:-make} -s --no-print-directory install PREFIX="$P" >/dev/null 2>&1
ok $? "make install PREFIX=$P"

mkdir -p "$TMP/etc" "$TMP/var"
sys_config "$TMP/etc/config.yaml" "$TMP/var" "issues: $PWD/issues"
echo "transport: { relays: [\"maildir:$TMP/var/outbox\"] }" >>"$TMP/etc/config.yaml"
run() { (cd / && "$P/bin/mailer" --config "$TMP/etc/config.yaml" "$@"); }

run check "$PWD/issues/2021-01" >"$TMP/check.out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/check.out" | head -5
[ $rc = 0 ]; ok $? "check: the installed templates are found (exit $rc)"

run preview "$PWD/issues/2021-01" --out "$TMP/pv" >/dev/null 2>&1 &&
	grep -rlq '</html>' "$TMP/pv"
ok $? "preview renders with them"

# a templates/ beside the config is the project's: it wins
mkdir "$TMP/etc/templates"
cp "$P/share/mailer/templates/"*.mustache "$TMP/etc/templates/"
sed -i 's|</body>|<!-- h641-own --></body>|' "$TMP/etc/templates/issue.html.mustache"
rm -rf "$TMP/pv"
run preview "$PWD/issues/2021-01" --out "$TMP/pv" >/dev/null 2>&1 &&
	grep -rq 'h641-own' "$TMP/pv"
ok $? "a templates/ beside the config comes first"

# paths.templates that does not exist is an error, not a fallback
rm -rf "$TMP/etc/templates"
sed -i "s|^paths:|paths:\n  templates: $TMP/etc/nowhere|" "$TMP/etc/config.yaml"
run check "$PWD/issues/2021-01" >"$TMP/check2.out" 2>&1
rc=$?; sed 's/^/# /' "$TMP/check2.out" | head -3
[ $rc != 0 ] && grep -q nowhere "$TMP/check2.out"
ok $? "a paths.templates that is missing is named, not replaced (exit $rc)"
exit $tap_failed
