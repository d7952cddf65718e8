#!/usr/bin/env bash
# An editor links one article to another of the same issue by its file
# name ("02-liangshan-archives.md", "./03-deyang-workstation.md#top"), as
# in the folder.  Neither file is a page of a mail or of the archive: the
# link leads to that article's place in the same edition (id
# "article-NAME" on each article), in the mail, the preview (Chromium
# scrolls there), the archive and the feed; the text part shows no file
# name.  A link to an article that is not in the folder is a warning that
# says so.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/chromium.sh
tap_tmp
plan 7
P=$TMP/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/04-shaoguan-talent.md
printf '\n详见[凉山州档案学会](02-liangshan-archives.md)一文、[德阳](./03-deyang-workstation.md#top)与[下期](09-next.md)。\n' >>"$F"
n=$(wc -l <"$F")

M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && [ "$(grep -c warning "$TMP/err")" = 1 ] &&
	grep -qF "04-shaoguan-talent.md:$n: warning: link \"09-next.md\" names no article of this issue" "$TMP/err"
ok $? "check: the two links to articles are fine, the one to a missing file named with its line (exit $rc)"

M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>&1
grep -qF '<a href="#article-02-liangshan-archives">凉山州档案学会</a>' "$TMP/pv/aba.html" &&
	grep -qF '<a href="#article-03-deyang-workstation">德阳</a>' "$TMP/pv/aba.html" &&
	[ "$(grep -c 'id="article-02-liangshan-archives"' "$TMP/pv/aba.html")" = 1 ]
ok $? "the HTML part links to the article's place, which has that id once"

/usr/bin/python3 - "$TMP/pv/aba.eml" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], 'rb').read(),
                             policy=email.policy.default)
t = next(p for p in m.walk() if p.get_content_type() == 'text/plain'
         and 'flowed' in p['content-type']).get_content()
t = t.replace(' \n', '')            # format=flowed; delsp=yes
ok = '详见凉山州档案学会一文、德阳与下期 <09-next.md>。' in t
print('# ' + [l for l in t.split('\n') if '详见' in l][0])
sys.exit(0 if ok and '.md>' not in t.replace('<09-next.md>', '') else 1)
PY
ok $? "the text part names no article file (the missing one stays as written)"

js='(() => { const a = document.querySelector("a[href=\"#article-02-liangshan-archives\"]"); a.click(); const t = document.getElementById("article-02-liangshan-archives"); document.title = location.hash + " top=" + Math.round(t.getBoundingClientRect().top) + " " + t.querySelector(".article-title").textContent; return location.hash === "#article-02-liangshan-archives" && Math.abs(t.getBoundingClientRect().top) < 2 && t.querySelector(".article-title").textContent === "凉山州档案学会奋力开创工作新局面"; })()'
echo "$js" >"$TMP/jump.js"
cdp_check "$TMP" "$TMP/jump.js" "open:file://$TMP/pv/aba.html" phone:375
ok $? "Chromium: the link scrolls the preview to 凉山州档案学会's article"

M send "$I" --list aba --quiet >/dev/null 2>&1 && M archive --quiet >/dev/null 2>&1
G=$P/archive/2021-01/index.html
grep -qF '<a href="#article-02-liangshan-archives">' "$G" &&
	[ "$(grep -c 'id="article-02-liangshan-archives"' "$G")" = 1 ] &&
	grep -qF 'href="#article-02-liangshan-archives"' "$P/archive/2021-01/aba.html"
ok $? "the archive's general edition and aba's edition link to the article on the page"
cdp_check "$TMP" "$TMP/jump.js" "open:file://$G"
ok $? "Chromium: the link scrolls the archive page to it"
grep -qF 'href=&quot;https://news.example.org/archive/2021-01/#article-02-liangshan-archives&quot;' "$P/archive/feed.xml"
ok $? "the feed links to its place in the general edition"
