/*
 * imap: the bounce mailbox over IMAP (libetpan), with the server's
 * certificate checked by GnuTLS before any password is sent.
 *
 * Implements the client side of RFC 3501 (IMAP4rev1) for what the bounce
 * reader needs: LOGIN, SELECT, UID SEARCH, UID FETCH BODY.PEEK[], CREATE,
 * LIST; RFC 6851 (UID MOVE) and RFC 4315 (UID EXPUNGE) when offered,
 * each of a set of UIDs;
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

/* The same of the messages flagged \Deleted (UID SEARCH DELETED). */
int imap_list_deleted(struct imap *im, uint32_t **uids, size_t *n);

/*
 * The sizes (RFC822.SIZE) of the messages uids[0..n) (ascending) of the
 * selected folder into sizes[0..n): those only, in UID sets of ranges
 * (one UID FETCH for a folder's UIDs without gaps, a command line of
 * 8 KB at most); a size the server does not give is IMAP_SIZE_UNKNOWN
 * (imap_fetch_set then reads that message alone).  0 / -1 after
 * reporting.
 */
#define IMAP_SIZE_UNKNOWN UINT32_MAX
int imap_sizes(struct imap *im, const uint32_t *uids, size_t n,
    uint32_t *sizes);

/*
 * Fetches uids[0..n) (ascending) of the selected folder without setting
 * \Seen: their sizes (sizes NULL: asked first, as imap_sizes), then their
 * bodies, in UID sets of up to 250 and a few megabytes (one UID FETCH of
 * each for 250 notices), each message returned handed to each(arg, i,
 * msg, len) in UID order, once, i its index in uids, msg NULL when empty;
 * one expunged meanwhile is not.  each returns 0 to go on.  Returns 0,
 * -1 after reporting, or 1 when each returned non-zero (nothing more is
 * fetched).
 */
int imap_fetch_set(struct imap *im, const uint32_t *uids,
    const uint32_t *sizes, size_t n,
    int (*each)(void *arg, size_t i, const char *msg, size_t len),
    void *arg);

/* 1 when the server moves by UID MOVE (RFC 6851): nothing to look for. */
int imap_has_move(const struct imap *im);

/*
 * A message an earlier run may have copied already (it was recorded under
 * its UID and is still in the selected folder): its size, the SHA-256 of
 * its bytes, and its Message-ID (NULL: none; the caller owns it), by
 * which its copy is looked up first.
 */
struct imap_again {
	size_t len;
	uint8_t sha256[32];
	const char *message_id;
};

/* Fills again for the message msg[0..len), message_id as above.  Pure. */
void imap_again_set(struct imap_again *again, const char *msg, size_t len,
    const char *message_id);

/*
 * Looks in folder for the copies of again[0..n), all at once: one EXAMINE
 * of folder, one UID SEARCH of the candidates (each message's Message-ID,
 * when it has a plain ASCII one, and size; none flagged \Deleted, which
 * anyone may expunge at any time; a search more only when the
 * Message-IDs make the command long), their bytes in as few UID FETCH as
 * a few megabytes allow, then one SELECT of the selected folder again.
 * had[i] receives 1 when folder holds a message of again[i]'s very bytes,
 * else 0.  0 / -1 after reporting.
 */
int imap_copied_set(struct imap *im, const char *folder,
    const struct imap_again *again, size_t n, int *had);

/*
 * Moves message uid (none copied to folder before) into folder: UID MOVE
 * when offered, else UID COPY,
 * \Deleted, and UID EXPUNGE (or EXPUNGE without UIDPLUS).  Returns 0;
 * 1 after reporting that the server refused it (NO, e.g. over quota: the
 * session goes on); 2 when it refused because the message is no longer in
 * the selected folder (another client expunged it: nothing to report); -1
 * after reporting a failed session.
 */
int imap_move(struct imap *im, uint32_t uid, const char *folder);

/*
 * Moves uids[0..n) (ascending) into folder with one command a step: UID
 * MOVE of the set, else UID COPY, UID STORE \Deleted and UID EXPUNGE of
 * it (a plain EXPUNGE without UIDPLUS); copied: their copies are in folder
 * already (imap_copied_set found them), no COPY nor MOVE, the rest only.
 * Returns 0; 1 when the server refused the MOVE or COPY (nothing moved,
 * nothing reported: move them one by one with imap_move, which tells a
 * full folder from a message gone); 2 after reporting that it refused a
 * later step (the copies are made, the originals are left: a later run
 * finds them as again, or imap_list_deleted's); -1 after reporting a
 * failed session.
 */
int imap_move_set(struct imap *im, const uint32_t *uids, size_t n,
    const char *folder, int copied);

/*
 * Clears \Deleted of uids[0..n) of the selected folder (UID STORE
 * -FLAGS.SILENT).  Returns 0; 1 after reporting that the server refused
 * it; -1 after reporting a failed session.
 */
int imap_undelete(struct imap *im, const uint32_t *uids, size_t n);

/*
 * Expunges uids[0..n) of the selected folder, each flagged \Deleted: UID
 * EXPUNGE; without UIDPLUS a plain EXPUNGE, which expunges every message
 * flagged \Deleted there, another client's too.  Returns 0; 1 after
 * reporting that the server refused it; -1 after reporting a failed
 * session.
 */
int imap_expunge(struct imap *im, const uint32_t *uids, size_t n);

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
