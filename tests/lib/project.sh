# Helpers to make a private copy of the sample project pointed at the test
# servers.  Needs tests/lib/servers.sh started (SRV_*), and TMP.
# mk_project DIR [extra yaml lines...]: copies issues, lists, templates and
# writes DIR/config.yaml with SMTP to the test Postfix.
mk_project() {
	local d=$1; shift
	mkdir -p "$d/state"
	cp -r issues lists templates "$d/"
	printf 's3cret-sender\n' >"$d/smtp.pw"; chmod 600 "$d/smtp.pw"
	cat >"$d/config.yaml" <<YAML
sender:
  name: 四川省科协学会学术部
  address: newsletter@example.org
bounce_domain: bounce.test
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: ["smtp://127.0.0.1:$SRV_SMTP_PORT"]
  ca_file: $SRV_CA
  username: sender@example.org
  password_file: smtp.pw
YAML
	for line in "$@"; do printf '%s\n' "$line" >>"$d/config.yaml"; done
}
# All subscriber addresses of the lists in DIR/lists.
project_addresses() {
	tail -q -n +2 "$1"/lists/*.csv | cut -d, -f1
}
