#!/usr/bin/env bash
# An editor writes a long web address as CommonMark's autolink
# (<https://...>) and a mail address as <a@b>: the text part showed each
# twice, "见 https://...issue-12 <https://...issue-12>。", a 150-character
# address two times over in neomutt, and news@... <mailto:news@...>.
# Now such a link is its address once, in angle brackets (RFC 3986,
# appendix C: a "。" after it is no part of it); a link with words of its
# own keeps "平台首页 <https://...>".  Read from the preview's .eml with
# Python's email package.  Maildir transport.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 4
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
U='https://www.example.org/tianfu/kejiyun/services/appointments/2026/december/very-long-path-segment?utm_source=newsletter&utm_campaign=issue-12'
cat >"$I/07-links.md" <<EOF2
---
title: 平台预约
section: local
---
科普活动预约：见 <$U>。来信请寄 <news@aba.example.org>，详情请访问[平台首页](https://kejiyun.example.org/)。
EOF2

M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
/usr/bin/python3 - "$TMP/pv/aba.eml" >"$TMP/text" <<'PY'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
for p in m.walk():
    if p.get_content_type() == 'text/plain':
        # format=flowed, delsp=yes: a line ending in a blank goes on
        t = p.get_content().replace(' \r\n', '').replace(' \n', '')
        print(t)
PY
grep -F '预约' "$TMP/text" | sed 's/^/# /'
[ $rc = 0 ] && [ "$(grep -oF "$U" "$TMP/text" | wc -l)" = 1 ]
ok $? "the long address is in the text part once (exit $rc)"
grep -qF "见 <$U>。" "$TMP/text"
ok $? "in angle brackets, the 。 after them"
grep -qF '来信请寄 <news@aba.example.org>，' "$TMP/text" && ! grep -q 'mailto:' "$TMP/text"
ok $? "a mail address once, no mailto:"
grep -qF '详情请访问平台首页 <https://kejiyun.example.org/>。' "$TMP/text"
ok $? "a link with words of its own keeps its address after them"
