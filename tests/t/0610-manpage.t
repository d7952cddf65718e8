#!/usr/bin/env bash
# The man page: formats without a warning under man-db and groff, and
# documents every command, every option and every configuration key the
# code knows (read from `mailer --help`, each command's `--help`, the
# option strings in the source and config.c's yfield tables, so a new key
# or option without docs fails here).  Each command's options are looked
# for in that command's own subsection, each key as an entry of its own in
# CONFIGURATION (so "log" is not found in "login"); each key also in the
# README's configuration example, under its section.
. tests/lib/tap.sh
command -v man >/dev/null || skip_all "man-db not installed (make deps)"
command -v groff >/dev/null || skip_all "groff not installed (make deps)"
tap_tmp
plan 17
PAGE=mailer/mailer.1
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" \
	>"$TMP/page.txt" 2>"$TMP/man.err"
rc=$?; sed 's/^/# /' "$TMP/man.err"
[ $rc = 0 ] && [ ! -s "$TMP/man.err" ] && [ -s "$TMP/page.txt" ]
ok $? "man --warnings formats it with no warning"
groff -ww -man -Tutf8 "$PAGE" >/dev/null 2>"$TMP/groff.err"
rc=$?; sed 's/^/# /' "$TMP/groff.err"
[ $rc = 0 ] && [ ! -s "$TMP/groff.err" ]; ok $? "groff -ww -man: no warning"

# Every key of config.c's tables: section.key for the nested tables (the
# section named by the top-level YF_MAP entry), plain names at the top.
awk '
/^static const struct yfield [a-z_]+\[\]/ {
	t = $5; sub(/\[\].*/, "", t)
	# a table reached through a YF_NODE list names it: /* in dkim.keys[] */
	if (match($0, /\/\* in [a-z_.\[\]]+ \*\//))
		pre[t] = substr($0, RSTART + 6, RLENGTH - 9)
	next
}
/^};/ { t = "" }
/^\t\{ "/ && t != "" {
	split($0, a, "\""); k = a[2]
	if (t == "top_fields") {
		if ($0 ~ /YF_MAP/) {
			m = $0; sub(/.*, /, "", m); sub(/ *\}.*/, "", m)
			pre[m] = k
		} else print k
	} else keys[t] = keys[t] " " k
}
END {
	for (t in keys) {
		n = split(keys[t], ks, " ")
		for (i = 1; i <= n; i++)
			print (t in pre ? pre[t] : "UNMAPPED:" t) "." ks[i]
	}
}' mailer/config.c | sort >"$TMP/keys"
sed -n '/^CONFIGURATION$/,/^FILES$/p' "$TMP/page.txt" >"$TMP/config.txt"
# has_entry KEY: CONFIGURATION has a line that is KEY alone or KEY and a
# space, at the entry indent.  Compared as a string, not a pattern: keys
# hold regex characters (dkim.keys[].selector), and an escaping sed once
# failed here on every key ("[][.]" opens a collating element), leaving an
# empty pattern that every indented line matched.
has_entry() {
	awk -v k="       $1" 'index($0, k) == 1 &&
		(length($0) == length(k) || substr($0, length(k) + 1, 1) == " ") {
		f = 1 } END { exit !f }' "$TMP/config.txt"
}
# the matcher itself can say no: a made-up key, and a real key's prefix
! has_entry no_such.key && ! has_entry dkim.ke && has_entry sender.address
ok $? "the key matcher finds sender.address, not no_such.key nor dkim.ke"
missing=0
while read -r k; do
	has_entry "$k" ||
		{ echo "# no entry in CONFIGURATION for key: $k"; missing=1; }
done <"$TMP/keys"
n=$(wc -l <"$TMP/keys")
echo "# $n config keys"
[ "$n" -ge 40 ] && [ $missing = 0 ]; ok $? "every config key is documented ($n)"

