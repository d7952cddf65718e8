/*
 * archive_feed: the archive's Atom feed (RFC 4287), written from what the
 * archive builder gathered; pure (no I/O, no clock), so the same entries
 * give the same bytes.
 *
 * The feed's id is a name-based UUID (RFC 4122 version 5) of the sender's
 * address, each entry's a tag: URI (RFC 4151) of the sender's domain (a
 * name the sender held that day), the date and its id: neither
 * changes when the site moves or the issue is edited (but an entry's
 * does when its date: or folder name is changed).  Links, and the
 * href and src of the content's tags, are absolute when the archive's URL
 * is known (xml:base says it too), else relative to the feed.
 */
#ifndef MAILER_ARCHIVE_FEED_H
#define MAILER_ARCHIVE_FEED_H

#include <stddef.h>
#include <time.h>

#include "util.h"

struct archive_feed_entry {
	const char *id;		/* issue id: the page is ID/ */
	const char *day;	/* YYYY-MM-DD for the tag: URI: the issue's */
	const char *title;
	time_t published, updated;
	const char *html;	/* full content, URLs relative to ID/ */
};

struct archive_feed {
	const char *title;
	const char *author, *email;	/* the sender */
	const char *base;	/* the archive's URL ("https://.../archive/"),
				   or NULL: links stay relative to the feed */
	const struct archive_feed_entry *entries;	/* newest first */
	size_t n;
	time_t empty_updated;	/* the feed's updated when n is 0 */
};

/* Appends the feed document to out. */
void archive_feed_write(const struct archive_feed *f, struct buf *out);

/* "2021-01-20T00:00:00Z" (RFC 3339, UTC) into out[21]. */
void archive_feed_time(time_t t, char out[21]);

#endif
