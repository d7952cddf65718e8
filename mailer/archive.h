/*
 * archive: the public web archive, a static site made from the issue
 * folders (layout and URLs: archive_path.h; pages: archive_page.h; feed:
 * archive_feed.h).  Only published issues go in: those sent (the journal
 * says when) or whose send_at has passed, unless drafts are asked for.
 *
 * The same inputs give the same bytes: no build time anywhere; published
 * is send_at, else the first send; updated is the latest change to the
 * issue folder's files (clamped to SOURCE_DATE_EPOCH when set), never
 * before published.  A file is written only when its bytes change, and an
 * issue's pages are made again only when its inputs changed (see
 * archive_cache.h); files of issues no longer in the archive are removed.
 */
#ifndef MAILER_ARCHIVE_H
#define MAILER_ARCHIVE_H

#include <stddef.h>

#include "ydoc.h"

struct config;

struct archive_opts {
	const char *out;	/* NULL: web.archive_dir */
	const struct strlist *dirs;	/* NULL or empty: every issue folder
					   in paths.issues */
	int drafts;		/* also issues not published yet */
};

struct archive_stats {
	size_t issues;		/* in the archive */
	size_t made;		/* issues whose pages were made again */
	size_t written;		/* files written (new or changed) */
	size_t removed;		/* files of issues no longer there */
	char *out;		/* the folder, absolute; archive_build sets it,
				   the caller frees it */
};

/*
 * Builds or updates the archive.  Nothing is written before every issue
 * to make and every template loaded fine.  Returns 0 or a sysexits code
 * after reporting: EX_DATAERR (an issue, list or template), EX_CANTCREAT
 * (writing), EX_TEMPFAIL (another archive build holds the lock).
 */
int archive_build(const struct config *c, const struct archive_opts *o,
    struct archive_stats *st);

#endif
