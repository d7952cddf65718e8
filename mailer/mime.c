/* mime: libetpan MIME building and writing.  See mime.h. */
#include "mime.h"

#include <err.h>
#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct mime {
	struct mailmime *mm;
	char *data;		/* body bytes; libetpan only points at them */
	struct mime **kids;
	size_t nkids;
	int root;		/* not yet added to a parent */
};

int
mime_prefer_qp(const char *text, size_t len)
{
	size_t qp = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		qp += (c >= 0x80 || c == '=') ? 3 : 1;
	}
	/* soft breaks every 72 columns cost 3 more octets */
	qp += qp / 72 * 3;
	return qp <= (len + 2) / 3 * 4 + len / 57 * 2;
}

/* The code point at s (n > 0 bytes left); *len its bytes, 1 if invalid. */
static unsigned long
u8_at(const unsigned char *s, size_t n, size_t *len)
{
	size_t k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	unsigned long c = k == 1 ? s[0] : s[0] & (0x3f >> (k - 1));

	if (k > n)
		k = 1;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*len = 1;
			return s[0];
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*len = k;
	return k == 1 ? s[0] : c;
}

/* East Asian Wide and Fullwidth: two columns on a terminal. */
static int
wide(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115f) ||
	    (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
}

/* UTF-8 of punctuation no line starts with, and none ends with */
static const char no_start[] = "，。、；：？！）」』】》〉”’…—,.;:?!)]}";
static const char no_end[] = "（「『【《〈“‘([{";

static int
in_set(const char *set, const unsigned char *s, size_t len)
{
	const char *p = memmem(set, strlen(set), s, len);

	/* a whole character of the set, not the tail of one */
	return p && (len > 1 || (unsigned char)*p < 0x80);
}

/*
 * Whether a line may break before the character at s (len bytes) that
 * follows the one at a (alen bytes; acjk: it is wide, or ASCII closing
 * punctuation after a wide one, as "址:" and "线," in Chinese text):
 * after a blank, or beside CJK but not before closing or after opening
 * punctuation.
 */
static int
may_break(const unsigned char *a, size_t alen, unsigned long ac, int acjk,
    const unsigned char *s, size_t len, unsigned long c)
{
	if (ac == ' ')
		return c != ' ';
	if (c == ' ' || !(acjk || wide(c)))
		return 0;
	return !in_set(no_start, s, len) && !in_set(no_end, a, alen);
}

/* Adds one line of a flowed text, space-stuffed (RFC 3676 4.4). */
static void
flow_line(struct buf *b, const char *s, size_t n, int soft)
{
	if (n > 0 && (*s == ' ' || *s == '>' || (n >= 5 &&
	    !strncmp(s, "From ", 5))))
		buf_addc(b, ' ');
	buf_add(b, s, n);
	if (soft)
		buf_addc(b, ' ');
	buf_addc(b, '\n');
}

#define FLOW_COLS 76	/* a line's text; its soft break's blank is 77 */

char *
mime_flow(const char *text, size_t len)
{
	struct buf b = BUF_INIT;
	const char *end = text + len;

	buf_grow(&b, len + len / 16);
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);

		/* no fixed line ends in a blank, but the signature's "-- " */
		while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\r') &&
		    !(n == 3 && !strncmp(text, "-- ", 3)))
			n--;
		while (n > 0) {
			const unsigned char *u = (const unsigned char *)text;
			size_t i = 0, cols = 0, brk = 0, clen, alen = 0;
			unsigned long c, ac = 0;
			int acjk = 0;

			for (; i < n; i += clen, ac = c, alen = clen) {
				c = u8_at(u + i, n - i, &clen);
				if (i > 0 && may_break(u + i - alen, alen, ac,
				    acjk, u + i, clen, c) &&
				    (cols <= FLOW_COLS || !brk)) {
					brk = i;
					if (cols > FLOW_COLS)
						break;
				}
				cols += wide(c) ? 2 : 1;
				acjk = wide(c) || (acjk && c && c < 0x80 &&
				    strchr(",.;:!?)", (int)c));
			}
			if (cols <= FLOW_COLS && i == n)
				brk = 0;	/* it fits */
			if (!brk) {
				flow_line(&b, text, n, 0);
				break;
			}
			flow_line(&b, text, brk, 1);
			text += brk;
			n -= brk;
		}
		if (n == 0)
			buf_addc(&b, '\n');
		text = nl ? nl + 1 : end;
	}
	buf_adds(&b, "");	/* ends it, also when text was empty */
	return buf_detach(&b);
}

