#!/usr/bin/env bash
# An editor's article credited to "abba" (a typo of aba), or to the
# association's name as the masthead prints it (阿坝州科协), and a sponsor
# typed so: check said `02-x.md: source "abba" is not a list in lists`,
# with no line, and nothing on what to write.  Now each is named at its
# line and column, a name or short name with the id to write; check,
# preview and send --to exit 65 and write nothing.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
I=$P/issues/2021-01
sed -i 's/^source: liangshan$/source: liangshang/' "$I/02-liangshan-archives.md"
sed -i 's/^source: ziyang$/source: 资阳市科协/' "$I/01-ziyang-cloud.md"
sed -i 's/^sponsors: \[liangshan, ganzi,/sponsors: [liangshan, 甘孜州科学技术协会,/' "$I/issue.yaml"

refused_everywhere "$P" "$I"
ok $? "check, preview and send --to refuse and write nothing (exits $REFUSED)"
grep -qF "02-liangshan-archives.md:4:9: source \"liangshang\" is not a list in $P/lists (no $P/lists/liangshang.yaml)" "$TMP/err"
ok $? "a typo is named at its line and column"
grep -qF '01-ziyang-cloud.md:5:9: source "资阳市科协" is not a list in '"$P/lists"': it is the name of list ziyang: write ziyang' "$TMP/err"
ok $? "an association's short name: the id to write"
grep -qF 'issue.yaml:21:23: sponsor "甘孜州科学技术协会" is not a list in '"$P/lists"': it is the name of list ganzi: write ganzi' "$TMP/err"
ok $? "a sponsor by its full name: its line and column, the id to write"
