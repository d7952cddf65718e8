#!/usr/bin/env bash
# What loads but will not work in a mail is a warning, named by file and
# line, from check and preview (exit 0 still): a link with no scheme
# (relative, "//host", "www.") leads nowhere from a mail, and a remote
# image is blocked by most clients.  Links with a scheme, mailto: and
# "#" anchors are fine; a send says nothing of them.  An image in a format
# many clients do not show (SVG, WebP, an iPhone's HEIC) is named too;
# PNG, JPEG and GIF are not.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
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

# an SVG logo and a GIF beside the PNG: the SVG is named, once, the GIF not
printf '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n' \
	>"$I/images/徽标.svg"
printf 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377!\371\004\001\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\001D\000;' \
	>"$I/images/x.gif"
sed -i 's#^images: \[images/tianfu-cloud.png\]#images: [images/tianfu-cloud.png, images/徽标.svg, images/x.gif]#' "$F"
printf '\n![徽标](images/徽标.svg) ![点](images/x.gif)\n' >>"$F"
M check "$I" >"$TMP/out2" 2>"$TMP/err2"; rc=$?
sed 's/^/# /' "$TMP/err2" | grep -v 'link\|remote'
[ $rc = 0 ] && [ "$(grep -c 'image "images/徽标.svg" is image/svg+xml, which many mail clients do not show' "$TMP/err2")" = 1 ]
ok $? "check names the SVG image's type, once (exit $rc)"
! grep -q 'x.gif\|tianfu-cloud.png' "$TMP/err2"
ok $? "and not the GIF or the PNG"
exit $tap_failed
