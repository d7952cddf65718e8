#!/usr/bin/env bash
# Two articles whose names differ only in a blank ("03 deyang
# workstation.md" beside "03-deyang-workstation.md", a copy saved by
# hand) both got id="article-03-deyang-workstation": a link to one led
# to the other, and nothing said so.  Now check, preview and send --to
# refuse with both file names, exit 65, and write nothing.  Maildir
# transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
I=$P/issues/2021-01
cp "$I/03-deyang-workstation.md" "$I/03 deyang workstation.md"

refused_everywhere "$P" "$I"
ok $? "check, preview and send --to refuse and write nothing (exits $REFUSED)"
grep -qxF "mailer: $I/03 deyang workstation.md and $I/03-deyang-workstation.md: both get the HTML id \"article-03-deyang-workstation\" (a link to one would lead to the other): rename one: names that differ only in blanks or punctuation get one id" "$TMP/err"
ok $? "both files are named, with the id they share"
mv "$I/03 deyang workstation.md" "$I/07 deyang workstation.md"
"$MAILER" --config "$P/config.yaml" check "$I" >"$TMP/out" 2>&1
ok $? "renamed, it passes"
