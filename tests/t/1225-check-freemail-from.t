#!/usr/bin/env bash
# `mailer check ISSUE` (no DNS) with sender.address at a mailbox
# provider's domain (gmail.com, qq.com): Gmail asks bulk senders since
# 2024 not to put gmail.com in From, and such mail fails DMARC at every
# receiver (only the provider's servers pass it), yet check said "ok" with
# no word; only check --dns told.  Now check warns on standard error,
# naming check --dns, and still exits 0 (the issue itself is fine).  An
# address at one's own domain gets no such line.
. tests/lib/tap.sh
. tests/lib/project.sh
tap_tmp
plan 3
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }

M check "$P/issues/2021-01" >"$TMP/own" 2>&1; rc=$?
sed 's/^/# /' "$TMP/own"
[ $rc = 0 ] && ! grep -q 'mailbox provider' "$TMP/own"
ok $? "newsletter@example.org: exit 0, no mailbox-provider line (got $rc)"

for a in newsletter@gmail.com news@qq.com; do
	sed -i "s/^  address: .*/  address: $a/" "$P/config.yaml"
	M check "$P/issues/2021-01" >"$TMP/out" 2>"$TMP/err"; rc=$?
	sed 's/^/# /' "$TMP/out" "$TMP/err"
	d=${a#*@}
	[ $rc = 0 ] && grep -q "^mailer: .*: warning: sender\.address $a is at a mailbox provider's domain: only $d's own servers can pass DMARC for it, and Gmail, Yahoo and Microsoft quarantine or reject bulk mail that impersonates it; use an address at a domain you own (mailer check --dns)\$" "$TMP/err"
	ok $? "$a: exit 0 and a warning naming check --dns (got $rc)"
done
