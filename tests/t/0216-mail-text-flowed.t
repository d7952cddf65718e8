#!/usr/bin/env bash
# The text part as a mail client reads it: a paragraph is one line in the
# editor's Markdown, 200 to 500 columns of Chinese; the part is
# format=flowed with DelSp=yes (RFC 3676), so its lines keep within 78
# columns (RFC 5322 2.1.1; a CJK character counts two) and a client that
# knows flowed text (neomutt, Thunderbird, Apple Mail) joins them again,
# and a line ending in a blank (a credit line without an author) no
# longer joins the next.  A web address longer than a line stays whole.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/p
mk_maildir_project "$P"
printf '\n报名网址:https://www.sckx.org.cn/kxdt/tzgg/202101/t20210115_registration_form_for_the_annual_academic_conference.html\n' \
	>>"$P/issues/2021-01/02-liangshan-archives.md"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --list liangshan --quiet >"$TMP/out" 2>&1 &&
	M preview "$P/issues/2021-01" --list liangshan --out "$TMP/pv" \
	>>"$TMP/out" 2>&1
ok $? "send and preview"
sed 's/^/# /' "$TMP/out"
# flowed.py MODE FILE...: checks each message's text part
cat >"$TMP/flowed.py" <<'PY'
import email, re, sys, unicodedata
sys.path.insert(0, 'tests/lib')
from flowed import unflow
from email import policy
mode, files = sys.argv[1], sys.argv[2:]
def text_part(path):
    m = email.message_from_binary_file(open(path, 'rb'), policy=policy.default)
    return next(p for p in m.walk() if p.get_content_type() == 'text/plain'
                and not p.get_filename())
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
bad = 0
for f in files:
    p = text_part(f)
    t = p.get_content().replace('\r\n', '\n')
    if mode == 'type':
        ok = (p.get_param('format') == 'flowed' and p.get_param('delsp') == 'yes')
        print('#', p['Content-Type'])
    elif mode == 'cols':
        # a line that cannot break: no blank in it, an address in it
        long = [l for l in t.split('\n') if cols(l) > 78 and
                not (' ' not in l.strip(' ') and re.search(r'[\x21-\x7e]{60}', l))]
        for l in long[:3]:
            print('# %d columns: %s' % (cols(l), l[:60]))
        ok = not long
    else:
        want = open(mode, encoding='utf-8').read()
        # trailing blanks go, but the signature separator's (RFC 3676 4.3)
        want = '\n'.join(l if l == '-- ' else l.rstrip(' ')
                          for l in want.split('\n'))
        ok = unflow(t) == want
        if not ok:
            import difflib
            for d in list(difflib.unified_diff(want.split('\n'), unflow(t).split('\n'), lineterm=''))[:12]:
                print('#', d[:80])
    bad += not ok
sys.exit(1 if bad or not files else 0)
PY
python3 "$TMP/flowed.py" type "$P"/outbox/new/*
ok $? "each text part says format=flowed; delsp=yes"
python3 "$TMP/flowed.py" cols "$P"/outbox/new/* "$TMP/pv/liangshan.eml"
ok $? "no line over 78 columns but the address"
python3 "$TMP/flowed.py" "$TMP/pv/liangshan.txt" "$TMP/pv/liangshan.eml"
ok $? "joined as a client joins it, the text is the edition's text"
exit $tap_failed
