#!/usr/bin/env bash
# What goes into the archive and when it is written.  Published issues
# only (send_at passed, or sent), newest first; --drafts adds the others
# and a later build takes them out again.  An edit rewrites that issue's
# pages and the feed and nothing else; the entry's updated time is the
# edit's (clamped by SOURCE_DATE_EPOCH), its published time stays; a lost
# page comes back; web.feed_entries caps the feed; another mailer binary
# makes every issue again; a second builder finds the lock held (exit 75).
. tests/lib/tap.sh
. tests/lib/project.sh
/usr/bin/python3 -c 'import feedparser' 2>/dev/null ||
	skip_all "python3-feedparser not installed (make deps)"
tap_tmp
plan 13
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
# mk ID NUMBER DATE [SEND_AT]: a copy of the sample
mk() {
	[ -d "$P/issues/$1" ] || cp -r "$P/issues/2021-01" "$P/issues/$1"
	sed -i -e "s/^number: .*/number: $2/" -e "s/^date: .*/date: $3/" \
		-e "s/^title: .*/title: 通讯 $1/" -e '/^send_at:/d' "$P/issues/$1/issue.yaml"
	[ -z "${4:-}" ] || echo "send_at: $4" >>"$P/issues/$1/issue.yaml"
}
mk 2021-02 2 2021-02-20 2021-02-20T08:00:00+08:00
mk 2021-03 3 2021-03-20
mk 2099-01 1 2099-01-20 2099-01-20T08:00:00+08:00
mk 2021-01 1 2021-01-20 2021-01-20T08:00:00+08:00
# entries FEED: "id published updated" per entry, newest first
entries() {
	/usr/bin/python3 - "$1" <<'PY'
import feedparser, sys
d = feedparser.parse(sys.argv[1])
for e in d.entries:
    print(e.link.rstrip('/').rsplit('/', 1)[1], e.published, e.updated)
PY
}
issues_in_index() { grep -o 'class="issue-link" href="[^/]*' "$A/index.html" | sed 's/.*href="//' | tr '\n' ' '; }

M archive >/dev/null 2>&1
[ "$(issues_in_index)" = "2021-02 2021-01 " ] && [ ! -e "$A/2021-03" ] && [ ! -e "$A/2099-01" ] &&
	[ "$(entries "$A/feed.xml" | cut -d' ' -f1 | tr '\n' ' ')" = "2021-02 2021-01 " ]
ok $? "published only (send_at passed), newest first in index and feed: $(issues_in_index)"
M archive --drafts >/dev/null 2>&1
[ "$(issues_in_index)" = "2099-01 2021-03 2021-02 2021-01 " ] &&
	[ "$(grep -c '(草稿)' "$A/index.html")" = 2 ] && [ -f "$A/2021-03/aba.html" ]
ok $? "--drafts adds the unsent and the scheduled issue, marked as drafts"
M archive >"$TMP/out" 2>&1
[ "$(issues_in_index)" = "2021-02 2021-01 " ] && [ ! -e "$A/2021-03" ] && [ ! -e "$A/2099-01" ] &&
	grep -q ' 48 removed' "$TMP/out"
ok $? "the next build takes the drafts out again ($(sed 's/.*written, //; s/:.*//' "$TMP/out"))"

t0=$(date +%s)
M send "$P/issues/2021-03" --quiet >/dev/null 2>&1
t1=$(date +%s)
M archive >/dev/null 2>&1
pub=$(entries "$A/feed.xml" | awk '$1 == "2021-03" { print $2 }')
ps=$(date -d "$pub" +%s 2>/dev/null || echo 0)
[ "$(issues_in_index)" = "2021-03 2021-02 2021-01 " ] && [ "$ps" -ge "$t0" ] && [ "$ps" -le "$t1" ]
ok $? "a sent issue without send_at is published, as of its first send ($pub)"

