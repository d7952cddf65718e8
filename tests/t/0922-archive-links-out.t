#!/usr/bin/env bash
# Symlinks in an issue folder that lead out of it, and that no article
# names (a contributor's link to a file on their own machine, to the
# journal, to a 70 MB log): the archive read each to fingerprint the
# issue, so a dangling one stopped every build ("files/x.txt: No such
# file or directory", exit 65, though check said ok), and one to a file
# over 64 MB too.  Such a link's input is now what it says it leads to:
# the build goes on, publishes nothing of it, and a link changed to lead
# elsewhere still makes the issue again.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
mk_archived_project "$TMP/p"

ln -s /nonexistent/on/this/machine "$I/files/notes.txt"
M archive >"$TMP/out" 2>&1; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ]; ok $? "a dangling symlink no article names: the build goes on (exit $rc)"
truncate -s 70M "$TMP/big.log"
ln -s "$TMP/big.log" "$I/files/big.log"
ln -s "$P/config.yaml" "$I/images/config.png"
M archive >"$TMP/out" 2>&1; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ]; ok $? "symlinks out to a 70 MB file and to the config: the build goes on (exit $rc)"
! grep -rq 'maildir:outbox' "$A" && [ ! -e "$A/2021-01/images/config.png" ] &&
	[ ! -e "$A/2021-01/files/big.log" ] && [ ! -e "$A/2021-01/files/notes.txt" ]
ok $? "nothing of them is published"
ln -sfn /elsewhere "$I/files/notes.txt"
M archive >"$TMP/out" 2>&1; rc=$?; sed 's/^/# /' "$TMP/out"
[ $rc = 0 ] && grep -q '(1 made again)' "$TMP/out"
ok $? "a link changed to lead elsewhere makes the issue again"
M archive >"$TMP/out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '(0 made again)' "$TMP/out"
ok $? "and an unchanged one does not"
exit $tap_failed
