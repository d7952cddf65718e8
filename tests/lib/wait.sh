# Waiting for events in the tests (POSIX sh; source it).
#
# wait_for SECONDS WHAT CMD [ARGS...]: runs CMD every 50 ms until it
# succeeds and returns 0; once SECONDS of wall-clock time have passed it
# prints "# timed out after SECONDS s waiting for WHAT" on stderr and
# returns 1.  A wait ends at its event, so deadlines are generous: only a
# broken run reaches one, never a slow one on a loaded 2-core machine.
wait_for() {
	_wf_secs=$1 _wf_what=$2
	shift 2
	_wf_end=$(($(date +%s) + _wf_secs))
	until "$@"; do
		if [ "$(date +%s)" -ge "$_wf_end" ]; then
			echo "# timed out after $_wf_secs s waiting for $_wf_what" >&2
			return 1
		fi
		sleep 0.05
	done
	return 0
}

# port_open PORT [HOST]: something accepts connections on HOST:PORT
# (default 127.0.0.1).
port_open() {
	python3 -c 'import socket, sys
socket.create_connection((sys.argv[2], int(sys.argv[1])), 2).close()' \
		"$1" "${2:-127.0.0.1}" 2>/dev/null
}

# free_port: prints a loopback TCP port nothing listens on right now.
free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
