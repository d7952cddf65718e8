#!/usr/bin/env bash
# The web archive: a full build of 200 issues made from the sample, a
# rebuild with nothing changed, and the incremental rebuild after one new
# issue, which must write only the new issue's files, the index and the
# feed (target: under 1 s).  References measured in the same run: copying
# the built site with cp -a (the file-system floor for writing it all) and
# the full build itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${BENCH_ISSUES:-200}
T=$(mktemp -d /tmp/mailer-bench-archive.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
P=$T/p
mkdir -p "$P/issues" && cp -r lists templates "$P/"
cat >"$P/config.yaml" <<'YAML'
sender: {name: 四川省科协学会学术部, address: newsletter@example.org}
paths: {state: state/mailer.db}
web: {base_url: "https://news.example.org"}
YAML
# mk_issue K: issue K of the series, monthly from 2005-01, sent long ago
mk_issue() {
	local k=$1 y m d
	y=$((2005 + (k - 1) / 12)); m=$(( (k - 1) % 12 + 1 ))
	d=$(printf '%04d-%02d' "$y" "$m")
	cp -r issues/2021-01 "$P/issues/$d"
	sed -i -e "s/^number: .*/number: $m/" -e "s/^date: .*/date: $d-20/" \
		-e "s/^title: .*/title: 四川科协学会工作通讯 ${y}年第${m}期/" \
		"$P/issues/$d/issue.yaml"
	echo "send_at: ${d}-20T08:00:00+08:00" >>"$P/issues/$d/issue.yaml"
	echo "$d"
}
for k in $(seq "$N"); do mk_issue "$k" >/dev/null; done
M() { ./mailer/mailer --config "$P/config.yaml" archive --quiet "$@"; }
secs() { local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }

full=$(secs M)
files=$(find "$P/archive" -type f | wc -l)
bytes=$(du -sb "$P/archive" | cut -f1)
copy=$(secs cp -a "$P/archive" "$T/copy")
same=$(secs M)
new=$(mk_issue $((N + 1)))
# The kernel stamps files and the marker from the same coarse clock; the
# pause puts every file of the runs before strictly at or before the
# marker and every file of this run after it (a marker a second in the
# past counted the full build's last files when it ended within that
# second).
touch "$T/marker"
sleep 0.05
inc=$(secs M)
changed=$(cd "$P/archive" && find . -type f -newer "$T/marker" | sed 's|^\./||' | sort)
nchanged=$(echo "$changed" | grep -c .)
others=$(echo "$changed" | grep -v -e "^$new/" -e '^index\.html$' -e '^feed\.xml$' || true)
rm -rf "$P/archive" "$P/state/archive-cache.json"
full2=$(secs M)

printf 'archive bench: %d issues from the sample (22 pages each), %d files, %.1f MB\n' \
	"$N" "$files" "$(echo "$bytes / 1000000" | bc -l)"
printf '  full build:                        %.2f s (again, from nothing: %.2f s)\n' "$full" "$full2"
printf '  cp -a of the built site:           %.2f s (reference: writing it all)\n' "$copy"
printf '  ratio full build / cp -a:          %.1fx\n' "$(echo "$full / $copy" | bc -l)"
printf '  rebuild, nothing changed:          %.3f s\n' "$same"
printf '  rebuild after one new issue:       %.3f s (target < 1 s: %s)\n' "$inc" \
	"$(echo "$inc < 1" | bc -l | sed 's/1/met/;s/0/NOT met/')"
printf '  ratio incremental / full build:    %.3f\n' "$(echo "$inc / $full" | bc -l)"
printf '  files written by the incremental:  %d (the new issue %s/: %d, index.html, feed.xml)\n' \
	"$nchanged" "$new" "$(echo "$changed" | grep -c "^$new/")"
if [ -n "$others" ]; then
	echo "  NOT met: other files rewritten:"; echo "$others" | sed 's/^/    /'
	exit 1
fi
printf '  only the new issue, the index and the feed were written: met\n'
