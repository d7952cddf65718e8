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
# What mailer bounces logs about a report no token proves (bounces.c).
UNPROVEN="without a valid token proving it in its envelope (Delivered-To, To, X-Original-To), its returned copy's Message-ID, Return-Path, List-Unsubscribe or CFBL-Address, its Original-Mail-From or Original-Envelope-Id, or an SES notification's mail source"
# All subscriber addresses of the lists in DIR/lists.
project_addresses() {
	tail -q -n +2 "$1"/lists/*.csv | cut -d, -f1
}
# mk_big_list DIR N [DOMAIN [ID]]: writes DIR/lists/ID.yaml and ID.csv
# (default ID big, DOMAIN members.test) with N subscribers
# big.00001@DOMAIN ...; prints nothing.
mk_big_list() {
	local d=$1 n=$2 dom=${3:-members.test} id=${4:-big}
	cat >"$d/lists/$id.yaml" <<YAML
name: 测试大列表 $id
short_name: 大列表
greeting: 会员朋友们:您好!
contact: 测试 · news@example.org
list_id: $id.news.example.org
YAML
	awk -v n="$n" -v dom="$dom" -v id="$id" 'BEGIN {
		print "email,name,city"
		for (i = 1; i <= n; i++)
			printf "%s.%05d@%s,读者%d,成都市\n", id, i, dom, i
	}' >"$d/lists/$id.csv"
}
# Addresses of list ID in DIR.
list_addresses() {
	tail -n +2 "$1/lists/$2.csv" | cut -d, -f1
}
# mk_maildir_project DIR: the sample project, unsigned, with the Maildir
# transport (DIR/outbox): no server needed.
mk_maildir_project() {
	local d=$1
	rm -rf "$d"; mkdir -p "$d/state"
	cp -r issues lists templates "$d/"
	cat >"$d/config.yaml" <<'YAML'
sender:
  name: 四川省科协学会学术部
  address: newsletter@example.org
paths:
  state: state/mailer.db
secret_file: state/verp.key
transport:
  relays: [maildir:outbox]
YAML
}
# mk_archived_project DIR: mk_maildir_project with web: base_url
# https://news.example.org, issue 2021-01 sent and the archive built; M
# runs mailer with its config, I is the issue's folder, A the archive's.
# Bails out when the send or the build fails.
mk_archived_project() {
	P=$1 I=$1/issues/2021-01 A=$1/archive
	mk_maildir_project "$P"
	printf 'web:\n  base_url: https://news.example.org\n' >>"$P/config.yaml"
	M() { "$MAILER" --config "$P/config.yaml" "$@"; }
	M send "$I" --quiet >/dev/null 2>&1 || { echo "Bail out! send"; exit 1; }
	M archive --quiet >/dev/null 2>&1 || { echo "Bail out! archive"; exit 1; }
}
# mk_tiny_project DIR: mk_maildir_project with one issue (2030-01, one
# article) and one list (east: bob@ and amy@example.org).  Sets I to the
# issue folder.
mk_tiny_project() {
	local d=$1
	mk_maildir_project "$d"
	rm -r "$d"/lists/* "$d"/issues/*
	I=$d/issues/2030-01
	mkdir -p "$I"
	printf 'number: 1\ndate: 2030-01-10\ntitle: 测试\nsubject: "{{issue.title}}"\nsections:\n  - id: news\n    title: 要闻\n' \
		>"$I/issue.yaml"
	printf -- '---\ntitle: 第一篇\nsection: news\n---\n正文。\n' >"$I/01-a.md"
	printf 'name: 测试 east\nshort_name: east\ngreeting: 你好\ncontact: x\nlist_id: east.news.example.org\n' \
		>"$d/lists/east.yaml"
	printf '%s\n' 'email,name' 'bob@example.org,Bob' 'amy@example.org,Amy' \
		>"$d/lists/east.csv"
}
# bounce_servers PWFILE: starts Dovecot with a mailbox for every address
# of the sample's lists and sender@example.org (password s3cret-sender),
# and the bounce mailbox bounces@bounce.test (password imap-s3cret, written
# to PWFILE, mode 0600), then Postfix.  Prints "Bail out!" and returns 1
# when a server does not start.
bounce_servers() {
	srv_dovecot_start || { echo "Bail out! dovecot"; return 1; }
	{ project_addresses .; echo sender@example.org; echo bounces@bounce.test; } |
		srv_add_users s3cret-sender
	printf 'imap-s3cret\n' >"$1"; chmod 600 "$1"
	sed -i 's/^bounces@bounce.test:{PLAIN}s3cret-sender:/bounces@bounce.test:{PLAIN}imap-s3cret:/' \
		"$SRV_DIR/dovecot/users"
	srv_postfix_start || { echo "Bail out! postfix"; return 1; }
}
# bounce_sender_plain: bounce_servers' Postfix rewrites our envelope sender
# bounces+TOKEN@bounce.test to the plain bounces@bounce.test
# (sender_canonical_maps), as a forwarding hop that rewrites senders would:
# its DSNs then come back with no token in their envelope.
bounce_sender_plain() {
	printf '/^bounces\\+[^@]*@bounce\\.test$/ bounces@bounce.test\n' \
		>"$SRV_DIR/postfix/sender_canonical"
	postconf -c "$SRV_DIR/postfix" -e \
		"sender_canonical_maps = regexp:$SRV_DIR/postfix/sender_canonical" \
		"sender_canonical_classes = envelope_sender" || return 1
	srv__backdate "$SRV_DIR/postfix/main.cf" "$SRV_DIR/postfix/sender_canonical"
	srv_postfix_reload
}
# mk_bounce_project DIR PWFILE: mk_project reading the bounce mailbox of
# bounce_servers over IMAPS.
mk_bounce_project() {
	mk_project "$1" "imap:" "  url: imaps://127.0.0.1:$SRV_IMAPS_PORT" \
		"  username: bounces@bounce.test" "  password_file: $2" \
		"  ca_file: $SRV_CA"
}
# sent_bounce_project DIR PWFILE [keep]: bounce_servers, mk_bounce_project
# DIR, and list ganzi of issue 2021-01 sent (the token key and the journal
# made); then Postfix is stopped (the mailbox is Dovecot's alone) unless
# "keep" is given.  Prints "Bail out!" and returns 1 on failure.
sent_bounce_project() {
	bounce_servers "$2" || return 1
	mk_bounce_project "$1" "$2"
	$MAILER --config "$1/config.yaml" send "$1/issues/2021-01" --list ganzi \
		--quiet >"$1/send.out" 2>&1 ||
		{ echo "Bail out! send"; cat "$1/send.out"; return 1; }
	[ "$3" = keep ] || srv_postfix_stop
}
# offer_drop DIR N [COUNT]: a message that is no bounce (an offer,
# Message-ID offer.N.PID) into the Maildir DIR of the bounce mailbox, made
# if need be; COUNT of them (N, N+1, ...), one chown for all.
offer_drop() {
	local i
	mkdir -p "$1/new" "$1/cur" "$1/tmp"
	for i in $(seq "$2" $(($2 + ${3:-1} - 1))); do
		printf 'From: <shop@shop.test>\r\nTo: <bounces@bounce.test>\r\nSubject: offer %s\r\nMessage-ID: <offer.%s.%s@shop.test>\r\n\r\nBuy now.\r\n' \
			"$i" "$i" "$$" >"$1/new/offer$i.eml"
	done
	chown -R vmail:vmail "$1"
}
# arf_complain ADDRESS LIST OUT [RCPT]: the reader ADDRESS marks its copy
# from LIST as spam: an ARF report (tests/lib/arf.py) about that copy,
# written to OUT, goes through the test Postfix to RCPT (default: the
# copy's Return-Path, where a feedback loop sends it).
arf_complain() {
	local f rp
	f=$(grep -l "^List-Id:.*<$2\." "$(srv_maildir "$1")"/new/* | head -1)
	rp=$(sed -n 's/^Return-Path: <\(.*\)>\r\?$/\1/p' "$f" | head -1)
	/usr/bin/python3 tests/lib/arf.py "$f" "$1" "$rp" >"$3" &&
		curl -sS --max-time 15 --ssl-reqd --cacert "$SRV_CA" \
			"smtp://127.0.0.1:$SRV_SMTP_PORT" --mail-from fbl@example.org \
			--mail-rcpt "${4:-$rp}" -u sender@example.org:s3cret-sender \
			-T "$3"
}
# unsub_alias: unsubscribe+TOKEN@bounce.test lands in the bounce mailbox
# too (a virtual alias, as README says), live in the running Postfix.
unsub_alias() {
	printf 'unsubscribe@bounce.test bounces@bounce.test\n' >"$SRV_DIR/postfix/valias"
	postconf -c "$SRV_DIR/postfix" -e "virtual_alias_maps = hash:$SRV_DIR/postfix/valias"
	srv__backdate "$SRV_DIR/postfix/main.cf"
	srv__postmap "$SRV_DIR/postfix/valias" && srv_postfix_reload
}
# issue_copies ADDRESS LIST ISSUE: how many copies of ISSUE from LIST
# ADDRESS's Maildir holds.
issue_copies() {
	grep -l "^List-Id:.*<$2\." "$(srv_maildir "$1")"/new/* 2>/dev/null |
		xargs -r grep -l "^Message-ID: <$3\." | wc -l
}
# mk_web_bounce_project DIR PWFILE: mk_bounce_project with a web: section
# for a mailer serve on WEB_SERVE_PORT (tests/lib/web.sh's web_ports
# first), straight on loopback.
mk_web_bounce_project() {
	mk_bounce_project "$1" "$2"
	printf 'web:\n  base_url: http://127.0.0.1:%s\n' "$WEB_SERVE_PORT" \
		>>"$1/config.yaml"
}
# journal_hold DB DIR: a sqlite3 shell holds DB's write lock (BEGIN
# IMMEDIATE, a row written) until journal_release; its fifo is DIR/hold.
# Sets JOURNAL_HOLDER (the shell's pid: the caller's trap kills it).
journal_hold() {
	mkfifo "$2/hold"
	command sqlite3 "$1" <"$2/hold" >/dev/null 2>&1 &
	JOURNAL_HOLDER=$!
	exec 7>"$2/hold"
	# a busy wait of its own: the check below takes the lock for an
	# instant, and a BEGIN refused then would leave no lock held at all
	echo ".timeout 10000" >&7
	echo "begin immediate; insert into suppressions values('x','y','z',0);" >&7
	_jh_locked() { command sqlite3 "$1" "begin immediate" 2>&1 | grep -q locked; }
	wait_for 10 "the shell's lock on $1" _jh_locked "$1"
}
journal_release() {
	echo "rollback;" >&7
	exec 7>&-
	wait "$JOURNAL_HOLDER"; JOURNAL_HOLDER=
	rm -f "$2/hold"
}
# ghosts_project DIR N PWFILE: starts Dovecot (sender@example.org and the
# bounce mailbox bounces@bounce.test, password s3cret-sender, written to
# PWFILE) and Postfix; DIR is the sample project reading that mailbox
# over IMAPS, with list ghosts of N addresses nobody has (Postfix accepts
# each, then bounces it: 5.1.1).  Prints "Bail out!" and returns 1 when a
# server does not start.
ghosts_project() {
	local d=$1 n=$2 pw=$3 i
	srv_dovecot_start || { echo "Bail out! dovecot"; return 1; }
	{ echo sender@example.org; echo bounces@bounce.test; } |
		srv_add_users s3cret-sender
	srv_postfix_start || { echo "Bail out! postfix"; return 1; }
	printf 's3cret-sender\n' >"$pw"; chmod 600 "$pw"
	mk_project "$d" "imap:" "  url: imaps://127.0.0.1:$SRV_IMAPS_PORT" \
		"  username: bounces@bounce.test" "  password_file: $pw" \
		"  ca_file: $SRV_CA"
	printf 'name: 无人协会\nshort_name: 无人\ngreeting: 你好\ncontact: x\nlist_id: ghosts.news.example.org\n' >"$d/lists/ghosts.yaml"
	{ echo email,name
	  for i in $(seq "$n"); do echo "ghost$i@members.test,幽灵$i"; done
	} >"$d/lists/ghosts.csv"
}
# ghosts_bounced DIR N: sends DIR's issue 2021-01 to list ghosts and waits
# (180 s) for the N DSNs in the bounce mailbox; prints how many came.
ghosts_bounced() {
	"$MAILER" --config "$1/config.yaml" send "$1/issues/2021-01" \
		--list ghosts --quiet >/dev/null 2>&1
	_gb_has() { [ "$(srv_maildir_count bounces@bounce.test)" -ge "$1" ]; }
	wait_for 180 "$2 DSNs in the bounce mailbox" _gb_has "$2" >&2
	srv_maildir_count bounces@bounce.test
}
# refused_everywhere P ISSUE_DIR: check (its stderr in $TMP/err, shown as
# TAP comments), preview into $TMP/pv and send --to of P's config all
# exit 65 and write nothing; REFUSED holds the three exits for the ok line.
refused_everywhere() {
	local rc rp rs m=("$MAILER" --config "$1/config.yaml")
	"${m[@]}" check "$2" >"$TMP/out" 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/err"
	"${m[@]}" preview "$2" --out "$TMP/pv" >/dev/null 2>&1; rp=$?
	"${m[@]}" send "$2" --list aba --to editor@example.org >/dev/null 2>&1; rs=$?
	REFUSED="$rc, $rp, $rs"
	[ $rc = 65 ] && [ ! -s "$TMP/out" ] && [ $rp = 65 ] && [ $rs = 65 ] &&
		[ ! -e "$TMP/pv" ] && [ ! -e "$1/outbox" ]
}
