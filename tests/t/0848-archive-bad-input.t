#!/usr/bin/env bash
# mailer archive on bad input, each case alone (0920 covers hostile ids,
# names and attachments): a template that does not parse, an issue.yaml
# that does not parse, an issue folder that does not exist (65, named with
# file and line where there is one), and an --out that is a file or cannot
# be made (73).  Each leaves the archive already built byte for byte.  A
# build into a folder that does not exist yet leaves nothing when it
# fails: a template that does not parse, the lock held by another
# builder, a write refused in the middle (RLIMIT_FSIZE under a 300 KB
# attachment, after the pages were written).
. tests/lib/tap.sh
. tests/lib/project.sh
command -v flock >/dev/null || skip_all "flock not installed (util-linux)"
tap_tmp
plan 10
P=$TMP/proj
mk_maildir_project "$P"
printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >/dev/null 2>&1 || { echo "Bail out! send"; exit 1; }
M archive --quiet >/dev/null 2>&1 || { echo "Bail out! archive"; exit 1; }
A=$P/archive
snap() { (cd "$A" && find . -printf '%p %i %T@ %s\n' | sort; find . -type f -exec cat {} +) | sha256sum; }
before=$(snap)
# run NAME CODE REGEX ARGS...: archive exits CODE, says REGEX, changes nothing
run() {
	local name=$1 code=$2 re=$3 rc; shift 3
	M archive "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; rc=$?
	sed 's/^/# /' "$TMP/$name.err"
	[ $rc = "$code" ] && grep -q "$re" "$TMP/$name.err" && [ "$(snap)" = "$before" ]
}

cp -p "$P/templates/archive-index.html.mustache" "$TMP/tmpl"
printf '{{#issues}}\n<p>{{title}</p>\n' >"$P/templates/archive-index.html.mustache"
run tmpl 65 'templates/archive-index.html.mustache:2: '
ok $? "a template that does not parse: 65 naming file and line, nothing written"
cp -p "$TMP/tmpl" "$P/templates/archive-index.html.mustache"

cp -p "$P/issues/2021-01/issue.yaml" "$TMP/issue.yaml"
printf 'number: [1\n' >"$P/issues/2021-01/issue.yaml"
run yaml 65 'issues/2021-01/issue.yaml:[0-9]*:[0-9]*: '
ok $? "an issue.yaml that does not parse: 65 naming file, line and column, nothing written"
cp -p "$TMP/issue.yaml" "$P/issues/2021-01/issue.yaml"

run missing 65 'issues/2099-01' "$P/issues/2099-01"
ok $? "an issue folder that does not exist: 65 naming it, nothing written"

: >"$TMP/a-file"
run outfile 73 'a-file: not a folder' --out "$TMP/a-file"
ok $? "--out naming a file: 73, nothing written"
run outproc 73 '/proc/mailer-nope' --out /proc/mailer-nope
ok $? "--out that cannot be made: 73, nothing written"

# --out folders that do not exist, nor their parents: a failed build
# leaves none of them
N=$TMP/new/site
printf '{{#issues}}\n<p>{{title}</p>\n' >"$P/templates/archive-index.html.mustache"
run newtmpl 65 'templates/archive-index.html.mustache:2: ' --out "$N" && [ ! -e "$TMP/new" ]
ok $? "a template that does not parse, --out a new folder: 65, no folder made"
cp -p "$TMP/tmpl" "$P/templates/archive-index.html.mustache"
exec 9>"$P/state/archive-cache.json.lock"; flock -n 9
run newlock 75 'another process (pid unknown) holds .*archive-cache.json.lock' --out "$N" && [ ! -e "$TMP/new" ]
ok $? "the lock held by another builder, --out a new folder: 75, no folder made"
exec 9>&-
# a write refused mid-build: a file size limit (SIGXFSZ ignored, so
# write(2) says EFBIG) under the 300 KB attachment, which is written
# after the pages (20 KB each) and the images
cp -a "$P/issues/2021-01" "$TMP/issue.orig"
head -c 300000 /dev/urandom >"$P/issues/2021-01/files/big.bin"
sed -i 's|^attachments: \[files/sponsors.txt\]|attachments: [files/sponsors.txt, files/big.bin]|' \
	"$P/issues/2021-01/02-liangshan-archives.md"
grep -q 'files/big.bin\]' "$P/issues/2021-01/02-liangshan-archives.md" || echo "# the attachment line moved"
capped() { bash -c 'trap "" XFSZ; ulimit -f 64; exec "$@"' capped "$MAILER" --config "$P/config.yaml" archive "$@"; }
mkdir "$TMP/empty"
capped --out "$TMP/empty" >/dev/null 2>"$TMP/cap1.err"; rc=$?
sed 's/^/# /' "$TMP/cap1.err"
written=$(find "$TMP/empty" -type f | wc -l)
[ $rc = 73 ] && grep -q 'big.bin.*File too large' "$TMP/cap1.err" && [ "$written" -ge 20 ] &&
	[ -z "$(find "$TMP/empty" -name '*.tmp.*')" ]
ok $? "the fault strikes mid-build: 73 naming the file, $written files written before it (here, an existing folder, they stay, each whole)"
capped --out "$N" >/dev/null 2>"$TMP/cap2.err"; rc=$?
sed 's/^/# /' "$TMP/cap2.err"
[ $rc = 73 ] && grep -q "$N/.*big.bin.*File too large" "$TMP/cap2.err" && [ ! -e "$TMP/new" ] &&
	[ "$(snap)" = "$before" ]
ok $? "the same fault, --out a new folder: 73, the folder and what was written in it are gone"
rm -rf "$P/issues/2021-01"; cp -a "$TMP/issue.orig" "$P/issues/2021-01"

M archive --quiet >/dev/null 2>&1 && [ "$(snap)" = "$before" ]
ok $? "the inputs restored, a build writes nothing new"
exit 0
