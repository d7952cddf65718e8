#!/usr/bin/env bash
# Folder names that are not ASCII (imap.folder, imap.processed_folder) go
# to the server in modified UTF-7 (RFC 3501 5.1.3): Dovecot refused the
# raw UTF-8 of "退信.已处理" at CREATE ("Mailbox name is not valid
# mUTF-7"), so every cron run exited 75 and no bounce was ever read; and
# a folder "退信" that the operator's mail client made (as "&kABP4Q-")
# was "no such folder" (78).  A processed folder the server will not
# create ("退信/已处理": Dovecot's Maildir++ takes no "/") is a setting
# to fix, 78 as a mistyped imap.folder (it was 75, at every run).
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-utf7.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 6
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
BOX=$(srv_maildir bounces@bounce.test)

# the processed folder 退信.已处理 (Dovecot's Maildir++ separator is ".")
{ cat "$P/config.yaml"; echo "  processed_folder: 退信.已处理"; } >"$P/c1.yaml"
offer_drop "$BOX" 1
$MAILER --config "$P/c1.yaml" bounces >"$T/o1" 2>&1
rc=$?; sed 's/^/# /' "$T/o1"
D1="$BOX/.&kABP4Q-.&XfJZBHQG-"
[ $rc = 0 ] && [ "$(find "$D1/new" "$D1/cur" -type f 2>/dev/null | wc -l)" = 1 ] &&
	[ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "processed_folder 退信.已处理: created as &kABP4Q-.&XfJZBHQG-, the message moved there (rc $rc)"
doveadm -c "$SRV_DIR/dovecot/dovecot.conf" mailbox list -u bounces@bounce.test >"$T/list" 2>&1
grep -qx '退信.已处理' "$T/list"; ok $? "Dovecot lists it by its name"

# the bounce folder 退信 (a client made it: &kABP4Q-), read from
offer_drop "$BOX/.&kABP4Q-" 2
{ cat "$P/config.yaml"; echo "  folder: 退信"; echo "  processed_folder: 退信.已处理"; } >"$P/c2.yaml"
$MAILER --config "$P/c2.yaml" bounces -v >"$T/o2" 2>&1
rc=$?; sed 's/^/# /' "$T/o2"
[ $rc = 0 ] && grep -q '^bounces: 1 message:' "$T/o2" &&
	[ "$(find "$BOX/.&kABP4Q-/new" "$BOX/.&kABP4Q-/cur" -type f | wc -l)" = 0 ]
ok $? "folder 退信: read, and its message moved (rc $rc)"
$MAILER --config "$P/c2.yaml" bounces >"$T/o3" 2>&1
rc=$?; [ $rc = 0 ] && [ ! -s "$T/o3" ]; ok $? "the next run: silent (rc $rc)"

{ cat "$P/config.yaml"; echo "  processed_folder: 退信/已处理"; } >"$P/c3.yaml"
offer_drop "$BOX" 3
$MAILER --config "$P/c3.yaml" bounces >"$T/o4" 2>&1
rc=$?; sed 's/^/# /' "$T/o4"
[ $rc = 78 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 1 ]
ok $? "a processed folder the server does not create: exit 78, the message left (rc $rc)"
grep -q 'CREATE 退信/已处理: command refused: .*/' "$T/o4" &&
	grep -q 'imap.processed_folder "退信/已处理": imaps://[^ ]* does not create it (above); name another, or create it there$' "$T/o4"
ok $? "the server's words, and a line naming the setting"
exit $tap_failed
