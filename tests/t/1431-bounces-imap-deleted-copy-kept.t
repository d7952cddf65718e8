#!/usr/bin/env bash
# A rerun on a server without MOVE looks in Processed for the copy an
# earlier run's UID COPY made of a message it recorded (the run killed
# before the EXPUNGE).  A copy there flagged \Deleted (a person deleted
# it, or anyone's STORE) counted as found: the original was expunged,
# and the only copy left went with the next EXPUNGE of Processed, by any
# client: the notice was gone for good.  Now a copy flagged \Deleted is
# no copy: the original is copied again, then expunged.  Both ways a
# rerun meets it: the original left undeleted (killed before its STORE
# \Deleted) and flagged \Deleted (killed before the EXPUNGE).  doveadm
# flags the copy and, after the rerun, expunges Processed's deleted
# messages: each notice is still there once.  A real Dovecot.
. tests/lib/imapmove.sh
imap_project delkept 6
caps IMAP4rev1 LITERAL+ UIDPLUS
doveadm() { command doveadm -c "$SRV_DIR/dovecot/dovecot.conf" "$@" -u bounces@bounce.test; }

# kept KILLFUNC WHAT: a message moved by a run killed at KILLFUNC, its
# copy in Processed then flagged \Deleted; the rerun, then Processed's
# \Deleted messages expunged
kept() {
	drop 1
	kill_at "$1" 1 "$T/k$n" &&
		doveadm flags add '\Deleted' mailbox Processed header Message-ID "offer.$n." &&
		[ "$(files "$BOX/.Processed" | grep -c ':2,[A-Z]*T')" = 1 ]
	ok $? "$2: its copy in Processed flagged \\Deleted"
	rerun "r$n"
	doveadm expunge mailbox Processed DELETED
	settled "$2, Processed's \\Deleted messages expunged after the rerun"
}
kept mailimap_uid_store "killed after the COPY"
kept mailimap_uid_expunge "killed after the STORE \\Deleted"
exit $tap_failed