# ... and in the README's "Configuration by example", each under its own
# section (a key line, or "key:" in a comment there: "or password_env:").
awk '/^## Configuration by example/ { s = 1 }
	s && /^```yaml/ { y = 1; next } y && /^```/ { exit } y' README.md \
	>"$TMP/readme.yaml"
# in_readme SECTION.KEY (or KEY at the top)
in_readme() {
	awk -v k="$1" 'BEGIN { s = k; sub(/\..*/, "", s); if (s == k) s = ""
		sub(/.*\./, "", k) }
	/^[a-z_]+:/ { on = s == "" || index($0, s ":") == 1 }
	on && (s == "" ? index($0, k ":") == 1 : $0 ~ ("(^|[ {,])" k ":")) {
		f = 1 } END { exit !f }' "$TMP/readme.yaml"
}
! in_readme imap.no_such && ! in_readme imap.max_body && in_readme imap.url
ok $? "the README matcher finds imap.url, not imap.no_such nor imap.max_body"
missing=0
while read -r k; do
	in_readme "$k" ||
		{ echo "# README's configuration example lacks key: $k"; missing=1; }
done <"$TMP/keys"
[ $missing = 0 ]; ok $? "every config key is in the README's example"

# Each default of config.c's defaults() in the key's page heading
# ("default N") and, where the README's example writes the key, as its
# value there; each range of check_transport's and check_web's lim[]
# tables in the key's entry ("LO..HI", "LO to HI", "at least LO", or the
# section's opening paragraph for the transport keys).  One paragraph a
# line (MANWIDTH=1000).
LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l "$PAGE" 2>/dev/null \
	>"$TMP/wide.txt"
python3 - mailer/config.c "$TMP/wide.txt" "$TMP/readme.yaml" <<'PY'
import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
page = open(sys.argv[2], encoding='utf-8').read()
readme = open(sys.argv[3], encoding='utf-8').read().split('\n')
fails = 0
def check(cond, what):
    global fails
    if not cond:
        print('# FAIL', what)
        fails += 1
tables = dict(re.findall(r'static const struct yfield (\w+)\[\] = \{[^\n]*\n(.*?)\n\};', src, re.S))
sect = dict((t, k) for k, t in re.findall(r'\{ "(\w+)", YF_MAP, 0, \d, (\w+) \}', tables['top_fields']))
key = {}	# struct config field -> (section.key, type)
for t, body in tables.items():
    for k, ty, f in re.findall(r'\{\s*"(\w+)",\s*YF_(\w+),\s*O\((\w+)\)', body):
        key[f] = ((sect[t] + '.' if t in sect else '') + k, ty)
# the page's entry of a key: its heading line and its paragraph
def entry(k):
    m = re.search(r'^       %s \((.*)\)\n +(.*)$' % re.escape(k), page, re.M)
    return (m.group(1), m.group(2)) if m else (None, None)
# a key the table marks required says so in its heading
pre = dict(re.findall(r'static const struct yfield (\w+)\[\] = \{\s*/\* in ([a-z_.\[\]]+) \*/', src))
for t, b in tables.items():
    for k, req in re.findall(r'\{\s*"(\w+)",\s*YF_\w+,\s*[OK]\(\w+\),\s*([01])', b):
        name = (pre.get(t) or sect.get(t)) + '.' + k if (t in pre or t in sect) else k
        head, _ = entry(name)
        if req == '1':
            check(head is not None and 'required' in head, '%s is required, its heading says (%s)' % (name, head))
