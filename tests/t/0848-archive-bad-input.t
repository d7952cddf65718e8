#!/usr/bin/env bash
# mailer archive on bad input, each case alone (0920 covers hostile ids,
# names and attachments): a template that does not parse, an issue.yaml
# that does not parse, an issue folder that does not exist (65, named with
# file and line where there is one), and an --out that is a file or cannot
# be made (73).  Each leaves the archive already built byte for byte.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 6
P=$TMP/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >/dev/null 2>&1 || { echo "Bail out! send"; exit 1; }
M archive --quiet >/dev/null 2>&1 || { echo "Bail out! archive"; exit 1; }
A=$P/archive
snap() { (cd "$A" && find . -printf '%p %i %T@ %s\n' | sort; find . -type f -exec cat {} +) | sha256sum; }
before=$(snap)
# run NAME CODE REGEX ARGS...: archive exits CODE, says REGEX, changes nothing
run() {
	local name=$1 code=$2 re=$3 rc; shift 3
	M archive "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; rc=$?
	sed 's/^/# /' "$TMP/$name.err"
	[ $rc = "$code" ] && grep -q "$re" "$TMP/$name.err" && [ "$(snap)" = "$before" ]
}

cp -p "$P/templates/archive-index.html.mustache" "$TMP/tmpl"
printf '{{#issues}}\n<p>{{title}</p>\n' >"$P/templates/archive-index.html.mustache"
run tmpl 65 'templates/archive-index.html.mustache:2: '
ok $? "a template that does not parse: 65 naming file and line, nothing written"
cp -p "$TMP/tmpl" "$P/templates/archive-index.html.mustache"

cp -p "$P/issues/2021-01/issue.yaml" "$TMP/issue.yaml"
printf 'number: [1\n' >"$P/issues/2021-01/issue.yaml"
run yaml 65 'issues/2021-01/issue.yaml:[0-9]*:[0-9]*: '
ok $? "an issue.yaml that does not parse: 65 naming file, line and column, nothing written"
cp -p "$TMP/issue.yaml" "$P/issues/2021-01/issue.yaml"

run missing 65 'issues/2099-01' "$P/issues/2099-01"
ok $? "an issue folder that does not exist: 65 naming it, nothing written"

: >"$TMP/a-file"
run outfile 73 'a-file: not a folder' --out "$TMP/a-file"
ok $? "--out naming a file: 73, nothing written"
run outproc 73 '/proc/mailer-nope' --out /proc/mailer-nope
ok $? "--out that cannot be made: 73, nothing written"
M archive --quiet >/dev/null 2>&1 && [ "$(snap)" = "$before" ]
ok $? "the inputs restored, a build writes nothing new"
exit 0
