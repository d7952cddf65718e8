#!/usr/bin/env bash
# An editor copies a section of issue.yaml to make the next one and
# changes its title but not its id: the articles of the first section's
# old id were then blamed ("01-x.md:4:10: unknown section \"headline\":
# issue.yaml's sections are reform, reform, ..."), and issue.yaml, where
# the mistake is, was never named.  Now the second id is named at its
# line with the first one's; check, preview and send --to exit 65 and
# write nothing.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
I=$P/issues/2021-01
sed -i 's/^  - id: headline$/  - id: reform/' "$I/issue.yaml"

refused_everywhere "$P" "$I"
ok $? "check, preview and send --to refuse and write nothing (exits $REFUSED)"
grep -qF "$I/issue.yaml:8:9: section id \"reform\" is already the id of the section at line 6: each section needs its own id" "$TMP/err"
ok $? "the second id is named at its line, with the first one's"
! grep -q 'unknown section' "$TMP/err"
ok $? "no article is blamed"
