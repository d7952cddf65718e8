# Helpers for the tests of a pool of real Postfix relays (0350, 0585...).
# Needs tap.sh, servers.sh, project.sh and fault.sh, and T, the test's
# folder (chmod 755: Postfix's agents traverse it), which pool_init makes.
#
# pool_init NAME: skips the test without Postfix or sqlite3; T is
# /tmp/mailer-t-NAME.*, removed, and every pool_relay stopped, on exit.
pool_init() {
	srv_have_servers || skip_all "postfix/dovecot not installed (make deps)"
	command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
	T=$(mktemp -d "/tmp/mailer-t-$1.XXXXXX"); chmod 755 "$T"
	POOL_TRAP='pool_cleanup; rm -rf "$T"'
	trap "$POOL_TRAP" EXIT
}
#
# pool_relay NAME [postconf settings...]: a Postfix of its own in T/NAME
# whose test domains go to discard:relay-NAME; sets NAME_DIR, NAME_PORT
# (its plain port), NAME_LOG and NAME_PID; pool_cleanup stops it.
POOL_DIRS=
pool_relay() {
	local n=$1; shift
	SRV_DIR=
	srv_init "$T/$n" && srv_postfix_start || return 1
	POOL_DIRS="$POOL_DIRS $SRV_DIR"
	[ -n "${POOL_TRAP:-}" ] && trap "$POOL_TRAP" EXIT	# srv_init set its own
	postconf -c "$SRV_DIR/postfix" -e "virtual_transport = discard:relay-$n" "$@" &&
		srv__backdate "$SRV_DIR/postfix/main.cf" && srv_postfix_reload || return 1
	eval "${n}_DIR=\$SRV_DIR ${n}_PORT=\$SRV_SMTP_PLAIN_PORT ${n}_LOG=\$SRV_POSTFIX_LOG ${n}_PID=\$SRV_POSTFIX_PID"
}
# pool_cleanup: stops every pool_relay (by pid).
pool_cleanup() {
	local d
	for d in $POOL_DIRS; do
		SRV_DIR=$d SRV_OWN_DIR=0 srv_stop_all
	done
}
# pool_project DIR N RELAY... [-- LINE...]: fault_project's project (list
# flt of N, tls none) with these relays, each LINE under transport.
pool_project() {
	local d=$1 n=$2 r; shift 2
	local relays=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do relays+=("$1"); shift; done
	[ "${1:-}" = -- ] && shift
	fault_project "$d" 0 "$n" "tls: none" "$@"
	sed -i '/^  relays: \["smtp:/d' "$d/config.yaml"
	echo "  relays:" >>"$d/config.yaml"
	for r in "${relays[@]}"; do echo "    - $r" >>"$d/config.yaml"; done
}
# pool_delivered LOG NAME: the addresses NAME's discard agent logged
pool_delivered() {
	sed -n "s/.*: to=<\([^>]*\)>.* status=sent (relay-$2)\$/\1/p" "$1"
}
