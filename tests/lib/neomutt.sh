# neomutt, a real mail client, run in tmux on a Maildir: nm_screen MAILDIR
# GNUPGHOME OUTFILE opens the first message and writes the screen (index,
# then the opened message) to OUTFILE; returns 1 when a screen it waited
# for never came (the reason is on stderr).  Read-only; needs neomutt and
# tmux.
. tests/lib/wait.sh
nm_screen() {
	local md=$1 gh=$2 out=$3 s=mailer-nm-$$
	# its own line: "local" expands all its words before assigning any
	local rc=$out.muttrc
	# folder: without it neomutt's first run on a machine stops at "~/Mail
	# does not exist. Create it?" and the keys sent below answer that.
	printf 'set folder="%s"\nset spoolfile="%s"\n' "$md" "$md" >"$rc"
	cat >>"$rc" <<'RC'
set mbox_type=Maildir
set crypt_use_gpgme=yes
set crypt_verify_sig=yes
set header_cache=""
set charset="utf-8"
set index_format="%4C %-20.20F %s"
set pager_stop=yes
set wait_key=no
set help=no
RC
	tmux kill-session -t "$s" 2>/dev/null
	tmux new-session -d -s "$s" -x 160 -y 60 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 GNUPGHOME=$gh TERM=xterm-256color neomutt -n -F $rc -R -f $md"
	local st=0
	# Each wait is for what the screen must show; the first gpgme run in a
	# fresh GNUPGHOME (agent start, trust database) can take many seconds
	# on a loaded machine, hence the long deadlines.
	wait_for 60 "neomutt's index (message 1) in tmux" nm__shows "$s" '^ *1 ' ||
		st=1
	tmux capture-pane -p -t "$s" >"$out"
	[ $st = 0 ] || sed -n '/./s/^/# screen: /p' "$out" >&2
	tmux send-keys -t "$s" Enter
	wait_for 90 "neomutt to show the verified message (End signature information)" \
		nm__shows "$s" 'End signature information' || st=1
	tmux capture-pane -p -t "$s" >>"$out"
	tmux kill-session -t "$s" 2>/dev/null
	return $st
}
# nm__shows SESSION REGEX: the pane shows a line matching REGEX.
nm__shows() { tmux capture-pane -p -t "$1" | grep -q "$2"; }
