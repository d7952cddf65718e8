#!/usr/bin/env bash
# The archive at phone width with long words in an article: a web address
# and a mail address written out in the text, as Chinese newsletters print
# them ("报名网址:https://..."), and a long unbroken title.  Headless
# Chromium at 390 px opens the archive's index, the general edition and an
# association's edition (the mail as sent); on each nothing reaches past
# the screen's right edge (nothing cut off, no sideways scroll).
. tests/lib/tap.sh
. tests/lib/project.sh
command -v chromium >/dev/null || skip_all "chromium not installed (make deps)"
tap_tmp
plan 4
P=$TMP/p A=$TMP/p/archive
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org/\n' >>"$P/config.yaml"
art=$P/issues/2021-01/02-liangshan-archives.md
sed -i 's/^title: .*/title: 凉山州档案学会Annual_Academic_Conference_Registration_2021_Xichang_Liangshan/' "$art"
printf '\n报名网址:https://www.sckx.org.cn/kxdt/tzgg/202101/t20210115_registration_form_for_the_annual_academic_conference.html\n\n联系邮箱 academic.conference.registration@sichuanprovincialscienceassociation.example.org\n' >>"$art"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$TMP/out" 2>&1 && M archive >>"$TMP/out" 2>&1 &&
	grep -q 'registration_form_for' "$A/2021-01/index.html" "$A/2021-01/aba.html"
ok $? "send and archive; the long address is in the pages"
sed 's/^/# /' "$TMP/out"

FITS='check:document.scrollingElement.scrollWidth <= screen.width && [...document.querySelectorAll("body *")].every(e => e.getBoundingClientRect().right <= screen.width)'
mkdir -p "$TMP/c"
# one Chromium opens the three pages; dom:passN is written only once
# every step before it held
timeout 120 /usr/bin/python3 tests/lib/cdp.py "$TMP/c" phone \
	"open:file://$A/index.html" "$FITS" dom:pass1 \
	"open:file://$A/2021-01/index.html" "$FITS" dom:pass2 \
	"open:file://$A/2021-01/aba.html" "$FITS" dom:pass3 2>>"$TMP/cdp.err"
[ -e "$TMP/c/pass1.html" ]
ok $? "the index fits a phone screen"
[ -e "$TMP/c/pass2.html" ]
ok $? "the general edition fits"
[ -e "$TMP/c/pass3.html" ]
ok $? "an association's edition (the mail as sent) fits"
sed 's/^/# /' "$TMP/cdp.err"
exit 0
