#!/usr/bin/env bash
# Every page of the archive names the feed in its head (<link
# rel="alternate" type="application/atom+xml">, what browsers and feed
# readers discover a feed by), and the link leads to feed.xml.  An
# association's page, where Archived-At and the mail's links land a
# reader, had none.  The mail itself carries no such link.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 2
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
echo 'send_at: 2021-01-20T08:00:00+08:00' >>"$P/issues/2021-01/issue.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M archive --quiet && M preview "$P/issues/2021-01" --list aba --out "$TMP/pv" >/dev/null 2>&1
/usr/bin/python3 - "$A" <<'PY'
import glob, html.parser, os, sys
A = sys.argv[1]
bad = n = 0
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.feeds = []; s.inhead = True
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag == 'body': s.inhead = False
        if s.inhead and tag == 'link' and a.get('rel') == 'alternate' and \
           a.get('type') == 'application/atom+xml': s.feeds.append(a.get('href'))
for f in glob.glob(A + '/**/*.html', recursive=True):
    n += 1
    p = P(); p.feed(open(f, encoding='utf-8').read())
    ok = [h for h in p.feeds if h and os.path.normpath(os.path.join(os.path.dirname(f), h)) == A + '/feed.xml']
    if not ok:
        bad += 1
        if bad <= 3: print('# no feed link:', f[len(A) + 1:], p.feeds)
print('# %d pages, %d without' % (n, bad))
sys.exit(1 if bad or n < 20 else 0)
PY
ok $? "every page names feed.xml in its head"
! grep -rq 'application/atom+xml' "$TMP/pv" 2>/dev/null && [ -n "$(ls "$TMP/pv" 2>/dev/null)" ]
ok $? "the mail (preview) has no feed link"
