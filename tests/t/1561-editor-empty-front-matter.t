#!/usr/bin/env bash
# An article whose front matter is empty ("---" then "---": the keys
# deleted to write them again) said "04-x.md: empty document", with no
# line, and an empty issue.yaml the same.  Now FILE:LINE names the
# front matter's opening line (1 of issue.yaml); check, preview and
# send --to exit 65 and write nothing.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
I=$P/issues/2021-01 A=$P/issues/2021-01/04-shaoguan-talent.md
{ printf -- '---\n---\n'; tail -n +6 issues/2021-01/04-shaoguan-talent.md; } >"$A"

refused_everywhere "$P" "$I"
ok $? "empty front matter: check, preview and send --to refuse and write nothing (exits $REFUSED)"
grep -qxF "mailer: $A:1: empty document: no \"key: value\" line" "$TMP/err"
ok $? "the article is named at its front matter's line"
cp issues/2021-01/04-shaoguan-talent.md "$A"
printf '# to be written\n' >"$I/issue.yaml"
refused_everywhere "$P" "$I"
ok $? "an issue.yaml with no key: refused everywhere (exits $REFUSED)"
grep -qxF "mailer: $I/issue.yaml:1: empty document: no \"key: value\" line" "$TMP/err"
ok $? "issue.yaml is named at line 1"
