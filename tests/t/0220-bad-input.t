#!/usr/bin/env bash
# Bad input: each case gives a clear message naming the place, a non-zero
# sysexits code, and no output at all: not in --out, not in the project
# (journal, key, Maildir), not in the folder it runs in.
. tests/lib/tap.sh
tap_tmp
cases=27
plan $((cases * 3 + 4))

# The shipped config makes a demo signing key on first use (that is its
# job, bad input or not): the prototype project makes it once, so each
# case starts with it and any file a case writes is a fault.
G=demo/gnupg
mkdir -p "$TMP/proto"
cp -r issues lists templates config.yaml "$TMP/proto/"
"$MAILER" --config "$TMP/proto/config.yaml" preview \
	"$TMP/proto/issues/2021-01" --out "$TMP/proto-out" >/dev/null 2>&1 &&
	[ -d "$TMP/proto/$G" ] || echo "# the prototype project made no demo key"
rm -rf "$TMP/proto-out"
gpgconf --homedir "$TMP/proto/$G" --kill gpg-agent
agent_stop() { [ -d "$TMP/p/$G" ] && gpgconf --homedir "$TMP/p/$G" --kill gpg-agent; }
tap_cleanup() { agent_stop; }
fresh() {	# a private copy of the sample project
	agent_stop
	rm -rf "$TMP/p" "$TMP/out" "$TMP/cwd"
	cp -r "$TMP/proto" "$TMP/p"
}
# Every file under $TMP (the project, --out, and the working folder the
# command runs in), with its content: any file written, changed or left
# behind shows.  Directory times are left out: a temporary file that was
# removed again is not output left behind.
snapshot() {
	(cd "$TMP" && find . \( -path ./stdout -o -path ./stderr \) -prune -o \
		\( -type f -o -type l \) -print0 | sort -z |
		xargs -0r md5sum; find . -type d | sort) | md5sum
}
expect() {	# expect NAME CODE REGEX -- ARGS...
	local name=$1 code=$2 re=$3 before; shift 4
	mkdir -p "$TMP/cwd"
	before=$(snapshot)
	(cd "$TMP/cwd" && exec "$MAILER" --config "$TMP/p/config.yaml" "$@") \
		>"$TMP/stdout" 2>"$TMP/stderr"
	local rc=$?
	[ "$rc" -eq "$code" ]; ok $? "$name: exit $code (got $rc)"
	grep -Eq -- "$re" "$TMP/stderr"; ok $? "$name: message matches /$re/"
	[ "$rc" -ne 0 ] && [ "$(snapshot)" = "$before" ]
	ok $? "$name: no file written, changed or left behind"
	grep -q . "$TMP/stderr" && sed 's/^/#   /' "$TMP/stderr" | head -3
}
I=$TMP/p/issues/2021-01
preview() { echo preview "$TMP/p/issues/2021-01" --out "$TMP/out"; }

fresh; sed -i '/^title:/d' "$I/03-deyang-workstation.md"
expect "missing front-matter field" 65 '03-deyang-workstation.md:2:1: missing required key "title"' -- $(preview)

fresh; sed -i 's/^section: local/section: sports/' "$I/05-mianyang-priorities.md"
expect "unknown section" 65 '05-mianyang-priorities.md:[0-9]+:[0-9]+: unknown section "sports": issue.yaml.s sections are headline, ' -- $(preview)

fresh; printf '\n坏\xff\xfe字节\n' >>"$I/04-shaoguan-talent.md"
n=$(wc -l <"$I/04-shaoguan-talent.md")
expect "invalid UTF-8" 65 "04-shaoguan-talent.md:$n:2: invalid UTF-8" -- $(preview)

fresh; printf '{{#sections}}\nbroken\n' >"$TMP/p/templates/issue.txt.mustache"
expect "template syntax error" 65 'issue.txt.mustache:1: .*section "sections"' -- $(preview)

fresh
expect "unknown list" 65 'unknown list "nosuch"' -- $(preview) --list nosuch

fresh; sed -i 's#images: \[images/tianfu-cloud.png\]#images: [../../config.yaml]#' "$I/01-ziyang-cloud.md"
expect "image path with .." 65 '01-ziyang-cloud.md:8:10: "../../config.yaml": paths must stay inside' -- $(preview)

fresh; ln -s /etc/passwd "$I/images/evil.png"
sed -i 's#images: \[images/tianfu-cloud.png\]#images: [images/evil.png]#' "$I/01-ziyang-cloud.md"
expect "symlink out of the issue" 65 'evil.png" leads outside the issue folder' -- $(preview)

fresh; { head -c 10485760 /dev/zero | tr '\0' 'a'; } >>"$I/06-qingbaijiang-innovation.md"
expect "10 MB article" 65 '06-qingbaijiang-innovation.md: file is larger than the 1048576 byte limit' -- $(preview)

