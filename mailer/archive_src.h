/*
 * archive_src: which issues the web archive holds, when each was published
 * and updated, and a fingerprint of everything its pages are made from,
 * so that a rebuild can tell an issue whose pages would come out the same
 * from one that changed without making its pages.
 */
#ifndef MAILER_ARCHIVE_SRC_H
#define MAILER_ARCHIVE_SRC_H

#include <stddef.h>
#include <time.h>

#include "ydoc.h"

struct config;

struct archive_src {
	char *dir;		/* absolute */
	struct issue *head;	/* its issue.yaml (issue_load_head) */
	int draft;		/* not published: only with drafts */
	time_t published;	/* send_at, else the first send; drafts:
				   their date */
	time_t updated;		/* newest change to the folder, clamped to
				   SOURCE_DATE_EPOCH, never before published */
	char day[11];		/* the issue's date, YYYY-MM-DD, for tag: */
	char fp[65];		/* digest of the mailer binary, the sender,
				   web keys, templates, list profiles and the
				   issue folder: what its pages depend on */
};

/*
 * The issues of dirs (NULL or empty: every folder of paths.issues holding
 * an issue.yaml) that are published (send_at passed, or sent according to
 * the journal), or all of them with drafts; newest first (published, then
 * number, then id).  Returns 0 with *v[0..*n) (free with
 * archive_src_free), or an exit code after reporting: EXIT_DATAERR for a
 * bad issue.yaml or an id unusable as a folder name (arguments' own last
 * component included, so "x/.." is refused), EXIT_CANTCREAT when the
 * journal cannot be opened, EXIT_SOFTWARE when it fails a query.
 */
int archive_src_scan(const struct config *c, const struct strlist *dirs,
    int drafts, struct archive_src **v, size_t *n);
void archive_src_free(struct archive_src *v, size_t n);

/*
 * 1 when id can name an archive folder or page (archive_id_valid, and not
 * index.html or feed.xml); otherwise 0 after reporting it, what naming
 * where it comes from.
 */
int archive_src_id_usable(const char *what, const char *id);

/* SOURCE_DATE_EPOCH, or -1 when it is not set. */
time_t archive_src_epoch(void);

#endif
