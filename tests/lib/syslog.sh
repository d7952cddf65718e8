# shellcheck shell=bash
# syslog_capture DIR PATTERN CMD...: runs CMD in a private mount namespace
# whose /dev/log is read by tests/lib/syslog-listen.py into DIR/syslog.txt,
# so nothing touches the machine's logging; CMD's standard output, error
# and exit code go to DIR/stdout, DIR/stderr and DIR/rc.  Then waits up to
# 60 s for PATTERN (grep) in the log.  Needs mount namespaces (root):
# check `unshare -m true` first.
syslog_capture() {
	local dir=$1 pat=$2
	shift 2
	unshare -m bash -c '
		set -e
		T=$1 PAT=$2; shift 2
		mkdir -p "$T/olddev"; mount --bind /dev "$T/olddev"
		mount -t tmpfs tmpfs /dev
		for n in null zero urandom random full; do touch /dev/$n; mount --bind "$T/olddev/$n" /dev/$n; done
		python3 tests/lib/syslog-listen.py "$T/syslog.txt" "$T/ready" & L=$!
		. tests/lib/wait.sh
		wait_for 60 "the syslog listener" test -e "$T/ready"
		rc=0; "$@" >"$T/stdout" 2>"$T/stderr" || rc=$?
		echo $rc >"$T/rc"
		wait_for 60 "\"$PAT\" at the syslog listener" \
			grep -qs "$PAT" "$T/syslog.txt" || true
		kill $L 2>/dev/null || true
	' _ "$dir" "$pat" "$@"
}
