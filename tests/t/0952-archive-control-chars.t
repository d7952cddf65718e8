#!/usr/bin/env bash
# A title pasted from a word processor holds a control character (Word's
# line break is a \v; a stray \x01 or \x08 comes with copy and paste):
# XML 1.0 allows none but tab, LF and CR, so one such title made feed.xml
# not well-formed and every reader refused the whole feed.  The feed and
# the pages stay well-formed (xmllint, feedparser without bozo), the
# character read as a space.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v xmllint >/dev/null || skip_all "xmllint not installed (make deps)"
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 3
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
sed -i '/^title:/d' "$P/issues/2021-01/issue.yaml"
printf 'title: "第1期\\v学会\\u0001工作\\b通讯\\uFFFE"\nsend_at: 2021-01-20T08:00:00+08:00\n' \
	>>"$P/issues/2021-01/issue.yaml"
sed -i 's/^title: .*/title: "天府科技云\\u000b两手抓"/' "$P/issues/2021-01/01-ziyang-cloud.md"
M archive >"$TMP/out" 2>&1
ok $? "archive"; sed 's/^/# /' "$TMP/out"
bad=0
for f in "$A/feed.xml" "$A/index.html" "$A/2021-01/index.html" "$A/2021-01/aba.html"; do
	xmllint --noout "$f" 2>"$TMP/x" || { bad=1; sed 's/^/# /' "$TMP/x" | head -3; }
done
ok $bad "xmllint: the feed, the index, the general edition and an association's well-formed"
/usr/bin/python3 - "$A/feed.xml" <<'PY'
import feedparser, sys
d = feedparser.parse(sys.argv[1])
t = d.entries[0].title if d.entries else None
print('# bozo', d.bozo, d.get('bozo_exception'), repr(t))
sys.exit(0 if not d.bozo and t == '第1期 学会 工作 通讯\ufffd' else 1)
PY
ok $? "feedparser: no bozo; the title's controls read as spaces"
