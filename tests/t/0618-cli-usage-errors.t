#!/usr/bin/env bash
# Every command refuses an unknown option, and those that take a fixed
# number of arguments one too many, the same way: the usage on stderr,
# nothing on stdout, exit 64, before any configuration is read.  `run`
# with an extra argument exited 64 with nothing said at all.  And
# `send --to ADDRESS --help` frees the address it parsed (it leaked:
# LeakSanitizer in make check-asan, valgrind otherwise).
. tests/lib/tap.sh
tap_tmp
plan 20
cd "$TMP" || exit 1
refused() {	# refused CMD ARGS...: usage on stderr, exit 64, no config
	"$MAILER" --config "$TMP/absent.yaml" "$@" >out 2>err
	rc=$?
	[ $rc = 64 ] && grep -q "usage: mailer $1" err && [ ! -s out ] &&
		! grep -q absent.yaml err
	ok $? "$*: the usage on stderr, exit 64, no configuration read (got $rc)"
}
for c in check preview send status run archive dkim lists suppress serve bounces; do
	refused $c --bogus
done
refused check a b
refused preview a b
refused send a b
refused status a b
refused run extra
refused dkim record extra
refused suppress --lift a@example.org extra
refused serve extra
if [ -n "${MAILER_SANITIZED:-}" ]; then
	"$MAILER" send --to a@example.org --help >out 2>err; rc=$?
	[ $rc = 0 ] && ! grep -q 'LeakSanitizer' err
	ok $? "send --to ADDRESS --help: exit 0, nothing leaked (LeakSanitizer; got $rc)"
elif command -v valgrind >/dev/null; then
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite \
		--error-exitcode=99 "$MAILER" send --to a@example.org --help >out 2>err
	rc=$?; sed 's/^/# /' err
	[ $rc = 0 ]; ok $? "send --to ADDRESS --help: exit 0, nothing leaked (valgrind; got $rc)"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP valgrind not installed (make deps)"
fi
exit $tap_failed