snap() { (cd "$A" && find . -type f -printf '%P %i %T@\n' | sort); }
snap >"$TMP/s0"
entries "$A/feed.xml" >"$TMP/e0"
printf '\n编辑后加的一段。\n' >>"$P/issues/2021-01/03-deyang-workstation.md"
touch -d '2030-06-01 12:00:00 UTC' "$P/issues/2021-01/03-deyang-workstation.md"
M archive >"$TMP/out" 2>&1
snap >"$TMP/s1"
changed=$(diff "$TMP/s0" "$TMP/s1" | sed -n 's/^> \([^ ]*\) .*/\1/p' | sort)
want=$( (cd "$A" && ls 2021-01/*.html; echo feed.xml) | sort)
[ "$changed" = "$want" ] && [ "$(echo "$changed" | wc -l)" = 23 ]
ok $? "an edit rewrites the issue's 22 pages and the feed, nothing else ($(echo "$changed" | wc -l) files)"
entries "$A/feed.xml" >"$TMP/e1"
grep -q '^2021-01 2021-01-20T00:00:00Z 2030-06-01T12:00:00Z$' "$TMP/e1" &&
	[ "$(grep -v '^2021-01 ' "$TMP/e0")" = "$(grep -v '^2021-01 ' "$TMP/e1")" ]
ok $? "its entry: published stays (send_at), updated is the edit's time; the others unchanged"
SOURCE_DATE_EPOCH=$(date -d '2025-01-01 00:00:00 UTC' +%s) M archive >/dev/null 2>&1
entries "$A/feed.xml" | grep -q '^2021-01 2021-01-20T00:00:00Z 2025-01-01T00:00:00Z$' &&
	grep -q '<updated>2025-01-01T00:00:00Z</updated>' "$A/feed.xml" &&
	! grep -q '2030-06-01' "$A/feed.xml"
ok $? "SOURCE_DATE_EPOCH clamps every updated time"
M archive >/dev/null 2>&1
[ "$(grep -c '<updated>2030-06-01T12:00:00Z</updated>' "$A/feed.xml")" = 2 ]
ok $? "the feed's updated is its newest entry's"

rm "$A/2021-02/aba.html"
M archive >"$TMP/out" 2>&1
[ -f "$A/2021-02/aba.html" ] && grep -q ' 1 file written' "$TMP/out"
ok $? "a page lost from the folder is made again ($(sed 's/.*made again), //; s/:.*//' "$TMP/out"))"

sed -i 's|^  base_url: .*|&\n  feed_entries: 1|' "$P/config.yaml"
M archive >/dev/null 2>&1
[ "$(entries "$A/feed.xml" | cut -d' ' -f1)" = 2021-03 ]
ok $? "web.feed_entries: 1 keeps only the newest issue in the feed"

M archive >"$TMP/out" 2>&1
cp "$MAILER" "$TMP/mailer2" && printf 'x' >>"$TMP/mailer2"
"$TMP/mailer2" --config "$P/config.yaml" archive >"$TMP/out2" 2>&1
grep -q '(0 made again), 0 files written' "$TMP/out" &&
	grep -q '(3 made again), 0 files written' "$TMP/out2"
ok $? "another mailer binary makes every issue again (and writes nothing new here)"

exec 9>"$P/state/archive-cache.json.lock"; flock -n 9
M archive >/dev/null 2>"$TMP/err"; rc=$?
exec 9>&-
[ $rc = 75 ] && grep -q "holds .*archive-cache.json.lock, the archive's lock" "$TMP/err"
ok $? "another builder holding the lock: exit 75"
M archive --out "$TMP/elsewhere" --quiet && [ -f "$TMP/elsewhere/2021-03/index.html" ] &&
	M archive --quiet && snap | cmp -s - <(cd "$A" && find . -type f -printf '%P %i %T@\n' | sort)
ok $? "--out builds another folder; the default folder stays as it was"
exit $tap_failed
