#!/usr/bin/env bash
# lists sync killed anywhere: every CSV is then its old or its new self,
# never half of one, and the next sync ends exactly where one uninterrupted
# sync ends.  Eight lists of 100 rows beside the sample's 21; the journal
# gets real unsubscribes (one-click POSTs to `mailer serve`, tokens taken
# from the messages the Maildir transport wrote) and real confirmed web
# subscriptions (serve's form, the link from its confirmation mail).  No
# hook in the program: gdb stops a sync at its Nth rename(2) or fsync(2)
# and SIGKILLs it there, and further syncs are SIGKILLed from outside
# after random delays within one sync's duration.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/web.sh
. tests/lib/gdb.sh
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
command -v curl >/dev/null || skip_all "curl not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-listkill.XXXXXX)
SRV_DIR=$T
tap_cleanup() { web_stop_all; }
trap 'tap_cleanup; rm -rf "$T"' EXIT
K=8 N=100 RANDOM_KILLS=${MAILER_KILL_CYCLES:-15}
plan 8
web_ports
P=$T/proj
mk_maildir_project "$P"
cat >>"$P/config.yaml" <<YAML
web:
  base_url: http://127.0.0.1:$WEB_SERVE_PORT
  mails_per_ip_per_hour: 1000
YAML
for k in $(seq 1 $K); do mk_big_list "$P" $N members.test "$(printf k%02d "$k")"; done
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
M send "$P/issues/2021-01" --quiet >"$T/send.out" 2>&1
ok $? "the sample goes out to $((K * N + 78)) subscribers (Maildir)"

web_serve_start "$P/config.yaml" || { echo "Bail out! mailer serve"; exit 1; }
# every 10th subscriber of each big list unsubscribes (one-click), two
# people per big list subscribe and confirm
/usr/bin/python3 - "$P/outbox" "$WEB_SERVE_PORT" "$K" <<'PY' >"$T/web.out" 2>&1
import email, glob, http.client, os, re, sys, time, urllib.parse
box, port, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
def post(path, body):
    conn.request('POST', path, body=body,
                 headers={'Content-Type': 'application/x-www-form-urlencoded'})
    r = conn.getresponse(); r.read()
    return r.status
seen = set(glob.glob(box + '/new/*'))
unsub = 0
for f in seen:
    m = email.message_from_binary_file(open(f, 'rb'))
    to = m['To']
    hit = re.search(r'<k\d\d\.(\d{5})@members\.test>', to or '') or re.search(r'^k\d\d\.(\d{5})@', to or '')
    if not hit or int(hit.group(1)) % 10:
        continue
    url = re.search(r'<(http://[^>]+)>', str(m['List-Unsubscribe'])).group(1)
    assert post(url[url.index('/', 7):], 'List-Unsubscribe=One-Click') == 200
    unsub += 1
want = []
for i in range(1, k + 1):
    for j in (1, 2):
        addr = 'web%d.k%02d@members.test' % (j, i)
        body = urllib.parse.urlencode({'name': '网友 %d, "k%02d"' % (j, i), 'email': addr})
        assert post('/lists/k%02d/subscribe' % i, body) == 200
        want.append((i, addr))
deadline = time.time() + 60
links = {}
while len(links) < len(want) and time.time() < deadline:
    for f in set(glob.glob(box + '/new/*')) - seen:
        m = email.message_from_binary_file(open(f, 'rb'))
        body = m.get_payload(decode=True) if not m.is_multipart() else \
            b''.join(p.get_payload(decode=True) or b'' for p in m.walk() if p.get_content_type() == 'text/plain')
        for u in re.findall(rb'http://\S+/lists/k\d\d/confirm\?t=\S+', body or b''):
            links[m['To']] = u.decode()
    time.sleep(0.2)
for to, u in links.items():
    assert post(u[u.index('/', 7):], 'confirm=1') == 200
print(unsub, len(links))
PY
read -r nunsub nsub <"$T/web.out"
web_serve_stop
[ "$nunsub" = $((K * N / 10)) ] && [ "$nsub" = $((K * 2)) ]
ok $? "$nunsub one-click unsubscribes and $nsub confirmed web subscriptions"
sed 's/^/# /' "$T/web.out" | tail -3

# the uninterrupted result, in a copy
cp -a "$P/lists" "$T/orig"
cp -a "$P" "$T/ref"
"$MAILER" --config "$T/ref/config.yaml" lists sync >"$T/ref.out" 2>&1 &&
	grep -q "^lists sync: $((K * N / 10)) rows moved, $((K * 2)) web subscribers appended, $K of $((K + 21)) lists changed" "$T/ref.out"
ok $? "one sync moves $((K * N / 10)) rows and appends $((K * 2)) in $K lists"

