#!/usr/bin/env bash
# A folder name with a LIST wildcard (RFC 3501 6.3.8: "%" and "*") was
# looked up with LIST "" NAME, and any folder it matched counted as the
# folder: imap.folder "Bou%" beside a folder "Bounces" passed, then
# SELECT "Bou%" failed, exit 75 ("try again later") at every cron run;
# a processed_folder "Proc*" beside "Processed" was never created and
# every move was refused.  Now only a listed name equal to the one
# configured counts: "Bou%" is "no such folder" (78) and "Proc*" is
# created (Dovecot takes it) and found, as any other name.  A real
# Dovecot.
. tests/lib/tap.sh
. tests/lib/servers.sh
. tests/lib/project.sh
srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
T=$(mktemp -d /tmp/mailer-t-wildcard.XXXXXX); chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
srv_init "$T/srv" || { echo "Bail out! srv_init"; exit 1; }
plan 5
P=$T/proj
sent_bounce_project "$P" "$T/imap.pw" || exit 1
BOX=$(srv_maildir bounces@bounce.test)
$MAILER --config "$P/config.yaml" bounces >/dev/null 2>&1	# makes Processed

offer_drop "$BOX/.Bounces" 1
{ cat "$P/config.yaml"; echo "  folder: Bou%"; } >"$P/c1.yaml"
$MAILER --config "$P/c1.yaml" bounces >"$T/o1" 2>&1
rc=$?; sed 's/^/# /' "$T/o1"
[ $rc = 78 ]; ok $? "folder \"Bou%\" beside \"Bounces\": a setting to fix, 78 (rc $rc)"
grep -q 'imap.folder "Bou%": no such folder on imaps://' "$T/o1"
ok $? "...\"no such folder\""

offer_drop "$BOX" 2
{ cat "$P/config.yaml"; echo "  processed_folder: Proc*"; } >"$P/c2.yaml"
$MAILER --config "$P/c2.yaml" bounces >"$T/o2" 2>&1
rc=$?; sed 's/^/# /' "$T/o2"
[ $rc = 0 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ] &&
	[ "$(find "$BOX/.Proc*/new" "$BOX/.Proc*/cur" -type f 2>/dev/null | wc -l)" = 1 ]
ok $? "processed_folder \"Proc*\" beside \"Processed\": created, the message moved there (rc $rc)"
offer_drop "$BOX" 3
$MAILER --config "$P/c2.yaml" bounces >"$T/o3" 2>&1
rc=$?; sed 's/^/# /' "$T/o3"
[ $rc = 0 ] && ! grep -q 'CREATE\|refused' "$T/o3" &&
	[ "$(find "$BOX/.Proc*/new" "$BOX/.Proc*/cur" -type f 2>/dev/null | wc -l)" = 2 ]
ok $? "...the next run finds it among the names LIST matched, moves there (rc $rc)"
# INBOX is INBOX in any case (RFC 3501 5.1): Dovecot lists "inbox" so
{ cat "$P/config.yaml"; echo "  folder: inbox"; } >"$P/c3.yaml"
offer_drop "$BOX" 4
$MAILER --config "$P/c3.yaml" bounces >"$T/o4" 2>&1
rc=$?; sed 's/^/# /' "$T/o4"
[ $rc = 0 ] && [ "$(srv_maildir_count bounces@bounce.test)" = 0 ]
ok $? "folder \"inbox\": the INBOX, read and moved (rc $rc)"
exit $tap_failed
