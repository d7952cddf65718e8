/* rfc2047: header encoding and folding.  See rfc2047.h. */
#include "rfc2047.h"

#include <string.h>

#include "util.h"

#define LINE_SOFT 78	/* RFC 5322 2.1.1 recommended limit */
#define WORD_MAX 75	/* RFC 2047 2: an encoded-word's length */
#define WORD_OVERHEAD 12	/* "=?UTF-8?B?" + "?=" */

static size_t
utf8_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	return 2;
}

static int
needs_encoding(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return 1;
	return strstr(s, "=?") != NULL;
}

/*
 * Writes s as encoded-words starting at column *col, folding before a word
 * that would pass 76 columns.  Whole characters only.
 */
static void
encode_words(struct buf *out, const char *s, size_t *col)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t room, take = 0;

		if (*col + WORD_OVERHEAD + 8 > 76) {
			buf_adds(out, "\r\n ");
			*col = 1;
		}
		room = 76 - *col;
		if (room > WORD_MAX)
			room = WORD_MAX;
		/* base64 of k bytes is 4*ceil(k/3) characters */
		while (i + take < n) {
			size_t c = utf8_len(p[i + take]);

			if (WORD_OVERHEAD + 4 * ((take + c + 2) / 3) > room)
				break;
			take += c;
		}
		if (take == 0) {	/* cannot happen with room >= 20 */
			take = utf8_len(p[i]);
		}
		buf_adds(out, "=?UTF-8?B?");
		buf_add_base64(out, p + i, take);
		buf_adds(out, "?=");
		*col += WORD_OVERHEAD + 4 * ((take + 2) / 3);
		i += take;
		if (i < n) {
			buf_adds(out, "\r\n ");
			*col = 1;
		}
	}
}

/* Writes ASCII text folding at spaces so lines stay within 78 if possible. */
static void
fold_ascii(struct buf *out, const char *s, size_t *col)
{
	while (*s) {
		const char *sp = strchr(s + 1, ' ');
		size_t w = sp ? (size_t)(sp - s) : strlen(s);

		if (*col + w > LINE_SOFT && *s == ' ' && *col > 1) {
			buf_adds(out, "\r\n");
			*col = 0;
		}
		buf_add(out, s, w);
		*col += w;
		s += w;
	}
}

void
rfc2047_unstructured(struct buf *out, const char *name, const char *value)
{
	size_t col = strlen(name) + 2;

	buf_adds(out, name);
	buf_adds(out, ": ");
	if (needs_encoding(value))
		encode_words(out, value, &col);
	else
		fold_ascii(out, value, &col);
	buf_adds(out, "\r\n");
}

void
rfc2047_raw(struct buf *out, const char *name, const char *value)
{
	size_t col = strlen(name) + 2;

	buf_adds(out, name);
	buf_adds(out, ": ");
	fold_ascii(out, value, &col);
	buf_adds(out, "\r\n");
}

static int
is_special(int c)
{
	return c && strchr("()<>[]:;@\\,.\"", c) != NULL;
}

/* Writes a phrase: atoms as is, specials quoted, non-ASCII encoded. */
static void
phrase(struct buf *out, const char *display, size_t *col)
{
	int special = 0;

	if (needs_encoding(display)) {
		encode_words(out, display, col);
		return;
	}
	for (const char *p = display; *p; p++)
		if (is_special(*p))
			special = 1;
	if (!special) {
		fold_ascii(out, display, col);
		return;
	}
	buf_addc(out, '"');
	for (const char *p = display; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *p);
		(*col)++;
	}
	buf_addc(out, '"');
	*col += 2;
}

void
rfc2047_address(struct buf *out, const char *name, const char *display,
    const char *addr)
{
	size_t col = strlen(name) + 2;

	buf_adds(out, name);
	buf_adds(out, ": ");
	if (display && *display) {
		phrase(out, display, &col);
		if (col + strlen(addr) + 3 > LINE_SOFT) {
			buf_adds(out, "\r\n");
			col = 0;
		}
		buf_addc(out, ' ');
		col++;
		buf_printf(out, "<%s>", addr);
	} else {
		buf_adds(out, addr);
	}
	buf_adds(out, "\r\n");
}
