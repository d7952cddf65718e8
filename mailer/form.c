/* form: form bodies, urlencoded and multipart.  See form.h. */
#include "form.h"

#include <string.h>
#include <strings.h>

#include "util.h"

/* Decodes s[0..n) onto out. */
static void
decode(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '+') {
			buf_addc(out, ' ');
		} else if (s[i] == '%' && i + 2 < n &&
		    (hi = hex_digit(s[i + 1])) >= 0 &&
		    (lo = hex_digit(s[i + 2])) >= 0) {
			buf_addc(out, hi * 16 + lo);
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

char *
form_value(const char *body, size_t len, const char *name, size_t *vlen)
{
	const char *p = body, *end = body + len;
	struct buf key = BUF_INIT, val = BUF_INIT;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *kend = eq ? eq : stop;

		buf_reset(&key);
		buf_adds(&key, "");
		decode(p, (size_t)(kend - p), &key);
		if (!strcmp(key.data, name) && strlen(key.data) == key.len) {
			buf_adds(&val, "");
			if (eq)
				decode(eq + 1, (size_t)(stop - eq - 1), &val);
			buf_free(&key);
			if (vlen)
				*vlen = val.len;
			return buf_detach(&val);
		}
		p = stop + 1;
	}
	buf_free(&key);
	return NULL;
}

/*
 * The boundary of a multipart/form-data Content-Type (RFC 7578, RFC 2046
 * 5.1.1: 1 to 70 characters, maybe quoted): its length and *b, or 0.
 * Parameters may follow ';' or, as RFC 8058's example writes, ','.
 */
static size_t
boundary_of(const char *ct, const char **b)
{
	static const char type[] = "multipart/form-data";
	const char *p = ct + strspn(ct, " \t");
	size_t n;

	if (strncasecmp(p, type, sizeof type - 1))
		return 0;
	for (p += sizeof type - 1; (p = strpbrk(p, ";,")); ) {
		p += 1 + strspn(p + 1, " \t");
		if (strncasecmp(p, "boundary=", 9))
			continue;
		p += 9;
		if (*p == '"') {
			const char *q = strchr(++p, '"');

			n = q ? (size_t)(q - p) : 0;
		} else {
			n = strcspn(p, " \t;,");
		}
		if (n == 0 || n > 70)
			return 0;
		*b = p;
		return n;
	}
	return 0;
}

/* 1 when the part's headers h[0..n) say form-data; name="name". */
static int
part_named(const char *h, size_t n, const char *name)
{
	static const char cd[] = "content-disposition:";
	const char *end = h + n;

	for (const char *line = h; line < end; ) {
		const char *eol = memmem(line, (size_t)(end - line), "\r\n", 2);
		const char *p = line + sizeof cd - 1;

		if (!eol)
			eol = end;
		if ((size_t)(eol - line) > sizeof cd - 1 &&
		    !strncasecmp(line, cd, sizeof cd - 1)) {
			/* parameters: ; name="value" or ; name=token */
			while ((p = memchr(p, ';', (size_t)(eol - p)))) {
				size_t k = strlen(name);

				for (p++; p < eol && (*p == ' ' || *p == '\t');
				    p++)
					;
				if ((size_t)(eol - p) < 5 ||
				    strncasecmp(p, "name=", 5))
					continue;
				p += 5;
				if (*p == '"')
					return (size_t)(eol - p) > k + 1 &&
					    !memcmp(p + 1, name, k) &&
					    p[k + 1] == '"';
				return (size_t)(eol - p) >= k &&
				    !memcmp(p, name, k) && (p + k == eol ||
				    p[k] == ';' || p[k] == ' ' || p[k] == '\t');
			}
			return 0;
		}
		line = eol + 2;
	}
	return 0;
}

/*
 * The first part named name of a multipart body: each part follows a
 * delimiter line "--boundary" (at the start, or after CRLF), has header
 * lines up to a blank line, and its content ends at the CRLF before the
 * next delimiter.  A value is taken as it is (no transfer encoding).
 */
static char *
multipart_value(const char *body, size_t len, const char *b, size_t blen,
    const char *name, size_t *vlen)
{
	const char *end = body + len, *p;
	struct buf d = BUF_INIT;
	char *v = NULL;

	buf_adds(&d, "\r\n--");
	buf_add(&d, b, blen);
	if (len >= d.len - 2 && !memcmp(body, d.data + 2, d.len - 2))
		p = body + d.len - 2;
	else if ((p = memmem(body, len, d.data, d.len)))
		p += d.len;
	while (p && end - p >= 2 && memcmp(p, "--", 2)) {
		const char *h = memmem(p, (size_t)(end - p), "\r\n", 2), *c;
		const char *next;

		if (!h)
			break;
		h += 2;		/* after the delimiter's line */
		if (end - h >= 2 && !memcmp(h, "\r\n", 2))
			c = h + 2;	/* no header lines */
		else if ((c = memmem(h, (size_t)(end - h), "\r\n\r\n", 4)))
			c += 4;
		else
			break;
		if (!(next = memmem(c, (size_t)(end - c), d.data, d.len)))
			break;
		if (c - h >= 2 && part_named(h, (size_t)(c - h - 2), name)) {
			v = xstrndup(c, (size_t)(next - c));
			if (vlen)
				*vlen = (size_t)(next - c);
			break;
		}
		p = next + d.len;
	}
	buf_free(&d);
	return v;
}

char *
form_field(const char *content_type, const char *body, size_t len,
    const char *name, size_t *vlen)
{
	const char *b;
	size_t blen = content_type ? boundary_of(content_type, &b) : 0;

	if (blen)
		return multipart_value(body, len, b, blen, name, vlen);
	return form_value(body, len, name, vlen);
}
