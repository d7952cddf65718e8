#!/usr/bin/env bash
# Every page a reader opens has a title of its own (WCAG 2.4.2): the
# archive's edition of each association and preview's page of each
# edition name the association ("... · 阿坝州科学技术协会版"), so a browser's
# tabs and history and a screen reader's "title" tell them apart from one
# another and from the issue's page; they all read the issue's title.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/p
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/out" 2>&1 && M archive >>"$TMP/out" 2>&1 &&
	M preview "$P/issues/2021-01" --out "$TMP/pv" >>"$TMP/out" 2>&1
ok $? "send, archive and preview"
# titles DIR: each association's page DIR/ID.html has a title of its own
# that names the association and holds the issue's title
titles() {
	/usr/bin/python3 - "$1" "$P/lists" <<'PY'
import glob, html, os, re, sys
seen, bad, n = {}, [], 0
for y in sorted(glob.glob(sys.argv[2] + '/*.yaml')):
    lid = os.path.basename(y)[:-5]
    name = re.search(r'^name: *(.*)$', open(y, encoding='utf-8').read(), re.M).group(1).strip()
    page = os.path.join(sys.argv[1], lid + '.html')
    if not os.path.exists(page):
        continue
    n += 1
    t = html.unescape(re.search(r'<title>(.*?)</title>', open(page, encoding='utf-8').read(), re.S).group(1))
    if name not in t or '2021年第1期' not in t:
        bad.append('%s: %s' % (lid, t))
    if t in seen:
        bad.append('%s and %s: both %s' % (seen[t], lid, t))
    seen[t] = lid
print('# %d pages, %d titles' % (n, len(seen)))
for b in bad[:5]:
    print('# WRONG:', b)
sys.exit(1 if bad or len(seen) < 2 else 0)
PY
}
titles "$P/archive/2021-01"
ok $? "the archive's association pages have titles of their own"
titles "$TMP/pv"
ok $? "preview's edition pages too"
exit $tap_failed
