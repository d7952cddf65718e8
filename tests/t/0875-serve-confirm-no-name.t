#!/usr/bin/env bash
# The confirmation mail repeats nothing the requester typed but the
# address itself.  Anyone may fill the subscribe form with someone
# else's address and a "name" such as "Win a prize: http://evil.example";
# were the name the mail's greeting and To, that owner would get the
# submitter's text inside our signed, DKIM-passing mail (spam through the
# confirmation mail, M3AAWG confirmed opt-in practice).  The name is kept
# in the consent record and shown on the confirm page, which only the
# address's owner reaches.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 4
web_direct_project
web_direct_serve
S=$BASE/lists/aba/subscribe
code=$(curl -s -o /dev/null -w '%{http_code}' --data-urlencode \
	'name=Win a prize: http://evil.example' \
	--data 'email=victim@example.org' "$S")
drained
f=$(grep -l '^Delivered-To: victim@example.org' "$P"/outbox/new/* | head -1)
[ "$code" = 200 ] && [ -n "$f" ] &&
	[ "$(q "select name from subscriptions")" = 'Win a prize: http://evil.example' ]
ok $? "the request is taken and its name recorded ($code)"
/usr/bin/python3 - "$f" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.default)
head = "\n".join("%s: %s" % (k, v) for k, v in m.items())
body = m.get_body(("plain",)).get_content()
bad = [w for w in ("evil", "prize") if w in head or w in body]
print("# To: %s" % m["To"])
sys.exit(1 if bad or str(m["To"]) != "victim@example.org" else 0)
PY
ok $? "the mail's To is the bare address; neither headers nor body hold the name"
LINK=$(/usr/bin/python3 -c '
import email, email.policy, re, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(re.search(r"http://\S+/confirm\?t=\S+", m.get_body(("plain",)).get_content()).group(0))' "$f")
curl -s -o "$TMP/ask.html" "$LINK"
grep -q 'Win a prize: http://evil.example' "$TMP/ask.html" &&
	! grep -q 'href="http://evil' "$TMP/ask.html"
ok $? "the confirm page shows the owner the name as text, no link"
kill -TERM $SERVE; wait $SERVE; ok $? "serve stops cleanly (exit 0)"
exit 0
