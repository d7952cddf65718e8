# Helpers for the tests whose relay is tests/faultsrv.py (0335-0339).
# Needs T (the test's folder), pids (the test kills them on exit) and
# tap.sh's wait_for; project.sh for mk_big_list.
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
