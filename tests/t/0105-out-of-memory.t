#!/usr/bin/env bash
# Bug "out-of-memory is 71 in one place and 70 in another": one allocation
# made to fail (tests/oomshim.so, LD_PRELOAD), at points spread over a
# whole `mailer preview` of one association's edition and a `bounces
# parse`, never passes for something else.  A run that goes on must write
# exactly what a run with memory writes (libmagic's failure once typed an
# attachment application/octet-stream and exited 0); one that says "out
# of memory" exits 71 (jansson's NULL once became "{}"); and the sample's
# valid YAML is never blamed (libyaml's memory error once read as a
# syntax error, 65 or 78).  What each point ended in is listed; crashes
# inside libetpan's parser and glibc's regcomp under out of memory are
# theirs and only counted (libetpan 1.9.4's mailmime_parse frees its MIME
# fields twice after any failure under it; regcomp frees its work area
# twice), told from ours by the object the shim saw the crash in
# (OOM_CRASH, the first frame outside glibc): none may be in mailer's
# code (bounce_match's abort() on a NULL once ended 2 points of bounces
# parse in 134).  A regcomp that libmagic runs fails with "regex error
# 12" and errno 0: out of memory too, not the attachment's fault (it was
# 65, "libmagic cannot tell its type", at most points of preview), and
# so is realpath's ENOMEM (it blamed the issue folder or a template),
# and a Content-Type libetpan could not build (see the last 150 points).
. tests/lib/tap.sh
. tests/lib/project.sh
SHIM=$PWD/tests/oomshim.so
[ -n "${MAILER_SANITIZED:-}" ] &&
	skip_all "sanitizer build (ASan must come first, and a failed malloc is fatal there)"
[ -f "$SHIM" ] || skip_all "tests/oomshim.so not built (make t builds it)"
tap_tmp
plan 11
ulimit -c 0	# the crashes counted below leave no core file behind
export MAILER_TEST_SEED=7 SOURCE_DATE_EPOCH=1700000000
P=$TMP/proj
mk_maildir_project "$P"
M="$MAILER --config $P/config.yaml"
preview() { $M preview "$P/issues/2021-01" --list aba --out "$1"; }

preview "$TMP/ref" >/dev/null 2>&1 && preview "$TMP/ref2" >/dev/null 2>&1 &&
	diff -r "$TMP/ref" "$TMP/ref2" >/dev/null
ok $? "preview with memory: exit 0, the same files twice (the reference)"
n=$(OOM_COUNT=1 LD_PRELOAD=$SHIM $M preview "$P/issues/2021-01" --list aba \
	--out "$TMP/count" 2>&1 >/dev/null | sed -n 's/^oomshim: \([0-9]*\) allocations$/\1/p')
echo "# preview makes ${n:-no} allocations after main()"

# sweep NAME LAST POINTS CMD...: runs CMD with allocation k failing for
# POINTS values of k spread over FIRST (1 unless set)..LAST; each outcome
# goes to $TMP/NAME.out as "k rc same|differs|octet|-|CRASH-SITE
# first-stderr-line" (octet: a part became application/octet-stream).
sweep() {
	local name=$1 last=$2 k first=${FIRST:-1} step
	step=$(( (last - first + 1) / $3 > 0 ? (last - first + 1) / $3 : 1 ))
	shift 3
	: >"$TMP/$name.out"
	for ((k = first; k <= last; k += step)); do
		rm -rf "$TMP/out" "$TMP/crash"
		OOM_CRASH=$TMP/crash OOM_AT=$k LD_PRELOAD=$SHIM "$@" \
			>"$TMP/stdout" 2>"$TMP/stderr"
		local rc=$? same=-
		[ -s "$TMP/crash" ] && same=$(cat "$TMP/crash")
		if [ $rc = 0 ]; then
			same=differs
			if [ "$name" != bounces ]; then
				diff -r "$TMP/ref" "$TMP/out" >"$TMP/diff" && same=same
				grep -q '^> Content-Type: application/octet-stream' \
					"$TMP/diff" && same=octet
			else
				cmp -s "$TMP/ref.json" "$TMP/stdout" && same=same
			fi
		fi
		echo "$k $rc $same $(head -n 1 "$TMP/stderr" | sed "s#$P/##")" \
			>>"$TMP/$name.out"
	done 2>/dev/null
	echo "# $name: what the $(wc -l <"$TMP/$name.out") runs ended in (count, exit, output, a message):"
	awk '!seen[$2 " " $3]++ { ex[$2 " " $3] = NF > 3 ? substr($0, index($0, $4)) : "" }
		{ n[$2 " " $3]++ }
		END { for (k in n) printf "%6d %s  %s\n", n[k], k, substr(ex[k], 1, 90) }' \
		"$TMP/$name.out" | sort -rn | sed 's/^/#   /'
}
# show TEXT: its first three lines as comments, when there is any
show() { [ -z "$1" ] || echo "$1" | head -n 3 | sed 's/^/#   /'; }
sweep preview "$n" 80 $M preview "$P/issues/2021-01" --list aba --out "$TMP/out"
[ "${n:-0}" -gt 1000 ] && [ "$(wc -l <"$TMP/preview.out")" -ge 80 ]
ok $? "the sweep reached 80 or more points of $n allocations"
# and every one of the first 200 (config, issue, paths), from another
# folder: realpath's ENOMEM once blamed the issue folder (65), or read
# the templates of the current folder in place of the config's
(cd "$TMP" && sweep start 200 200 $M preview "$P/issues/2021-01" \
	--list aba --out "$TMP/out")
