#!/usr/bin/env bash
# An issue sent before its send_at (mailer send on an issue scheduled for
# later) is published as of its first send: its feed entry's published
# and updated times, and the feed's updated, are not the future send_at,
# which would keep the entry on top of every reader's list and the
# feed's updated stuck there.  One sent after its send_at keeps send_at.
. tests/lib/tap.sh
. tests/lib/project.sh
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 3
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
cp -r "$P/issues/2021-01" "$P/issues/2099-01"
sed -i -e 's/^number: .*/number: 2/' -e 's/^date: .*/date: 2099-01-20/' "$P/issues/2099-01/issue.yaml"
echo 'send_at: 2099-01-20T08:00:00+08:00' >>"$P/issues/2099-01/issue.yaml"
echo 'send_at: 2021-01-20T08:00:00+08:00' >>"$P/issues/2021-01/issue.yaml"
touch -d '2021-02-01 UTC' $(find "$P/issues" -depth)
t0=$(date +%s)
M send "$P/issues/2099-01" --quiet >"$TMP/out" 2>&1 && M send "$P/issues/2021-01" --quiet >>"$TMP/out" 2>&1
ok $? "both sent (one 73 years before its send_at)" || sed 's/^/# /' "$TMP/out"
t1=$(date +%s)
M archive >/dev/null 2>&1
/usr/bin/python3 - "$A/feed.xml" >"$TMP/e" <<'PY'
import calendar, feedparser, sys
d = feedparser.parse(sys.argv[1])
print('feed', calendar.timegm(d.feed.updated_parsed))
for e in d.entries:
    print(e.link.rstrip('/').rsplit('/', 1)[1], calendar.timegm(e.published_parsed),
          calendar.timegm(e.updated_parsed))
PY
sed 's/^/# /' "$TMP/e"
read -r _ pub upd < <(grep '^2099-01 ' "$TMP/e")
read -r _ fu < <(grep '^feed ' "$TMP/e")
[ "${pub:-0}" -ge "$t0" ] && [ "$pub" -le "$t1" ] && [ "$upd" -le "$t1" ] && [ "$fu" -le "$t1" ]
ok $? "sent early: published at its first send, updated and the feed's updated not in the future"
grep -q "^2021-01 $(date -d '2021-01-20T00:00:00Z' +%s) " "$TMP/e"
ok $? "sent after its send_at: published at send_at"