defines = dict(re.findall(r'^#define (\w+) (\d+)\b', src, re.M))
body = re.search(r'\ndefaults\(struct config \*c\)\n\{(.*?)\n\}', src, re.S).group(1)
n = 0
for f, v in re.findall(r'c->(\w+) = ([0-9 *]+);', body):
    k, ty = key[f]
    want = ('true' if int(eval(v)) else 'false') if ty == 'BOOL' else str(eval(v))
    head, _ = entry(k)
    check(head is not None and re.search(r'default:? %s\b' % want, head), '%s: the code\'s default is %s, the page says (%s)' % (k, want, head))
    # the README's example, where it writes the key on a line of its own
    sec, _, kk = k.rpartition('.')
    on = sec == ''
    for l in readme:
        if re.match(r'[a-z_]+:', l):
            on = sec == '' or l.startswith(sec + ':')
        m = re.match(r'%s%s: *([^ #]+)' % ('  ' if sec else '', kk), l)
        if on and m:
            check(m.group(1) == want, 'README example: %s: %s, the code\'s default is %s' % (k, m.group(1), want))
    n += 1
for s in ('transport', 'bounces', 'web'):
    fn = re.search(r'\ncheck_%s\(.*?\n\}' % s, src, re.S).group(0)
    intro = re.search(r'^   %s\n(.*?)\n\n' % s, page, re.M | re.S).group(1)
    for k, f, lo, hi in re.findall(r'\{\s*"(\w+)",\s*c->(\w+),\s*(-?\d+),\s*(\w+)\s*\}', fn):
        hi = defines.get(hi, hi)
        head, par = entry(s + '.' + k)
        text = '%s %s' % (head, par)
        if hi != 'LONG_MAX':
            ok_ = re.search(r'\b%s(\.\.| to )%s\b' % (lo, hi), text)
            check(ok_, '%s.%s: the code takes %s..%s, the page says (%s)' % (s, k, lo, hi, head))
        elif lo != '0':
            ok_ = 'at least %s' % lo in text.lower() or (k in intro and 'at least %s' % lo in intro)
            check(ok_, '%s.%s: the code takes at least %s, the page does not say so' % (s, k, lo))
        n += 1
print('# %d defaults and ranges checked' % n)
sys.exit(1 if fails else 0)
PY
ok $? "config.c's defaults, ranges and required keys are those of the page and the README"

# The header fields DKIM signs (dkim_canon.c's signed_names) each named
# in the sentence "The signatures cover ..." of the page and the README.
names=$(sed -n '/^} signed_names\[\] = {/,/^};/p' mailer/dkim_canon.c |
	grep -oE '\{ "[a-z-]+", [01] \}' | cut -d'"' -f2)
covers() {	# covers FILE: the sentences from "The signatures cover" on
	tr -s ' \n' '  ' <"$1" | grep -oE 'The signatures cover [^.]*\.[^.]*\.' |
		tr -d '`' | tr 'A-Z' 'a-z'
}
covers "$TMP/wide.txt" >"$TMP/cov-page"; covers README.md >"$TMP/cov-readme"
missing=0; n=0
for h in $names; do
	n=$((n + 1))
	for f in page readme; do
		grep -qE "(^|[ ,])$h([ ,;.]|\$)" "$TMP/cov-$f" ||
			{ echo "# $f: the signed field $h is not named"; missing=1; }
	done
done
[ "$n" -ge 20 ] && [ $missing = 0 ]
ok $? "every field DKIM signs is named in the page and the README ($n)"

# Every test the README cites as its proof (`0335`, `0750-crash-safety.t`)
# is a script of tests/t.
missing=0; n=0
for t in $(grep -oE '`[0-9]{4}(-[a-z0-9-]+\.t)?`' README.md | tr -d '`' | sort -u); do
	n=$((n + 1))
	case $t in
	*.t) [ -f "tests/t/$t" ] ;;
	*) ls tests/t/"$t"-*.t >/dev/null 2>&1 ;;
	esac || { echo "# README cites test $t, not in tests/t"; missing=1; }
done
[ "$n" -ge 50 ] && [ $missing = 0 ]; ok $? "every test the README cites exists ($n)"

