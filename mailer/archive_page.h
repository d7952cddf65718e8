/*
 * archive_page: the archive's HTML pages, from the templates folder:
 * archive-index.html.mustache (every issue), archive-issue.html.mustache
 * (an issue's general edition; its content is the partial
 * archive-entry.html, which is also the feed's content) and
 * issue.html.mustache (each association's edition as mailed, rendered
 * without a subscriber).  Pages link each other and their images
 * relatively, so the folder works anywhere, from file:// too.
 */
#ifndef MAILER_ARCHIVE_PAGE_H
#define MAILER_ARCHIVE_PAGE_H

#include <stddef.h>

#include "util.h"

struct config;
struct composer;
struct issue;
struct list;
struct archive_pages;

/* Loads the archive templates.  NULL after reporting. */
struct archive_pages *archive_pages_open(const struct config *c);
void archive_pages_close(struct archive_pages *p);

/* Receives one file of the site: rel is relative to the archive folder. */
typedef int (*archive_emit_fn)(void *arg, const char *rel, const char *data,
    size_t len);

/*
 * Makes issue is's files: ID/index.html (the general edition),
 * ID/LIST.html for each of lists[0..n), and its images and attachments
 * at their paths under ID/, handing each to emit (which returning -1
 * stops it).  cp is the issue's composer (no signer).  0 / -1.
 */
int archive_page_issue(const struct archive_pages *p, struct composer *cp,
    const struct issue *is, const struct list *const *lists, size_t n,
    archive_emit_fn emit, void *arg);

/*
 * The general edition's content alone (archive-entry.html, images
 * relative to ID/), for the feed.  Caller frees *html.  0 / -1.
 */
int archive_page_entry(const struct archive_pages *p, struct composer *cp,
    const struct issue *is, char **html);

struct archive_index_item {
	const struct issue *head;	/* issue.yaml at least */
	int draft;
};

/* The index page listing items[0..n) (newest first).  0 / -1. */
int archive_page_index(const struct archive_pages *p,
    const struct archive_index_item *items, size_t n, struct buf *out);

#endif
