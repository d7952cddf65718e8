#!/usr/bin/env bash
# With web.base_url, every message carries List-Archive (RFC 2369) and
# Archived-At (RFC 5064) naming its association's page, outside the
# signed part, and both bodies start with a "view online" link to that
# same page: still one signature per edition, which gpg and sqop verify.
# Without base_url, none of it; a bad base_url is refused with its line.
. tests/lib/tap.sh
for t in gpg sqop gpgconf; do command -v $t >/dev/null || skip_all "$t missing (make deps)"; done
tap_tmp
G=$TMP/gnupg V=$TMP/verify
tap_cleanup() { gpgconf --homedir "$G" --kill gpg-agent; gpgconf --homedir "$V" --kill gpg-agent; }
mkdir -m 700 "$G" "$V"
gpg --homedir "$G" --batch --pinentry-mode loopback --passphrase '' \
	--quick-gen-key 'Ed <newsletter@example.org>' ed25519 sign never >/dev/null 2>&1
FPR=$(gpg --homedir "$G" --with-colons -K 2>/dev/null | awk -F: '/^fpr/ {print $10; exit}')
gpg --homedir "$G" --export >"$TMP/cert.pgp" 2>/dev/null
gpg --homedir "$V" --batch --import "$TMP/cert.pgp" >/dev/null 2>&1
plan 10

P=$TMP/p
mkdir -p "$P"; cp -r issues lists templates "$P/"
cat >"$P/config.yaml" <<YAML
sender:
  name: 四川省科协学会学术部
  address: newsletter@example.org
signing:
  gnupg_home: $G
  key: $FPR
web:
  base_url: https://news.example.org/letters/
YAML
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M preview issues/2021-01 --out "$TMP/pv" >/dev/null 2>"$TMP/err"
ok $? "signed preview with web.base_url"

python3 - "$TMP/pv" <<'PY'
import email, email.policy, glob, os, sys
base = 'https://news.example.org/letters/archive/'
bad = 0
files = sorted(glob.glob(sys.argv[1] + '/*.eml'))
for f in files:
    lid = os.path.basename(f)[:-4]
    m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
    want = {'List-Archive': f'<{base}>', 'Archived-At': f'<{base}2021-01/{lid}.html>'}
    for h, v in want.items():
        got = m.get_all(h) or []
        if got != [v]:
            print(f'# {lid}: {h} {got} != {v}'); bad = 1
    inner = list(m.iter_parts())[0]
    if inner['List-Archive'] or inner['Archived-At']:
        print(f'# {lid}: archive header inside the signed part'); bad = 1
print(f'# {len(files)} messages')
sys.exit(bad or len(files) != 21)
PY
ok $? "List-Archive and Archived-At in all 21 editions, each naming its own page, outside the signed part"

python3 - "$TMP/pv" <<'PY'
import email, email.policy, glob, os, sys
sys.path.insert(0, "tests/lib")
import flowed
base = 'https://news.example.org/letters/archive/'
bad = 0
for f in sorted(glob.glob(sys.argv[1] + '/*.eml')):
    lid = os.path.basename(f)[:-4]
    m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
    url = f'{base}2021-01/{lid}.html'
    text = flowed.text(m.get_body(('plain',)))
    html = m.get_body(('html',)).get_content()
    if not text.startswith(f'在浏览器中阅读本期:{url}\n'):
        print(f'# {lid}: text does not start with the view-online line'); bad = 1
    top = html[:html.index('id="issue-title"')]
    if f'href="{url}"' not in top or f'href="{base}"' not in top:
        print(f'# {lid}: no view-online links above the title'); bad = 1
    others = [l for l in glob.glob(sys.argv[1] + '/*.eml') if not l.endswith(f'/{lid}.eml')]
    if any(f'/2021-01/{os.path.basename(o)[:-4]}.html' in html for o in others):
        print(f'# {lid}: links another edition'); bad = 1
