#!/usr/bin/env bash
# Bounce classification speed: `mailer bounces parse` over the bounce corpus
# against Sisimai (Debian libsisimai-perl, the mature reference parser) over
# the same files, in the same run.  Prints messages/second and the ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
C=${MAILER_SHARED:-../shared}/corpus/bounces
[ -d "$C" ] || { echo "bounces bench: SKIP ($C absent)"; exit 0; }
perl -MSisimai -e1 2>/dev/null || { echo "bounces bench: SKIP (no Sisimai: make deps)"; exit 0; }
files=("$C"/*.eml)
n=${#files[@]}
R=${BENCH_ROUNDS:-10}
all=()	# the corpus R times over: one process each, start-up amortised
for _ in $(seq "$R"); do all+=("${files[@]}"); done
now() { date +%s.%N; }
best_m=0 best_s=0
for try in 1 2 3; do
	t0=$(now)
	./mailer/mailer bounces parse "${all[@]}" >/dev/null
	t1=$(now)
	# Sisimai with the options the corpus labels were made with
	perl -MSisimai -e 'for my $f (@ARGV) { my $v = Sisimai->make($f, delivered => 1, vacation => 1) }' "${all[@]}" >/dev/null 2>&1
	t2=$(now)
	m=$(echo "$n * $R / ($t1 - $t0)" | bc -l)
	s=$(echo "$n * $R / ($t2 - $t1)" | bc -l)
	best_m=$(echo "if ($m > $best_m) $m else $best_m" | bc -l)
	best_s=$(echo "if ($s > $best_s) $s else $best_s" | bc -l)
done
m=$best_m s=$best_s
printf 'bounces bench: %d messages x %d rounds in one process each, best of 3\n' "$n" "$R"
printf '  mailer bounces parse: %8.0f messages/s\n' "$m"
printf '  Sisimai 4.25 (perl):  %8.0f messages/s\n' "$s"
printf '  ratio mailer/Sisimai: %8.1fx (target >= 10x)\n' "$(echo "$m / $s" | bc -l)"
