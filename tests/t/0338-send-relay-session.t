#!/usr/bin/env bash
# What the operator reads when a relay gives no session: one without
# STARTTLS where transport.tls is required (exit 76) is said to offer no
# STARTTLS (it was libcurl's "STARTTLS not supported."), and one that
# never greets, as a port that starts with TLS (465) does to smtp://,
# names the wait and the smtps:// spelling (it was "server response
# timeout", exit 69), and one that refuses our envelope sender names
# bounce_domain (it gave the relay's reply alone) and masks the VERP token
# the relay echoes (a reader of the log could forge that subscriber's
# bounces); each leaves every recipient pending.
. tests/lib/tap.sh
. tests/lib/project.sh
. tests/lib/fault.sh
fault_init session
plan 10
# proj NAME PORT: list flt of 6, TLS required, a 2 s timeout
proj() { fault_project "$T/$1" "$2" 6 "tls: required" "timeout: 2"; }

fault plain
proj pl "$PORT"
fault_send pl; rc=$?; sed 's/^/# /' "$T/pl.err"
[ $rc -eq 76 ]; ok $? "no STARTTLS, tls required: exit 76 (got $rc)"
grep -q "smtp://127.0.0.1:[0-9]*: the relay offers no STARTTLS, and transport.tls is required" "$T/pl.err"
ok $? "...the line says the relay offers no STARTTLS"
fault_pending_only pl; ok $? "...all pending"

# a relay that accepts and never greets (a TLS-first port, to smtp://)
fault_silent hole
proj ho "$PORT"
fault_send ho; rc=$?; sed 's/^/# /' "$T/ho.err"
[ $rc -eq 69 ]; ok $? "a relay that never greets: exit 69 (got $rc)"
grep -q "no greeting within 2 s (transport.timeout); a relay that starts with TLS (port 465) is written smtps://" "$T/ho.err"
ok $? "...the line names the wait and smtps://"
fault_pending_only ho; ok $? "...all pending"

# a relay that refuses our envelope sender (a submission relay that lets
# the login send only as its own address)
fault mail --mail-reply "553 5.7.1 <%s>: Sender address rejected: not owned by user u"
fault_project "$T/ml" "$PORT" 6 "tls: none"
fault_send ml; rc=$?; sed 's/^/# /' "$T/ml.err"
[ $rc -eq 69 ]; ok $? "envelope sender refused: exit 69 (got $rc)"
grep -q "smtp://127.0.0.1:[0-9]*: the relay refuses the envelope sender bounces+TOKEN@bounce.test (bounce_domain): it must let mailer send from that domain: 553 5.7.1" "$T/ml.err"
ok $? "...the line names bounce_domain and what the relay must allow"
! grep -Eq "bounces\+[a-z2-7]{29}@" "$T/ml.err"
ok $? "...the relay's echo of the sender shows no token (it authenticates bounces)"
fault_pending_only ml; ok $? "...all pending"
exit $tap_failed
