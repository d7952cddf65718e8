#!/usr/bin/env bash
# Links a careless or hostile contributor writes: a link whose text is
# the address of another site than its target ("[https://www.icbc.com.cn/
# login](https://evil.example/x)", or a mail address over a mailto: of
# another: what phishing looks like to readers and spam filters) and javascript:, vbscript:, file: and data: links and
# images, which the HTML part leaves empty (href="") under the default
# allow_html: false, passed check with no word.  Each is now a warning of
# check and preview (the issue still goes out); an address shown as its
# own link, or one of the same site, gets none.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 7
mk_tiny_project "$TMP/p"
M() { "$MAILER" --config "$TMP/p/config.yaml" "$@"; }
cat >>"$I/01-a.md" <<'MD'

请登录 [https://www.icbc.com.cn/login](https://evil.example/x) 查看。

[www.bank.cn](http://www.bank.cn/a) <https://ok.example/> [https://example.org](https://example.org/page)

[president@bank.cn](mailto:evil@example.net) [office@example.org](mailto:office@example.org?subject=hi) [Office@Example.org](mailto:office@example.org)

[点我](javascript:alert(1)) [v](vbscript:msgbox) [f](file:///etc/passwd)
![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) ![ok](data:image/png;base64,iVBORw0KGgo=)
MD
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ]; ok $? "check passes (warnings only)"
grep -q '01-a.md:7: warning: link text "https://www.icbc.com.cn/login" names another site than the link leads to' "$TMP/err"
ok $? "a link showing another site's address: a warning with file and line"
n=$(grep -c 'names another site' "$TMP/err"); [ "$n" = 1 ]
ok $? "no warning for an address shown as its own link or one of the same site ($n)"
grep -q '01-a.md:11: warning: link text "president@bank.cn" is a mail address the link does not write to' "$TMP/err" &&
	[ "$(grep -c 'is a mail address' "$TMP/err")" = 1 ]
ok $? "a mail address shown over a mailto: of another: a warning; the same address (any case, ?subject=) none"
grep -q '01-a.md:13: warning: link "javascript:alert(1)" is left out of the HTML part' "$TMP/err" &&
	grep -q 'link "vbscript:msgbox" is left out' "$TMP/err" && grep -q 'link "file:///etc/passwd" is left out' "$TMP/err"
ok $? "javascript:, vbscript: and file: links: a warning each"
grep -q '01-a.md:14: warning: image "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" is left out of the HTML part' "$TMP/err" &&
	! grep -q 'data:image/png' "$TMP/err"
ok $? "a data: SVG image: a warning; a data: PNG none"
echo 'allow_html: true' >>"$I/issue.yaml"
M check "$I" >/dev/null 2>"$TMP/err2"
! grep -q 'is left out' "$TMP/err2" && grep -q 'names another site' "$TMP/err2"
ok $? "allow_html: true keeps them (no such warning); the phishing look is still named"
exit $tap_failed
