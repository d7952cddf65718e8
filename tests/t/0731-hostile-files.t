#!/usr/bin/env bash
# Files in an issue folder that are no plain files or have hostile names:
# a FIFO named like an image or an article is refused at once (check,
# preview and send waited forever for a writer, and a cron run held its
# lock until killed).
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 6
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
A=02-liangshan-archives.md
# mailer under a 20 s timeout (exit 124): a read that waits fails, not hangs
printf '#!/bin/sh\nexec timeout 20 "%s" "$@"\n' "$MAILER" >"$TMP/tmailer"
chmod +x "$TMP/tmailer"

MAILER_REAL=$MAILER MAILER=$TMP/tmailer
hostile_fresh_issue; mkfifo "$I/images/pipe.png"
sed -i 's#images: \[images/tianfu-cloud.png\]#images: [images/pipe.png]#' "$I/01-ziyang-cloud.md"
hostile "a FIFO as an image" 65 'images/pipe.png: not a regular file' -- $M check "$I"
hostile_fresh_issue; mkfifo "$I/07-late.md"
hostile "a FIFO as an article" 65 '07-late.md: not a regular file' -- $M send "$I"
MAILER=$MAILER_REAL

rm -rf "$I"
hostile_record
exit $tap_failed
