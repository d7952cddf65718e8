#!/usr/bin/env bash
# Messages go out first built, first sent: the sender keeps the slots in
# use in the order they were built (send.c, on_next stops at the first it
# may send).  600 subscribers, more than the 256 slots, so slots are
# reused; with the Maildir back end each message is written before the
# next is asked for, so the Maildir's delivery counter (Q in the file
# name) gives the order: the CSV's.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/p
mk_tiny_project "$P"
mk_big_list "$P" 600 members.test big
(cd "$P" && "$MAILER" --config config.yaml send issues/2030-01 --list big \
	--quiet) 2>"$TMP/err"
ok $? "send exits 0"
# "time.MusecPpidQN.host": by N, each message's first recipient header
for f in "$P"/outbox/new/*; do
	n=${f##*Q}; n=${n%%.*}
	printf '%s %s\n' "$n" "$(grep -m1 -o '^Delivered-To: .*' "$f" |
		sed 's/^Delivered-To: //')"
done | sort -n | awk '{ print $2 }' >"$TMP/sent"
tail -n +2 "$P/lists/big.csv" | cut -d, -f1 >"$TMP/csv"
[ "$(wc -l <"$TMP/sent")" = 600 ]
ok $? "600 messages in the Maildir ($(wc -l <"$TMP/sent"))"
cmp -s "$TMP/csv" "$TMP/sent"
ok $? "sent in the CSV's order (first difference: $(diff "$TMP/csv" "$TMP/sent" | sed -n 2p))"
