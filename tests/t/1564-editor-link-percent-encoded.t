#!/usr/bin/env bash
# A link to an article written percent-encoded, as an editor's tool
# writes a blank in a file name ([x](03%20deyang%20workstation.md)), was
# warned as "names no article of this issue" and led nowhere in the
# mail.  Now %XX (UTF-8) is decoded before the name is matched: no
# warning, and the HTML links to the article's place; a malformed escape
# (%2x, a cut UTF-8 sequence) stays a warning.  (A browser decodes the
# fragment, cmark writes percent-encoded, to find the id: so does the test.)  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
mv "$I/03-deyang-workstation.md" "$I/03 deyang workstation.md"
mv "$I/05-mianyang-priorities.md" "$I/05-绵阳.md"
printf '\n见[德阳](03%%20deyang%%20workstation.md#x)、[绵阳](./05-%%E7%%BB%%B5%%E9%%98%%B3.md)与[坏](03%%2xdeyang.md)、[断](05-%%E7%%BB.md)。\n' \
	>>"$I/01-ziyang-cloud.md"
n=$(wc -l <"$I/01-ziyang-cloud.md")

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && ! grep -q 'deyang%20\|%E7%BB%B5' "$TMP/err"
ok $? "the encoded names of existing articles are not warned (exit $rc)"
grep -qxF "mailer: $I/01-ziyang-cloud.md:$n: warning: link \"03%2xdeyang.md\" names no article of this issue (no such file in its folder): in a mail it leads nowhere" "$TMP/err" &&
	grep -qF "link \"05-%E7%BB.md\" names no article" "$TMP/err"
ok $? "a malformed escape and a cut UTF-8 sequence stay warnings"
M preview "$I" --out "$TMP/pv" >/dev/null 2>&1
/usr/bin/python3 - "$TMP/pv/aba.html" >"$TMP/py" 2>&1 <<'PY'
import sys
from html.parser import HTMLParser
from urllib.parse import unquote
class P(HTMLParser):
    ids, hrefs = set(), {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a: self.ids.add(a['id'])
        if tag == 'a' and 'href' in a: self.hrefs[unquote(a['href'])] = 1
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
for want in ('#article-03-deyang-workstation', '#article-05-绵阳'):
    if want not in p.hrefs or want[1:] not in p.ids:
        print('no link to an existing id', want); sys.exit(1)
PY
ok $? "the HTML links both to their articles' ids (Python's html.parser) $(cat "$TMP/py")"
grep -q 'href="03%20deyang' "$TMP/pv/aba.html"
[ $? = 1 ]
ok $? "no link left as the file name"
