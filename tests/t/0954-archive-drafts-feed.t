#!/usr/bin/env bash
# mailer archive --drafts (the editor's preview) keeps drafts out of the
# feed: a draft entry carried no mark, so a reader polling the feed then
# took an unpublished issue for a published one, and kept it after the
# next build took it out again.  The index and the pages still show the
# draft, marked; the feed still holds web.feed_entries published issues.
. tests/lib/tap.sh
. tests/lib/project.sh
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 3
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n  feed_entries: 2\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
mk() {	# mk ID NUMBER DATE [SEND_AT]
	[ -d "$P/issues/$1" ] || cp -r "$P/issues/2021-01" "$P/issues/$1"
	sed -i -e "s/^number: .*/number: $2/" -e "s/^date: .*/date: $3/" \
		-e '/^send_at:/d' "$P/issues/$1/issue.yaml"
	[ -z "${4:-}" ] || echo "send_at: $4" >>"$P/issues/$1/issue.yaml"
}
mk 2021-01 1 2021-01-20 2021-01-20T08:00:00+08:00
mk 2021-02 2 2021-02-20 2021-02-20T08:00:00+08:00
mk 2021-03 3 2021-03-20 2021-03-20T08:00:00+08:00
mk 2021-04 4 2021-04-20
mk 2099-01 5 2099-01-20 2099-01-20T08:00:00+08:00
M archive --drafts >"$TMP/out" 2>&1
ok $? "archive --drafts"; sed 's/^/# /' "$TMP/out"
got=$(/usr/bin/python3 - "$A/feed.xml" <<'PY'
import feedparser, sys
d = feedparser.parse(sys.argv[1])
print(' '.join(e.link.rstrip('/').rsplit('/', 1)[1] for e in d.entries))
PY
)
[ "$got" = "2021-03 2021-02" ]
ok $? "the feed: the two newest published issues, no draft ($got)"
[ "$(grep -c '(草稿)' "$A/index.html")" = 2 ] && [ -f "$A/2021-04/index.html" ] && [ -f "$A/2099-01/index.html" ]
ok $? "the index and the pages still show both drafts, marked"