# The keys of issue.yaml, an article's front matter and a list's YAML
# (the yfield tables of issue.c and list.c): each a word of its FILES
# subsection, and in its row of the README's Files table as `key`.
# table_keys FILE TABLE: the keys of that yfield table
table_keys() {
	awk -v t="static const struct yfield $2[] = {" '
		index($0, t) == 1 { on = 1; next } /^};/ { on = 0 }
		on && /^\t\{ "/ { split($0, a, "\""); print a[2] }' "$1"
}
# files_sub HEADING: that subsection of FILES
files_sub() {
	sed -n '/^FILES$/,/^ENVIRONMENT$/p' "$TMP/page.txt" |
		awk -v h="   $1" '/^   [^ ]/ { on = ($0 == h) } on'
}
missing=0; n=0
for spec in "issue.c issue_fields The issue folder|issues/<id>/issue.yaml" \
	"issue.c section_fields The issue folder|issues/<id>/issue.yaml" \
	"issue.c article_fields The issue folder|issues/<id>/*.md" \
	"list.c list_fields Lists|lists/<id>.yaml"; do
	set -- ${spec%%|*}; src=$1 tbl=$2; shift 2; head="$*"
	row=$(grep -F "| \`${spec#*|}\` |" README.md)
	[ -n "$row" ] || { echo "# README: no Files row ${spec#*|}"; missing=1; }
	files_sub "$head" | tr -s ' \n' '  ' >"$TMP/sub.txt"
	for k in $(table_keys "mailer/$src" "$tbl"); do
		n=$((n + 1))
		grep -qE "(^|[^a-z_])$k([^a-z_]|\$)" "$TMP/sub.txt" ||
			{ echo "# FILES, $head: no key $k ($tbl)"; missing=1; }
		[ "$tbl" = section_fields ] || case $row in *"\`$k\`"*) ;;
		*) echo "# README Files row ${spec#*|}: no \`$k\`"; missing=1;;
		esac
	done
done
echo "# $n issue, section, article and list keys"
[ "$n" -ge 20 ] && [ $missing = 0 ]
ok $? "every issue.yaml, front matter and list key is in FILES and the README ($n)"