/* libetpan's constructors return NULL only when out of memory. */
static void *
need(void *p)
{
	if (!p)
		util_oom("libetpan");
	return p;
}

/* The same for its adders, which return MAILIMF_NO_ERROR or a failure. */
static void
added(int r)
{
	if (r != MAILIMF_NO_ERROR)
		util_oom("libetpan");
}

static struct mime *
wrap(struct mailmime *mm, char *data)
{
	struct mime *m = xcalloc(1, sizeof *m);

	if (!mm)
		util_oom("libetpan");
	m->mm = mm;
	m->data = data;
	m->root = 1;
	return m;
}

static struct mailmime_content *
content(const char *type)
{
	struct mailmime_content *c = NULL;
	size_t at = 0;
	int r = mailmime_content_parse(type, strlen(type), &at, &c);

	/*
	 * Out of memory is no unparsable type (an image sent as
	 * application/octet-stream), and libetpan's type parser reports it
	 * as a success with no type in it (mailmime_new_empty crashed).
	 */
	if (r == MAILIMF_ERROR_MEMORY || (r == MAILIMF_NO_ERROR && !c->ct_type))
		util_oom("libetpan");
	/* libmagic's answer libetpan cannot parse is still an attachment */
	if (r != MAILIMF_NO_ERROR && strncmp(type, "multipart/", 10) &&
	    strncmp(type, "text/", 5))
		return content("application/octet-stream");
	if (r != MAILIMF_NO_ERROR)
		util_oom("libetpan");
	return c;
}

static void
add_param(struct mailmime_content *c, const char *name, const char *value)
{
	struct mailmime_parameter *p;

	p = mailmime_param_new_with_data((char *)name, (char *)value);
	if (!p || clist_append(c->ct_parameters, p) < 0)
		util_oom("libetpan");
}

static char *
normalise_crlf(const char *text, size_t len, size_t *outlen)
{
	struct buf b = BUF_INIT;

	buf_grow(&b, len + len / 40);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r')
			continue;
		if (text[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, text[i]);
	}
	if (b.len < 2 || b.data[b.len - 1] != '\n')
		buf_adds(&b, "\r\n");
	*outlen = b.len;
	return buf_detach(&b);
}

struct mime *
mime_text(const char *subtype, const char *text, size_t len)
{
	struct mailmime_content *c;
	struct mailmime *mm;
	char *type = xasprintf("text/%s", subtype);
	size_t n;
	char *data = normalise_crlf(text, len, &n);
	int enc = mime_prefer_qp(data, n) ?
	    MAILMIME_MECHANISM_QUOTED_PRINTABLE : MAILMIME_MECHANISM_BASE64;

	c = content(type);
	free(type);
	add_param(c, "charset", "utf-8");
	mm = mailmime_new_empty(c, need(mailmime_fields_new_encoding(enc)));
	if (!mm || mailmime_set_body_text(mm, data, n) != MAILIMF_NO_ERROR)
		util_oom("libetpan");
	return wrap(mm, data);
}

/* 1 when s can be a quoted parameter as it is: no control character */
static int
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < 0x20 ||
		    *s == '"' || *s == '\\')
			return 0;
	return 1;
}

