#!/usr/bin/env bash
# The machine was down a week: three issues came due meanwhile, their
# folders named by number (9, 10, 11).  run sent them in the folders'
# name order, 10, 11, then 9, so readers got issue 10 before issue 9; it
# now sends them oldest send_at first (the name between equal times),
# each once, an issue not yet due untouched, and the next run is silent.
# Maildir transport: no server.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_tiny_project "$P"
rm -r "$I"
# mkiss FOLDER NUMBER SEND_AT
mkiss() {
	mkdir -p "$P/issues/$1"
	printf 'number: %s\ndate: 2026-01-10\ntitle: 第%s期\nsubject: "{{issue.title}}"\nsend_at: "%s"\nsections:\n  - id: news\n    title: 要闻\n' \
		"$2" "$2" "$3" >"$P/issues/$1/issue.yaml"
	printf -- '---\ntitle: 第一篇\nsection: news\n---\n正文%s。\n' "$2" \
		>"$P/issues/$1/01-a.md"
}
mkiss 9 9 "2026-01-05T08:00:00Z"
mkiss 10 10 "2026-01-12T08:00:00Z"
mkiss 11 11 "2026-01-19T08:00:00+08:00"
mkiss 12 12 "2099-01-01T08:00:00Z"
# two due at the same time: the folder's name decides
mkiss 11b 11 "2026-01-19T00:00:00Z"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M run >"$TMP/run1.out" 2>"$TMP/run1.err"; rc=$?
sed 's/^/# /' "$TMP/run1.out" "$TMP/run1.err"
[ $rc = 0 ] && [ "$(cut -d: -f1 "$TMP/run1.out" | tr '\n' ' ')" = "9 10 11 11b " ]
ok $? "overdue issues go out oldest send_at first: 9 10 11 11b (exit $rc)"
grep -c ': sent 2, deferred 0, failed 0, suppressed 0$' "$TMP/run1.out" |
	grep -qx 4
ok $? "each sent to both recipients"
n=$(find "$P/outbox/new" -type f | wc -l)
[ "$n" = 8 ] && ! grep -q '^12:' "$TMP/run1.out"
ok $? "8 messages, each once; issue 12 (not due) untouched ($n)"
M run >"$TMP/run2.out" 2>&1; rc=$?
[ $rc = 0 ] && [ ! -s "$TMP/run2.out" ] &&
	[ "$(find "$P/outbox/new" -type f | wc -l)" = 8 ]
ok $? "the next run, the same minute, is silent and sends nothing (exit $rc)"