# The commands, from the program's own list.
cmds=$("$MAILER" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p')
# subsection CMD: the text of every COMMANDS subsection whose heading
# starts with CMD ("bounces" and "bounces parse" both belong to bounces).
sed -n '/^COMMANDS$/,/^CONFIGURATION$/p' "$TMP/page.txt" >"$TMP/commands.txt"
subsection() {
	awk -v c="$1" '/^   [^ ]/ { split($0, w, " "); on = (w[1] == c) }
		on' "$TMP/commands.txt"
}
# optwords: the --options in stdin, one a line, without --help and
# without the global option a command's help cites for its other exit
# codes ("others: mailer --exit-codes").
optwords() {
	sed 's/others: mailer --exit-codes//' | grep -oE -- '--[a-z][a-z-]*' |
		grep -vx -- --help | sort -u
}
missing=0; n=0
for c in $cmds; do
	n=$((n + 1))
	subsection "$c" >"$TMP/sub-$c"
	[ -s "$TMP/sub-$c" ] ||
		{ echo "# no subsection for command $c"; missing=1; }
done
[ "$n" -ge 6 ] && [ $missing = 0 ]; ok $? "every command has its subsection ($n)"

# Each command's options (its --help) in its own subsection; and no entry
# in a subsection (an indented line starting with --x) that the command's
# --help does not know.
missing=0
for c in $cmds; do
	"$MAILER" "$c" --help 2>&1 | optwords >"$TMP/use-$c"
	while read -r o; do
		grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$TMP/sub-$c" ||
			{ echo "# $c: option $o is not in its subsection"; missing=1; }
	done <"$TMP/use-$c"
	grep -E '^       --[a-z]' "$TMP/sub-$c" | sed 's/^ *//' | optwords |
	while read -r o; do
		grep -qx -- "$o" "$TMP/use-$c" || {
			echo "# $c: the page documents $o, $c --help does not"
			exit 1; }
	done || missing=1
	echo "# $c:" $(cat "$TMP/use-$c")
done
[ $missing = 0 ]; ok $? "each command's options are documented in its own subsection"

# Each short option a command takes (one of the letters of the option
# strings in mailer/cmd/ that "mailer CMD -X ARG --help" does not refuse)
# in the command's subsection ("--long, -X") and in the README's "Short
# forms" paragraph next to the command's name.
letters=$( { grep -ohE 'getopt_long\([^"]*"[^"]*"' mailer/cmd/cmd_*.c |
	sed 's/.*"\(.*\)"/\1/'; grep -ohE '"-[a-zA-Z]"' mailer/cmd/cmd_*.c; } |
	tr -cd 'a-zA-Z' | fold -w1 | grep -vx h | sort -u)
awk '/^Short forms:/ { on = 1 } on && /^$/ { exit } on' README.md |
	tr -s ' \n' '  ' >"$TMP/short.txt"
missing=0; n=0
for c in $cmds; do
	for L in $letters; do
		"$MAILER" --config "$TMP/none.yaml" "$c" "-$L" x@example.org \
			--help >/dev/null 2>&1 || continue
		n=$((n + 1))
		grep -qE -- "^       --[a-z-]+.*, -$L( |\$)" "$TMP/sub-$c" ||
			{ echo "# $c: -$L is in no option entry of its subsection"; missing=1; }
		grep -qF -- "\`$c\`" "$TMP/short.txt" && grep -qF -- "\`-$L\`" "$TMP/short.txt" ||
			{ echo "# $c: -$L is not in the README's Short forms"; missing=1; }
	done
done
echo "# $n short options:" $letters
[ "$n" -ge 10 ] && [ $missing = 0 ]; ok $? "each command's short options are documented ($n)"

# Every option in the source is in some command's --help (or is global).
missing=0
opts=$( { grep -ohE '\{ "[a-z-]+", (required|no)_argument' mailer/cmd/cmd_*.c |
	sed 's/{ "\([a-z-]*\)".*/--\1/'
	grep -ohE '"--[a-z-]+' mailer/cmd/cmd_*.c mailer/main.c | tr -d '"'; } |
	grep -vx -- --help | sort -u)
"$MAILER" --help 2>&1 | optwords >"$TMP/use-global"
for o in $opts; do
	cat "$TMP"/use-* | grep -qx -- "$o" ||
		{ echo "# option $o is in the code but in no --help text"; missing=1; }
	grep -qF -- "$o" "$TMP/page.txt" || { echo "# undocumented option $o"; missing=1; }
done
sed -n '/^OPTIONS$/,/^COMMANDS$/p' "$TMP/page.txt" | grep -qE '^       --config' ||
	{ echo "# --config has no entry in OPTIONS"; missing=1; }
echo "# options in the code:" $opts
[ -n "$opts" ] && [ $missing = 0 ]; ok $? "every option in the code is in a --help text and the page"

missing=0
for s in NAME SYNOPSIS DESCRIPTION COMMANDS CONFIGURATION FILES ENVIRONMENT \
	'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	grep -q "^$s\$" "$TMP/page.txt" || { echo "# no section $s"; missing=1; }
done
[ $missing = 0 ]; ok $? "the usual sections are there"

missing=0
for w in SOURCE_DATE_EPOCH MAILER_TEST_SEED password_env passphrase_env \
	issue.yaml send_at sections front lists/ID.yaml lists/ID.csv \
	issue.html.mustache subscriber source_name; do
	grep -qF -- "$w" "$TMP/page.txt" || { echo "# not mentioned: $w"; missing=1; }
done
# every shipped template is named
for f in templates/*.mustache; do
	f=${f#templates/}; f=${f%.mustache}
	grep -qF -- "$f" "$TMP/wide.txt" ||
		{ echo "# template $f is not named"; missing=1; }
done
# every variable mailer reads (getenv) has its entry in ENVIRONMENT
sed -n '/^ENVIRONMENT$/,/^EXIT STATUS$/p' "$TMP/page.txt" >"$TMP/env.txt"
for v in $(grep -rhoE 'getenv\("[A-Z_]+"\)' mailer | cut -d'"' -f2 | sort -u); do
	grep -qx "       $v" "$TMP/env.txt" ||
		{ echo "# $v (getenv) has no entry in ENVIRONMENT"; missing=1; }
done
[ $missing = 0 ]; ok $? "environment, issue format, templates"

# The exit codes: the code's one table (mailer --exit-codes: code, name,
# meaning, when) against the page's EXIT STATUS (the same codes, no
# other, each with its meaning, name and when), the usage text (each code
# with its meaning, no other) and every command's --help (no code outside
# the table).  The page is formatted one paragraph a line (MANWIDTH=1000)
# so no line break or hyphen gets in the way.
"$MAILER" --exit-codes >"$TMP/codes.tsv"
LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l "$PAGE" 2>/dev/null |
	sed -n '/^EXIT STATUS$/,/^EXAMPLES$/p' >"$TMP/exit.txt"
LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l "$PAGE" 2>/dev/null >"$TMP/wide-page.txt"
"$MAILER" --help >"$TMP/usage.txt" 2>&1
for c in $cmds; do "$MAILER" "$c" --help; done >"$TMP/cmd-usage.txt" 2>&1
python3 - "$TMP" <<'PY'
import re, sys
t = sys.argv[1]
rows = [l.rstrip('\n').split('\t') for l in open(t + '/codes.tsv', encoding='utf-8')]
page = open(t + '/exit.txt', encoding='utf-8').read()
usage = ' '.join(open(t + '/usage.txt', encoding='utf-8').read().split())
cmdu = open(t + '/cmd-usage.txt', encoding='utf-8').read()
fails = 0
def check(cond, what):
    global fails
    if not cond:
        print('# FAIL', what)
        fails += 1
codes = [int(r[0]) for r in rows]
check(len(rows) >= 10 and all(len(r) == 4 for r in rows), 'the table has code, name, meaning, when')
entries = dict((int(c), e) for c, e in re.findall(r'^       (\d+) +(.*)$', page, re.M))
check(sorted(entries) == sorted(codes), 'EXIT STATUS lists %s, the table %s' % (sorted(entries), codes))
for code, name, meaning, when in rows:
    e = entries.get(int(code), '')
    want = '%s (%s): %s' % (meaning[0].upper() + meaning[1:], name, when)
    check(e.rstrip('.') == want.rstrip('.'), 'EXIT STATUS %s: %r, the table says %r' % (code, e, want))
used = [int(c) for c, m in re.findall(r'\b(\d\d?) ([A-Za-z][a-zA-Z ]+?)[,;]', usage)]
check(sorted(used) == sorted(codes), 'usage text lists codes %s' % sorted(used))
for code, name, meaning, when in rows:
    check(('%s %s' % (code, meaning)) in usage, 'usage text: "%s %s"' % (code, meaning))
for m in re.finditer(r'Exit ([^.]*)\.', ' '.join(cmdu.split())):
    for c in re.findall(r'\b(\d\d)\b', m.group(1)):
        check(int(c) in codes, 'a command --help names exit code %s, not in the table' % c)
# every exit status the README and the page name ("exit 65", "exits 75",
# "exit 0 or 75") is one of the table's
for f in ('README.md', t + '/wide-page.txt'):
    text = ' '.join(open(f, encoding='utf-8').read().split())
    for m in re.finditer(r'\bexit(?:s| status| code)? (\d+)((?:(?:, | or | and )\d+)*)', text):
        for c in re.findall(r'\d+', m.group(1) + m.group(2)):
            check(int(c) in codes, '%s: "%s" names exit code %s, not in the table' % (f, m.group(0), c))
print('# %d codes checked: %s' % (len(codes), ' '.join(map(str, codes))))
sys.exit(1 if fails else 0)
PY
ok $? "exit codes: EXIT STATUS, the usage text and each --help agree with the table"
exit $tap_failed
