#!/usr/bin/env bash
# Files in an issue folder that are no plain files or have hostile names:
# a FIFO named like an image or an article is refused at once (check,
# preview and send waited forever for a writer, and a cron run held its
# lock until killed); a line break in an attachment's name, written in
# the front matter or taken from a symlink's target, never ends the MIME
# part's header (it did: "filename=\"a<LF>Bcc: ...\""); a name with ".."
# in it (not as a path component) is no path leaving the folder; an
# article that is a symlink leading out (another issue's draft) is
# refused, as images and attachments are (it was mailed).
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 18
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

hostile_fresh_issue; printf 'x\n' >"$I/files/a
Bcc: evil@example.com.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: "files/a\\nBcc: evil@example.com.txt"#' "$I/$A"
hostile "a line break in an attachment written alone" 65 "$A:[0-9]+:[0-9]+: \"attachments\" must hold one-line strings" -- $M check "$I"

# a symlink inside the folder whose target's name has a line break: the
# name goes out RFC 2231-encoded
hostile_fresh_issue; printf 'x\n' >"$I/files/a
Bcc: evil@example.com.txt"
ln -s "a
Bcc: evil@example.com.txt" "$I/files/ok.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/ok.txt]#' "$I/$A"
"$MAILER" $M preview "$I" --list liangshan --out "$TMP/pv" >/dev/null 2>&1
ok $? "a symlink to a name with a line break: preview exits 0"
/usr/bin/python3 - "$TMP/pv" <<'PY' | sed 's/^/# /'
import email, glob, sys
bad = 0
for f in glob.glob(sys.argv[1] + '/*.eml'):
    raw = open(f, 'rb').read()
    if b'\nBcc:' in raw or b'\r\nBcc:' in raw:
        bad = 1
    for p in email.message_from_bytes(raw).walk():
        if p.get_content_disposition() == 'attachment':
            print(repr(p.get_filename()))
            if p.get_filename() != 'a\nBcc: evil@example.com.txt':
                bad = 1
sys.exit(bad)
PY
ok ${PIPESTATUS[0]} "no line of the message starts Bcc:, the attachment's name decodes as the file's"
# ".." inside a name is no step up: "第2期..纪要.txt" is sent (it was
# refused as a path leaving the folder); "files/../x" still is refused
hostile_fresh_issue; printf 'x\n' >"$I/files/第2期..纪要.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: ["files/第2期..纪要.txt"]#' "$I/$A"
"$MAILER" $M check "$I" >/dev/null 2>"$TMP/err"; ok $? "a name with \"..\" in it is no path leaving the folder"
sed 's/^/# /' "$TMP/err"
hostile_fresh_issue
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: ["files/../../config.yaml"]#' "$I/$A"
hostile "a .. component after a folder" 65 "$A:8:15: \"files/../../config.yaml\": paths must stay inside" -- $M check "$I"
# an article that is a symlink to another issue's draft, out of the folder
hostile_fresh_issue; mkdir -p "$P/drafts"
printf -- '---\ntitle: 未发布 EMBARGOED\nsection: reform\n---\nSECRET-DRAFT\n' >"$P/drafts/next.md"
ln -s "$P/drafts/next.md" "$I/07-next.md"
hostile "an article symlinked out of the folder" 65 '07-next.md: "07-next.md" leads outside the issue folder' -- $M send "$I"
rm -rf "$I"
hostile_record
exit $tap_failed
