/*
 * imap: the bounce mailbox over IMAP (libetpan), with the server's
 * certificate checked by GnuTLS before any password is sent.
 *
 * Implements the client side of RFC 3501 (IMAP4rev1) for what the bounce
 * reader needs: LOGIN, SELECT, UID SEARCH, UID FETCH BODY.PEEK[], CREATE,
 * LIST; RFC 6851 (UID MOVE) and RFC 4315 (UID EXPUNGE) when offered;
 * RFC 2595 / RFC 8314 (STARTTLS, implicit TLS) and RFC 6125 (host names).
 */
#ifndef MAILER_IMAP_H
#define MAILER_IMAP_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "util.h"

struct imap;

/* Why imap_open failed: the caller maps these to exit codes. */
enum imap_fail {
	IMAP_FAIL_NONE,
	IMAP_FAIL_CONFIG,	/* bad imap.url or TLS settings */
	IMAP_FAIL_CONN,		/* server unreachable */
	IMAP_FAIL_TLS,		/* no STARTTLS, handshake or certificate */
	IMAP_FAIL_AUTH,		/* LOGIN refused */
	IMAP_FAIL_TEMP		/* anything else: try again later */
};

/*
 * Connects per c->imap_url ("imaps://host[:993]" or "imap://host[:143]",
 * STARTTLS as c->imap_tls says), verifies the server's certificate chain
 * against c->imap_ca_file (the system store when unset) and its host name
 * unless c->imap_tls_verify is 0, then logs in as c->imap_username with
 * password.  Returns the session, or NULL after reporting with *why set.
 */
struct imap *imap_open(const struct config *c, const char *password,
    enum imap_fail *why);

/* Logs out and frees; accepts NULL. */
void imap_close(struct imap *im);

/*
 * Selects folder (read-write); *uidvalidity receives its UIDVALIDITY.
 * Returns 0, or -1 after reporting.
 */
int imap_select(struct imap *im, const char *folder, uint32_t *uidvalidity);

/*
 * Lists the UIDs of the messages in the selected folder not flagged
 * \Deleted (UID SEARCH UNDELETED), ascending.
 * *uids is malloc'd (NULL when *n is 0); the caller frees it.  0 / -1.
 */
int imap_list_uids(struct imap *im, uint32_t **uids, size_t *n);

/*
 * The sizes (RFC822.SIZE) of the messages uids[0..n) of the selected
 * folder, sorted by UID as imap_list_uids gives them, into sizes[0..n) in
 * one UID FETCH; a size the server does not give stays 0.  0 / -1 after
 * reporting.
 */
int imap_sizes(struct imap *im, const uint32_t *uids, size_t n,
    uint32_t *sizes);

/*
 * Appends message uid of the selected folder to out without setting \Seen.
 * Returns 0, 1 when no such message (expunged meanwhile), -1 after
 * reporting.
 */
int imap_fetch(struct imap *im, uint32_t uid, struct buf *out);

/*
 * Moves message uid into folder: UID MOVE when offered, else UID COPY,
 * \Deleted, and UID EXPUNGE (or EXPUNGE without UIDPLUS).  again: NULL,
 * or the message's bytes when an earlier run may have copied it there
 * already (it was recorded under this UID and is still here): without
 * MOVE, a message of the same bytes in folder is then taken for that copy
 * and not copied again (the selected folder is selected anew after the
 * look).  Returns 0; 1 after reporting that the server refused it (NO,
 * e.g. over quota: the session goes on); 2 when it refused because the
 * message is no longer in the selected folder (another client expunged
 * it: nothing to report); -1 after reporting a failed session.
 */
int imap_move(struct imap *im, uint32_t uid, const char *folder,
    const struct buf *again);

/* 1 when the server lists folder, 0 when not, -1 after reporting. */
int imap_folder_exists(struct imap *im, const char *folder);

/*
 * Creates folder unless it exists.  Returns 0; 1 after reporting that the
 * server refused the CREATE (a name it does not take, no right to create
 * it); -1 after reporting a failed session.
 */
int imap_ensure_folder(struct imap *im, const char *folder);

/*
 * The folder name utf8 (as configured) as it goes over the wire: modified
 * UTF-7 (RFC 3501 5.1.3).  Returns a malloc'd string the caller frees, or
 * NULL when utf8 is not UTF-8.  The functions above take names as
 * configured and convert them themselves.  Pure: no I/O.
 */
char *imap_mutf7(const char *utf8);

#endif
