#!/usr/bin/env bash
# A subscriber with a screen reader and a 360x740 phone: one headless
# Chromium walks serve's subscribe form (as sent, then refused), its
# confirmation pages, the one-click unsubscribe page and its result, the
# manage form refusing an address, an unknown page, the
# archive's index, an issue page and Liangshan's edition, and the
# HTML mail itself with its images, an article carrying a long Chinese
# title, a long web address, an indented paragraph (a code block), a
# photo 1200 px wide and a sponsor with a 29-character name.  On each page
# (tests/lib/a11y.js, contrast.js): html lang zh-CN, one h1, no heading
# level skipped, every field labelled, buttons and links named, images
# with alt, 4.5:1 text, nothing past the screen's edge; Tab shows a focus
# ring.  What Chromium gives a screen reader (Accessibility.getFullAXTree)
# names every field, button and link, has a main and a footer
# (contentinfo) landmark on serve's and the archive's own pages, reads the
# issue page's editions as a list with one item per association and the
# sponsors as a list of names (issue page, edition, mail), ties the
# refused address's error to its field, reads a masked address in words
# ("example.org 上以 y 开头的邮箱", not "y star star star", and the
# page's source no more of it than the mask), and has neither the mail's
# preheader nor a section's pinyin subtitle nor the star of an
# association's own article in it; the mail's tables are all layout
# tables (role="presentation"), and its preheader shows nothing even in a
# client that drops its display:none and max-height.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 17
web_direct_project
nlists=$(ls "$P"/lists/*.yaml | wc -l)	# one edition each on the issue page
nsponsors=$(sed -n 's/^sponsors: \[\(.*\)\]$/\1,/p' "$P/issues/2021-01/issue.yaml" |
	tr -cd , | wc -c)
art=$P/issues/2021-01/02-liangshan-archives.md
sed -i 's/^title: .*/title: 凉山州档案学会二〇二一年度学术年会暨档案信息化建设与数字档案馆发展研讨会会议通知及报名事项/' "$art"
printf '\n报名网址:https://www.sckx.org.cn/kxdt/tzgg/202101/t20210115_registration_form_for_the_annual_academic_conference.html\n' >>"$art"
# a paragraph pasted with its first-line indent of four spaces: Markdown
# makes it a code block, one line as long as the paragraph
printf '\n    请各会员单位于2021年2月10日前将参会回执发送至学会秘书处邮箱,并注明参会人员姓名、单位、职务、联系电话及是否需要安排住宿。\n' >>"$art"
# a co-organiser with a long official name, listed among the sponsors
sed -i 's/^name: .*/name: 中国人民政治协商会议四川省自贡市委员会科学技术工作者联合会/' "$P/lists/zigong.yaml"
# a contributor's photo, 1200x400: wider than any phone
/usr/bin/python3 - "$P/issues/2021-01/images/tianfu-cloud.png" <<'PY'
import struct, sys, zlib
w, h = 1200, 400
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\0' + b'\x80\x90\xa0' * w for _ in range(h))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack(
    '>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
PY
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/out" 2>&1 && M archive >>"$TMP/out" 2>&1 ||
	{ sed 's/^/# /' "$TMP/out"; echo "Bail out! send and archive"; exit 1; }
web_direct_serve
f=$(grep -l '^To: .*<yang.jinhua.ab@example.org>' "$P"/outbox/new/* | head -1)
URL=$(grep -o "$BASE/unsubscribe?t=[a-z0-9]*" "$f")
[ -n "$URL" ] || { echo "Bail out! no one-click URL"; exit 1; }
curl -s -o /dev/null --data-urlencode "name=王小明" \
	--data-urlencode email=wang@example.org "$BASE/lists/aba/subscribe"
drained
# the edition as a client shows it (its HTML part, cid: images as files
# beside it) and the link of the confirmation mail sent to wang@
mkdir -p "$TMP/mail"
LINK=$(/usr/bin/python3 - "$f" "$TMP/mail" "$P/outbox/new" <<'PY'
import email, email.policy, glob, os, re, sys
def read(f):
    return email.message_from_binary_file(open(f, 'rb'), policy=email.policy.default)
m = read(sys.argv[1])
html = m.get_body(('html',)).get_content()
for p in m.walk():
    cid = (p['Content-ID'] or '').strip('<>')
    if cid and p.get_content_maintype() == 'image':
        open(os.path.join(sys.argv[2], cid), 'wb').write(p.get_content())
        html = html.replace('cid:' + cid, cid)
open(os.path.join(sys.argv[2], 'mail.html'), 'w').write(html)
for c in map(read, glob.glob(sys.argv[3] + '/*')):
    if c['Auto-Submitted'] and 'wang@' in str(c['To']):
        text = c.get_body(('plain',)).get_content()
        print(re.search(r'http://\S+/confirm\?t=\S+', text).group(0))
PY
)
[ -n "$LINK" ] || { echo "Bail out! no confirmation link"; exit 1; }

mkdir -p "$TMP/c"
# each check leaves what fell short in document.title: "(check, true)"
# keeps walking, dom:NAME keeps the title for the TAP comments
A="check:($(cat tests/lib/a11y.js), true)"
C="check:($(cat tests/lib/contrast.js), true)"
# after one Tab: the focused element (if any can be) shows a ring
F='check:(document.title = (e => e === document.body || getComputedStyle(e).outlineStyle !== "none" && parseFloat(getComputedStyle(e).outlineWidth) > 0 && e.matches(":focus-visible") ? "" : "no focus ring on " + e.tagName)(document.activeElement), true)'
T='check:(document.title = [...document.querySelectorAll("table")].filter(t => t.getAttribute("role") !== "presentation").length + " tables without role=presentation", true)'
# a client that drops display:none and max-height (as some webmails do)
# still shows no preheader: 1px high, transparent, the body's colour
H='check:(document.title = (p => !p ? "no preheader" : p.getClientRects().length ? "the preheader has a box" : (p.style.display = p.style.maxHeight = "", (s => [p.getBoundingClientRect().height > 1 && "preheader " + p.getBoundingClientRect().height + " px high", s.opacity !== "0" && "preheader opacity " + s.opacity, s.color !== getComputedStyle(document.body).backgroundColor && "preheader colour " + s.color].filter(Boolean).join(" | "))(getComputedStyle(p))))(document.querySelector(".preheader")), true)'
whats=() st=(screen:360x740)
# page WHAT STEP...: the steps, then every check of that page
page() {
	local n=$((${#whats[@]} + 1))
	whats+=("$1"); shift
	st+=("$@" "$A" "dom:a$n" "ax:p$n" "$C" "dom:c$n" key:Tab "$F" "dom:f$n")
}
page "the subscribe form" "open:$BASE/lists/aba/subscribe"
page "the subscribe form refusing an address" "open:$BASE/lists/aba/subscribe" \
	"fill:#email==formula@example.org" click:#send
page "the page after subscribing" "open:$BASE/lists/aba/subscribe" \
	"fill:#name=李四" "fill:#email=li.si@example.org" click:#send
page "the confirmation link's page" "open:$LINK"
page "the page after Confirm" click:#confirm
page "the one-click unsubscribe page" "open:$URL"
page "the page after Unsubscribe" click:#confirm
page "the archive's index" "open:$BASE/archive/"
page "an issue page" "open:$BASE/archive/2021-01/"
page "an association's edition" "open:$BASE/archive/2021-01/liangshan.html"
page "the HTML mail" "open:file://$TMP/mail/mail.html"
st+=("$T" dom:tables "$H" dom:preheader)
page "the manage form refusing an address" "open:$BASE/lists/aba/manage" \
	"fill:#email=zhang.san@localhost" click:#send
page "an unknown page" "open:$BASE/lists/aba/nothing"
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" "${st[@]}" 2>"$TMP/cdp.err"
ok $? "Chromium walked every page"; sed 's/^/# /' "$TMP/cdp.err"
title() { sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$1" 2>/dev/null | tr '|' '\n' | sed '/^ *$/d'; }
for i in "${!whats[@]}"; do
	n=$((i + 1))
	title "$TMP/c/a$n.html" >"$TMP/bad"
	title "$TMP/c/c$n.html" >>"$TMP/bad"
	title "$TMP/c/f$n.html" >>"$TMP/bad"
	# what a screen reader is given: named fields, buttons and links
	/usr/bin/python3 - "$TMP/c/p$n.ax.json" "$n" "$nlists" "$TMP/c/a$n.html" \
		"$nsponsors" >>"$TMP/bad" <<'PY'
import json, sys
nodes = json.load(open(sys.argv[1]))
by_id = {n['nodeId']: n for n in nodes}
live = [n for n in nodes if not n.get('ignored')]
for n in live:
    role = n.get('role', {}).get('value')
    name = n.get('name', {}).get('value', '').strip()
    if role in ('textbox', 'button', 'link', 'image') and not name:
        print(f'ax: {role} without a name')
    props = {p['name']: p['value'].get('value') for p in n.get('properties', [])}
    if role == 'textbox' and props.get('invalid') not in (None, 'false') \
            and not n.get('description', {}).get('value'):
        print(f'ax: invalid {name} without its error as description')
text = ' '.join(n.get('name', {}).get('value', '') for n in live)
if sys.argv[2] in ('2', '12') and '·' not in ' '.join(
        n.get('description', {}).get('value', '') for n in live):
    print('ax: the error is no field\'s description')
# a screen reader's rotor jumps past the navigation to the main landmark
# on serve's pages and the archive's own (the editions are the mail)
if sys.argv[2] not in ('10', '11') and not any(
        n.get('role', {}).get('value') == 'main' for n in live):
    print('ax: no main landmark')
# and to the footer (the sender, the contact), a landmark only outside main
if sys.argv[2] not in ('10', '11') and not any(
        n.get('role', {}).get('value') == 'contentinfo' for n in live):
    print('ax: no footer landmark (contentinfo)')
# the editions: "list, 21 items", one link each, not one run of 21 links;
# the sponsors too, as a list of names (no links), in the issue page, the
# edition and the mail: they were one paragraph of 21 names run together
def items(l):
    return [by_id[c] for c in l.get('childIds', []) if by_id.get(
        c, {}).get('role', {}).get('value') == 'listitem']
def links(n):
    return n.get('role', {}).get('value') == 'link' or any(
        links(by_id[c]) for c in n.get('childIds', []) if c in by_id)
lists = [items(n) for n in live if n.get('role', {}).get('value') == 'list']
if sys.argv[2] == '9':
    longest = max((len(l) for l in lists if all(map(links, l))), default=0)
    if longest != int(sys.argv[3]):
        print(f'ax: the editions are no list of {sys.argv[3]} items '
              f'(longest list: {longest})')
if sys.argv[2] in ('9', '10', '11'):
    longest = max((len(l) for l in lists if not any(map(links, l))),
                  default=0)
    if longest != int(sys.argv[5]):
        print(f'ax: the sponsors are no list of {sys.argv[5]} names '
              f'(longest list without links: {longest})')
# the feed's link says it is a feed (订阅源), not "subscribe"
if sys.argv[2] == '8' and not any(
        n.get('role', {}).get('value') == 'link' and
        n.get('name', {}).get('value', '').startswith('订阅源') for n in live):
    print('ax: no link named 订阅源 (the feed)')
# a section's subtitle, its title's pinyin, a Chinese voice would spell
# out letter by letter after the title itself
if sys.argv[2] in ('9', '10', '11') and ('学会改革' not in text or 'XUE HUI' in text):
    print('ax: a section\'s pinyin subtitle is read (or its title is not)')
# the badge of the association's own article: its "★" was read out by
# the symbol's name before 本会来稿
if sys.argv[2] == '10' and ('本会来稿' not in text or '★' in text):
    print('ax: the own article\'s star is read (or its badge is not)')
# the masked address, "y***@example.org", was read "y star star star at
# example dot org": it is named in words from what the mask shows, and
# the page's source holds no more of the address than the mask
if sys.argv[2] in ('4', '5', '6', '7'):
    first, rest = ('w', 'ang@') if sys.argv[2] in ('4', '5') else ('y', 'ang.jinhua')
    if '***' in text or f'example.org 上以 {first} 开头的邮箱' not in text or \
            f'the address starting with {first} at example.org' not in text:
        print('ax: the masked address is read as stars (or not named)')
    if rest in open(sys.argv[4], encoding='utf-8').read():
        print(f'the page\'s source holds "{rest}" of the address')
# the preheader: the articles' titles joined by " · "
if sys.argv[2] == '11' and ('两手硬 · ' in text or '两手硬' not in text):
    print('ax: the preheader is read (or no title is)')
PY
	[ ! -s "$TMP/bad" ] && [ -e "$TMP/c/f$n.html" ]
	ok $? "${whats[i]}"; sed '/^ *$/d; s/^ */# /' "$TMP/bad"
done
title "$TMP/c/preheader.html" >"$TMP/bad"
[ -e "$TMP/c/preheader.html" ] && [ ! -s "$TMP/bad" ]
ok $? "the mail's preheader shows nothing without display:none and max-height"
sed 's/^/# /' "$TMP/bad"
title "$TMP/c/tables.html" >"$TMP/bad"
[ "$(cat "$TMP/bad")" = "0 tables without role=presentation" ]
ok $? "the mail's tables are layout tables"; sed 's/^/# /' "$TMP/bad"
[ "$(q "select count(*) from web_mails where kind = 'subscribe'")" -ge 2 ]
ok $? "both subscriptions were asked for"
exit $tap_failed
