#!/usr/bin/env bash
# suppress --lift and complaints.  A complaint whose report named no list
# suppresses the address on every list (list "*"): "suppress --lift ADDR
# --list aba" (with or without --force) said "ADDR is not suppressed on
# list aba", exit 65, while send skipped ADDR on aba and "lists aba"
# counted it as complained.  Now it is kept with a line saying that it
# holds on every list and which command lifts it ("mailer suppress --lift
# ADDR --force"); that command lifts it and the next send of aba reaches
# ADDR.  A complaint on one list stays without --force, its kept: line
# says so, and stderr says nothing was lifted.  Maildir project; the two
# complaints are put in the journal as mailer bounces records them.
# A web subscriber's complaint also ended its subscription, which a lift
# does not renew: "lifted:" alone read as if the address would get the
# list again; now a note says the subscription stays ended.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v sqlite3 >/dev/null || skip_all "sqlite3 not installed (make deps)"
tap_tmp
plan 8
P=$TMP/proj
mk_maildir_project "$P"
M() { "$MAILER" --config "$P/config.yaml" "$@"; }
DB=$P/state/mailer.db
cp -r "$P/issues/2021-01" "$P/issues/2020-12"
M send "$P/issues/2020-12" --list ganzi --quiet >/dev/null 2>&1 || { echo "Bail out! first send"; exit 1; }
set -- $(list_addresses "$P" aba | head -2)
A=$1 B=$2
sqlite3 "$DB" "INSERT INTO suppressions VALUES ('aba', '$A', 'complaint', 1767225600), ('*', '$B', 'complaint', 1767225600)" ||
	{ echo "Bail out! sqlite3"; exit 1; }
n() { sqlite3 "$DB" "SELECT count(*) FROM suppressions WHERE email = '$1'"; }

M suppress --lift "$A" >"$TMP/o1" 2>"$TMP/e1"; rc=$?
sed 's/^/# /' "$TMP/o1" "$TMP/e1"
[ $rc = 65 ] && grep -q "^kept: aba $A (complaint since 2026-01-01T00:00:00Z): a complaint stays suppressed; --force lifts it\$" "$TMP/o1" &&
	grep -q "^mailer: suppress: nothing lifted: $A stays suppressed" "$TMP/e1" && [ "$(n "$A")" = 1 ]
ok $? "a complaint on aba without --force: kept, said on stdout and stderr (exit $rc)"

for f in "" --force; do
	M suppress --lift "$B" --list aba $f >"$TMP/o2" 2>"$TMP/e2"; rc=$?
	sed 's/^/# /' "$TMP/o2" "$TMP/e2"
	[ $rc = 65 ] && grep -qF "kept: * $B (complaint since 2026-01-01T00:00:00Z): recorded for every list, so --list aba cannot lift it there alone; 'mailer suppress --lift $B --force' lifts it on every list" "$TMP/o2" &&
		! grep -q 'not suppressed' "$TMP/e2" && [ "$(n "$B")" = 1 ]
	ok $? "--list aba $f on a complaint for every list: kept, the lifting command named (exit $rc)"
done

M send "$P/issues/2021-01" --list aba --quiet >/dev/null 2>&1
has() { grep -l "^Delivered-To: $1" "$P"/outbox/new/* 2>/dev/null | wc -l; }
[ "$(has "$B")" = 0 ]; ok $? "send of aba skipped $B"

M suppress --lift "$B" --force >"$TMP/o3" 2>"$TMP/e3"; rc=$?
sed 's/^/# /' "$TMP/o3" "$TMP/e3"
[ $rc = 0 ] && grep -q "^lifted: \* $B (complaint" "$TMP/o3" && [ "$(n "$B")" = 0 ]
ok $? "the named command lifts it (exit $rc)"
cp -r "$P/issues/2021-01" "$P/issues/2021-02"
M send "$P/issues/2021-02" --list aba --quiet >/dev/null 2>&1
[ "$(has "$B")" = 1 ]; ok $? "the next issue's send of aba reaches $B"
# a web subscriber (no CSV row) whose complaint ended its subscription
W=web1@example.org
sqlite3 "$DB" "INSERT INTO subscriptions(list, email, name, submitted_at, confirmed_at, ended_at, end_reason, form) VALUES ('aba', '$W', 'W', 1767225000, 1767225100, 1767225600, 'complaint', 'form');
	INSERT INTO suppressions VALUES ('aba', '$W', 'complaint', 1767225600)"
M suppress --lift "$W" --force >"$TMP/o4" 2>"$TMP/e4"; rc=$?
sed 's/^/# /' "$TMP/o4" "$TMP/e4"
[ $rc = 0 ] && grep -q "^lifted: aba $W (complaint" "$TMP/o4" &&
	grep -q "^note: aba $W: the web subscription the complaint ended stays ended: unless a CSV row has the address, it gets the list again by subscribing anew\$" "$TMP/o4"
ok $? "a web subscriber's complaint lifted: the note says its subscription stays ended (exit $rc)"
M suppress --lift "$A" --force >"$TMP/o5" 2>"$TMP/e5"; rc=$?
[ $rc = 0 ] && grep -q "^lifted: aba $A (complaint" "$TMP/o5" && ! grep -q '^note:' "$TMP/o5"
ok $? "a CSV subscriber's complaint lifted: no note (exit $rc)"
exit $tap_failed
