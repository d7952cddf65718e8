#!/usr/bin/env bash
# Bug "cmd_run.c reads st uninitialised when job_open fails": a due issue
# that does not load (a bad article) makes `mailer run` report it and exit
# 65 and print no summary line made up from unset counts.  gcc -O2 happens
# to reuse a zeroed stack slot for the counts, so the normal build hid the
# bug; make check-asan builds with -ftrivial-auto-var-init=pattern, which
# fills such reads with 0xFE bytes and made test 3 fail before the fix.
# Outside the sanitizer build, valgrind's memcheck runs it too.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
printf 'send_at: 2020-01-01T08:00:00+08:00\n' >>"$P/issues/2021-01/issue.yaml"
art=$(ls "$P"/issues/2021-01/*.md | head -1)
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$art"
VG=
if [ -z "${MAILER_SANITIZED:-}" ] && command -v valgrind >/dev/null; then
	VG="valgrind -q --suppressions=$PWD/tests/valgrind.supp --log-file=$TMP/vg.log"
fi
$VG "$MAILER" --config "$P/config.yaml" run >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 65 ]; ok $? "a due issue that does not load: exit 65 (got $rc)"
grep -q "$(basename "$art")" "$TMP/err"; ok $? "the bad article is named"
[ ! -s "$TMP/out" ]; ok $? "no summary line made up from unset counts"
if [ -n "$VG" ]; then
	sed 's/^/#   /' "$TMP/vg.log" | head -20
	! grep -q 'uninitialised' "$TMP/vg.log"; ok $? "valgrind: no use of uninitialised values"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP valgrind: not installed, or a sanitizer build"
fi
exit $tap_failed
