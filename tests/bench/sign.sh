#!/usr/bin/env bash
# Signing cost of a send: the sample issue to 10,000 subscribers spread over
# the 21 associations, signed once per edition, against the time gpg takes
# to sign each message separately (measured on a sample, scaled to 10,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${BENCH_SUBSCRIBERS:-10000}
SAMPLE=${BENCH_GPG_SAMPLE:-300}
T=$(mktemp -d /tmp/mailer-bench-sign.XXXXXX)
trap 'gpgconf --homedir "$T/g" --kill gpg-agent 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p "$T/p" && cp -r issues templates "$T/p/" && mkdir -p "$T/p/lists"
python3 - "$T/p/lists" "$N" <<'PY'
import glob, os, shutil, sys
out, n = sys.argv[1], int(sys.argv[2])
ids = sorted(os.path.basename(p)[:-5] for p in glob.glob('lists/*.yaml'))
for i, lid in enumerate(ids):
    shutil.copy(f'lists/{lid}.yaml', out)
    with open(f'{out}/{lid}.csv', 'w') as f:
        f.write('email,name\n')
        for k in range(i, n, len(ids)):
            f.write(f'sub{k}@example.org,订阅者{k}\n')
PY
base="sender: {name: 科协, address: newsletter@example.org}
paths: {state: state/m.db}
secret_file: state/key
transport: {relays: ['maildir:out']}"
printf '%s\n' "$base" >"$T/p/plain.yaml"
printf '%s\nsigning: {gnupg_home: %s, create_demo_key: true}\n' "$base" "$T/g" >"$T/p/signed.yaml"
run() {	# run CONFIG -> prints seconds; summary line in $T/summary
	rm -rf "$T/p/state"
	local t0 t1
	t0=$(date +%s.%N)
	./mailer/mailer --config "$T/p/$1" send "$T/p/issues/2021-01" --dry-run >"$T/summary" 2>/dev/null || true
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
run signed.yaml >/dev/null	# creates the demo key, warms caches
best() { local b=999999 x; for _ in 1 2 3; do x=$(run "$1"); b=$(echo "if ($x < $b) $x else $b" | bc -l); done; echo "$b"; }
ts=$(best signed.yaml); sigs=$(grep -o '[0-9]* signatures' "$T/summary" | cut -d' ' -f1)
tp=$(best plain.yaml)
./mailer/mailer --config "$T/p/signed.yaml" preview "$T/p/issues/2021-01" --list chengdu --out "$T/pv" >/dev/null 2>&1
fpr=$(gpg --homedir "$T/g" --with-colons -K | awk -F: '/^fpr/ {print $10; exit}')
t0=$(date +%s.%N)
for i in $(seq "$SAMPLE"); do
	gpg --homedir "$T/g" --batch --yes -u "$fpr" --detach-sign --armor \
		-o "$T/sig.asc" "$T/pv/chengdu.eml" 2>/dev/null
done
t1=$(date +%s.%N)
per=$(echo "($t1 - $t0) / $SAMPLE" | bc -l)
printf 'sign bench: %d subscribers, 21 associations\n' "$N"
printf '  mailer signatures made:            %s (one per edition)\n' "$sigs"
printf '  mailer send --dry-run, signed:     %.2f s\n' "$ts"
printf '  mailer send --dry-run, unsigned:   %.2f s\n' "$tp"
printf '  time spent signing (difference):   %.2f s\n' "$(echo "$ts - $tp" | bc -l)"
printf '  gpg per message (mean of %d):     %.1f ms\n' "$SAMPLE" "$(echo "$per * 1000" | bc -l)"
printf '  gpg signing each of %d messages:  %.1f s (scaled from the sample)\n' "$N" "$(echo "$per * $N" | bc -l)"
printf '  ratio gpg-per-message / mailer signing time: %.0fx\n' "$(echo "($per * $N) / ($ts - $tp + 0.001)" | bc -l)"
