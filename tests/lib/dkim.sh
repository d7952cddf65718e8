# shellcheck shell=bash
# tests/lib/dkim.sh - OpenDKIM as an independent DKIM verifier for tests.
#
#   dkim_opendkim_conf RECORDS DIR  - from `mailer dkim record` output, write
#                                     DIR/keys (TestPublicKeys) and DIR/opendkim.conf
#                                     (verify mode, no DNS, no syslog)
#   dkim_opendkim DIR FILE...       - verify each message with `opendkim -t`;
#                                     prints "FILE ALGORITHM RESULT" per signature
#                                     (from the Authentication-Results it would add)
#   dkim_have_verifiers             - true when opendkim, dkimpy and nacl are installed
# dkimpy is tests/lib/dkimverify.py (run with /usr/bin/python3).

dkim_have_verifiers() {
	command -v opendkim >/dev/null 2>&1 || [ -x /usr/sbin/opendkim ] || return 1
	/usr/bin/python3 -c 'import dkim, nacl' 2>/dev/null
}

dkim_opendkim_conf() {
	local rec=$1 dir=$2
	mkdir -p "$dir"
	# "sel._domainkey.dom. IN TXT "a" "b"" -> "sel._domainkey.dom ab"
	sed -E 's/^([^ ]+)\. IN TXT (.*)$/\1 \2/; s/" "//g; s/ "/ /; s/"$//' "$rec" >"$dir/keys"
	cat >"$dir/opendkim.conf" <<CONF
Mode v
TestPublicKeys $dir/keys
Syslog no
AlwaysAddARHeader yes
CONF
}

dkim_opendkim() {
	local dir=$1 f; shift
	for f in "$@"; do
		opendkim -x "$dir/opendkim.conf" -vv -t "$f" 2>/dev/null |
			grep -oE 'dkim=[a-z]+ .*header\.a=[a-z0-9-]+' |
			awk -v f="$f" '{ r = $1; sub(/dkim=/, "", r); a = $NF; sub(/header\.a=/, "", a); print f, a, r }'
	done
}
