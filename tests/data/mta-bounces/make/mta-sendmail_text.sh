# shellcheck shell=bash
# The plain-text Sendmail instance: see mta-sendmail.sh.
. "$here/mta-sendmail.sh"
