/* archive_feed: the Atom feed.  See archive_feed.h. */
#include "archive_feed.h"

#include <nettle/sha1.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

void
archive_feed_time(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* RFC 4122 4.3: SHA-1 of the URL namespace and name, version 5. */
static void
uuid5(const char *name, char out[37])
{
	static const uint8_t ns_url[16] = {
		0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
		0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
	};
	struct sha1_ctx h;
	uint8_t d[SHA1_DIGEST_SIZE];
	char *p = out;

	sha1_init(&h);
	sha1_update(&h, sizeof ns_url, ns_url);
	sha1_update(&h, strlen(name), (const uint8_t *)name);
	sha1_digest(&h, sizeof d, d);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		p += snprintf(p, 3, "%02x", d[i]);
	}
}

static void
element(struct buf *b, const char *indent, const char *name, const char *v)
{
	buf_printf(b, "%s<%s>", indent, name);
	buf_add_html(b, v);
	buf_printf(b, "</%s>\n", name);
}

static void
time_element(struct buf *b, const char *indent, const char *name, time_t t)
{
	char s[21];

	archive_feed_time(t, s);
	buf_printf(b, "%s<%s>%s</%s>\n", indent, name, s, name);
}

/*
 * A link's href: absolute when the archive's URL is known, since readers
 * that ignore xml:base (RFC 4287 allows it, not all follow it) would
 * otherwise resolve it against wherever they fetched the feed.
 */
static void
href(struct buf *b, const struct archive_feed *f, const char *path,
    const char *tail)
{
	buf_adds(b, " href=\"");
	if (f->base)
		buf_add_html(b, f->base);
	buf_add_html(b, path);
	buf_adds(b, tail);
	buf_adds(b, "\"/>\n");
}

static void
entry(struct buf *b, const struct archive_feed *f,
    const struct archive_feed_entry *e)
{
	buf_adds(b, "<entry>\n");
	buf_printf(b, "  <id>tag:%s,%s:", addr_domain(f->email), e->day);
	buf_add_html(b, e->id);
	buf_adds(b, "</id>\n");
	element(b, "  ", "title", e->title);
	time_element(b, "  ", "published", e->published);
	time_element(b, "  ", "updated", e->updated);
	buf_adds(b, "  <link rel=\"alternate\" type=\"text/html\"");
	href(b, f, e->id, "/");
	buf_adds(b, "  <content type=\"html\" xml:base=\"");
	buf_add_html(b, e->id);
	buf_adds(b, "/\">");
	buf_add_html(b, e->html);
	buf_adds(b, "</content>\n</entry>\n");
}

void
archive_feed_write(const struct archive_feed *f, struct buf *out)
{
	char *name = xasprintf("mailto:%s#archive", f->email);
	char uuid[37];
	time_t updated = f->n ? 0 : f->empty_updated;

	for (size_t i = 0; i < f->n; i++)
		if (f->entries[i].updated > updated)
			updated = f->entries[i].updated;
	uuid5(name, uuid);
	free(name);
	buf_adds(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (f->base) {
		buf_adds(out, " xml:base=\"");
		buf_add_html(out, f->base);
		buf_adds(out, "\"");
	}
	buf_printf(out, ">\n<id>urn:uuid:%s</id>\n", uuid);
	element(out, "", "title", f->title);
	time_element(out, "", "updated", updated);
	buf_adds(out, "<author>\n");
	element(out, "  ", "name", f->author);
	element(out, "  ", "email", f->email);
	buf_adds(out, "</author>\n<link rel=\"alternate\" type=\"text/html\"");
	href(out, f, f->base ? "" : "./", "");
	if (f->base) {
		buf_adds(out, "<link rel=\"self\" "
		    "type=\"application/atom+xml\"");
		href(out, f, "feed.xml", "");
	}
	buf_adds(out, "<generator>mailer</generator>\n");
	for (size_t i = 0; i < f->n; i++)
		entry(out, f, &f->entries[i]);
	buf_adds(out, "</feed>\n");
}
