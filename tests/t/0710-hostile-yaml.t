#!/usr/bin/env bash
# Hostile YAML in every place we read it (config, issue.yaml, front
# matter, list profile): alias bombs, anchors, a 100 MB file, 10,000
# levels of nesting.  Each is refused with a message naming the file, fast,
# in bounded memory and without a stack overflow, and nothing is sent.
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 44
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
bomb() {	# billion laughs, 9^9 "lol"s if expanded
	echo 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
	for i in 1 2 3 4 5 6 7 8; do
		p=$((i - 1))
		echo "l$i: &l$i [*l$p,*l$p,*l$p,*l$p,*l$p,*l$p,*l$p,*l$p,*l$p]"
	done
}
deep() { head -c 10000 /dev/zero | tr '\0' "$1"; echo; }
cp "$P/config.yaml" "$P/good.yaml"
cp "$P/lists/aba.yaml" "$TMP/aba.yaml"

# alias bombs and anchors, in each of the four places
{ cat "$P/good.yaml"; bomb; } >"$P/config.yaml"
hostile "config alias bomb" 78 'config.yaml:9:5: YAML anchors are not allowed' -- $M send "$P/issues/2021-01"
{ cat "$P/good.yaml"; echo 'log: *nosuch'; } >"$P/config.yaml"
hostile "config bare alias" 78 'config.yaml:9:6: YAML aliases are not allowed' -- $M send "$P/issues/2021-01"
cp "$P/good.yaml" "$P/config.yaml"
hostile_fresh_issue; bomb >>"$I/issue.yaml"
hostile "issue.yaml alias bomb" 65 'issue.yaml:[0-9]+:[0-9]+: YAML anchors are not allowed' -- $M send "$I"
hostile_fresh_issue; sed -i 's/^number: 2$/number: \&n 2/; s/^title: .*/title: *n/' "$I/issue.yaml"
hostile "issue.yaml anchor reused as a title" 65 'issue.yaml:1:9: YAML anchors are not allowed' -- $M send "$I"
hostile_fresh_issue; sed -i "1r /dev/stdin" "$I/01-ziyang-cloud.md" <<<"$(bomb)"
hostile "front matter alias bomb" 65 '01-ziyang-cloud.md:2:[0-9]+: YAML anchors are not allowed' -- $M send "$I"
hostile_fresh_issue; { cat "$TMP/aba.yaml"; bomb; } >"$P/lists/aba.yaml"
hostile "list profile alias bomb" 65 'aba.yaml:[0-9]+:[0-9]+: YAML anchors are not allowed' -- $M send "$I"
cp "$TMP/aba.yaml" "$P/lists/aba.yaml"

# 10,000 levels of [ and {: refused at level 65, no stack overflow
{ cat "$P/good.yaml"; printf 'log: '; deep '['; } >"$P/config.yaml"
hostile "config nested 10,000 deep" 78 'config.yaml:9:[0-9]+: nesting deeper than 64 levels' -- $M send "$P/issues/2021-01"
cp "$P/good.yaml" "$P/config.yaml"
hostile_fresh_issue; { printf 'sponsors: '; deep '{'; } >>"$I/issue.yaml"
hostile "issue.yaml nested 10,000 deep" 65 'issue.yaml:[0-9]+:[0-9]+: nesting deeper than 64 levels' -- $M send "$I"
hostile_fresh_issue; sed -i "1r /dev/stdin" "$I/02-liangshan-archives.md" <<<"x: $(deep '[')"
hostile "front matter nested 10,000 deep" 65 '02-liangshan-archives.md:2:[0-9]+: nesting deeper than 64 levels' -- $M send "$I"
hostile_fresh_issue; { cat "$TMP/aba.yaml"; printf 'x: '; deep '{'; } >"$P/lists/aba.yaml"
hostile "list profile nested 10,000 deep" 65 'aba.yaml:6:[0-9]+: nesting deeper than 64 levels' -- $M send "$I"
cp "$TMP/aba.yaml" "$P/lists/aba.yaml"

# 100 MB files: refused by the size limit after reading 1 MB at most
big() { cat "$1"; printf 'x: "'; head -c 104857600 /dev/zero | tr '\0' a; echo '"'; }
big "$P/good.yaml" >"$TMP/big.yaml"; mv "$TMP/big.yaml" "$P/config.yaml"
hostile "100 MB config" 78 'config.yaml: file is larger than the 1048576 byte limit' -- $M send "$P/issues/2021-01"
/usr/bin/time -v "$MAILER" $M check "$P/issues/2021-01" >/dev/null 2>"$TMP/time"
rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$TMP/time")
secs=$(awk -F': ' '/Elapsed/ {print $2}' "$TMP/time")
# ASan's shadow memory and quarantine add tens of MB to any run
lim=20000; [ -n "${MAILER_SANITIZED:-}" ] && lim=60000
[ "${rss:-999999}" -lt "$lim" ]
ok $? "100 MB config: max RSS ${rss} kB < $lim kB, in $secs"
cp "$P/good.yaml" "$P/config.yaml"

# the node limit, exactly: a config of 200,000 nodes (counted by PyYAML's
# composer, not by mailer) reads (its extra key is then refused), one of
# 200,001 is refused as too many
nodes() { /usr/bin/python3 -c '
import sys, yaml
def count(n):
    if isinstance(n, yaml.MappingNode):
        return 1 + sum(count(k) + count(v) for k, v in n.value)
    if isinstance(n, yaml.SequenceNode):
        return 1 + sum(count(v) for v in n.value)
    return 1
print(count(yaml.compose(open(sys.argv[1]))))' "$1"; }
with_list() { { cat "$P/good.yaml"; /usr/bin/python3 -c 'import sys
print("x: [" + ",".join(["a"] * int(sys.argv[1])) + "]")' "$1"; } >"$P/config.yaml"; }
with_list 1; base=$(nodes "$P/config.yaml")
with_list $((200000 - base + 1))
n=$(nodes "$P/config.yaml")
"$MAILER" $M check "$P/issues/2021-01" >/dev/null 2>"$TMP/e"; rc=$?
sed 's/^/#   /' "$TMP/e"
[ "$n" = 200000 ] && [ $rc = 78 ] && grep -q 'unknown key "x"' "$TMP/e"
ok $? "a config of exactly 200,000 YAML nodes is read ($n nodes, exit $rc)"
# one scalar more in the same list is one node more (PyYAML's composer
# takes about 4 s of CPU for each 200,000)
with_list $((200000 - base + 2))
n=$((n + 1))
hostile "a config of 200,001 YAML nodes ($n)" 78 'config.yaml:[0-9]+: more than 200000 YAML nodes' -- $M check "$P/issues/2021-01"
cp "$P/good.yaml" "$P/config.yaml"
hostile_fresh_issue; big "$I/issue.yaml" >"$TMP/big.yaml"; mv "$TMP/big.yaml" "$I/issue.yaml"
hostile "100 MB issue.yaml" 65 'issue.yaml: file is larger than the 1048576 byte limit' -- $M send "$I"
hostile_fresh_issue; big "$TMP/aba.yaml" >"$P/lists/aba.yaml"
hostile "100 MB list profile" 65 'aba.yaml: file is larger than the 65536 byte limit' -- $M send "$I"
cp "$TMP/aba.yaml" "$P/lists/aba.yaml"
rm -rf "$I"
hostile_record
exit $tap_failed
