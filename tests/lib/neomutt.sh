# neomutt, a real mail client, run in tmux on a Maildir: nm_screen MAILDIR
# GNUPGHOME OUTFILE opens the first message and writes the screen (index,
# then the opened message) to OUTFILE.  Read-only; needs neomutt and tmux.
nm_screen() {
	local md=$1 gh=$2 out=$3 s=mailer-nm-$$ rc=$out.muttrc
	cat >"$rc" <<'RC'
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
	local i
	for i in $(seq 50); do	# wait for the index (up to 10 s)
		sleep 0.2
		tmux capture-pane -p -t "$s" | grep -q '^ *1 ' && break
	done
	tmux capture-pane -p -t "$s" >"$out"
	tmux send-keys -t "$s" Enter
	for i in $(seq 50); do	# wait for the verified message
		sleep 0.2
		tmux capture-pane -p -t "$s" | grep -q 'End signature information' && break
	done
	tmux capture-pane -p -t "$s" >>"$out"
	tmux kill-session -t "$s" 2>/dev/null
}