sys.exit(bad)
PY
ok $? "both bodies start with view-online links to the edition's own page"

G_OK=0 n=0 split=()
for f in "$TMP"/pv/*.eml; do n=$((n + 1)); split+=("$f" "$TMP/x/$n"); done
python3 tests/lib/pgpmime.py "${split[@]}" >/dev/null 2>"$TMP/split.err" ||
	{ G_OK=1; sed 's/^/# /' "$TMP/split.err"; }
n=0
for f in "$TMP"/pv/*.eml; do
	n=$((n + 1)) x=$TMP/x/$n
	[ -s "$x/sig" ] || { G_OK=1; continue; }
	gpg --homedir "$V" --verify "$x/sig" "$x/data" 2>"$TMP/gpg.out" &&
		grep -q 'Good signature' "$TMP/gpg.out" || { echo "# gpg: $f"; G_OK=1; }
	sqop verify "$x/sig" "$TMP/cert.pgp" <"$x/data" >/dev/null 2>&1 ||
		{ echo "# sqop: $f"; G_OK=1; }
done
[ $G_OK = 0 ] && [ $n = 21 ]; ok $? "gpg and sqop say good for all $n signed editions"
M check issues/2021-01 2>&1 | grep -q "21 signatures when signing"
ok $? "check: still one signature per edition (21)"

M archive --drafts --quiet && python3 - "$TMP/pv" "$P/archive" <<'PY'
import email, email.policy, glob, os, sys
base = 'https://news.example.org/letters/archive/'
bad = 0
for f in sorted(glob.glob(sys.argv[1] + '/*.eml')):
    m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
    for h in ('List-Archive', 'Archived-At'):
        rel = str(m[h])[len(base) + 1:-1] or 'index.html'
        if not os.path.isfile(os.path.join(sys.argv[2], rel)):
            print(f'# {f}: {h} {m[h]}: no such file in the archive'); bad = 1
sys.exit(bad)
PY
ok $? "the headers of the signed editions name files of the archive built from the same issue"

sed -i '/^web:/,$d' "$P/config.yaml"
M preview issues/2021-01 --list aba --out "$TMP/pv2" >/dev/null 2>&1
! grep -qE '^(List-Archive|Archived-At):' "$TMP/pv2/aba.eml" &&
	! grep -q '在浏览器中阅读' "$TMP/pv2/aba.txt" "$TMP/pv2/aba.html"
ok $? "without web.base_url: no archive headers, no view-online link"

bad() {	# bad VALUE: refused with exit 78 naming line 8, column 13
	sed -i '/^web:/,$d' "$P/config.yaml"
	printf 'web:\n  base_url: "%s"\n' "$1" >>"$P/config.yaml"
	M check issues/2021-01 >/dev/null 2>"$TMP/bad.err"; rc=$?
	[ $rc = 78 ] && grep -q "config.yaml:8:13: web.base_url" "$TMP/bad.err" ||
		{ echo "# $1: rc $rc: $(cat "$TMP/bad.err")"; return 1; }
}
r=0; for u in 'ftp://x.org' 'https://' 'news.example.org' 'https://x.org/a b'; do bad "$u" || r=1; done
ok $r "base_url without http(s) scheme or host, or with a space: exit 78 at file:8:13"
r=0; for u in 'https://x.org/?q=1' 'https://x.org/#top' 'https://x.org/<a>' 'https://例子.org/'; do bad "$u" || r=1; done
ok $r "base_url with a query, fragment, angle bracket or non-ASCII: exit 78"
printf 'web:\n  base_url: "https://x.org/\\r\\nBcc: a@b.org"\n' >"$TMP/inj.yaml"
sed -i '/^web:/,$d' "$P/config.yaml"; cat "$TMP/inj.yaml" >>"$P/config.yaml"
M check issues/2021-01 >/dev/null 2>&1; [ $? = 78 ]
ok $? "a line break in base_url (header injection) is refused"
exit $tap_failed