bad=$(awk '$2 != 71 && $3 != "same"' "$TMP/start.out")
[ -z "$bad" ]; ok $? "the first 200 points: each out of memory (71) or the reference's files"
show "$bad"
cat "$TMP/start.out" >>"$TMP/preview.out"
# and each of the last 150, where the edition's MIME tree is built:
# libetpan's type parser returns success with no type when out of memory
# (mailmime_new_empty read it and crashed), and its failure was taken for
# a type it cannot parse (the image went as application/octet-stream)
FIRST=$((n - 149)) sweep tail "$n" 150 $M preview "$P/issues/2021-01" \
	--list aba --out "$TMP/out"
bad=$(awk '$3 == "octet" || $3 ~ /:mailmime_new_empty$/' "$TMP/tail.out")
[ -z "$bad" ]; ok $? "the last 150 points: no part typed octet-stream, no type-less part"
show "$bad"

bad=$(awk '$2 == 0 && $3 != "same"' "$TMP/preview.out")
[ -z "$bad" ]; ok $? "preview: every run that exits 0 wrote the reference's files"
show "$bad"

BOUNCE=$SHARED/corpus/bounces/activehunter-01.eml
if [ -f "$BOUNCE" ]; then
	$M bounces parse "$BOUNCE" >"$TMP/ref.json"
	n=$(OOM_COUNT=1 LD_PRELOAD=$SHIM $M bounces parse "$BOUNCE" 2>&1 >/dev/null |
		sed -n 's/^oomshim: \([0-9]*\) allocations$/\1/p')
	echo "# bounces parse makes ${n:-no} allocations after main()"
	sweep bounces "$n" "$n" $M bounces parse "$BOUNCE"	# every point: few
else
	echo "# $BOUNCE absent: bounces parse not swept"
	: >"$TMP/bounces.out"
fi

bad=$(cat "$TMP/preview.out" "$TMP/bounces.out" |
	awk '/out of memory|Cannot allocate memory/ && $2 != 71')
[ -z "$bad" ]; ok $? "every run that says \"out of memory\" (or ENOMEM's words) exits 71"
show "$bad"
n71=$(cat "$TMP/preview.out" "$TMP/bounces.out" | awk '$2 == 71' | wc -l)
[ "$n71" -gt 0 ]; ok $? "some runs did run out of memory and exited 71 ($n71)"

bad=$(grep 'libmagic cannot tell' "$TMP/preview.out")
[ -z "$bad" ]; ok $? "libmagic's out of memory is never blamed on the attachment"
show "$bad"

bad=$(cat "$TMP/preview.out" "$TMP/bounces.out" |
	awk '$2 >= 128 && $3 !~ /^lib(etpan|magic)\.so\./')
[ -z "$bad" ]; ok $? "no run crashes in mailer's code (only in libetpan's or regcomp's)"
show "$bad"

bad=$(grep -E 'syntax error|unexpected YAML event|YAML' "$TMP/preview.out")
[ -z "$bad" ]; ok $? "the sample's valid YAML is never blamed for a failed allocation"
show "$bad"

# opendir(3) failing for lack of memory (lists/ is read with it) was "lists:
# Cannot allocate memory", exit 65, as if the folder were at fault
bad=
for c in "preview $P/issues/2021-01 --list aba --out $TMP/od" "check $P/issues/2021-01" \
	"send $P/issues/2021-01 --dry-run" lists; do
	n=$(OOM_COUNT=1 LD_PRELOAD=$SHIM $M $c 2>&1 >/dev/null | sed -n 's/^oomshim: \([0-9]*\) opendirs$/\1/p')
	for ((k = 1; k <= ${n:-0}; k++)); do
		rm -rf "$TMP/od"
		OOM_OPENDIR=$k LD_PRELOAD=$SHIM $M $c >/dev/null 2>"$TMP/od.err"; rc=$?
		[ $rc = 71 ] && grep -q 'out of memory' "$TMP/od.err" ||
			bad="$bad${c%% *} opendir $k: exit $rc $(head -n 1 "$TMP/od.err")
"
	done
done
[ -z "$bad" ]; ok $? "an opendir failing for lack of memory exits 71, out of memory (preview, check, send, lists)"
show "$bad"
exit $tap_failed
