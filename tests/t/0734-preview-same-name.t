#!/usr/bin/env bash
# Two images of one name in two folders (a/x.png, b/x.png: a contributor's
# photos beside another's) are two distinct inline parts in the mail, but
# preview flattened assets/ by file name, so the second overwrote the
# first and the editor saw image b in both places (nothing said so).  Now
# assets/ keeps their paths: the preview shows each as mailed.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
mk_tiny_project "$TMP/p"
mkdir -p "$I/a" "$I/b"
cp issues/2021-01/images/tianfu-cloud.png "$I/a/x.png"
printf 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377!\371\004\001\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\002D\001\000;' >"$I/b/x.png"
printf -- '---\ntitle: 第一篇\nsection: news\nimages: [a/x.png, b/x.png]\n---\n甲 ![a](a/x.png)\n\n乙 ![b](b/x.png)\n' >"$I/01-a.md"
"$MAILER" --config "$TMP/p/config.yaml" preview "$I" --out "$TMP/pv" >/dev/null 2>&1
ok $? "preview exits 0"
srcs=$(grep -o '<img src="[^"]*"' "$TMP/pv/east.html" | cut -d'"' -f2 | tr '\n' ' ')
for s in $srcs; do [ -f "$TMP/pv/$s" ] || srcs="$srcs(missing: $s)"; done
[ "$srcs" = "assets/a/x.png assets/b/x.png " ]; ok $? "the two images have two files ($srcs)"
cmp -s "$TMP/pv/assets/a/x.png" "$I/a/x.png" && cmp -s "$TMP/pv/assets/b/x.png" "$I/b/x.png"
ok $? "each file holds its own image's bytes"
exit $tap_failed
