#!/usr/bin/env bash
# Paths that leave the issue folder (.., absolute, symlinks) for images
# and attachments are refused; raw HTML, javascript: links and event
# handlers in Markdown never reach the HTML part unless the issue sets
# allow_html: true.
. tests/lib/tap.sh
. tests/lib/hostile.sh
tap_tmp
plan 18
hostile_project || { echo "Bail out! sample send failed"; exit 1; }
M="--config $P/config.yaml"
A=02-liangshan-archives.md
hostile_fresh_issue; sed -i 's#images: \[images/tianfu-cloud.png\]#images: [/etc/passwd]#' "$I/01-ziyang-cloud.md"
hostile "absolute image path" 65 '01-ziyang-cloud.md:8:10: "/etc/passwd": paths must stay inside' -- $M send "$I"
hostile_fresh_issue; sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [../../config.yaml]#' "$I/$A"
hostile "attachment path with .." 65 "$A:8:15: \"../../config.yaml\": paths must stay inside" -- $M send "$I"
hostile_fresh_issue; sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [/etc/shadow]#' "$I/$A"
hostile "absolute attachment path" 65 "$A:8:15: \"/etc/shadow\": paths must stay inside" -- $M send "$I"
hostile_fresh_issue; ln -s /etc/passwd "$I/files/evil.txt"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/evil.txt]#' "$I/$A"
hostile "attachment symlink out of the issue" 65 'evil.txt" leads outside the issue folder' -- $M send "$I"
hostile_fresh_issue; ln -s ../../.. "$I/files/up"
sed -i 's#attachments: \[files/sponsors.txt\]#attachments: [files/up/config.yaml]#' "$I/$A"
hostile "attachment through a folder symlink" 65 'up/config.yaml" leads outside the issue folder' -- $M send "$I"

# HTML in Markdown
html_part() {	# the decoded text/html parts of every .eml in $1
	python3 - "$1" <<'PY'
import email, glob, sys
for f in sorted(glob.glob(sys.argv[1] + '/*.eml')):
    for p in email.message_from_binary_file(open(f, 'rb')).walk():
        if p.get_content_type() == 'text/html':
            print(p.get_payload(decode=True).decode())
PY
}
hostile_fresh_issue
cat >>"$I/$A" <<'EOF2'

<script>alert("x")</script>
[点我](javascript:alert(1)) <img src=x onerror=alert(2)> <a href="#" onclick="steal()">链接</a>
EOF2
"$MAILER" $M preview "$I" --list liangshan --out "$TMP/safe" >/dev/null 2>&1
html_part "$TMP/safe" >"$TMP/safe.html"
grep -q '点我' "$TMP/safe.html"; ok $? "safe mode: the article text is there"
! grep -qiE '<script|javascript:|onerror|onclick' "$TMP/safe.html"
ok $? "safe mode: no <script>, javascript: link or on*= handler in the HTML part"
echo 'allow_html: true' >>"$I/issue.yaml"
"$MAILER" $M preview "$I" --list liangshan --out "$TMP/unsafe" >/dev/null 2>&1
html_part "$TMP/unsafe" >"$TMP/unsafe.html"
grep -q '<script>alert("x")</script>' "$TMP/unsafe.html" && grep -q 'onerror=alert(2)' "$TMP/unsafe.html"
ok $? "allow_html: true: the raw HTML is kept as written"
rm -rf "$I"
hostile_tried=$((hostile_tried + 1)); hostile_refused=$((hostile_refused + 1))
hostile_record
exit $tap_failed
