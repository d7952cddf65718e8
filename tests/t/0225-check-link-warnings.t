#!/usr/bin/env bash
# What loads but will not work in a mail is a warning, named by file and
# line, from check and preview (exit 0 still): a link with no scheme
# (relative, "//host", "www.") leads nowhere from a mail, and a remote
# image is blocked by most clients.  Links with a scheme, mailto: and
# "#" anchors are fine; a send says nothing of them.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 5
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/01-ziyang-cloud.md
printf '\n[上一期](../2020-12/index.html) [好](https://example.org/a) [信](mailto:news@example.org) [顶](#top)\n\n![远程](https://example.com/x.png)\n\n[站](www.example.org) [cdn](//cdn.example.org/y)\n' >>"$F"
n=$(wc -l <"$F")

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/out"
ok $? "check still passes (exit $rc)"
grep -q "01-ziyang-cloud.md:$((n - 4)): warning: link \"../2020-12/index.html\" has no scheme" "$TMP/err" &&
	grep -q "01-ziyang-cloud.md:$((n - 2)): warning: image \"https://example.com/x.png\" is remote" "$TMP/err" &&
	grep -q "01-ziyang-cloud.md:$n: warning: link \"www.example.org\" has no scheme" "$TMP/err" &&
	grep -q "01-ziyang-cloud.md:$n: warning: link \"//cdn.example.org/y\" has no scheme" "$TMP/err"
ok $? "it warns of the relative link, the remote image, www. and //host, each with its line"
[ "$(grep -c warning "$TMP/err")" = 4 ]
ok $? "and of nothing else: https:, mailto: and #top are fine ($(grep -c warning "$TMP/err") warnings)"

M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>"$TMP/perr"; rc=$?
[ $rc = 0 ] && [ "$(grep -c warning "$TMP/perr")" = 4 ]
ok $? "preview prints the same four (exit $rc)"

M send "$I" --list aba --quiet >"$TMP/sout" 2>"$TMP/serr"; rc=$?
[ $rc = 0 ] && ! grep -q warning "$TMP/serr" "$TMP/sout"
ok $? "send, run by cron, says nothing of them (exit $rc)"
exit $tap_failed
