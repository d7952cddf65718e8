#!/usr/bin/env bash
# lists sync --dry-run prints rows from outside (a web subscriber's name
# from the journal, a row an editor pasted into the CSV).  A journal from
# before serve's form refused controls holds a confirmed subscriber whose
# name has ESC [2J, an OSC title and U+202E (the sync appends it without
# the name, 1451, and names it escaped on stderr); the CSV has a row with U+202E
# and a C1 CSI (U+009B) whose reader unsubscribed, and one whose name
# hides a zero-width space (U+200B: shown raw, the row looks like another).  Piped (to patch, to a
# file), the diff is the raw bytes, and patch -p0 reading the pipe gives
# the very files the sync writes.  On a terminal (a pty), each line is shown as printable()
# shows it (\xNN, <U+XXXX>, CRLF kept): no raw control reaches the
# screen, and a line on stderr says how many lines were escaped and that
# only the piped diff applies.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/hostile.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
command -v patch >/dev/null || skip_all "patch not installed (make deps)"
tap_tmp
plan 9
P=$TMP/p
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
q() { sqlite3 "$P/state/mailer.db" "$1"; }
RLO=$(printf '\342\200\256') CSI=$(printf '\302\233')
# a CRLF row: its line ending must survive the terminal's escaping
printf 'mallory@example.org,\302\233%s31m贼%sgpj.exe,成都\r\n' "$RLO" "$RLO" \
	>>"$P/lists/aba.csv"
printf 'trent@example.org,陈\342\200\213明,成都\n' >>"$P/lists/aba.csv"
M send "$P/issues/2021-01" --list aba --quiet >/dev/null 2>&1 ||
	{ echo "Bail out! send"; exit 1; }
now=$(date +%s)
q "insert into subscriptions(list, email, name, submitted_at, confirmed_at, ip, form) values ('aba', 'eve@example.org', char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || '王$RLO' || 'gnp.exe', $now, $now, '127.0.0.1', 'old form')"
q "insert into unsubscribes(list, email, at, source) values ('aba', 'mallory@example.org', $now, 'test'), ('aba', 'trent@example.org', $now, 'test')" 2>"$TMP/q.err" ||
	{ echo "Bail out! unsubscribes: $(cat "$TMP/q.err")"; exit 1; }

# tty OUT ERR CMD...: CMD with stdout on a new pty (read into OUT, the
# terminal's CR LF for each LF written back to LF) and stderr into ERR;
# returns CMD's status
tty() {
	/usr/bin/python3 - "$@" <<'PY'
import os, pty, subprocess, sys
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
m, s = pty.openpty()
with open(err, "wb") as e:
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=s, stderr=e)
os.close(s)
d = b""
while True:
    try:
        x = os.read(m, 65536)
    except OSError:
        break
    if not x:
        break
    d += x
open(out, "wb").write(d.replace(b"\r\n", b"\n"))
sys.exit(p.wait())
PY
}

before=$(md5sum "$P"/lists/aba*.csv)
M lists sync --dry-run aba >"$TMP/pipe.diff" 2>"$TMP/pipe.err"; rc=$?
sed 's/^/# /' "$TMP/pipe.diff" "$TMP/pipe.err" | cat -v
[ $rc = 0 ] && grep -q "^+eve@example.org,,$" "$TMP/pipe.diff" &&
	grep -q "^-mallory@example.org,$CSI$RLO" "$TMP/pipe.diff" &&
	grep -q "^-trent@example.org,陈$(printf '\342\200\213')明,成都$" "$TMP/pipe.diff" &&
	! grep -q 'of the diff hold control' "$TMP/pipe.err"
ok $? "to a file: the diff holds the rows' bytes as they are, no note ($rc)"
tty "$TMP/tty.diff" "$TMP/tty.err" $MAILER --config "$P/config.yaml" \
	lists sync --dry-run aba; rc=$?
sed 's/^/# /' "$TMP/tty.diff" "$TMP/tty.err" | cat -v
[ $rc = 0 ]; ok $? "on a terminal: exit 0 ($rc)"
sed 's/\r$//' "$TMP/tty.diff" >"$TMP/tty.lf"
no_raw_ctl "$TMP/tty.lf"
ok $? "on a terminal: no raw control, bidi, C1 or zero-width character reaches the screen"
BS='[\]'	# a backslash, in grep -E
grep -Eq "eve@example.org is appended without the name the journal has, \"${BS}x1b\[2J${BS}x1b]0;pwned${BS}x07王<U\+202E>gnp.exe\"" "$TMP/tty.err" &&
	grep -Eq "^-mallory@example.org,<U\+009B><U\+202E>31m贼<U\+202E>gpj.exe,成都$" "$TMP/tty.lf" &&
	grep -Eq "^-trent@example.org,陈<U\+200B>明,成都$" "$TMP/tty.lf"
ok $? "on a terminal: the web name (in the warning) and the CSV rows shown with their controls and U+200B spelled out"
# the CRLF row's line is escaped with its end intact (a CR before LF
# moves nothing on a terminal), not "\x0d"
grep -q $'^-mallory@.*成都\r$' "$TMP/tty.diff" && ! grep -q 'x0d' "$TMP/tty.diff"
ok $? "on a terminal: the CRLF row's line end is kept, not spelled out"
grep -q "^+++ lists/aba.csv" "$TMP/tty.diff" && grep -q "^@@ " "$TMP/tty.diff"
ok $? "on a terminal: the rest of the diff as it was"
grep -q "lists sync: dry run: 4 lines of the diff hold control, bidi or invisible characters, shown escaped" "$TMP/tty.err" &&
	grep -q "only when piped or written to a file" "$TMP/tty.err"
ok $? "on a terminal: stderr says how many lines were escaped, and that the piped diff applies"
[ "$(md5sum "$P"/lists/aba*.csv)" = "$before" ]
ok $? "the dry runs wrote nothing"

# piped to patch, the diff gives what the sync writes
cp -r "$P" "$TMP/q"
M lists sync --dry-run aba 2>/dev/null | (cd "$TMP/q" && patch -p0 -s)
M lists sync aba >/dev/null 2>&1
cmp "$P/lists/aba.csv" "$TMP/q/lists/aba.csv" &&
	cmp "$P/lists/aba.removed.csv" "$TMP/q/lists/aba.removed.csv"
ok $? "piped to patch -p0, the diff gives the very files the sync writes"
exit $tap_failed
