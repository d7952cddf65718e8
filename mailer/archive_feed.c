/* archive_feed: the Atom feed.  See archive_feed.h. */
#include "archive_feed.h"

#include <ctype.h>
#include <nettle/sha1.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* RFC 3986 3.1: v[0..n) starts with a scheme and its ':' */
static int
has_scheme(const char *v, size_t n)
{
	size_t i = 1;

	if (n == 0 || !isalpha((unsigned char)v[0]))
		return 0;
	while (i < n && (isalnum((unsigned char)v[i]) || v[i] == '+' ||
	    v[i] == '-' || v[i] == '.'))
		i++;
	return i < n && v[i] == ':';
}

/*
 * The URL v[0..n) (HTML-escaped, from an attribute) made absolute against
 * the entry's page base/ID/: a path from the root gets base's origin; a
 * URL with a scheme or a host stays.
 */
static void
abs_url(struct buf *o, const struct archive_feed *f, const char *id,
    const char *v, size_t n)
{
	if (has_scheme(v, n) || (n >= 2 && v[0] == '/' && v[1] == '/')) {
		/* as it is */
	} else if (n > 0 && v[0] == '/') {
		const char *h = strstr(f->base, "://");
		size_t ol = h ? (size_t)(h + 3 - f->base) +
		    strcspn(h + 3, "/") : 0;
		char *origin = xstrndup(f->base, ol);

		buf_add_html(o, origin);
		free(origin);
	} else {
		buf_add_html(o, f->base);
		buf_add_urlpath(o, id);
		buf_addc(o, '/');
	}
	buf_add(o, v, n);
}

/*
 * html with the href and src of its tags absolute: feed readers resolve
 * relative URLs against xml:base, the entry's link or the feed's own URL,
 * unevenly, and mail digests made from the feed have no base at all.
 */
static void
content_abs(struct buf *o, const struct archive_feed *f, const char *id,
    const char *h)
{
	while (*h) {
		const char *p = h + 1 + strcspn(h + 1, "<");

		if (h[0] != '<' || !isalpha((unsigned char)h[1])) {
			buf_add(o, h, (size_t)(p - h));
			h = p;
			continue;
		}
		p = h + 1 + strcspn(h + 1, " \t\r\n/>");
		buf_add(o, h, (size_t)(p - h));
		while (*p && *p != '>') {
			const char *nm = p, *v, *e;
			size_t nl;
			char q;

			if (isspace((unsigned char)*p) || *p == '/') {
				buf_addc(o, *p++);
				continue;
			}
			nl = strcspn(p, " \t\r\n/>=");
			buf_add(o, nm, nl);
			p += nl;
			if (*p != '=')
				continue;
			buf_addc(o, *p++);
			if (*p != '"' && *p != '\'')
				continue;	/* unquoted: copied as text */
			q = *p;
			v = p + 1;
			if (!(e = strchr(v, q)))
				break;	/* the rest, copied below */
			buf_addc(o, q);
			if ((nl == 4 && !strncasecmp(nm, "href", 4)) ||
			    (nl == 3 && !strncasecmp(nm, "src", 3)))
				abs_url(o, f, id, v, (size_t)(e - v));
			else
				buf_add(o, v, (size_t)(e - v));
			buf_addc(o, q);
			p = e + 1;
		}
		h = p;
	}
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
	if (f->base) {
		struct buf h = BUF_INIT;

		content_abs(&h, f, e->id, e->html);
		buf_add_html(b, h.data);
		buf_free(&h);
	} else {
		buf_add_html(b, e->html);
	}
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
