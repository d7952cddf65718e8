# Helpers for the tests whose relay is tests/faultsrv.py (0335-0339,
# 0581-0584).  Needs tap.sh (wait_for, skip_all) and project.sh
# (mk_big_list).
#
# fault_init NAME: skips the test without sqlite3; T, the test's folder
# (/tmp/mailer-t-NAME.*), and pids, the servers started, both removed and
# killed on exit.
fault_init() {
	type -P sqlite3 >/dev/null ||	# tap.sh wraps it in a function
		skip_all "sqlite3 not installed (make deps)"
	T=$(mktemp -d "/tmp/mailer-t-$1.XXXXXX")
	pids=
	trap 'for p in $pids; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT
}
#
# fault NAME ARGS...: starts faultsrv with ARGS, logging what it took to
# T/NAME.log and the commands it heard to T/NAME.trace; sets PORT.
fault() {
	local name=$1; shift
	python3 tests/faultsrv.py --port-file "$T/$name.port" \
		--log "$T/$name.log" --trace "$T/$name.trace" "$@" 2>/dev/null &
	pids="$pids $!"
	wait_for 60 "faultsrv $name to listen (its port file)" \
		test -s "$T/$name.port"
	PORT=$(cat "$T/$name.port")
}
# fault_project DIR PORT N [LINE...]: the sample project in DIR with list
# flt of N subscribers (flt.00001@members.test ...), its relay faultsrv on
# PORT; each LINE goes on the end of config.yaml's transport section.
fault_project() {
	local d=$1 port=$2 n=$3; shift 3
	mkdir -p "$d/state"; cp -r issues lists templates "$d/"
	mk_big_list "$d" "$n" members.test flt
	cat >"$d/config.yaml" <<YAML
sender:
  name: test
  address: newsletter@example.org
bounce_domain: bounce.test
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://127.0.0.1:$port"]
YAML
	for l in "$@"; do printf '  %s\n' "$l" >>"$d/config.yaml"; done
}
# taken LOG...: how many messages the relays took in all, and whether each
# address was taken once: prints "MESSAGES TWICE" (TWICE: addresses taken
# more than once)
taken() {
	printf '%s %s\n' "$(cat "$@" | wc -l)" \
		"$(cat "$@" | cut -d' ' -f3 | sort | uniq -d | wc -l)"
}
# fault_send NAME: mailer send of the project T/NAME's issue to list flt,
# its output in T/NAME.out and T/NAME.err; its exit code.
fault_send() {
	$MAILER --config "$T/$1/config.yaml" send "$T/$1/issues/2021-01" \
		--list flt >"$T/$1.out" 2>"$T/$1.err"
}
# fault_pending_only NAME: true when every recipient of T/NAME is pending
fault_pending_only() {
	[ "$(sqlite3 "$T/$1/state/mailer.db" \
		"select count(*) from recipients where state <> 'pending'")" = 0 ]
}
# fault_silent NAME: a relay that accepts connections and never says a
# word (a TLS-first port to smtp://, or a TLS handshake that never comes
# to smtps://); sets PORT.
fault_silent() {
	python3 -c '
import os, socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(120)' "$T/$1.port" &
	pids="$pids $!"
	wait_for 60 "the silent relay $1 to listen" test -s "$T/$1.port"
	PORT=$(cat "$T/$1.port")
}
