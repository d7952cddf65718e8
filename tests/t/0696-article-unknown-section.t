#!/usr/bin/env bash
# An article's unknown section is named with its line and the sections
# there are: an editor who wrote "section: sport" (or 要闻, the section's
# title, instead of its id) got "05-x.md: unknown section "sport"
# (issue.yaml lists the sections)", no line, unlike every other front
# matter error, and had to open issue.yaml to find the ids.  Now it is
# "05-x.md:3:10: unknown section "sport": issue.yaml's sections are
# news, local", and a section's title adds '"要闻" is the title of news:
# write section: news', exit 65, by check, preview and send alike.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_tiny_project "$P"
printf '  - id: local\n    title: 地方\n' >>"$I/issue.yaml"
printf -- '---\ntitle: 第二篇\nsection: 要闻\n---\n正文。\n' >"$I/02-b.md"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
for cmd in check preview send; do
	M $cmd "$I" --list east >"$TMP/o" 2>"$TMP/e"; rc=$?
	sed 's/^/# /' "$TMP/e" | head -2
	[ $rc = 65 ] &&
		grep -q "02-b.md:3:10: unknown section \"要闻\": issue.yaml's sections are news, local; \"要闻\" is the title of news: write section: news\$" "$TMP/e"
	ok $? "$cmd: the line, the section ids and the id of that title (exit $rc)"
done
exit $tap_failed