# every CSV (and removed.csv) in lists/ is byte for byte its old or its
# new version (same SHA-256); a removed.csv may not exist yet
declare -A REF ORIG NOW
sums() {	# sums DIR ARRAY: ARRAY[name] = SHA-256 of each DIR/*.csv
	local -n into=$2
	local h f
	into=()
	while read -r h f; do into[$f]=$h; done < <(cd "$1" && sha256sum -- *.csv)
}
sums "$T/ref/lists" REF
sums "$T/orig" ORIG
all_whole() {
	local b bad=0
	for b in "${!NOW[@]}"; do
		[ "${NOW[$b]}" = "${REF[$b]-}" ] && continue
		[ -n "${ORIG[$b]-}" ] && [ "${NOW[$b]}" = "${ORIG[$b]}" ] && continue
		echo "# $b is neither the old nor the new file"; bad=1
	done
	for b in "${!REF[@]}"; do
		case $b in *.removed.csv) ;; *) continue ;; esac
		[ -n "${NOW[$b]-}" ] || [ -z "${ORIG[$b]-}" ] || { echo "# $b vanished"; bad=1; }
	done
	return $bad
}
restore() { rm -rf "$P/lists" && cp -a "$T/orig" "$P/lists"; }
# one_kill: the state after a kill is whole; a rerun ends as the reference
checked=0 broken=0 unfinished=0 midway=0
after_kill() {
	local b new=0
	checked=$((checked + 1))
	sums "$P/lists" NOW
	all_whole || broken=$((broken + 1))
	# killed between files: some written already, some not yet
	for b in "${!REF[@]}"; do
		[ "${NOW[$b]-}" = "${REF[$b]}" ] &&
			[ "${NOW[$b]}" != "${ORIG[$b]-}" ] && new=$((new + 1))
	done
	[ $new -gt 0 ] && [ $new -lt $((K * 2)) ] && midway=$((midway + 1))
	M lists sync >/dev/null 2>&1 && diff -r "$T/ref/lists" "$P/lists" >/dev/null ||
		{ unfinished=$((unfinished + 1)); echo "# rerun after kill $checked differs"; }
}
# a sync of a changed list: fsync and rename removed.csv, the same for the
# CSV, fsync the folder: 2 renames and 3 fsyncs per list.  One gdb serves
# every kill point: before each run it restores the lists, after the kill
# it moves the killed sync's lists aside; the checks and reruns follow on
# each of them in turn.  It reads no library's symbols (libc's rename and
# fsync are found all the same): reading libstdc++'s, which only adds
# breakpoints mailer never calls, took most of each run.
ex=("set auto-solib-add off" "break rename" "break fsync")
tries=0
for at in $(seq 1 $((K * 2)) | sed 's/^/1:/') $(seq 1 3 $((K * 3)) | sed 's/^/2:/'); do
	tries=$((tries + 1))
	ex+=("echo ==kill $tries\\n" "shell cp -a $T/orig $P/lists"
		"disable" "enable ${at%:*}" "ignore ${at%:*} $((${at#*:} - 1))"
		run kill "shell mv $P/lists $T/killed.$tries")
done
rm -rf "$P/lists"
gdb_batch "$T/gdb.out" "${ex[@]}" -- "$MAILER" --config "$P/config.yaml" lists sync
# each run stopped at its breakpoint and was killed there
stops=$(awk '/^==kill /{if (hit && dead) n++; hit = dead = 0}
	/^Breakpoint [12](\.[0-9]+)?, /{hit = 1} /Inferior 1 .* killed/{dead = 1}
	END{if (hit && dead) n++; print n + 0}' "$T/gdb.out")
for i in $(seq 1 $tries); do
	mv "$T/killed.$i" "$P/lists" && after_kill
	rm -rf "$P/lists"
done
[ $stops = $tries ]
ok $? "gdb stopped and killed a sync at each of its $((K * 2)) renames and every 3rd of its $((K * 3)) fsyncs ($stops kills)"

# from outside, at random moments within one sync's duration
restore
t0=$(date +%s%N); M lists sync >/dev/null 2>&1; t1=$(date +%s%N)
us=$(( (t1 - t0) / 1000 )); [ $us -gt 0 ] || us=1000
echo "# one sync takes $((us / 1000)) ms here"
kills=0
for i in $(seq 1 "$RANDOM_KILLS"); do
	restore
	"$MAILER" --config "$P/config.yaml" lists sync >/dev/null 2>&1 &
	pid=$!	# mailer itself, not a subshell around it
	d=$(( (RANDOM * 32768 + RANDOM) % us ))
	sleep "$((d / 1000000)).$(printf '%06d' $((d % 1000000)))"
	kill -KILL $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
	after_kill
done
echo "# $kills of $RANDOM_KILLS random SIGKILLs landed before the sync ended"
[ $kills -ge 1 ]; ok $? "SIGKILLs from outside at random moments ($kills landed)"
[ $broken = 0 ] && [ $midway -ge $((K * 2)) ]
ok $? "after each of the $checked kills ($midway between two files) every file was its old or its new self"
[ $unfinished = 0 ]; ok $? "each time, the next sync ended exactly as one sync does"
! ls "$P/lists" | grep -q '\.tmp\.'
ok $? "no temporary file left behind"
exit $tap_failed
