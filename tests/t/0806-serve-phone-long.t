#!/usr/bin/env bash
# serve's pages at phone width with long words in them: a subscriber whose
# address has a long domain (the pages show it masked, domain whole) and
# one whose name is a long word (a German compound surname, a name typed
# without spaces, the form's 100 characters).  Headless Chromium opens the
# one-click page and the confirmation page, presses each button, and on
# every page nothing reaches past the screen's right edge: no element is
# cut off and the page does not scroll sideways.  Maildir transport,
# serve straight on loopback.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 6
LONG=xiaoming@mail.sichuanprovincialscienceassociation.org.cn
NAME=Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgep
web_direct_project
echo "$LONG,王小明,马尔康市" >>"$P/lists/aba.csv"
"$MAILER" --config "$P/config.yaml" send "$P/issues/2021-01" --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
web_direct_serve
f=$(grep -l "<$LONG>" "$P"/outbox/new/* | head -1)
URL=$(grep -o "$BASE/unsubscribe?t=[a-z0-9]*" "$f")
[ -n "$URL" ] || { echo "Bail out! no one-click URL"; exit 1; }
curl -s -o /dev/null --data-urlencode "name=$NAME" \
	--data-urlencode email=hubert@example.org "$BASE/lists/aba/subscribe"
drained
LINK=$(/usr/bin/python3 - "$P/outbox/new" <<'PY'
import email, email.policy, glob, re, sys
for f in glob.glob(sys.argv[1] + '/*'):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
    if m['Auto-Submitted'] and 'hubert@' in str(m['To']):
        print(re.search(r'(http://\S+/confirm\?t=\S+)', m.get_body(('plain',)).get_content()).group(1))
PY
)
[ -n "$LINK" ]; ok $? "the confirmation mail for the long name came"

# fits: no element's box ends right of the screen, no sideways scroll
FITS='check:document.scrollingElement.scrollWidth <= screen.width && [...document.querySelectorAll("body *")].every(e => e.getBoundingClientRect().right <= screen.width)'
mkdir -p "$TMP/c"
# one Chromium walks all five pages in the order the checks below read
# them; dom:passN is written only once every step before it held
CONTRAST="check:$(cat tests/lib/contrast.js)"
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" phone \
	"open:$URL" dom:ask "$FITS" dom:pass1 \
	click:#confirm dom:done "$FITS" dom:pass2 \
	"open:$LINK" dom:cask "$FITS" dom:pass3 \
	click:#confirm dom:cdone "$FITS" dom:pass4 \
	"open:$URL" "$CONTRAST" "open:$LINK" "$CONTRAST" dom:pass5 2>>"$TMP/cdp.err"
passed() { [ -e "$TMP/c/pass$1.html" ]; }
passed 1
ok $? "one-click page with a long domain fits a phone screen"
passed 2 && grep -q 'data-page="unsubscribe_done"' "$TMP/c/done.html"
ok $? "and so does its confirmation page"
passed 3 && grep -q "$NAME" "$TMP/c/cask.html"
ok $? "confirmation page with a 100-character word as the name fits"
passed 4 && grep -q 'data-page="confirm_done"' "$TMP/c/cdone.html"
ok $? "and so does the page after Confirm"
# grey text as readable as the mail's (WCAG contrast; 0217): the footer
passed 5
ok $? "the pages' text stands out from its background (4.5:1)"
sed 's/^/# /' "$TMP/cdp.err"
exit 0
