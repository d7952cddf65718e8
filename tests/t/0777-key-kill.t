#!/usr/bin/env bash
# The first send, killed while it makes the token key (gdb stops it in
# verp_make_key before the key's bytes are written, and SIGKILLs it):
# the rerun makes the key and sends.  The key file was created empty and
# then written, so the kill left an empty secret_file, and every later
# send and run exited 78, "key shorter than 16 bytes", until someone
# deleted it by hand.  Now the key is written to a temporary file, synced
# and linked into place: there is a whole key or none.
. tests/lib/tap.sh
. tests/lib/project.sh
command -v gdb >/dev/null || skip_all "gdb not installed (make deps)"
tap_tmp
plan 4
P=$TMP/p
mk_tiny_project "$P"
# LeakSanitizer cannot run under ptrace (the sanitized CI run)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
gdb -q -batch -nx -iex 'set debuginfod enabled off' -iex 'set auto-solib-add off' -ex 'set pagination off' \
	-ex 'set breakpoint pending on' -ex 'break verp_make_key' -ex run \
	-ex 'break getrandom' -ex continue -ex kill \
	--args "$MAILER" --config "$P/config.yaml" send "$I" >"$TMP/gdb.out" 2>&1
grep -q 'Inferior 1 .* killed' "$TMP/gdb.out"
ok $? "gdb killed the first send while it made the key"
[ ! -e "$P/state/verp.key" ] || [ "$(stat -c %s "$P/state/verp.key")" -ge 16 ]
ok $? "no short key left behind ($(stat -c %s "$P/state/verp.key" 2>/dev/null || echo none))"
"$MAILER" --config "$P/config.yaml" send "$I" >"$TMP/out" 2>"$TMP/err"
rc=$?; sed 's/^/# /' "$TMP/err" | head -3
[ $rc -eq 0 ]; ok $? "the rerun exits 0 (got $rc)"
n=$(ls "$P/outbox/new" | wc -l)
[ "$n" = 2 ] && [ "$(stat -c %s "$P/state/verp.key")" = 32 ]
ok $? "it made a whole key and sent both messages ($n)"
exit $tap_failed