# one mistake, one error: dkim.domain (the sender's domain by default,
# aligned with bounce_domain) is not judged on a refused sender or bounce
# domain, which only repeated it ("does not align", "dkim.domain \"\"")
fresh; printf 'bounce_domain: "bad domain!"\n' >>"$TMP/p/config.yaml"
expect "bounce_domain not a domain" 78 'bounce_domain "bad domain!" is not a domain name' -- $(preview)
[ "$(grep -c . "$TMP/stderr")" = 1 ]; ok $? "bounce_domain not a domain: that one line only"
fresh; sed -i 's/address: newsletter@example.org/address: nobody/' "$TMP/p/config.yaml"
expect "sender.address without @" 78 'sender.address "nobody": no @' -- $(preview)
[ "$(grep -c . "$TMP/stderr")" = 1 ]; ok $? "sender.address without @: that one line only"
fresh; printf 'sendr:\n  name: x\n' >>"$TMP/p/config.yaml"
expect "config unknown key" 78 'config.yaml:[0-9]+:1: unknown key "sendr"' -- $(preview)

fresh; printf 'not-an-address,张三,成都\n' >>"$TMP/p/lists/chengdu.csv"
n=$(wc -l <"$TMP/p/lists/chengdu.csv")
expect "invalid subscriber address" 65 "chengdu.csv:$n: invalid address" -- check "$I"

fresh; tail -n 1 "$TMP/p/lists/aba.csv" >>"$TMP/p/lists/aba.csv"
n=$(wc -l <"$TMP/p/lists/aba.csv")
expect "duplicate subscriber" 65 "aba.csv:$n: duplicate address" -- check "$I"

# a spreadsheet's slips: its own separator, capitals, its legacy code page
fresh; sed -i 's/,/;/g' "$TMP/p/lists/aba.csv"
expect "semicolon-separated list" 65 'aba.csv:1: the header row must name the columns "email" and "name": its fields are separated by semicolons, not commas' -- check "$I"

fresh; sed -i '1s/email,name/Email,Name/' "$TMP/p/lists/aba.csv"
expect "header in capitals" 65 'aba.csv:1: the header row must name the columns "email" and "name": names are lower case, not "Email"' -- check "$I"

fresh; iconv -f utf-8 -t gb18030 "$TMP/proto/lists/aba.csv" >"$TMP/p/lists/aba.csv"
expect "list in GB18030" 65 'aba.csv:2: invalid UTF-8: name \(the file must be UTF-8, as a spreadsheet.s "CSV UTF-8" is, not GBK' -- check "$I"

fresh; sed -i 's/^subtitle: .*/subtitle: 资阳市科协: 2020 年工作/' "$I/01-ziyang-cloud.md"
expect "unquoted value with a colon" 65 '01-ziyang-cloud.md:3:[0-9]+: mapping values are not allowed in this context \(a value holding ": " must be quoted' -- $(preview)

fresh; sed -i 's/^title: 凉山州档案学会.*/title: "两行\\r\\nBcc: evil@example.com"/' "$I/02-liangshan-archives.md"
expect "CR/LF in a title" 65 '02-liangshan-archives.md:2:8: "title" must be one line' -- $(preview)

fresh; printf 'x: &a [1]\ny: *a\n' >>"$I/issue.yaml"
expect "YAML alias" 65 'issue.yaml:[0-9]+:[0-9]+: YAML anchors are not allowed' -- $(preview)
# an image listed under images: that cannot be used: one message, not a
# second saying it is not listed
fresh; printf 'not an image\n' >"$I/images/tianfu-cloud.png"
expect "image that is no image" 65 '01-ziyang-cloud.md:8:10: "images/tianfu-cloud.png" is not an image \(text/plain\)' -- $(preview)
! grep -q 'not listed' "$TMP/stderr"; ok $? "image that is no image: not called unlisted"

fresh; rm "$I/images/tianfu-cloud.png"
expect "missing image" 65 '01-ziyang-cloud.md:8:10: "images/tianfu-cloud.png": No such file' -- $(preview)
! grep -q 'not listed' "$TMP/stderr"; ok $? "missing image: not called unlisted"
# a report into a folder that is not there: the file named, not its
# temporary name (r.html.tmp.PID)
fresh
expect "report into a missing folder" 73 'nodir/r\.html: No such file or directory' -- status "$I" --html "$TMP/cwd/nodir/r.html"
# ISSUE_DIR slips: the issues folder, the issue.yaml file
fresh
expect "the issues folder for an issue" 65 'issues: no issue\.yaml: not an issue folder \(give one of its folders, such as .*issues/2021-01\)' -- check "$TMP/p/issues"
fresh
expect "issue.yaml for its folder" 65 'issue\.yaml: not a folder: ISSUE_DIR is the issue.s folder, the one holding issue\.yaml' -- check "$I/issue.yaml"
# a title left empty ("title:" with nothing after it) is no title
fresh; sed -i 's/^title: .*/title:/' "$I/03-deyang-workstation.md"
expect "empty article title" 65 '03-deyang-workstation.md:2:[0-9]+: "title" is empty' -- $(preview)
fresh; sed -i 's/^title: .*/title: ""/' "$I/issue.yaml"
expect "empty issue title" 65 'issue.yaml:3:[0-9]+: "title" is empty' -- $(preview)
# a subject template that renders to nothing is bad data (it was 73)
fresh; sed -i 's/^subject: .*/subject: "{{issue.nosuch}}"/' "$I/issue.yaml"
expect "subject rendering empty" 65 'issue.yaml: the subject template renders to an empty or multi-line subject' -- $(preview)
exit $tap_failed
