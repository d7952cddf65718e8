#!/usr/bin/env bash
# DNS answers are outside data: a TXT record holding ESC [2J, an OSC
# title (ESC ] ... BEL) and a CR LF with a forged "ok" line, served by a
# real unbound (tests/lib/unbound.sh) as the bounce domain's SPF record.
# check --dns reports the record as before (a fail naming it) with each
# control spelled out (\xNN): no raw control byte reaches the terminal.
. tests/lib/tap.sh
. tests/lib/unbound.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
command -v unbound >/dev/null || skip_all "unbound not installed (make deps)"
tap_tmp
tap_cleanup() { ub_stop; }
plan 4
P=$TMP/proj
mk_maildir_project "$P"
sed -i 's/^sender:$/bounce_domain: bounce.example.org\nsender:/' "$P/config.yaml"
cat >"$TMP/zone" <<'ZONE'
local-zone: "example.org." static
local-data: 'bounce.example.org. TXT "v=spf1 \027[2J\027]0;pwned\007 ip4:192.0.2.25 -all\013\010ok   spf   forged"'
ZONE
ub_start "$TMP/unbound" "$TMP/zone" || { echo "Bail out! unbound"; exit 1; }
"$MAILER" --config "$P/config.yaml" check --dns --resolver "127.0.0.1:$UB_PORT" \
	>"$TMP/out" 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/out" "$TMP/err"
[ $rc = 65 ]; ok $? "an SPF record with controls does not parse: exit 65 ($rc)"
BS='[\]'	# a backslash, in grep -E
grep -Eq "^fail +spf +bounce.example.org: envelope domain: \"v=spf1 ${BS}x1b\[2J${BS}x1b]0;pwned${BS}x07 ip4:192.0.2.25 -all${BS}x0d${BS}x0aok   spf   forged\" does not parse" "$TMP/out"
ok $? "the fail line names the record with ESC, BEL, CR and LF spelled out"
! grep -q '^ok   spf   forged' "$TMP/out"
ok $? "no forged line of its own"
no_raw_ctl "$TMP/out" && no_raw_ctl "$TMP/err"
ok $? "no raw control byte in check --dns's output"
exit $tap_failed
