#!/usr/bin/env bash
# Control characters in the data mailer names when it refuses it: a
# subscriber CSV's address carrying ESC [2J (clears the operator's
# terminal) or an OSC title sequence, a CR with a forged "sent" line
# after it, a list's YAML value or key with ESC and BEL, a relay URL in
# config.yaml with ESC, a U+202E in a list_id, an article's lang, an
# image path in its text, an attachment's symlink target and a hidden
# attachment's name with ESC.  Each is refused (or warned of) as before,
# and the message shows the value with its controls spelled out (\xNN,
# <U+XXXX>) and no raw control byte; printable Chinese stays as written.
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 42
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
I=$P/issues/2021-01
BS='[\]'	# a backslash, in grep -E
ESC=$(printf '\033') BEL=$(printf '\007') CR=$(printf '\r')
RLO=$(printf '\342\200\256')
cp "$P/lists/aba.csv" "$TMP/aba.csv"; cp "$P/lists/aba.yaml" "$TMP/aba.yaml"
cp "$P/config.yaml" "$TMP/config.yaml"
restore() {
	cp "$TMP/aba.csv" "$P/lists/aba.csv"; cp "$TMP/aba.yaml" "$P/lists/aba.yaml"
	cp "$TMP/config.yaml" "$P/config.yaml"
}
# case NAME: the refusal just made by hostile() left no raw control
raw() {
	no_raw_ctl "$TMP/stderr"
	ok $? "$1: no raw control byte in the message"
	restore
}

printf '"%s[2Jevil%s]0;pwned%s@example.org",x,y\n' "$ESC" "$ESC" "$BEL" >>"$P/lists/aba.csv"
hostile "a CSV address with ESC [2J and an OSC title" 65 \
	"aba.csv:[0-9]+: invalid address: \"${BS}x1b\[2Jevil${BS}x1b]0;pwned${BS}x07@example.org\"" \
	-- $M check "$I"
raw "ESC [2J in a CSV address"

printf '"evil%s\nmailer: aba: sent 1 of 1",x,y\n' "$CR" >>"$P/lists/aba.csv"
hostile "a CSV address with CR LF and a forged log line" 65 \
	"aba.csv:[0-9]+: line break inside a field: email" -- $M check "$I"
raw "CR LF in a CSV field"

printf '"王小明%s[31m@",x,y\n' "$ESC" >>"$P/lists/aba.csv"
hostile "a Chinese CSV address with ESC" 65 \
	"invalid address: \"王小明${BS}x1b\[31m@\"" -- $M check "$I"
raw "Chinese text around an ESC"

sed -i 's/^list_id: .*/list_id: "\\e]0;pwned\\aaba.news.example.org"/' "$P/lists/aba.yaml"
hostile "a list_id with ESC and BEL (YAML escapes)" 65 \
	"aba.yaml: list_id \"${BS}x1b]0;pwned${BS}x07aba.news.example.org\" is not" \
	-- $M check "$I"
raw "ESC in a YAML value"

printf '"\\e[2Jkey": 1\n' >>"$P/lists/aba.yaml"
hostile "a YAML key with ESC" 65 \
	"aba.yaml:[0-9]+:1: unknown key \"${BS}x1b\[2Jkey\"" -- $M check "$I"
raw "ESC in a YAML key"

sed -i "s/^list_id: .*/list_id: \"aba${RLO}gro.elpmaxe\"/" "$P/lists/aba.yaml"
hostile "a list_id with U+202E" 65 \
	"list_id \"aba<U\+202E>gro.elpmaxe\" is not" -- $M check "$I"
raw "U+202E in a YAML value"

sed -i 's/relays: \[maildir:outbox\]/relays: ["\\e[2Jsmtp:\/\/x"]/' "$P/config.yaml"
hostile "a relay URL with ESC in config.yaml" 78 \
	"transport relay \"${BS}x1b\[2Jsmtp://x\" is not" -- $M check "$I"
raw "ESC in config.yaml"

A=02-liangshan-archives.md
cp "$I/$A" "$TMP/$A"
sed -i 's/^order: 1$/order: 1\nlang: "\\e]0;pwned\\a"/' "$I/$A"
hostile "an article's lang with an OSC title" 65 \
	"$A:8:7: lang \"${BS}x1b]0;pwned${BS}x07\" is no language tag" \
	-- $M check "$I"
raw "ESC in an article's front matter"
cp "$TMP/$A" "$I/$A"

printf '\n![图](images/a%s[2J.png)\n' "$ESC" >>"$I/$A"
hostile "an article's image path with ESC [2J" 65 \
	"$A:[0-9]+: image \"images/a${BS}x1b\[2J.png\" is not listed" \
	-- $M check "$I"
raw "ESC in an article's text"
cp "$TMP/$A" "$I/$A"

printf 'x' >"$TMP/evil${ESC}[2J.txt"
ln -s "$TMP/evil${ESC}[2J.txt" "$I/files/out.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/out.txt]#' "$I/$A"
hostile "an attachment linking outside with ESC [2J in its target" 65 \
	"\"files/out.txt\" leads outside the issue folder \(symlink to .*/evil${BS}x1b\[2J.txt\)" \
	-- $M check "$I"
raw "ESC in a symlink's target"
rm "$I/files/out.txt"; cp "$TMP/$A" "$I/$A"

# a warning, not a refusal: the issue still passes check
printf 'x' >"$I/files/.a${ESC}[2J.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: ["files/.a\\e[2J.txt"]#' "$I/$A"
"$MAILER" $M check "$I" >/dev/null 2>"$TMP/stderr"; rc=$?
sed 's/^/#   /' "$TMP/stderr" | head -2
[ $rc = 0 ] && grep -Eq "$A:8:15: warning: \"files/.a${BS}x1b\[2J.txt\" has a hidden name" "$TMP/stderr"
ok $? "a hidden attachment name with ESC: check passes, its warning spells the ESC out ($rc)"
raw "ESC in an attachment's name"
rm "$I/files/.a${ESC}[2J.txt"; cp "$TMP/$A" "$I/$A"

hostile_record
exit $tap_failed
