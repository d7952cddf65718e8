#!/usr/bin/env bash
# preview writes one .eml per association; Python's email package (not the
# program) checks structure, Subject, bodies, names and line lengths.
. tests/lib/tap.sh
tap_tmp
plan 4
# The shipped project as it is, in a copy: its config makes demo keys and
# starts a gpg-agent under demo/, which stay out of the working tree and
# are stopped when the test ends.
cp -r issues lists templates config.yaml "$TMP/"
tap_cleanup() { gpgconf --homedir "$TMP/demo/gnupg" --kill gpg-agent; }
"$MAILER" --config "$TMP/config.yaml" preview "$TMP/issues/2021-01" --out "$TMP/pv" >"$TMP/out" 2>&1
ok $? "preview exits 0"
n=$(ls "$TMP"/pv/*.eml | wc -l)
[ "$n" -eq 21 ]; ok $? "21 editions written (got $n)"
[ -f "$TMP/pv/index.html" ]; ok $? "index.html written"
python3 - "$TMP/pv" issues/2021-01 lists <<'PY'
import email, email.policy, glob, os, re, sys
sys.path.insert(0, "tests/lib")
import flowed
pv, issue, lists = sys.argv[1:4]
def frontmatter(path):
    text = open(path, encoding='utf-8').read()
    _, fm, body = text.split('---\n', 2)
    d = {}
    for line in fm.splitlines():
        if ':' in line and not line.startswith(' '):
            k, v = line.split(':', 1)
            d[k.strip()] = v.strip().strip('"')
    paras = [p for p in body.split('\n\n') if p.strip() and not p.startswith(('#', '!'))]
    return d['title'], paras[0].strip()
title = re.search(r'^title: (.*)$', open(os.path.join(issue, 'issue.yaml'), encoding='utf-8').read(), re.M).group(1)
arts = [frontmatter(p) for p in sorted(glob.glob(os.path.join(issue, '*.md')))]
errors = []
for f in sorted(glob.glob(os.path.join(pv, '*.eml'))):
    lid = os.path.basename(f)[:-4]
    raw = open(f, 'rb').read()
    if any(len(l) > 998 for l in raw.split(b'\r\n')): errors.append(f'{lid}: line over 998 octets')
    if b'\n' in raw.replace(b'\r\n', b''): errors.append(f'{lid}: bare LF')
    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m['Subject'] != title: errors.append(f'{lid}: Subject {m["Subject"]!r} != {title!r}')
    for h in ('Date', 'From', 'To', 'Message-ID', 'MIME-Version', 'List-Id', 'List-Unsubscribe'):
        if m[h] is None: errors.append(f'{lid}: no {h}')
    # structure: [signed >] mixed > related > alternative > (plain, html), image, attachment
    top = m
    if m.get_content_type() == 'multipart/signed':
        top = list(m.iter_parts())[0]
        if list(m.iter_parts())[1].get_content_type() != 'application/pgp-signature': errors.append(f'{lid}: no signature part')
    if top.get_content_type() != 'multipart/mixed': errors.append(f'{lid}: top is {top.get_content_type()}')
    parts = list(top.iter_parts())
    rel = parts[0]
    if rel.get_content_type() != 'multipart/related': errors.append(f'{lid}: first part {rel.get_content_type()}')
    alt = list(rel.iter_parts())[0]
    kinds = [p.get_content_type() for p in alt.iter_parts()]
    if kinds != ['text/plain', 'text/html']: errors.append(f'{lid}: alternative holds {kinds}')
    img = list(rel.iter_parts())[1]
    if not img.get_content_type().startswith('image/') or not img['Content-ID']: errors.append(f'{lid}: no inline image')
    if parts[1].get_content_disposition() != 'attachment': errors.append(f'{lid}: no attachment')
    for p in alt.iter_parts():
        if p.get_content_charset() != 'utf-8': errors.append(f'{lid}: charset {p.get_content_charset()}')
        if p['Content-Transfer-Encoding'] not in ('base64', 'quoted-printable'): errors.append(f'{lid}: cte {p["Content-Transfer-Encoding"]}')
    plain = flowed.text(alt.get_body(('plain',)))
    html = alt.get_body(('html',)).get_content()
    cid = img['Content-ID'].strip('<>')
    if f'cid:{cid}' not in html: errors.append(f'{lid}: html does not reference cid:{cid}')
    for t, para in arts:
        for name, body in (('text', plain), ('html', html)):
            if t not in body and t.replace('“', '&ldquo;') not in body: errors.append(f'{lid}: title {t[:12]} missing in {name}')
            if para not in body: errors.append(f'{lid}: first paragraph of {t[:12]} missing in {name}')
    full = re.search(r'^name: (.*)$', open(os.path.join(lists, lid + '.yaml'), encoding='utf-8').read(), re.M).group(1)
    if full not in plain or full not in html: errors.append(f'{lid}: full name {full} missing')
for e in errors[:20]: print('#', e)
sys.exit(1 if errors else 0)
PY
ok $? "every .eml parses with the right structure, Subject, bodies, names, line lengths"
exit $tap_failed
