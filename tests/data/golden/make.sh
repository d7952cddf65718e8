#!/usr/bin/env bash
# make.sh OUT: makes the golden message.  The fixture project in
# project/ (its own issue, list, templates and token key, so edits to the
# shipped sample do not touch it) is sent through the Maildir transport
# with MAILER_TEST_SEED and SOURCE_DATE_EPOCH fixed; the message delivered
# to ann.obrien@example.org is copied to OUT, byte for byte.
#
# tests/t/0150-golden-eml.t compares a fresh one with 2021-01-golden.eml.
# After an intended change to the messages, regenerate it from the
# project root and review the difference before committing it:
#   make && tests/data/golden/make.sh tests/data/golden/2021-01-golden.eml
#   git diff tests/data/golden/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
MAILER=${MAILER:-$here/../../../mailer/mailer}
out=$1
w=$(mktemp -d /tmp/mailer-golden.XXXXXX)
trap 'rm -rf "$w"' EXIT
cp -r "$here/project" "$w/p"
chmod 600 "$w/p/state/verp.key"	# git keeps no 0600; mailer demands it
MAILER_TEST_SEED=20210120 SOURCE_DATE_EPOCH=1611100800 \
	"$MAILER" --config "$w/p/config.yaml" send "$w/p/issues/2021-01" --quiet
f=$(grep -l '^Delivered-To: ann.obrien@example.org' "$w/p/outbox/new/"*)
cp "$f" "$out"
