#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS TARGET...: runs each libFuzzer target for SECONDS
# with seeds made at run time from the project's own samples (the bounce
# corpus of ../shared is read in place, never copied).  Prints executions
# and crashes per target, writes tests/.fuzz-results, keeps crash inputs in
# tests/fuzz/build/crashes/.  Exits 1 when any target crashed or hung, or
# was not built.
set -u
secs=$1; shift
SHARED=${MAILER_SHARED:-$PWD/../shared}
W=$(mktemp -d /tmp/mailer-fuzz.XXXXXX); trap 'rm -rf "$W"' EXIT
mkdir -p tests/fuzz/build/crashes
seed() {	# seed NAME FILE...: copies files into the seed folder of NAME
	local d=$W/seed-$1; shift
	mkdir -p "$d"
	for f in "$@"; do [ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr / _)"; done
}
seed config config.yaml
awk '/^```yaml/{n++; f=1; next} /^```/{f=0} f{print > (D "/readme-" n ".yaml")}' \
	D="$W/seed-config" README.md
seed article issues/*/*.md
seed csv lists/*.csv
seed listsync lists/*.csv
seed tmpl templates/*.mustache
mkdir -p "$W/seed-rfc2047"
i=0
grep -h -E '^(title|subtitle|name|greeting|short_name): ' issues/*/*.md \
	issues/*/issue.yaml lists/*.yaml | sed 's/^[a-z_]*: //' |
	while IFS= read -r l; do i=$((i + 1)); printf '%s' "$l" >"$W/seed-rfc2047/$i"; done
printf '=?UTF-8?B?5Zub5bed?= =?gb2312?Q?=CB=C4?= plain' >"$W/seed-rfc2047/enc"
mkdir -p "$W/seed-verp"
printf 'bounces+aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounce.test' >"$W/seed-verp/1"
printf '<unsubscribe+wn6w3wlsjcykixncnoeb3hxizxg2a@BOUNCE.TEST>' >"$W/seed-verp/2"
printf 'wn6w3wlsjcykixncnoeb3hxizxg2a' >"$W/seed-verp/3"
mkdir -p "$W/seed-dkim"
printf 'v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0B AQEFAAOC\r\n AQ8AMIIBCgKCAQEA;' >"$W/seed-dkim/record"
printf 'From: A <a@b>\r\nSubject:  x\r\n\ty \r\nList-Unsubscribe: <mailto:u@b>\r\n\r\n a  b \r\n\r\n\r\n' \
	>"$W/seed-dkim/message"
seed dkim issues/*/*.md
mkdir -p "$W/seed-form"
printf 'List-Unsubscribe=One-Click' >"$W/seed-form/1"
printf 'name=%%E6%%96%%B0+A&email=a%%40example.org' >"$W/seed-form/2"
printf 's12-1700000000-0123456789abcdef0123456789abcdef' >"$W/seed-form/3"
mkdir -p "$W/seed-dnsrec"
printf 'v=spf1 ip4:192.0.2.0/24 a:relay.example.org//64 mx/24 include:_spf.example.net redirect=x.example -all' >"$W/seed-dnsrec/1"
printf 'v=DMARC1; p=reject; sp=none; adkim=s; aspf=r; pct=50; rua=mailto:d@example.org' >"$W/seed-dnsrec/2"
printf '\x00\x0a\x02mx\x07example\x03org\x00' >"$W/seed-dnsrec/3"
mkdir -p "$W/seed-bounce"
extra=
if [ -d "$SHARED/corpus/bounces" ]; then extra=$SHARED/corpus/bounces
else echo "fuzz: $SHARED/corpus/bounces absent: bounce target starts from nothing"; fi

: >"$W/results"
total_crashes=0
missing=0
for bin in "$@"; do
	name=${bin##*/fuzz_}
	# a target that was never built is no crash: say what to do instead
	if [ ! -x "$bin" ]; then
		echo "fuzz $name: $bin is not built (make fuzz builds it)" | tee -a "$W/results"
		missing=$((missing + 1)); continue
	fi
	new=$W/new-$name; mkdir -p "$new"
	dirs="$new $W/seed-$name"
	[ "$name" = bounce ] && dirs="$dirs $extra"
	before=$(ls tests/fuzz/build/crashes | wc -l)
	# -close_fd_mask=2: the parsers' own warnings would drown the output
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -close_fd_mask=2 \
		-artifact_prefix=tests/fuzz/build/crashes/"$name"- $dirs \
		>"$W/log-$name" 2>&1
	rc=$?
	execs=$(awk '/stat::number_of_executed_units/ {print $2}' "$W/log-$name")
	crashes=$(( $(ls tests/fuzz/build/crashes | wc -l) - before ))
	[ $rc -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
	total_crashes=$((total_crashes + crashes))
	printf 'fuzz %-8s %10s execs in %ss, %d crashes\n' "$name" "${execs:-0}" \
		"$secs" "$crashes" | tee -a "$W/results"
	if [ "$crashes" -gt 0 ]; then
		grep -E 'ERROR|SUMMARY|#[0-9]+ 0x' "$W/log-$name" | head -20
	fi
done
{ echo "# make fuzz, $(date -u +%FT%TZ), FUZZ_SECONDS=$secs"; cat "$W/results"; } \
	>tests/.fuzz-results
echo "fuzz: $total_crashes crashes in all (inputs in tests/fuzz/build/crashes/)"
[ "$missing" -eq 0 ] || echo "fuzz: $missing of the targets asked for are not built"
[ "$total_crashes" -eq 0 ] && [ "$missing" -eq 0 ]
