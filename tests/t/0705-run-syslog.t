#!/usr/bin/env bash
# log: syslog sends what `mailer run` says to syslog (facility mail), not
# to stdout/stderr.  A private mount namespace gives the run its own
# /dev/log, read by a small datagram listener, so nothing touches the
# machine's logging.
. tests/lib/tap.sh
. tests/lib/syslog.sh
command -v unshare >/dev/null || skip_all "unshare (util-linux) missing"
unshare -m true 2>/dev/null || skip_all "no mount namespaces here (needs root)"
tap_tmp
plan 4
P=$TMP/p; mkdir -p "$P"
cp -r issues lists templates "$P/"
sed -i '/^date:/a send_at: "2021-01-20T08:00:00+08:00"' "$P/issues/2021-01/issue.yaml"
sed '/^signing:/,$d' config.yaml >"$P/config.yaml"
echo "log: syslog" >>"$P/config.yaml"
syslog_capture "$TMP" "sent 78" "$MAILER" --config "$P/config.yaml" run
[ "$(cat "$TMP/rc" 2>/dev/null)" = 0 ]; ok $? "run with log: syslog exits 0"
[ ! -s "$TMP/stdout" ] && [ ! -s "$TMP/stderr" ]; ok $? "nothing on stdout or stderr"
sed 's/^/# /' "$TMP/syslog.txt" | head -3
grep -q 'mailer\[[0-9]*\]: 2021-01: sent 78, deferred 0, failed 0' "$TMP/syslog.txt"
ok $? "the run's summary is in syslog with the program name and pid"
# <PRI>: facility mail (2) -> 16..23
grep -Eq '^<(1[6-9]|2[0-3])>' "$TMP/syslog.txt"; ok $? "records use facility mail"
exit $tap_failed