/* RFC 2231 extended value: utf-8''percent-encoded */
static char *
rfc2231(const char *s)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "utf-8''");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addc(&b, *p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

static struct mailmime_fields *
file_fields(const char *filename, const char *cid)
{
	struct mailmime_fields *f;
	struct mailmime_disposition *d;
	int type = cid ? MAILMIME_DISPOSITION_TYPE_INLINE :
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT;

	f = need(mailmime_fields_new_encoding(MAILMIME_MECHANISM_BASE64));
	if (filename && ascii(filename)) {
		d = need(mailmime_disposition_new_filename(type,
		    xstrdup(filename)));
	} else {
		d = need(mailmime_disposition_new_with_data(type, NULL, NULL,
		    NULL, NULL, (size_t)-1));
		if (filename) {
			struct mailmime_disposition_parm *dp;
			struct mailmime_parameter *p;

			p = need(mailmime_parameter_new(xstrdup("filename*"),
			    rfc2231(filename)));
			dp = need(mailmime_disposition_parm_new(
			    MAILMIME_DISPOSITION_PARM_PARAMETER, NULL, NULL,
			    NULL, NULL, 0, p));
			if (clist_append(d->dsp_parms, dp) < 0)
				util_oom("libetpan");
		}
	}
	added(mailmime_fields_add(f, need(mailmime_field_new(
	    MAILMIME_FIELD_DISPOSITION, NULL, NULL, NULL, NULL, 0, d, NULL,
	    NULL))));
	if (cid)
		added(mailmime_fields_add(f, need(mailmime_field_new(
		    MAILMIME_FIELD_ID, NULL, NULL, xstrdup(cid), NULL, 0, NULL,
		    NULL, NULL))));
	return f;
}

struct mime *
mime_file(const char *type, const void *data, size_t len,
    const char *filename, const char *cid)
{
	struct mailmime *mm;
	char *copy = xmalloc(len + 1);

	memcpy(copy, data, len);
	mm = mailmime_new_empty(content(type), file_fields(filename, cid));
	if (!mm || mailmime_set_body_text(mm, copy, len) != MAILIMF_NO_ERROR)
		util_oom("libetpan");
	return wrap(mm, copy);
}

struct mime *
mime_multipart(const char *subtype, const char *boundary)
{
	char *type = xasprintf("multipart/%s", subtype);
	struct mailmime_content *c = content(type);
	struct mailmime *mm;

	free(type);
	mm = mailmime_new_empty(c, need(mailmime_fields_new_empty()));
	if (!mm)
		util_oom("libetpan");
	/* libetpan generated a random boundary: ours is reproducible */
	for (clistiter *it = clist_begin(c->ct_parameters); it;
	    it = clist_next(it)) {
		struct mailmime_parameter *p = clist_content(it);

		if (!strcasecmp(p->pa_name, "boundary")) {
			free(p->pa_value);
			p->pa_value = xstrdup(boundary);
			return wrap(mm, NULL);
		}
	}
	add_param(c, "boundary", boundary);
	return wrap(mm, NULL);
}

void
mime_param(struct mime *m, const char *name, const char *value)
{
	add_param(m->mm->mm_content_type, name, value);
}

void
mime_add(struct mime *parent, struct mime *child)
{
	if (mailmime_smart_add_part(parent->mm, child->mm) != MAILIMF_NO_ERROR)
		util_oom("libetpan");
	child->root = 0;
	parent->kids = xrealloc(parent->kids,
	    (parent->nkids + 1) * sizeof *parent->kids);
	parent->kids[parent->nkids++] = child;
}

/*
 * libetpan folds parameters as "; CRLF SP": the space before the CRLF is
 * trailing white space that relays may strip, which would break a
 * signature over the entity.  Removing it keeps the same header (RFC 5322
 * 2.2.3: unfolding only removes the CRLF).  QP and base64 bodies never
 * end a line in white space, so this touches headers only.
 */
static void
add_stripped(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i + 1 < n; i++) {
		size_t e = i;

		if (s[i] != '\r' || s[i + 1] != '\n')
			continue;
		while (e > start && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		buf_add(out, s + start, e - start);
		buf_adds(out, "\r\n");
		start = i + 2;
		i++;
	}
	buf_add(out, s + start, n - start);
}

int
mime_write(const struct mime *m, struct buf *headers, struct buf *body)
{
	MMAPString *s = mmap_string_new("");
	int col = 0, r;

	if (!s)
		util_oom("libetpan");
	r = mailmime_content_write_mem(s, &col, m->mm->mm_content_type);
	if (r == MAILIMF_NO_ERROR && m->mm->mm_mime_fields)
		r = mailmime_fields_write_mem(s, &col, m->mm->mm_mime_fields);
	if (r == MAILIMF_NO_ERROR) {
		add_stripped(headers, s->str, s->len);
		mmap_string_truncate(s, 0);
		col = 0;
		r = mailmime_write_mem(s, &col, m->mm);
	}
	/* into memory, a failed write (ERROR_FILE) is a failed allocation */
	if (r == MAILIMF_ERROR_MEMORY || r == MAILIMF_ERROR_FILE)
		util_oom("libetpan");
	if (r != MAILIMF_NO_ERROR) {
		warnx("libetpan: cannot write MIME entity (error %d)", r);
		mmap_string_free(s);
		return -1;
	}
	add_stripped(body, s->str, s->len);
	mmap_string_free(s);
	return 0;
}

static void
free_data(struct mime *m)
{
	for (size_t i = 0; i < m->nkids; i++)
		free_data(m->kids[i]);
	free(m->data);
	free(m->kids);
	free(m);
}

void
mime_free(struct mime *m)
{
	if (!m)
		return;
	/* libetpan frees the whole tree from the root; we free our copies */
	if (m->root)
		mailmime_free(m->mm);
	free_data(m);
}
