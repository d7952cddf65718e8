#!/usr/bin/env bash
# Bad input: each case gives a clear message naming the place, a non-zero
# sysexits code, and no output files at all.
. tests/lib/tap.sh
tap_tmp
cases=13
plan $((cases * 3))

fresh() {	# a private copy of the sample project
	rm -rf "$TMP/p" "$TMP/out"
	mkdir -p "$TMP/p"
	cp -r issues lists templates config.yaml "$TMP/p/"
}
expect() {	# expect NAME CODE REGEX -- ARGS...
	local name=$1 code=$2 re=$3; shift 4
	"$MAILER" --config "$TMP/p/config.yaml" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	local rc=$?
	[ "$rc" -eq "$code" ]; ok $? "$name: exit $code (got $rc)"
	grep -Eq -- "$re" "$TMP/stderr"; ok $? "$name: message matches /$re/"
	[ "$rc" -ne 0 ] && [ ! -e "$TMP/out" ] && \
		! ls "$TMP" | grep -q 'out\.tmp'
	ok $? "$name: no output left behind"
	grep -q . "$TMP/stderr" && sed 's/^/#   /' "$TMP/stderr" | head -3
}
I=$TMP/p/issues/2021-01
preview() { echo preview "$TMP/p/issues/2021-01" --out "$TMP/out"; }

fresh; sed -i '/^title:/d' "$I/03-deyang-workstation.md"
expect "missing front-matter field" 65 '03-deyang-workstation.md:2:1: missing required key "title"' -- $(preview)

fresh; sed -i 's/^section: local/section: sports/' "$I/05-mianyang-priorities.md"
expect "unknown section" 65 '05-mianyang-priorities.md: unknown section "sports"' -- $(preview)

fresh; printf '\n坏\xff\xfe字节\n' >>"$I/04-shaoguan-talent.md"
n=$(wc -l <"$I/04-shaoguan-talent.md")
expect "invalid UTF-8" 65 "04-shaoguan-talent.md:$n: invalid UTF-8" -- $(preview)

fresh; printf '{{#sections}}\nbroken\n' >"$TMP/p/templates/issue.txt.mustache"
expect "template syntax error" 65 'issue.txt.mustache:1: .*section "sections"' -- $(preview)

fresh
expect "unknown list" 65 'unknown list "nosuch"' -- $(preview) --list nosuch

fresh; sed -i 's#images: \[images/tianfu-cloud.png\]#images: [../../config.yaml]#' "$I/01-ziyang-cloud.md"
expect "image path with .." 65 '01-ziyang-cloud.md: "../../config.yaml": paths must stay inside' -- $(preview)

fresh; ln -s /etc/passwd "$I/images/evil.png"
sed -i 's#images: \[images/tianfu-cloud.png\]#images: [images/evil.png]#' "$I/01-ziyang-cloud.md"
expect "symlink out of the issue" 65 'evil.png" leads outside the issue folder' -- $(preview)

fresh; { head -c 10485760 /dev/zero | tr '\0' 'a'; } >>"$I/06-qingbaijiang-innovation.md"
expect "10 MB article" 65 '06-qingbaijiang-innovation.md: file is larger than the 1048576 byte limit' -- $(preview)

fresh; printf 'sendr:\n  name: x\n' >>"$TMP/p/config.yaml"
expect "config unknown key" 78 'config.yaml:[0-9]+:1: unknown key "sendr"' -- $(preview)

fresh; printf 'not-an-address,张三,成都\n' >>"$TMP/p/lists/chengdu.csv"
n=$(wc -l <"$TMP/p/lists/chengdu.csv")
expect "invalid subscriber address" 65 "chengdu.csv:$n: invalid address" -- check "$I"

fresh; tail -n 1 "$TMP/p/lists/aba.csv" >>"$TMP/p/lists/aba.csv"
n=$(wc -l <"$TMP/p/lists/aba.csv")
expect "duplicate subscriber" 65 "aba.csv:$n: duplicate address" -- check "$I"

fresh; sed -i 's/^title: 凉山州档案学会.*/title: "两行\\r\\nBcc: evil@example.com"/' "$I/02-liangshan-archives.md"
expect "CR/LF in a title" 65 '02-liangshan-archives.md:2:8: "title" must be one line' -- $(preview)

fresh; printf 'x: &a [1]\ny: *a\n' >>"$I/issue.yaml"
expect "YAML alias" 65 'issue.yaml:[0-9]+:[0-9]+: YAML anchors are not allowed' -- $(preview)
exit $tap_failed
