#!/usr/bin/env bash
# SMTP with DKIM signs on worker threads ahead of the connections.  A
# SIGTERM in the middle of an 800-subscriber send through Postfix stops it
# after the messages in flight (exit 75) with signatures still being made;
# a second send finishes.  Every subscriber then has exactly one message,
# and both signatures of every message pass dkimpy.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
. tests/lib/dkim.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
dkim_have_verifiers || skip_all "opendkim or python3-dkim/python3-nacl missing (make deps)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing (make deps)"
T=$(mktemp -d /tmp/mailer-t-dkstop.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
srv_dovecot_start || { echo "Bail out! dovecot"; exit 1; }
srv_postfix_start || { echo "Bail out! postfix"; exit 1; }
N=800
P=$T/proj
mk_project "$P" "dkim:" "  create_demo_key: true" "  keys:" \
	"    - { selector: r1, key_file: dkim/rsa.pem }" \
	"    - { selector: e1, key_file: dkim/ed.pem, type: ed25519 }"
sed -i 's/^bounce_domain: bounce.test$/bounce_domain: example.org/' "$P/config.yaml"
mk_big_list "$P" $N
{ list_addresses "$P" big; echo sender@example.org; } | srv_add_users s3cret-sender
M="$MAILER --config $P/config.yaml"
$M dkim record >"$T/rec" 2>/dev/null || { echo "Bail out! dkim record"; exit 1; }

sent() { sqlite3 "$P/state/mailer.db" "select count(*) from recipients where state = 'sent'" 2>/dev/null || echo 0; }
$M send "$P/issues/2021-01" --list big >"$T/out1" 2>"$T/err1" &
pid=$!
n=0 end=$(($(date +%s) + 120))
while [ "$(date +%s)" -lt "$end" ]; do	# the first 150 sent, or the send ended
	n=$(sent); [ "${n:-0}" -ge 150 ] && break
	kill -0 $pid 2>/dev/null || break
	sleep 0.05
done
[ "${n:-0}" -ge 150 ] || echo "# timed out after 120 s waiting for 150 sent in the journal (or the send ended): $n"
kill -TERM $pid 2>/dev/null
wait $pid; rc=$?
n=$(sent)
echo "# stopped after $n sent"
[ $rc = 75 ] && [ "$n" -ge 150 ] && [ "$n" -lt $N ] && grep -q "stopped by a signal" "$T/out1" "$T/err1"
ok $? "SIGTERM mid-send: exit 75 after the messages in flight ($n of $N sent)"

$M send "$P/issues/2021-01" --list big >"$T/out2" 2>"$T/err2"; rc=$?
[ $rc = 0 ] && [ "$(sent)" = $N ]
ok $? "a second send finishes (rc $rc, $(sent) sent)"
srv_wait_queue_empty 120; ok $? "Postfix delivered everything"

list_addresses "$P" big | srv_maildir_counts | awk '$1 != 1' >"$T/not1"
sed 's/^\([0-9]*\) \(.*\)/# \2 has \1/' "$T/not1" | head -3
[ ! -s "$T/not1" ] && [ "$(list_addresses "$P" big | wc -l)" = $N ]
ok $? "every one of the $N subscribers has exactly one message"

files=$(list_addresses "$P" big | srv_maildir_files)
# shellcheck disable=SC2086
/usr/bin/python3 tests/lib/dkimverify.py "$T/rec" $files >"$T/py" 2>&1
[ "$(grep -c ' rsa-sha256 pass ' "$T/py")" = $N ] && [ "$(grep -c ' ed25519-sha256 pass ' "$T/py")" = $N ] &&
	! grep -q ' fail' "$T/py"
ok $? "dkimpy: both signatures of all $N messages pass"
