#!/usr/bin/env bash
# A key line of an article's front matter or of issue.yaml typed with a
# Chinese input method's full-width colon ("section：others"), without its
# colon or without the space after it: libyaml names the line after it
# ("could not find expected ':' while scanning a simple key"), so the
# editor looks at a good line; so is a quoted value never closed (a
# full-width ” typed for the closing "), at the end of the front matter
# or at the next value's quote.  Now the error names the line itself and
# what to write (exit 65, nothing written); the YAML that is fine (a quoted
# title going on at the start of the next line, a list over two lines, a
# list's items at the key's column) still loads.  config.yaml and a list's
# YAML are read the same way (exit 78 and 65).
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 11
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
I=$P/issues/2021-01
F=$I/04-shaoguan-talent.md
cp "$F" "$TMP/orig.md"; cp "$I/issue.yaml" "$TMP/issue.yaml"

bad() {	# bad NAME FILE SED EXPECTED: the edit is refused with EXPECTED
	local name=$1 file=$2 expr=$3 want=$4
	cp "$TMP/orig.md" "$F"; cp "$TMP/issue.yaml" "$I/issue.yaml"
	sed -i "$expr" "$file"
	rm -rf "$TMP/pv"
	M preview "$I" --out "$TMP/pv" >/dev/null 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/err"
	[ $rc = 65 ] && grep -qF -- "$want" "$TMP/err" && [ ! -e "$TMP/pv" ] &&
		[ "$(grep -c . "$TMP/err")" = 1 ]
	ok $? "$name: one error at its line (exit $rc)"
}
bad "a full-width colon" "$F" 's/^section: others/section：others/' \
	'04-shaoguan-talent.md:3: "section：others" has a full-width colon "：" (an input method'"'"'s) where YAML needs ":" and a space: write section: others'
bad "no colon" "$F" 's/^section: others/section others/' \
	'04-shaoguan-talent.md:3: "section others" has no ":" after its key'
bad "no space after the colon" "$F" 's/^order: 1/order:1/' \
	'04-shaoguan-talent.md:4: "order:1" needs a space after its ":": write order: 1'
bad "issue.yaml's title" "$I/issue.yaml" 's/^title: /title：/' \
	'issue.yaml:3: "title：四川科协学会工作通讯 2021年第1期" has a full-width colon'
bad "a title opened with \" and closed with a full-width ”" "$F" 's/^title: .*/title: "韶关市科协突出人才优势”/' \
	'04-shaoguan-talent.md:2: the value opened with " is never closed: end it with " on its line (a full-width "”" or "’" is no closing quote)'
bad "issue.yaml's subject never closed, the next quote another value's" "$I/issue.yaml" 's/^subject: .*/subject: "{{issue.title}}\nsend_at: "2021-01-20 08:00"/' \
	'issue.yaml:4: the value opened with " is never closed'

cp "$TMP/orig.md" "$F"; cp "$TMP/issue.yaml" "$I/issue.yaml"
sed -i 's/^title: .*/title: "韶关市科协突出人才优势\nand 助力乡村振兴"/; s/^order: 1/order: 1\nimages: ["images\/tianfu-cloud.png",\nimages\/tianfu-cloud.png]\nattachments:\n- files\/sponsors.txt/' "$F"
M check "$I" >"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q ': ok: ' "$TMP/out"
ok $? "a quoted title and a list going on at the line start, a list at the key's column: fine (exit $rc)"
M preview "$I" --list aba --out "$TMP/pv" >/dev/null 2>&1 &&
	grep -q '韶关市科协突出人才优势 and 助力乡村振兴</h3>' "$TMP/pv/aba.html"
ok $? "and the title reads as YAML folds it"
sed -i 's/^- files\/sponsors.txt/&\nauthor：韶关市科协/' "$F"
M check "$I" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qF '04-shaoguan-talent.md:10: "author：韶关市科协" has a full-width colon' "$TMP/err"
ok $? "after them a bad key line is still named at its line (exit $rc)"
cp "$TMP/orig.md" "$F"
cp "$P/config.yaml" "$TMP/config.yaml"
sed -i 's/^secret_file: /secret_file:/' "$P/config.yaml"
M check "$I" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 78 ] && [ "$(grep -c . "$TMP/err")" = 1 ] &&
	grep -qF 'config.yaml:6: "secret_file:state/verp.key" needs a space after its ":": write secret_file: state/verp.key' "$TMP/err"
ok $? "config.yaml: the key line named at its own line (exit $rc)"
cp "$TMP/config.yaml" "$P/config.yaml"
sed -i 's/^short_name: /short_name：/' "$P/lists/aba.yaml"
M check "$I" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 65 ] && grep -qF 'lists/aba.yaml:2: "short_name：阿坝州科协" has a full-width colon' "$TMP/err"
ok $? "a list's YAML: the same (exit $rc)"
