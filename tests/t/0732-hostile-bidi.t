#!/usr/bin/env bash
# Unicode direction controls (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066..9
# isolates) from a contributor: an attachment "invoice<U+202E>gpj.exe"
# went out and showed in the reader's mail client as "invoiceexe.jpg", a
# program dressed as a photo; it is refused (written so, or as a symlink's
# target), its name spelled out in the message.  In a title, check and
# preview warn (readers see what follows in another order).
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 8
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
A=02-liangshan-archives.md
RLO=$(printf '\342\200\256')

hostile_fresh_issue; printf 'MZ' >"$I/files/invoice${RLO}gpj.exe"
sed -i "s#attachments: \[files/sponsors.txt\]#attachments: [\"files/invoice${RLO}gpj.exe\"]#" "$I/$A"
hostile "U+202E in an attachment's name" 65 "$A:8:15: \"files/invoice<U\+202E>gpj.exe\": the file name holds U\+202E" -- $M send "$I"
hostile_fresh_issue; printf 'MZ' >"$I/files/invoice${RLO}gpj.exe"
ln -s "invoice${RLO}gpj.exe" "$I/files/invoice.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/invoice.txt]#' "$I/$A"
hostile "a symlink to a name with U+202E" 65 "$A:8:15: \"files/invoice.txt\": the file name holds U\+202E" -- $M send "$I"

hostile_fresh_issue
sed -i "s/^title: .*/title: \"通知${RLO}txt.exe\"/" "$I/$A"
"$MAILER" $M check "$I" >/dev/null 2>"$TMP/err"; rc=$?
sed 's/^/# /' "$TMP/err"
[ $rc = 0 ] && grep -q "$A: warning: \"title\" holds U+202E, a direction control" "$TMP/err"
ok $? "U+202E in an article's title: check passes with a warning naming file and key"
! grep -q "$RLO" "$TMP/err"
ok $? "no message writes the control itself to the terminal (each line reads as written)"
rm -rf "$I"
hostile_record
exit $tap_failed
