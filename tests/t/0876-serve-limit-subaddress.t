#!/usr/bin/env bash
# web.mails_per_address_per_day counts a mailbox, not a spelling of it:
# victim+1@, victim+2@, ... (RFC 5233 subaddresses) all reach victim@'s
# mailbox, so a subscription bomber who varies the +detail (and his
# client address, past mails_per_ip_per_hour) must not get more than the
# limit's mails into it.  Each request still gets the same "check your
# mail" page (200), so the form tells nothing.  Addresses that only look
# alike (victim-x@, victimx@, victim+x@ at another domain) are other
# mailboxes with their own count.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project 'mails_per_ip_per_hour: 1000' 'mails_per_address_per_day: 3'
web_direct_serve
S=$BASE/lists/aba/subscribe
codes=
for a in victim victim+1 victim+2 VICTIM+News victim+3 victim+4+5; do
	codes="$codes$(curl -s -o /dev/null -w '%{http_code}' \
		--data "name=&email=$(printf %s "$a" | sed 's/+/%2B/g')@example.org" "$S")"
done
for a in victim-x@example.org victimx@example.org victim+x@example.net; do
	codes="$codes$(curl -s -o /dev/null -w '%{http_code}' \
		--data "name=&email=$(printf %s "$a" | sed 's/+/%2B/g')" "$S")"
done
[ "$codes" = 200200200200200200200200200 ]
ok $? "every request gets the same page ($codes)"
drained
n=$(grep -lEi '^Delivered-To: victim(\+[^@]*)?@example\.org' "$P"/outbox/new/* | wc -l)
[ "$n" = 3 ]
ok $? "victim@example.org's mailbox gets 3 confirmation mails, not 6 ($n)"
n=$(grep -lE '^Delivered-To: (victim-x@example\.org|victimx@example\.org|victim\+x@example\.net)' \
	"$P"/outbox/new/* | wc -l)
[ "$n" = 3 ]
ok $? "look-alike addresses of other mailboxes get theirs ($n)"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
