# shellcheck shell=bash
# tests/lib/dnsfix.sh - the sender and the zone that the check --dns
# scripts share: bounce domain bounce.example.org (SPF and MX), a relay
# relay.example.org at 192.0.2.25 with its forward-confirmed PTR, no dkim:
# section (one warn line in every run).  Needs tap.sh (TMP, MAILER) and
# unbound.sh (UB_PORT); P is the project folder, made by dnsfix_config.
#
#   dnsfix_config FROM BASE_URL - writes $P/config.yaml: From newsletter@FROM
#   dnsfix_zone LINE...         - prints the zone (unbound.conf lines) and
#                                 each LINE after it
#   DNSFIX_FROM                 - news.example.org's A (the one-click
#                                 host), MX and SPF lines, one per line
#   dnsfix_dmarc RECORD         - the zone, DNSFIX_FROM and RECORD as
#                                 _dmarc.news.example.org's TXT
#   dnsfix_swap NAME LINE...    - dnsfix_dmarc with a p=reject record, the
#                                 zone's local-data line for NAME (as
#                                 "bounce.example.org. TXT") replaced by
#                                 the first LINE, the others after it
#   dnsfix_check OUT            - check --dns through the unbound into
#                                 $TMP/OUT (stderr OUT.err); prints the
#                                 exit code
#   dnsfix_show OUT             - OUT and OUT.err as TAP comments

dnsfix_config() {
	mkdir -p "$P/state"
	cat >"$P/config.yaml" <<YAML
sender:
  name: News
  address: newsletter@${1:?usage: dnsfix_config FROM BASE_URL}
bounce_domain: bounce.example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://relay.example.org:587"]
web:
  base_url: ${2:?usage: dnsfix_config FROM BASE_URL}
YAML
}

DNSFIX_FROM="local-data: 'news.example.org. A 192.0.2.80'
local-data: 'news.example.org. MX 10 mx.example.org.'
local-data: 'news.example.org. TXT \"v=spf1 ip4:192.0.2.25 -all\"'"

dnsfix_zone() {
	cat <<'ZONE'
local-zone: "example.org." static
local-zone: "2.0.192.in-addr.arpa." static
local-data: 'www.example.org. A 192.0.2.80'
local-data: 'bounce.example.org. TXT "v=spf1 ip4:192.0.2.25 -all"'
local-data: 'bounce.example.org. MX 10 mx.example.org.'
local-data: 'mx.example.org. A 192.0.2.10'
local-data: 'relay.example.org. A 192.0.2.25'
local-data: '25.2.0.192.in-addr.arpa. PTR relay.example.org.'
ZONE
	[ $# = 0 ] || printf '%s\n' "$@"
}

dnsfix_dmarc() {
	dnsfix_zone "$DNSFIX_FROM" \
		"local-data: '_dmarc.news.example.org. TXT \"$1\"'"
}

dnsfix_swap() {
	local name=$1 line=$2
	shift 2
	dnsfix_dmarc 'v=DMARC1; p=reject; rua=mailto:d@example.org' |
		awk -v n="local-data: '$name " -v l="$line" \
			'index($0, n) == 1 { print l; next } { print }'
	[ $# = 0 ] || printf '%s\n' "$@"
}

dnsfix_check() {
	"$MAILER" --config "$P/config.yaml" check --dns \
		--resolver "127.0.0.1:$UB_PORT" >"$TMP/$1" 2>"$TMP/$1.err"
	echo $?
}

dnsfix_show() { sed 's/^/# /' "$TMP/$1" "$TMP/$1.err"; }
