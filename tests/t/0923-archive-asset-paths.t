#!/usr/bin/env bash
# An image under a hidden folder (images: [.img/a.png]) is mailed, but the
# archive published it at 2021-01/.img/a.png, which serve and the nginx
# block of contrib/archive-publish.md refuse (404), so the archive page
# showed a broken image and nothing said so; a change to it made no new
# build and no build ever removed it.  Now check and preview warn, and
# archive stops (65, nothing written) naming the file and what to do.
# The same for an image under a folder named like a page (aba.html/a.png):
# the build wrote the pages, then failed with 73, "Not a directory".
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
mk_archived_project "$TMP/p"
snap() { (cd "$A" && find . -printf '%p %T@ %s\n' | sort) | sha256sum; }
before=$(snap)
mkdir "$I/.img" && mv "$I/images/tianfu-cloud.png" "$I/.img/"
sed -i 's#images/tianfu-cloud.png#.img/tianfu-cloud.png#g' "$I"/*.md

M check "$I" >/dev/null 2>"$TMP/err"; rc=$?; sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q 'warning: ".img/tianfu-cloud.png" has a hidden name .*the web archive cannot publish it' "$TMP/err"
ok $? "check passes with a warning naming the file"
M archive >"$TMP/out" 2>"$TMP/err"; rc=$?; sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -q 'issues/2021-01: ".img/tianfu-cloud.png" has a hidden name .*rename it' "$TMP/err"
ok $? "archive: exit 65 naming the issue and the file (got $rc)"
[ "$(snap)" = "$before" ] && [ ! -e "$A/2021-01/.img" ]
ok $? "nothing written"
mv "$I/.img/tianfu-cloud.png" "$I/images/" && rmdir "$I/.img"
sed -i 's#\.img/tianfu-cloud.png#images/tianfu-cloud.png#g' "$I"/*.md
M archive --quiet >/dev/null 2>&1; ok $? "renamed back: the build passes"

# a folder named like a list's page: the page is a file there
mkdir "$I/aba.html" && cp "$I/images/tianfu-cloud.png" "$I/aba.html/a.png"
sed -i 's#images: \[images/tianfu-cloud.png\]#images: [images/tianfu-cloud.png, aba.html/a.png]#' "$I/01-ziyang-cloud.md"
before=$(snap)
M archive >"$TMP/out" 2>"$TMP/err"; rc=$?; sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -q '"aba.html/a.png" would overwrite an archive page .* or lie under one' "$TMP/err" &&
	[ "$(snap)" = "$before" ]
ok $? "an image under a folder named like a page: 65 naming it, nothing written (it was 73, \"Not a directory\", pages rewritten)"
exit $tap_failed
