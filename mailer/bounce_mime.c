/*
 * bounce_mime: from a raw message to the texts the classifier reads (see
 * bounce_mime.h).  RFC 2045-2047 through libetpan, RFC 3464 and RFC 5965
 * part types, RFC 6522 multipart/report.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "bounce_mime.h"
#include "bounce_addr.h"
#include "bounce_fold.h"
#include "charset.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_DEPTH	32		/* MIME levels walked */
#define MAX_PARTS	256		/* MIME parts walked */
#define MAX_MIME_DECLS	256		/* more declared types: skip libetpan */
#define MAX_PART_IN	(1024 * 1024)	/* encoded bytes decoded per part */

/* 1 for charsets that map bounce_plain_ascii() text to the same bytes. */
/* A libetpan parser's result; its out of memory is 71, not unparsable. */
static int
etpan(int r)
{
	if (r == MAILIMF_ERROR_MEMORY)
		util_oom("libetpan");
	return r;
}

static int
ascii_charset(const char *cs)
{
	static const char *const prefixes[] = {
		"us-ascii", "ascii", "utf-8", "iso-8859-", "iso8859-",
		"iso_8859-", "windows-125", "koi8-", "gb18030", "gbk",
		"euc-jp", "euc-kr", NULL
	};

	if (!strcasecmp(cs, "iso-2022-jp") || !strcasecmp(cs, "iso-2022-jp-2"))
		return 1;
	for (const char *const *p = prefixes; *p; p++)
		if (!strncasecmp(cs, *p, strlen(*p)))
			return 1;
	return 0;
}

/*
 * The charset of the first RFC 2047 encoded word in the notice's header
 * block that is neither UTF-8 nor US-ASCII, copied to out; NULL for none.
 */
static const char *
header_charset(const struct bounce_scan *sc, char *out, size_t outsz)
{
	const char *h = sc->hdr, *e = sc->hdr + sc->hdrlen, *p;

	for (; h && h + 2 < e && (p = memmem(h, (size_t)(e - h), "=?", 2));
	    h = p + 2) {
		size_t k = 0;

		for (p += 2; p + k < e && k + 1 < outsz &&
		    (isalnum((unsigned char)p[k]) || strchr("-_.:", p[k])); k++)
			out[k] = p[k];
		out[k] = '\0';
		if (p + k < e && (p[k] == '?' || p[k] == '*') && k &&
		    strcasecmp(out, "utf-8") && strcasecmp(out, "us-ascii"))
			return out;
	}
	return NULL;
}

/*
 * The Chinese double-byte charset 8-bit text without a declared one reads
 * in (an old or local MTA's text in its locale's charset: GB2312, GBK,
 * GB18030 or Big5), or NULL: bytes from 0x81 read as pairs, most of them
 * right after another (the characters of a word; Western text has single
 * accented letters between ASCII ones).  Big5 where more pairs end in
 * 0x40-0x7E or lead in 0xA4-0xAF (GB2312's kana, Greek, Cyrillic, pinyin
 * and empty rows; Big5's most used characters) than lie in GB2312's rows
 * of characters (0xB0-0xF7 by 0xA1-0xFE).
 */
static const char *
cjk_guess(const char *s, size_t n)
{
	size_t pairs = 0, runs = 0, big5 = 0, gb = 0, end = SIZE_MAX;

	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char a = (unsigned char)s[i], c;

		if (a < 0x81 || a == 0xff)
			continue;
		runs += i == end;
		c = (unsigned char)s[++i];
		end = i + 1;
		pairs++;
		if ((c >= 0x40 && c <= 0x7e) || (a >= 0xa4 && a <= 0xaf))
			big5++;
		else if (a >= 0xb0 && a <= 0xf7 && c >= 0xa1)
			gb++;
	}
	if (pairs < 2 || runs * 2 < pairs)
		return NULL;
	return big5 > gb ? "BIG5-HKSCS" : "GB18030";
}

/*
 * Converts s from charset to UTF-8 and appends it: through the decoder
 * the label stands for (charset.h), and one guessed from the bytes when
 * iconv knows no such charset (a Chinese one, cjk_guess, when the bytes
 * read as one); raw when it cannot be converted.
 */
static void
add_charset_text(const struct bounce_scan *sc, struct buf *b, const char *cs,
    const char *s, size_t n)
{
	char *out = NULL, hcs[40];
	size_t outlen = 0;
	int r;

	/* undeclared ISO-2022-JP is common in Japanese notices */
	if (!cs && memmem(s, n, "\x1b$B", 3))
		cs = "iso-2022-jp";
	/*
	 * MIME's default (libetpan's charset of a part that declares none):
	 * 8-bit text in it is UTF-8, an old MTA's text in its locale's
	 * charset, which the notice's header may declare in an encoded word
	 * (its Subject's), or windows-1252
	 */
	if (cs && !strcasecmp(cs, "us-ascii") && strcmp(charset_unknown(s, n),
	    "UTF-8")) {
		r = MAIL_CHARCONV_ERROR_UNKNOWN_CHARSET;
		if ((cs = header_charset(sc, hcs, sizeof hcs)) &&
		    charconv_buffer("utf-8", charset_decoder(cs), s, n, &out,
		    &outlen) == MAIL_CHARCONV_NO_ERROR)
			r = MAIL_CHARCONV_NO_ERROR;
		else if (out) {
			charconv_buffer_free(out);
			out = NULL;
		}
	} else if (!cs || !strcasecmp(cs, "utf-8") ||
	    !strcasecmp(cs, "us-ascii") ||
	    (ascii_charset(cs) && bounce_plain_ascii(s, n))) {
		bounce_text_add(b, s, n);
		return;
	} else
		r = charconv_buffer("utf-8", cs = charset_decoder(cs), s, n,
		    &out, &outlen);
	if (r == MAIL_CHARCONV_ERROR_UNKNOWN_CHARSET) {
		cs = charset_unknown(s, n);
		if (strcasecmp(cs, "utf-8") && cjk_guess(s, n))
			cs = cjk_guess(s, n);
		r = strcasecmp(cs, "utf-8") ? charconv_buffer("utf-8", cs, s,
		    n, &out, &outlen) : r;
	}
	if (r == MAIL_CHARCONV_NO_ERROR) {
		bounce_text_add(b, out, outlen);
		charconv_buffer_free(out);
		return;
	}
	bounce_text_add(b, s, n);
}

/* 1 when the tag at s[0..n) (from its '<') is named name (lower case). */
static int
tag_is(const char *s, size_t n, const char *name)
{
	size_t i = 1, k;

	if (i < n && s[i] == '/')
		i++;
	if (i >= n || (s[i] | 0x20) != name[0])
		return 0;
	k = strlen(name);
	return n > i + k && !strncasecmp(s + i, name, k) &&
	    !isalnum((unsigned char)s[i + k]);
}

#define TAG_NAME_MAX	10	/* "blockquote", the longest read */

/*
 * The name of the tag at s[0..n) (from its '<', after a '/'), in lower
 * case, into nm (TAG_NAME_MAX + 1 bytes): what tag_is() compares, read
 * once; "" when it is longer than any name read or not ended within n.
 */
static void
tag_name(const char *s, size_t n, char *nm)
{
	size_t i = 1, k = 0;

	if (i < n && s[i] == '/')
		i++;
	while (i + k < n && k <= TAG_NAME_MAX &&
	    isalnum((unsigned char)s[i + k]))
		k++;
	if (i + k >= n || k > TAG_NAME_MAX)
		k = 0;
	for (size_t j = 0; j < k; j++)
		nm[j] = (char)tolower((unsigned char)s[i + j]);
	nm[k] = '\0';
}

/*
 * What a tag named nm becomes in the text: '\n' for tags that break a
 * line, ' ' for table cells (so an address and the reply in the next cell
 * stay apart), 0 for the rest.
 */
static char
tag_break(const char *nm)
{
	static const char *const lines[] = {
		"br", "p", "div", "tr", "li", "ul", "ol", "table", "hr", "h1",
		"h2", "h3", "h4", "h5", "h6", "pre", "blockquote", NULL
	};

	if (!nm[0])
		return 0;
	for (const char *const *t = lines; *t; t++)
		if ((*t)[0] == nm[0] && !strcmp(*t, nm))
			return '\n';
	return !strcmp(nm, "td") || !strcmp(nm, "th") ? ' ' : 0;
}

/*
 * HTML's named entities for the Latin-1 characters (U+00A0 to U+00FF, in
 * order): notices in French or German write "livr&eacute;" and
 * "f&uuml;r", and their words are rows of the word lists only decoded.
 */
static const char *const latin1_entities[96] = {
	"nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
	"uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr",
	"deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
	"cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34",
	"iquest",
	"Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
	"Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
	"Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc",
	"Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
	"Uuml", "Yacute", "THORN", "szlig",
	"agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig",
	"ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute",
	"icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc",
	"otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
	"uuml", "yacute", "thorn", "yuml",
};

/*
 * Other named entities of notices: punctuation ("couldn&rsquo;t",
 * "&bull; a &mdash; reason") and HTML5's for the characters of an
 * address ("a&commat;b", "a&period;b&commat;c&period;d").
 */
static const struct {
	const char *name;
	unsigned long c;
} other_entities[] = {
	{ "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' },
	{ "apos", '\'' }, { "commat", '@' }, { "period", '.' },
	{ "lowbar", '_' }, { "hyphen", '-' }, { "plus", '+' },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "sbquo", 0x201a }, { "ldquo", 0x201c },
	{ "rdquo", 0x201d }, { "bdquo", 0x201e }, { "bull", 0x2022 },
	{ "hellip", 0x2026 }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203a },
	{ "euro", 0x20ac }, { "trade", 0x2122 }, { "larr", 0x2190 },
	{ "rarr", 0x2192 },
};

/* The code point of the named entity s[0..n) ("eacute"), 0 if none. */
static unsigned long
named_entity(const char *s, size_t n)
{
	/* "&nbsp;" is a blank of the text, not U+00A0 */
	if (n == 4 && !strncasecmp(s, "nbsp", 4))
		return ' ';
	for (size_t k = 0; k < sizeof other_entities /
	    sizeof other_entities[0]; k++)
		if (strlen(other_entities[k].name) == n &&
		    !strncasecmp(s, other_entities[k].name, n))
			return other_entities[k].c;
	/* case tells "&Eacute;" from "&eacute;" */
	for (size_t k = 0; k < 96; k++)
		if (strlen(latin1_entities[k]) == n &&
		    !strncmp(s, latin1_entities[k], n))
			return 0xa0 + k;
	return 0;
}

/*
 * The entity at s[0..n) (from its '&'), decoded onto t: the named ones
 * above and numeric ones ("&#64;", "&#x40;").  Returns the bytes it
 * took, 0 when it is no entity (the '&' is then kept as it is).
 */
static size_t
add_entity(struct buf *t, const char *s, size_t n)
{
	unsigned long c = 0;
	size_t i = 2;
	int hex;

	if (n > 2 && isalpha((unsigned char)s[1])) {
		size_t k = 1;

		while (k < n && k < 10 && isalnum((unsigned char)s[k]))
			k++;
		if (k >= n || s[k] != ';' || !(c = named_entity(s + 1,
		    k - 1)))
			return 0;
		bounce_add_utf8(t, c);
		return k + 1;
	}
	if (n < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	i += (size_t)hex;
	for (; i < n && i < 10 && (hex ? isxdigit((unsigned char)s[i]) :
	    isdigit((unsigned char)s[i])); i++)
		c = c * (hex ? 16 : 10) + (unsigned long)(isdigit(
		    (unsigned char)s[i]) ? s[i] - '0' :
		    (tolower((unsigned char)s[i]) - 'a' + 10));
	if (i >= n || s[i] != ';' || i == 2 + (size_t)hex)
		return 0;
	bounce_add_utf8(t, c);
	return i + 1;
}

/*
 * The address of a "mailto:" link in the tag s[0..n) named nm, up to '?'
 * or the quote that opened the attribute's value, into *a (length *al); 0,
 * with *a and *al untouched, when the tag has none.  An apostrophe inside
 * "..." is the address's own ("mailto:o'brien@").
 */
static int
mailto_target(const char *s, size_t n, const char *nm, const char **a,
    size_t *al)
{
	const char *m;
	char q;
	size_t k = 0;

	if (strcmp(nm, "a") || !(m = bounce_find_ci(s, n, "mailto:")))
		return 0;
	q = m > s && (m[-1] == '"' || m[-1] == '\'') ? m[-1] : 0;
	m += 7;
	while (m + k < s + n && !strchr("?> \t\n", m[k]) &&
	    (q ? m[k] != q : !strchr("\"'", m[k])))
		k++;
	/*
	 * only a link to an address is kept: one without '@' ("mailto:
	 * postmaster") left set would have its closing tag cut the text back
	 * to where the last real link began
	 */
	if (!k || !(memchr(m, '@', k) || bounce_find_ci(m, k, "%40")))
		return 0;
	*a = m;
	*al = k;
	return 1;
}

/*
 * Adds the address of a mailto: link, a[0..n), to b: percent-decoded
 * (RFC 6068: "mailto:anna%40example.org" is anna@example.org), the URL's
 * part before '?' being the address itself; as it is when the escapes
 * are broken or decode to a blank, a control or an 8-bit byte.
 */
static void
add_mailto_address(struct buf *b, const char *a, size_t n)
{
	struct buf d = BUF_INIT;
	int ok = buf_add_pct_decoded(&d, a, n) == 0 && d.len;

	for (size_t i = 0; ok && i < d.len; i++)
		ok = d.data[i] > ' ' && d.data[i] <= '~';
	if (ok && memchr(d.data, '@', d.len))
		buf_add(b, d.data, d.len);
	else
		buf_add(b, a, n);
	buf_free(&d);
}

/*
 * The element named nm if its content is no text: "style", "script",
 * "title"; else NULL.
 */
static const char *
skipped_tag(const char *nm)
{
	static const char *const names[] = { "style", "script", "title", NULL };

	for (const char *const *t = names; *t; t++)
		if (!strcmp(nm, *t))
			return *t;
	return NULL;
}

/* The '>' of the closing tag of name in s[0..n), or NULL. */
static const char *
skip_element(const char *s, size_t n, const char *name)
{
	const char *c = s + 1, *end = s + n;

	while ((c = memchr(c, '<', (size_t)(end - c)))) {
		if (c[1] == '/' && tag_is(c, (size_t)(end - c), name))
			return memchr(c, '>', (size_t)(end - c));
		c++;
	}
	return NULL;
}

/* add_html_text's reading so far. */
struct html_text {
	struct buf t;		/* the text */
	const char *link;	/* a "mailto:" link's address, NULL if none */
	size_t linkl;		/* its length */
	size_t linkat;		/* where the link's text starts in t */
	int pre;		/* inside <pre> */
	int indent;		/* blanks indenting a line: all kept */
	size_t cells;		/* table cells open */
};

/*
 * The tag at s[0..n) (s[0] is '<') read into h: an element that holds no
 * text skipped, a "mailto:" link's text replaced by its address when it
 * shows none, a block tag's break added; the '>' it ends at, NULL when
 * none does.
 */
static const char *
html_tag(struct html_text *h, const char *s, size_t n)
{
	const char *e = memchr(s, '>', n);
	const char *skip;
	char nm[TAG_NAME_MAX + 1];
	size_t tl;
	char br;

	if (!e)
		return NULL;
	tl = (size_t)(e - s) + 1;
	tag_name(s, tl, nm);
	if (s[1] != '/' && (skip = skipped_tag(nm))) {
		e = skip_element(s, n, skip);
		if (!e)
			return NULL;
	} else if (mailto_target(s, tl, nm, &h->link, &h->linkl)) {
		h->linkat = h->t.len;
	} else if (h->link && s[1] == '/' && !strcmp(nm, "a")) {
		if (!memchr(h->t.data + h->linkat, '@',
		    h->t.len - h->linkat)) {
			h->t.len = h->linkat;
			add_mailto_address(&h->t, h->link, h->linkl);
		}
		h->link = NULL;
	} else if ((br = tag_break(nm)))
		buf_addc(&h->t, br);
	if (!strcmp(nm, "pre"))
		h->pre = s[1] != '/';
	if (!strcmp(nm, "td") || !strcmp(nm, "th")) {
		if (s[1] != '/')
			h->cells++;
		else if (h->cells)
			h->cells--;
	}
	return e;
}

/* A line end in the source, outside <pre>. */
static void
html_line_end(struct html_text *h)
{
	struct buf *t = &h->t;

	/*
	 * a line end in the source is a space on the screen,
	 * but the writer's line: a notice written as text and
	 * put in a <p> keeps its lines ("Failed recipient: a
	 * (user unknown)\nDelivered to: b" joined would give
	 * b a's reason), and the text's reading joins a
	 * sentence run on ("to\na@b could not be delivered").
	 * In a table's cell it is a space: a cell holds a
	 * value, and a source wrapped at its width breaks it
	 * ("<td>Hard\nbounce: address does not exist</td>")
	 */
	if (h->cells && t->len && t->data[t->len - 1] != ' ' &&
	    t->data[t->len - 1] != '\n')
		buf_addc(t, ' ');
	else if (!h->cells && t->len && t->data[t->len - 1] != '\n')
		buf_addc(t, '\n');
}

/* The blank c (a space or a tab) in the source, outside <pre>. */
static void
html_blank(struct html_text *h, char c)
{
	struct buf *t = &h->t;

	/*
	 * blanks in a row are one space, but for a line's
	 * indentation (after <br> or a line end), which says
	 * what its lines are (a returned header's fields or
	 * a reply's folded lines, "moved\n    to n")
	 */
	if (!t->len || t->data[t->len - 1] == '\n')
		h->indent = 1;
	if (h->indent || t->data[t->len - 1] != ' ')
		buf_addc(t, c);
}

/*
 * Crude HTML to text: tags dropped, block tags become newlines and table
 * cells spaces, runs of blanks within a line one space (outside <pre>),
 * as on the screen, but the source's line ends kept outside table cells,
 * entities decoded, comments and the content of <style>, <script> and
 * <title> dropped.  A "mailto:" link whose text shows no address stands
 * for its address ("to <a href=mailto:a>Name</a>" reads "to a"): a
 * notice may name its recipient only there.
 */
static void
add_html_text(struct buf *b, const char *s, size_t n)
{
	struct html_text h = { .t = BUF_INIT };

	for (size_t i = 0; i < n; i++) {
		if (s[i] != ' ' && s[i] != '\t')
			h.indent = 0;
		if (s[i] == '<' && n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
			/*
			 * a comment ends at "-->", not at the first '>': a
			 * template's commented-out block may hold markup, an
			 * address and a reply ("<!-- <p>Your message to a
			 * ...: 550 ...</p> -->"); sought from its "--", so
			 * that "<!-->" is an empty one
			 */
			const char *e = memmem(s + i + 2, n - i - 2, "-->", 3);

			if (!e)
				break;
			i = (size_t)(e - s) + 2;
		} else if (s[i] == '<') {
			const char *e = html_tag(&h, s + i, n - i);

			if (!e)
				break;
			i = (size_t)(e - s);
		} else if (s[i] == '&') {
			size_t k = add_entity(&h.t, s + i, n - i);

			if (k)
				i += k - 1;
			else
				buf_addc(&h.t, s[i]);
		} else if (!h.pre && (s[i] == '\n' || s[i] == '\r'))
			html_line_end(&h);
		else if (!h.pre && (s[i] == ' ' || s[i] == '\t'))
			html_blank(&h, s[i]);
		else
			buf_addc(&h.t, s[i]);
	}
	if (h.t.len)
		bounce_text_add(b, h.t.data, h.t.len);
	buf_free(&h.t);
}

/* Appends s in lower case to out[0..at), within outsz - 1; the new length. */
static size_t
add_lower(char *out, size_t at, size_t outsz, const char *s)
{
	for (; *s && at + 1 < outsz; s++)
		out[at++] = (char)tolower((unsigned char)*s);
	return at;
}

static void
content_type_name(struct mailmime_content *ct, char *out, size_t outsz)
{
	const char *type = "text", *sub = "plain";
	size_t n;

	if (ct && ct->ct_type) {
		struct mailmime_type *t = ct->ct_type;

		if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
			switch (t->tp_data.tp_discrete_type->dt_type) {
			case MAILMIME_DISCRETE_TYPE_TEXT:
				type = "text";
				break;
			case MAILMIME_DISCRETE_TYPE_IMAGE:
				type = "image";
				break;
			case MAILMIME_DISCRETE_TYPE_AUDIO:
				type = "audio";
				break;
			case MAILMIME_DISCRETE_TYPE_VIDEO:
				type = "video";
				break;
			case MAILMIME_DISCRETE_TYPE_APPLICATION:
				type = "application";
				break;
			default:
				type =
				    t->tp_data.tp_discrete_type->dt_extension;
				break;
			}
		} else if (t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE) {
			if (t->tp_data.tp_composite_type->ct_type ==
			    MAILMIME_COMPOSITE_TYPE_MESSAGE)
				type = "message";
			else if (t->tp_data.tp_composite_type->ct_type ==
			    MAILMIME_COMPOSITE_TYPE_MULTIPART)
				type = "multipart";
			else
				type = t->tp_data.tp_composite_type->ct_token;
		}
		sub = ct->ct_subtype;
	}
	/* "type/sub" in lower case, cut to fit as snprintf would */
	n = add_lower(out, 0, outsz, type ? type : "x");
	n = add_lower(out, n, outsz, "/");
	n = add_lower(out, n, outsz, sub ? sub : "x");
	out[n] = '\0';
}

/*
 * Appends text that bounce_text_add() already cleaned: the same bytes
 * bounce_text_add() would keep, without validating them again.
 */
static void
add_clean(struct buf *b, const char *s, size_t n)
{
	if (b->len + n <= BOUNCE_TEXT_MAX)
		buf_add(b, s, n);
	else
		bounce_text_add(b, s, n);
}

/*
 * Starts a new part of the notice text: a line of one form feed between
 * two parts, so that what ends one part's reading (a signature
 * separator) ends only that part's.
 */
static void
part_sep(struct buf *b)
{
	if (!b->len)
		return;
	if (b->data[b->len - 1] != '\n')
		buf_addc(b, '\n');
	buf_add(b, BOUNCE_PART_SEP, strlen(BOUNCE_PART_SEP));
}

static void
notice_part(struct bounce_scan *sc)
{
	part_sep(&sc->notice);
}

/* Decoded body of a single part, appended (as UTF-8) to b. */
static void
add_part_body(const struct bounce_scan *sc, struct buf *b, struct mailmime *m,
    int html)
{
	struct mailmime_data *d = m->mm_data.mm_single;
	const char *cs = NULL, *src;
	char *dec = NULL;
	size_t declen = 0, idx = 0, n;
	struct buf u = BUF_INIT;

	if (!d || d->dt_type != MAILMIME_DATA_TEXT)
		return;
	n = d->dt_data.dt_text.dt_length;
	if (n > MAX_PART_IN)
		n = MAX_PART_IN;
	if (m->mm_content_type)
		cs = mailmime_content_charset_get(m->mm_content_type);
	src = d->dt_data.dt_text.dt_data;
	/*
	 * 7bit, 8bit and binary (or an unknown token) are read as they
	 * stand: libetpan's decoding of them is a copy
	 */
	if (d->dt_encoded && (d->dt_encoding == MAILMIME_MECHANISM_BASE64 ||
	    d->dt_encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE) &&
	    etpan(mailmime_part_parse(src, n, &idx, d->dt_encoding, &dec,
	    &declen)) == MAILIMF_NO_ERROR) {
		src = dec;
		n = declen;
	}
	/* one allocation: nearly all text keeps its size */
	buf_grow(&u, n);
	add_charset_text(sc, &u, cs, src, n);
	if (dec)
		mailmime_decoded_part_free(dec);
	if (html)
		add_html_text(b, u.data, u.len);
	else
		add_clean(b, u.data, u.len);
	buf_free(&u);
	buf_addc(b, '\n');
}

static void
set_orig(struct bounce_scan *sc, const char *s, size_t n)
{
	if (sc->orig.len)
		return;
	bounce_text_add(&sc->orig, s, bounce_header_len(s, n));
	buf_addc(&sc->orig, '\n');
}

/*
 * 2 for a field name (s[0..n), without its colon) that only a message's
 * own header carries (RFC 5322's origination date, a trace field, its
 * identifier), 1 for another one a header carries (a common field or an
 * "X-" one), 0 for any other name.
 */
static int
message_field_name(const char *s, size_t n)
{
	static const char *const own[] = {
		"date", "received", "message-id", "return-path", NULL
	};
	static const char *const names[] = {
		"from", "to", "cc", "bcc", "subject", "reply-to", "sender",
		"mime-version", "content-type", "content-transfer-encoding",
		"in-reply-to", "references", "delivered-to", "dkim-signature",
		"list-id", "list-unsubscribe", "authentication-results",
		"importance", "priority", "errors-to", "precedence", NULL
	};

	if (n > 2 && (s[0] | 0x20) == 'x' && s[1] == '-')
		return 1;
	for (const char *const *p = own; *p; p++)
		if ((*p)[0] == (s[0] | 0x20) && !strncasecmp(s, *p, n) &&
		    (*p)[n] == '\0')
			return 2;
	for (const char *const *p = names; *p; p++)
		if ((*p)[0] == (s[0] | 0x20) && !strncasecmp(s, *p, n) &&
		    (*p)[n] == '\0')
			return 1;
	return 0;
}

/*
 * 1 when s[0..n) starts (blank lines aside) with a message's header
 * block: lines "name: value" (and their continuations) up to a blank
 * line, most of them named as a message's fields are, one of them a
 * field only the message's own header has (its Date, a Received line).
 * One line of prose with a colon ("Hinweis: Ihre Nachricht konnte nicht
 * zugestellt werden", "Note: ..." above a notice's text) is none, nor
 * is a notice's excerpt of the returned message ("From: e" / "To: l" /
 * "Subject: s" above its own text), which the text reader knows.
 */
static int
starts_with_field(const char *s, size_t n)
{
	size_t i = 0, k, fields = 0, known = 0;
	int own = 0;

	while (i < n && (s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n && s[i] != '\n' && fields < 64) {
		const char *nl;

		if (!fields || (s[i] != ' ' && s[i] != '\t')) {
			int f;

			for (k = i; k < n && k - i < 80 &&
			    (isalnum((unsigned char)s[k]) || s[k] == '-'); k++)
				;
			if (k == i || k >= n || s[k] != ':')
				return 0;
			fields++;
			f = message_field_name(s + i, k - i);
			known += f != 0;
			own |= f == 2;
		}
		if (!(nl = memchr(s + i, '\n', n - i)))
			break;
		i = (size_t)(nl - s) + 1;
		if (i < n && s[i] == '\r')
			i++;
	}
	return own && known * 2 > fields;
}

/* 1 for Content-Disposition: attachment. */
static int
is_attachment(struct mailmime *m)
{
	clistiter *it;

	if (!m->mm_mime_fields || !m->mm_mime_fields->fld_list)
		return 0;
	for (it = clist_begin(m->mm_mime_fields->fld_list); it;
	    it = clist_next(it)) {
		struct mailmime_field *f = clist_content(it);

		if (f->fld_type == MAILMIME_FIELD_DISPOSITION &&
		    f->fld_data.fld_disposition &&
		    f->fld_data.fld_disposition->dsp_type &&
		    f->fld_data.fld_disposition->dsp_type->dsp_type ==
		    MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
			return 1;
	}
	return 0;
}

/*
 * 1 when the message header h[0..hl) is a mail system's: its From is a
 * daemon's (MAILER-DAEMON, postmaster, ...), as a plain-text notice's
 * is (qmail's, Domino's, an older Postfix's), with no report part to
 * say so.
 */
static int
daemon_sent(const char *h, size_t hl, struct buf *v)
{
	return bounce_header_get(h, hl, "From", 0, v) &&
	    bounce_from_daemon(v->data, v->len);
}

/*
 * The attached message s[0..n): its header block becomes orig; when it is
 * itself a delivery notice (a gateway, a list server or a person's rule
 * forwarding the notice it got), all of it is kept in sc->inner for
 * bounce_mime_scan: a delivery report, or a mail daemon's plain text
 * (sc->inner_plain).
 */
static void
attached_message(struct bounce_scan *sc, const char *s, size_t n)
{
	struct buf v = BUF_INIT;
	size_t hl = bounce_header_len(s, n);
	int report;

	set_orig(sc, s, n);
	if (sc->nested || sc->inner.len) {
		buf_free(&v);
		return;
	}
	report = bounce_header_get(s, hl, "Content-Type", 0, &v) &&
	    bounce_find_ci(v.data, v.len, "multipart/report") &&
	    bounce_find_ci(v.data, v.len, "delivery-status");
	if (report || daemon_sent(s, hl, &v)) {
		buf_add(&sc->inner, s, n < MAX_PART_IN ? n : MAX_PART_IN);
		sc->inner_plain = !report;
	}
	buf_free(&v);
}

/* The header block of a returned original kept whole by flatten_returned. */
static void
returned_headers(struct bounce_scan *sc, struct mailmime *m)
{
	struct mailmime_data *d = m->mm_data.mm_single;
	char *dec = NULL;
	size_t declen = 0, idx = 0;

	if (!d || d->dt_type != MAILMIME_DATA_TEXT)
		return;
	/* 7bit/8bit as it should be; a base64 or QP one decoded first */
	if (d->dt_encoded && (d->dt_encoding == MAILMIME_MECHANISM_BASE64 ||
	    d->dt_encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE) &&
	    etpan(mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length < MAX_PART_IN ?
	    d->dt_data.dt_text.dt_length : MAX_PART_IN, &idx, d->dt_encoding,
	    &dec, &declen)) == MAILIMF_NO_ERROR) {
		attached_message(sc, dec, declen);
		mailmime_decoded_part_free(dec);
		return;
	}
	attached_message(sc, d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length);
}

/* 1 when m is a part of a multipart, but its first. */
static int
later_part(struct mailmime *m)
{
	struct mailmime *p = m->mm_parent;

	return p && p->mm_type == MAILMIME_MULTIPLE &&
	    p->mm_data.mm_multipart.mm_mp_list &&
	    clist_content(clist_begin(p->mm_data.mm_multipart.mm_mp_list)) != m;
}

/*
 * 1 when m, a part of a multipart but its first, labelled text/plain, is
 * a delivery report's machine-readable part (as some gateways label
 * it): its text opens with one of RFC 3464's per-message fields, or a
 * recipient's.  Its fields are then read as that part's are.
 */
static int
unlabelled_report(struct bounce_scan *sc, struct mailmime *m)
{
	static const char *const names[] = {
		"reporting-mta:", "final-recipient:", "original-envelope-id:",
		"received-from-mta:", "arrival-date:", "dsn-gateway:", NULL
	};
	struct mailmime_data *d = m->mm_data.mm_single;
	const char *s;
	size_t n, i = 0;

	if (!d || d->dt_type != MAILMIME_DATA_TEXT || (d->dt_encoded &&
	    (d->dt_encoding == MAILMIME_MECHANISM_BASE64 ||
	    d->dt_encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE)))
		return 0;
	s = d->dt_data.dt_text.dt_data;
	n = d->dt_data.dt_text.dt_length;
	while (i < n && (s[i] == '\n' || s[i] == '\r' || s[i] == ' '))
		i++;
	if (i >= n || !strchr("rRfFoOaAdD", s[i]) || !later_part(m))
		return 0;
	for (const char *const *p = names; *p; p++)
		if (n - i > strlen(*p) && !strncasecmp(s + i, *p, strlen(*p))) {
			add_part_body(sc, &sc->dsn, m, 0);
			return 1;
		}
	return 0;
}

/*
 * 1 when m, a part of a multipart but its first, is a returned message
 * under a type that says nothing of it (text/plain, or with base64 too
 * application/octet-stream): its text starts with a message's header
 * block (starts_with_field).  It is then read as one (returned_headers).
 */
static int
unlabelled_message(struct bounce_scan *sc, struct mailmime *m, int decode)
{
	struct mailmime_data *d = m->mm_data.mm_single;

	if (!d || d->dt_type != MAILMIME_DATA_TEXT || !later_part(m))
		return 0;
	if (d->dt_encoded && (d->dt_encoding == MAILMIME_MECHANISM_BASE64 ||
	    d->dt_encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE)) {
		char *dec = NULL;
		size_t declen = 0, idx = 0;
		int hdr;

		if (!decode || etpan(mailmime_part_parse(
		    d->dt_data.dt_text.dt_data, d->dt_data.dt_text.dt_length <
		    MAX_PART_IN ? d->dt_data.dt_text.dt_length : MAX_PART_IN,
		    &idx, d->dt_encoding, &dec, &declen)) != MAILIMF_NO_ERROR)
			return 0;
		if ((hdr = starts_with_field(dec, declen)))
			attached_message(sc, dec, declen);
		mailmime_decoded_part_free(dec);
		return hdr;
	}
	if (!starts_with_field(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length))
		return 0;
	attached_message(sc, d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length);
	return 1;
}

/* 1 when one of the parts in list is a text/plain one. */
static int
has_plain(clist *list)
{
	char ct[128];

	for (clistiter *it = clist_begin(list); it; it = clist_next(it)) {
		struct mailmime *p = clist_content(it);

		content_type_name(p->mm_content_type, ct, sizeof ct);
		if (p->mm_type == MAILMIME_SINGLE && !strcmp(ct, "text/plain"))
			return 1;
	}
	return 0;
}

/*
 * An attached text (of type ct) is the returned message when it starts
 * with header fields; otherwise it is the notice itself (McAfee's
 * "deliveryproblems.txt").
 */
static void
attached_text(struct bounce_scan *sc, struct mailmime *m, const char *ct)
{
	struct buf t = BUF_INIT;

	add_part_body(sc, &t, m, 0);
	if (t.len && starts_with_field(t.data, t.len))
		attached_message(sc, t.data, t.len);
	else if (t.len && strcmp(ct, "text/html")) {
		notice_part(sc);
		add_clean(&sc->notice, t.data, t.len);
	} else if (t.len) {
		/*
		 * a gateway's "deliveryreport.htm" under a stub ("see the
		 * attached report"): read as HTML
		 */
		notice_part(sc);
		add_part_body(sc, &sc->notice, m, 1);
	}
	buf_free(&t);
}

/*
 * 1 for the certification data an Italian PEC provider attaches to its
 * notices, a part named daticert.xml (in its Content-Type's name or its
 * Content-Disposition's filename), whatever type it is given.
 */
static int
is_daticert(struct mailmime *m)
{
	static const char name[] = "daticert.xml";
	const char *v;

	v = m->mm_content_type ? mailmime_content_param_get(
	    m->mm_content_type, "name") : NULL;
	if (v && !strcasecmp(v, name))
		return 1;
	if (!m->mm_mime_fields || !m->mm_mime_fields->fld_list)
		return 0;
	for (clistiter *it = clist_begin(m->mm_mime_fields->fld_list); it;
	    it = clist_next(it)) {
		struct mailmime_field *f = clist_content(it);

		if (f->fld_type != MAILMIME_FIELD_DISPOSITION ||
		    !f->fld_data.fld_disposition ||
		    !f->fld_data.fld_disposition->dsp_parms)
			continue;
		for (clistiter *p = clist_begin(
		    f->fld_data.fld_disposition->dsp_parms); p;
		    p = clist_next(p)) {
			struct mailmime_disposition_parm *d = clist_content(p);

			if (d->pa_type == MAILMIME_DISPOSITION_PARM_FILENAME &&
			    d->pa_data.pa_filename &&
			    !strcasecmp(d->pa_data.pa_filename, name))
				return 1;
		}
	}
	return 0;
}

/* A part that is no multipart nor message: its text goes by its type ct. */
static void
single_part(struct bounce_scan *sc, struct mailmime *m, const char *ct)
{
	if (is_daticert(m)) {
		if (!sc->pec.len)
			add_part_body(sc, &sc->pec, m, 0);
	} else if (!strcmp(ct, "message/delivery-status") ||
	    !strcmp(ct, "message/global-delivery-status"))
		add_part_body(sc, &sc->dsn, m, 0);
	else if (!strcmp(ct, "message/feedback-report")) {
		sc->arf_part = 1;
		add_part_body(sc, &sc->arf, m, 0);
	} else if (!strcmp(ct, "text/x-mrfc822") ||
	    !strcmp(ct, "text/x-mglobal"))
		returned_headers(sc, m);
	else if (!strcmp(ct, "text/rfc822-headers") ||
	    !strcmp(ct, "message/rfc822-headers") ||
	    !strcmp(ct, "message/rfc822") ||
	    !strcmp(ct, "message/global") ||
	    !strcmp(ct, "message/global-headers")) {
		struct buf t = BUF_INIT;

		add_part_body(sc, &t, m, 0);
		if (t.len)
			set_orig(sc, t.data, t.len);
		buf_free(&t);
	} else if (is_attachment(m) && !strncmp(ct, "text/", 5))
		attached_text(sc, m, ct);
	else if (!strcmp(ct, "application/octet-stream"))
		unlabelled_message(sc, m, 1);
	else if (!strcmp(ct, "text/plain") && (unlabelled_report(sc, m) ||
	    unlabelled_message(sc, m, 0)))
		;
	else if (!strcmp(ct, "text/plain") ||
	    !strncmp(ct, "text/x-", 7) ||
	    !strcmp(ct, "text/enriched")) {
		notice_part(sc);
		add_part_body(sc, &sc->notice, m, 0);
	} else if (!strcmp(ct, "text/html") && sc->alt) {
		/*
		 * beside a plain alternative it is read too: the plain
		 * one may be a stub ("view this notice in HTML")
		 */
		notice_part(sc);
		add_part_body(sc, &sc->notice, m, 1);
	} else if (!strcmp(ct, "text/html")) {
		/* the notice's text when it has no plain one */
		part_sep(&sc->html);
		add_part_body(sc, &sc->html, m, 1);
	}
}

/* A multipart's report-type: a delivery report's, a feedback report's. */
static void
note_report_type(struct bounce_scan *sc, struct mailmime *m)
{
	char *rt = m->mm_content_type ? mailmime_content_param_get(
	    m->mm_content_type, "report-type") : NULL;

	if (rt && !strcasecmp(rt, "delivery-status"))
		sc->report_dsn = 1;
	if (rt && !strcasecmp(rt, "feedback-report"))
		sc->report_arf = 1;
}

static void
walk(struct bounce_scan *sc, struct mailmime *m, int depth)
{
	char ct[128];
	int alt;

	if (!m || depth > MAX_DEPTH || ++sc->nparts > MAX_PARTS)
		return;
	content_type_name(m->mm_content_type, ct, sizeof ct);
	switch (m->mm_type) {
	case MAILMIME_SINGLE:
		/* a multipart libetpan gave up on reads as one part */
		if (!strncmp(ct, "multipart/", 10))
			sc->unclosed = 1;
		single_part(sc, m, ct);
		break;
	case MAILMIME_MULTIPLE:
		note_report_type(sc, m);
		if (!m->mm_data.mm_multipart.mm_mp_list ||
		    clist_isempty(m->mm_data.mm_multipart.mm_mp_list)) {
			sc->unclosed = 1;
			break;
		}
		alt = sc->alt;
		if (!strcmp(ct, "multipart/alternative") &&
		    has_plain(m->mm_data.mm_multipart.mm_mp_list))
			sc->alt = 1;
		for (clistiter *it = clist_begin(
		    m->mm_data.mm_multipart.mm_mp_list); it;
		    it = clist_next(it))
			walk(sc, clist_content(it), depth + 1);
		sc->alt = alt;
		break;
	case MAILMIME_MESSAGE:
		if (m->mm_parent == NULL) {
			walk(sc, m->mm_data.mm_message.mm_msg_mime, depth + 1);
		} else if (m->mm_body &&
		    m->mm_body->dt_type == MAILMIME_DATA_TEXT) {
			/* the returned original: only its headers matter */
			set_orig(sc, m->mm_body->dt_data.dt_text.dt_data,
			    m->mm_body->dt_data.dt_text.dt_length);
		}
		break;
	}
}

/* RFC 2231's sections of a boundary: at most this many, this long in all */
#define MAX_SECTIONS	8
#define MAX_BOUNDARY	200

struct section {
	const char *start, *end;	/* ";" .. the value's end */
	const char *v;			/* the value, without quotes */
	size_t vl;
	int ext;			/* percent-encoded (RFC 2231 "*=") */
};

/*
 * 1 when v[0..n), an extended value past its charset'language', is
 * whole %XX escapes and bytes a boundary may hold once decoded (printable
 * ASCII, no quote or backslash, which the joined value's quotes forbid).
 */
static int
ext_value_ok(const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)v[i];

		if (c == '%') {
			int hi, lo;

			if (n - i < 3 || (hi = hex_digit(v[i + 1])) < 0 ||
			    (lo = hex_digit(v[i + 2])) < 0)
				return 0;
			c = hi * 16 + lo;
			i += 2;
		}
		if (c < ' ' || c > '~' || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

/* copies v[0..n) to o, decoding its %XX when ext; returns o's new end */
static char *
section_copy(char *o, const char *v, size_t n, int ext)
{
	for (size_t i = 0; i < n; i++) {
		if (ext && v[i] == '%') {
			*o++ = (char)(hex_digit(v[i + 1]) * 16 +
			    hex_digit(v[i + 2]));
			i += 2;
		} else {
			*o++ = v[i];
		}
	}
	return o;
}

/*
 * Reads the parameter "boundary*N=value" at s (its name's first byte)
 * into sc and returns N, or -1 when it is none or its value holds a quote
 * or a backslash.  An extended value (RFC 2231 section 4: "boundary*=" or
 * "boundary*N*=", percent-encoded, the first led by charset'language')
 * counts as section 0 when it has no N.
 */
static int
boundary_section(const char *s, const char *e, struct section *sc)
{
	const char *p = s + 9;
	int k = 0;

	while (p < e && isdigit((unsigned char)*p) && k < 100)
		k = k * 10 + (*p++ - '0');
	if (p == s + 9) {
		if (p >= e || *p != '=')
			return -1;
		sc->ext = 1;
	} else {
		sc->ext = p < e && *p == '*';
		p += sc->ext;
	}
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= e || *p++ != '=')
		return -1;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p < e && *p == '"') {
		sc->v = ++p;
		while (p < e && *p != '"' && *p != '\\' && *p != '\n')
			p++;
		if (p >= e || *p != '"')
			return -1;
		sc->vl = (size_t)(p++ - sc->v);
	} else {
		sc->v = p;
		while (p < e && *p > ' ' && *p != ';' && *p != '"' &&
		    *p != '\\' && *p != '(')
			p++;
		sc->vl = (size_t)(p - sc->v);
	}
	sc->end = p;
	if (sc->ext && !k) {
		/* charset'language' before the first section's value */
		const char *q = memchr(sc->v, '\'', sc->vl);

		q = q ? memchr(q + 1, '\'', sc->vl - (size_t)(q + 1 - sc->v)) :
		    NULL;
		if (!q)
			return -1;
		sc->vl -= (size_t)(q + 1 - sc->v);
		sc->v = q + 1;
	}
	if (sc->ext && !ext_value_ok(sc->v, sc->vl))
		return -1;
	return sc->vl ? k : -1;
}

/*
 * RFC 2231 lets a writer continue a long parameter in sections
 * (boundary*0="..."; boundary*1="...") or give it percent-encoded
 * (boundary*=us-ascii'en'%3D_b), which libetpan neither joins nor
 * decodes: it finds no boundary and reads the multipart as one part of
 * nothing it knows.  In the Content-Type field f[0..n) (with its
 * continuation lines), such a boundary's sections become one
 * boundary="..." (decoded) where the first one stood, the others taken
 * out with their ';'.  Returns the
 * field's new length (n when it has no such sections, or a plain
 * boundary, or the joined field would not be shorter).
 */
static size_t
join_boundary(char *f, size_t n)
{
	struct section sec[MAX_SECTIONS];
	char out[1024 + 16], *o = out;
	const char *e = f + n, *p = f, *q;
	size_t ns = 0, at = 0, vl = 0;

	while (p < e && (q = memchr(p, '*', (size_t)(e - p)))) {
		const char *c = q - 8;
		int k;

		p = q + 1;
		if (c < f || strncasecmp(c, "boundary", 8))
			continue;
		/* the ';' before it, across blanks and a line break */
		while (--c >= f && (*c == ' ' || *c == '\t' || *c == '\n' ||
		    *c == '\r'))
			;
		if (c < f || *c != ';' || ns == MAX_SECTIONS ||
		    (k = boundary_section(q - 8, e, &sec[ns])) != (int)ns)
			return n;
		sec[ns].start = c;
		vl += sec[ns++].vl;
	}
	if (!ns || vl > MAX_BOUNDARY || n > 1024 ||
	    memmem(f, n, "boundary=", 9) || memmem(f, n, "BOUNDARY=", 9))
		return n;
	for (size_t i = 0; i < ns; i++) {
		memcpy(o, f + at, (size_t)(sec[i].start - (f + at)));
		o += sec[i].start - (f + at);
		if (!i) {
			memcpy(o, "; boundary=\"", 12);
			o += 12;
			for (size_t j = 0; j < ns; j++)
				o = section_copy(o, sec[j].v, sec[j].vl,
				    sec[j].ext);
			*o++ = '"';
		}
		at = (size_t)(sec[i].end - f);
	}
	if ((size_t)(o - out) + n - at >= n)
		return n;
	memcpy(o, f + at, n - at);
	o += n - at;
	memcpy(f, out, (size_t)(o - out));
	return (size_t)(o - out);
}

/*
 * The Content-Type field at p (in m, ending before end) with its boundary's
 * RFC 2231 sections joined (join_boundary), the rest of m moved up over
 * what it lost; *hl, the header block's length, follows.  Returns the
 * number of bytes lost.
 */
static size_t
join_sections(char *p, char *end, size_t *hl, char *m)
{
	char *fe = p, *nl;
	size_t n, d;

	/* the field's end: its last line's '\n' */
	while ((nl = memchr(fe, '\n', (size_t)(end - fe))) &&
	    nl + 1 < end && (nl[1] == ' ' || nl[1] == '\t'))
		fe = nl + 1;
	fe = nl ? nl : end;
	if (!memchr(p, '*', (size_t)(fe - p)))
		return 0;
	n = join_boundary(p, (size_t)(fe - p));
	d = (size_t)(fe - p) - n;
	if (!d)
		return 0;
	memmove(p + n, fe, (size_t)(end - fe));
	end[-(ptrdiff_t)d] = '\0';
	if (p < m + *hl)
		*hl -= d;
	return d;
}

/*
 * In m (a copy of the message), every nested "Content-Type:
 * message/rfc822" or "message/global" becomes the same-length private type
 * "text/x-mrfc822" / "text/x-mglobal": libetpan then keeps the returned
 * original as one text part instead of parsing all of it (its MIME tree,
 * every header field), which was most of the time spent here; only its
 * header block is read (set_orig).  A boundary written in RFC 2231
 * sections is joined on the way (join_sections), and *len follows.
 * Returns the number of Content-Type fields, which bounds how deep
 * libetpan can recurse.
 */
static size_t
flatten_returned(char *m, size_t *len, size_t hl)
{
	static const struct {
		const char *from, *to;
	} types[] = {
		{ "message/rfc822", "text/x-mrfc822" },
		{ "message/global", "text/x-mglobal" },
	};
	char *p = m, *end = m + *len;
	size_t decls = 0;

	for (; p < end; p = memchr(p, '\n', (size_t)(end - p)), p = p ?
	    p + 1 : end) {
		char *v;

		if (end - p < 13 || (*p | 0x20) != 'c' ||
		    strncasecmp(p, "content-type:", 13))
			continue;
		decls++;
		end -= join_sections(p, end, &hl, m);
		*len = (size_t)(end - m);
		v = p + 13;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		for (size_t k = 0; p >= m + hl &&
		    k < sizeof types / sizeof types[0]; k++) {
			size_t tl = strlen(types[k].from);

			if ((size_t)(end - v) >= tl &&
			    !strncasecmp(v, types[k].from, tl) &&
			    ((size_t)(end - v) == tl ||
			    !(isalnum((unsigned char)v[tl]) || v[tl] == '-')))
				memcpy(v, types[k].to, tl);
		}
	}
	return decls;
}

/*
 * 1 when libetpan parses the field called s[0..n) as an address, a date, a
 * message id or a subject (its mailimf_envelope_field_parse).
 */
static int
structured_field(const char *s, size_t n)
{
	static const char *const names[] = {
		"date", "from", "sender", "reply-to", "to", "cc", "bcc",
		"message-id", "in-reply-to", "references", "subject", NULL
	};

	for (const char *const *p = names; *p; p++)
		if ((*p)[0] == (s[0] | 0x20) && !strncasecmp(s, *p, n) &&
		    (*p)[n] == '\0')
			return 1;
	return 0;
}

/*
 * 1 when the line s[0..n) (without its '\n'), followed by a continuation
 * line, may end libetpan's parse of a structured field early: there its
 * grammar ends a field after a comment or a blank continuation line, and
 * a quoted pair may take the line break itself.
 */
static int
early_break(const char *s, size_t n, int structured)
{
	size_t k = n;

	if (k && s[k - 1] == '\r')
		k--;
	if (k && (s[k - 1] == '\\' || (structured && s[k - 1] == ')')))
		return 1;
	while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return k == 0;
}

/*
 * Length of the field at s[0..n) (with its continuation lines) when it is
 * "name:" with a name of printable ASCII, continued by lines that start
 * with a space or a tab, and libetpan reads it as exactly those lines; 0
 * for anything else (the blank line, a line it might read otherwise).
 */
static size_t
field_len(const char *s, size_t n)
{
	size_t i = 0, line = 0;
	const char *nl;
	int st;

	while (i < n && s[i] > ' ' && s[i] < 0x7f && s[i] != ':')
		i++;
	if (i == 0 || i >= n || s[i] != ':')
		return 0;
	st = structured_field(s, i);
	for (;;) {
		if (!(nl = memchr(s + i, '\n', n - i)))
			return 0;
		i = (size_t)(nl - s) + 1;
		if (i >= n || (s[i] != ' ' && s[i] != '\t'))
			return i;
		if (early_break(s + line, (size_t)(nl - s) - line, st))
			return 0;
		line = i;
	}
}

/*
 * 1 for the field s[0..n) ("name:" first) when it is one of the MIME
 * fields walk() reads, through libetpan: Content-Type (the type, its
 * charset, boundary and report-type), Content-Transfer-Encoding and
 * Content-Disposition (is_attachment).  libetpan's mailmime_field_parse
 * knows a field by its whole name, in any case; what it makes of the
 * others (MIME-Version, Content-ID, Content-Description, ...) nothing
 * here reads, and without any MIME field at all the part's fields are
 * NULL, which reads as an empty list does (text/plain, 8bit, no
 * disposition).
 */
static int
mime_field(const char *s, size_t n)
{
	static const char *const names[] = {
		"content-type:", "content-transfer-encoding:",
		"content-disposition:", NULL
	};

	if ((s[0] | 0x20) != 'c')
		return 0;
	for (const char *const *p = names; *p; p++)
		if (n > strlen(*p) && !strncasecmp(s, *p, strlen(*p)))
			return 1;
	return 0;
}

/*
 * Copies msg[0..len) to m, leaving out of the header block the fields
 * libetpan does not read as MIME fields, and returns the copy's length.
 * libetpan parses each of them into structures (addresses, dates,
 * Received lines) that nothing here reads, which was a tenth of the time
 * spent on a notice.  Only a header block of fields that libetpan reads
 * line for line (field_len), ending at a blank line at *hl, is shortened:
 * the MIME fields libetpan finds there, and the body, are then the same
 * with or without the others.  *hl becomes the copy's header length.
 */
static size_t
copy_mime_fields(char *m, const char *msg, size_t len, size_t *hl)
{
	size_t i = 0, o = 0, k;

	while (i < *hl && (k = field_len(msg + i, *hl - i))) {
		if (mime_field(msg + i, k)) {
			memcpy(m + o, msg + i, k);
			o += k;
		}
		i += k;
	}
	if (!i || i != *hl || i + 1 >= len || (msg[i] != '\n' &&
	    memcmp(msg + i, "\r\n", 2))) {
		memcpy(m, msg, len);
		return len;
	}
	memcpy(m + o, msg + i, len - i);
	*hl = o;
	return o + len - i;
}

/*
 * The boundary the Content-Type field f[0..n) declares, copied to out
 * (outsz bytes); 0 when it declares none.
 */
static int
field_boundary(const char *f, size_t n, char *out, size_t outsz)
{
	const char *e = f + n, *p = f;

	while ((p = bounce_find_ci(p, (size_t)(e - p), "boundary"))) {
		size_t k = 0;
		int q;

		for (p += 8; p < e && (*p == ' ' || *p == '\t'); p++)
			;
		if (p >= e || *p != '=')
			continue;
		for (p++; p < e && (*p == ' ' || *p == '\t'); p++)
			;
		q = p < e && *p == '"';
		for (p += q; p + k < e && k + 1 < outsz && (q ? p[k] != '"' &&
		    p[k] != '\n' : p[k] > ' ' && p[k] != ';'); k++)
			out[k] = p[k];
		out[k] = '\0';
		return k > 0;
	}
	return 0;
}

/*
 * libetpan finds no part in a multipart whose last part no delimiter
 * ends, when that part is itself such a multipart (a copy cut short, a
 * writer that leaves out the closing "--b--"): m[0..len) again with the
 * closing delimiter of each boundary it declares and never closes
 * appended, the last declared first (the innermost); NULL when every
 * boundary is closed.
 */
static char *
close_multiparts(const char *m, size_t len, size_t *outlen)
{
	char bnd[8][72], close[80];
	size_t nb = 0, o;
	struct buf b = BUF_INIT;

	for (const char *p = m, *e = m + len, *nl; p < e && nb < 8;
	    p = nl ? nl + 1 : e) {
		const char *fe = p;

		nl = memchr(p, '\n', (size_t)(e - p));
		if ((*p | 0x20) != 'c' || (size_t)(e - p) < 13 ||
		    strncasecmp(p, "content-type:", 13))
			continue;
		while (nl && nl + 1 < e && (nl[1] == ' ' || nl[1] == '\t'))
			nl = memchr(nl + 1, '\n', (size_t)(e - nl - 1));
		fe = nl ? nl : e;
		if (field_boundary(p, (size_t)(fe - p), bnd[nb], sizeof bnd[0]))
			nb++;
	}
	buf_add(&b, m, len);
	if (len && m[len - 1] != '\n')
		buf_addc(&b, '\n');
	o = b.len;
	while (nb--) {
		int n = snprintf(close, sizeof close, "\n--%s--", bnd[nb]);

		if (!memmem(m, len, close, (size_t)n) &&
		    !(len > (size_t)n - 1 &&
		    !memcmp(m, close + 1, (size_t)n - 1))) {
			buf_add(&b, close + 1, (size_t)n - 1);
			buf_addc(&b, '\n');
		}
	}
	if (b.len == o) {
		buf_free(&b);
		return NULL;
	}
	*outlen = b.len;
	return b.data;
}

/*
 * 1 when the message m[0..len), parsed as mime, is a multipart whose
 * last part libetpan ended before the message's end at no delimiter of
 * its own: with no closing delimiter, libetpan ends the last part at a
 * line that opens with "--" (a notice's "----- reason -----").
 */
static int
top_unclosed(const char *m, size_t len, struct mailmime *mime)
{
	struct mailmime *top = mime->mm_type == MAILMIME_MESSAGE ?
	    mime->mm_data.mm_message.mm_msg_mime : mime;
	clist *parts;
	struct mailmime *last;
	const char *end, *b;
	char ct[128];
	size_t bl;

	if (!top || top->mm_type != MAILMIME_MULTIPLE ||
	    !top->mm_content_type || !(parts =
	    top->mm_data.mm_multipart.mm_mp_list) || clist_isempty(parts))
		return 0;
	/*
	 * a last part that reaches the end lost nothing, nor does a
	 * returned message or header block (its header block comes first)
	 */
	last = clist_content(clist_end(parts));
	content_type_name(last->mm_content_type, ct, sizeof ct);
	if (!strncmp(ct, "text/x-m", 8) || strstr(ct, "rfc822") ||
	    !strcmp(ct, "message/global-headers"))
		return 0;
	end = last->mm_mime_start + last->mm_length;
	while (end >= m && end < m + len && (*end == '\n' || *end == '\r' ||
	    *end == ' ' || *end == '\t'))
		end++;
	if (end < m || end >= m + len || !(b = mailmime_content_param_get(
	    top->mm_content_type, "boundary")))
		return 0;
	bl = strlen(b);
	if (bl >= 2 && b[0] == '"' && b[bl - 1] == '"')
		b++, bl -= 2;
	/* there the delimiter that ends it (the closing one) */
	return (size_t)(m + len - end) < bl + 2 || end[0] != '-' ||
	    end[1] != '-' || memcmp(end + 2, b, bl);
}

/*
 * Parses m[0..len) and walks its tree into sc; 0 when libetpan could
 * not parse it.
 */
static int
parse_walk(struct bounce_scan *sc, const char *m, size_t len)
{
	struct mailmime *mime = NULL;
	size_t idx = 0;
	int r = etpan(mailmime_parse(m, len, &idx, &mime));

	if (r == MAILIMF_NO_ERROR && mime) {
		walk(sc, mime, 0);
		if (!sc->unclosed)
			sc->unclosed = top_unclosed(m, len, mime);
	}
	if (mime)
		mailmime_free(mime);
	return r == MAILIMF_NO_ERROR && mime;
}

/* Exchanges two scans (their buffers with them). */
static void
scan_swap(struct bounce_scan *a, struct bounce_scan *b)
{
	struct bounce_scan t = *a;

	*a = *b;
	*b = t;
}

/* How much of the message a walk read: its texts' lengths. */
static size_t
scan_read(const struct bounce_scan *sc)
{
	return sc->notice.len + sc->html.len + sc->dsn.len + sc->arf.len +
	    sc->orig.len + sc->inner.len;
}

/*
 * A multipart read without its parts or without its closing delimiter
 * (sc->unclosed) is read again with its closing delimiters added
 * (close_multiparts); that reading replaces sc's when it read more.
 */
static void
reread_closed(struct bounce_scan *sc, const char *m, size_t len)
{
	struct bounce_scan again;
	size_t cl;
	char *c = close_multiparts(m, len, &cl);

	if (!c)
		return;
	memset(&again, 0, sizeof again);
	again.nested = sc->nested;
	again.hdr = sc->hdr;
	again.hdrlen = sc->hdrlen;
	if (parse_walk(&again, c, cl) && scan_read(&again) > scan_read(sc))
		scan_swap(sc, &again);
	bounce_scan_free(&again);
	free(c);
}

static void
scan_message(struct bounce_scan *sc, const char *msg, size_t len)
{
	size_t hl = bounce_header_len(msg, len), mhl = hl, mlen;
	char *m = xmalloc(len + 1);

	mlen = copy_mime_fields(m, msg, len, &mhl);
	m[mlen] = '\0';
	sc->hdr = msg;
	sc->hdrlen = hl;

	/*
	 * libetpan recurses once per nested multipart or message, each
	 * declared by a Content-Type field (a digest's parts default to
	 * message/rfc822, whose own body then needs one): refuse
	 * pathological nesting before it can exhaust the stack.
	 */
	if (flatten_returned(m, &mlen, mhl) <= MAX_MIME_DECLS &&
	    parse_walk(sc, m, mlen)) {
		if (sc->unclosed)
			reread_closed(sc, m, mlen);
		sc->hdr = NULL;
		free(m);
		return;
	}
	sc->hdr = NULL;
	free(m);
	if (hl < len)
		bounce_text_add(&sc->notice, msg + hl, len - hl);
}

/* 1 when l[0..n) is a header field's first line ("Name: value"). */
static int
field_line(const char *l, size_t n)
{
	size_t k = 0;

	while (k < n && (isalnum((unsigned char)l[k]) || l[k] == '-'))
		k++;
	return k && k < n && l[k] == ':';
}

/*
 * Where a returned copy's header starts in t[0..n) when no marker
 * announced it: a line opening with the field such a header opens with
 * (Return-Path, Received), followed by a field line or a folded one.
 */
static size_t
copy_header_at(const char *t, size_t n)
{
	static const char *const first[] = { "return-path:", "received:" };

	for (size_t i = 0; i < n; ) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		size_t j = i + ll + 1;

		for (size_t k = 0; eol && j < n && k < 2; k++)
			if (ll > strlen(first[k]) &&
			    !strncasecmp(t + i, first[k], strlen(first[k])) &&
			    (t[j] == ' ' || t[j] == '\t' ||
			    field_line(t + j, n - j)))
				return i;
		i = j;
	}
	return n;
}

/*
 * Past the blanks and the answer's prefixes ("RE:", "AW: Re:") that open
 * the value s[v..e): they say the quoted message was a person's reply,
 * no edition of ours, and are none of its words.
 */
static size_t
answer_prefixes(const char *s, size_t v, size_t e)
{
	for (;;) {
		size_t k = 0;

		while (v < e && bounce_is_blank(s[v]))
			v++;
		for (const char *const *r = bounce_answer_subject_prefixes;
		    *r && !k; r++)
			k = bounce_fold_prefix(s + v, e - v, *r);
		if (!k)
			return v;
		v += k;
	}
}

/*
 * Masks the value of each "Subject:" line of the notice (in the languages
 * of bounce_copy_subject_fields): a notice's account of the returned
 * message quotes its Subject, and a newsletter's words ("Mailbox full?",
 * "Delivery delayed", "delivered") are neither a reason nor a kind.  Its
 * answer's prefixes stay (answer_prefixes).
 */
static void
mask_subjects(struct bounce_scan *sc)
{
	char *s = sc->notice.data;
	size_t n = sc->notice.len;

	for (size_t i = 0; i < n; ) {
		char *eol = memchr(s + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (s + i)) : n - i, b = 0, c, e;

		while (b < ll && (bounce_is_blank(s[i + b]) || s[i + b] == '>'))
			b++;
		for (c = b; c < ll && c - b < 16 && s[i + c] != ':' &&
		    !(c + 2 < ll && !memcmp(s + i + c, "\xef\xbc\x9a", 3)); c++)
			;
		for (e = c; e > b && c < ll &&
		    bounce_is_blank(s[i + e - 1]); e--)
			;
		if (c < ll && c - b < 16 && e > b &&
		    bounce_list_is(bounce_copy_subject_fields, s + i + b,
		    e - b)) {
			size_t v = i + c + (s[i + c] == ':' ? 1 : 3);

			v = answer_prefixes(s, v, i + ll);
			for (; v < i + ll; v++)
				if (!bounce_is_blank(s[v]))
					s[v] = 'x';
		}
		i += ll + 1;
	}
}

/* The returned message's Subject, decoded, from its header. */
static void
returned_subject(struct bounce_scan *sc)
{
	struct buf v = BUF_INIT;

	if (sc->orig.len && bounce_header_get(sc->orig.data, sc->orig.len,
	    "Subject", 0, &v) && v.len)
		sc->rsubj = bounce_decode_2047(v.data);
	buf_free(&v);
}

/*
 * 1 when l[0..n) is "Name: value" with a short name ("主　题：s" too, a
 * full-width colon); 2 when that name could be no header's (RFC 5322
 * 3.6.8: printable ASCII, no space), so the line describes the copy and
 * is none of its header lines.
 */
static int
detail_line(const char *l, size_t n, int *bare)
{
	static const char fwcolon[] = "\xef\xbc\x9a";	/* U+FF1A */
	size_t m = n < 40 ? n : 40, c;
	const char *a = memchr(l, ':', m);
	const char *w = memmem(l, m, fwcolon, 3);

	if (w && (!a || w < a))
		a = w;
	if (!a || a == l || bounce_is_blank(*l) || memchr(l, '@',
	    (size_t)(a - l)))
		return 0;
	/* nothing after the colon: an HTML table's cell, its value below */
	if (bare) {
		size_t v = (size_t)(a - l) + (a == w ? 3 : 1);

		*bare = bounce_indent(l + v, n - v) == n - v;
	}
	for (c = 0; l + c < a; c++)
		if ((unsigned char)l[c] <= ' ' || (unsigned char)l[c] >= 0x7f)
			return 2;
	return a == w ? 2 : 1;
}

/* 1 when l[0..n) is a heading set between dashes ("----- 退信信息 -----"). */
static int
dashed_heading(const char *l, size_t n)
{
	size_t b = 0, e = n, k;

	while (b < e && bounce_is_blank(l[b]))
		b++;
	while (e > b && bounce_is_blank(l[e - 1]))
		e--;
	if (e - b < 8 || memcmp(l + b, "---", 3) || memcmp(l + e - 3, "---", 3))
		return 0;
	for (k = b; k < e && (l[k] == '-' || bounce_is_blank(l[k])); k++)
		;
	return k < e && l[k] != '-';
}

/*
 * 1 when the first line after the blank ones at t[i..n) is no header line
 * (the notice's text resumes), -1 when it is another row of the details'
 * table (an HTML table's rows come out as lines set off by blank ones,
 * each starting with its cell's blank, " 主 题: s", where the notice's
 * own text starts at the margin), 0 when it is a header line.
 */
static int
resumes(const char *t, size_t i, size_t n)
{
	const char *eol;
	size_t b;

	while (i < n && (t[i] == '\r' || t[i] == '\n'))
		i++;
	for (b = i; i < n && bounce_is_blank(t[i]); i++)
		;
	eol = memchr(t + i, '\n', n - i);
	if (i >= n)
		return 0;
	switch (detail_line(t + i, eol ? (size_t)(eol - (t + i)) : n - i,
	    NULL)) {
	case 1:
		return 0;
	case 2:
		return i == b ? 1 : -1;
	default:
		return 1;
	}
}

/*
 * Where the notice's text resumes after a copy marker at t[cut..n) that
 * heads only a block of details ("原邮件信息" over "时间: ... 收件人: l"),
 * not the copy itself: its field lines end at another dashed heading that
 * is no copy marker ("----- 退信信息 -----" over the failed recipient), or,
 * when a field's name could be no header's ("主　题"), at the blank line
 * after them: a returned copy's header lines all have header names.  A
 * field with nothing after its colon takes the next line as its value
 * (an HTML table's two cells, "收件人：" over "l").
 * n when the copy runs on from the marker.
 */
static size_t
details_end(const char *t, size_t cut, size_t n)
{
	const char *nl = memchr(t + cut, '\n', n - cut);
	size_t i, fields = 0;
	int described = 0, d, bare = 0, value, r;

	if (!nl)
		return n;
	for (i = (size_t)(nl - t) + 1; i < n; ) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		size_t ind = bounce_indent(t + i, ll);

		if (ind == ll) {
			if (described && (r = resumes(t, i, n)) >= 0)
				return r ? i : n;
		} else if (fields && dashed_heading(t + i, ll)) {
			return bounce_copy_marker(t + i, ll) < ll ? n : i;
		} else if ((d = detail_line(t + i + ind, ll - ind, &value))) {
			fields++;
			described |= d == 2;
			bare = value;
			value = 0;
		} else if (bare) {
			bare = 0;	/* the value of the field above */
		} else {
			return n;
		}
		i += ll + 1;
	}
	return n;
}

/* Moves t[a..b) of t[0..n) to its end. */
static void
rotate_to_end(char *t, size_t a, size_t b, size_t n)
{
	char *k = xmalloc(b - a);

	memcpy(k, t + a, b - a);
	memmove(t + a, t + b, n - b);
	memcpy(t + n - (b - a), k, b - a);
	free(k);
}

/*
 * Cuts the notice at the returned-copy marker; grabs the copy's headers.
 * A block of the copy's details that the notice's own text follows is
 * moved behind that text first, so that it is read as the copy it is.
 */
static size_t
cut_notice(struct bounce_scan *sc)
{
	size_t cut, r;

	if (!sc->notice.len)
		return 0;
	cut = bounce_copy_marker(sc->notice.data, sc->notice.len);
	for (int k = 0; k < 4 && cut < sc->notice.len; k++) {
		r = details_end(sc->notice.data, cut, sc->notice.len);
		if (r >= sc->notice.len)
			break;
		rotate_to_end(sc->notice.data, cut, r, sc->notice.len);
		cut = bounce_copy_marker(sc->notice.data, sc->notice.len);
	}
	if (cut < sc->notice.len && !sc->orig.len) {
		const char *p = sc->notice.data + cut;
		const char *e = sc->notice.data + sc->notice.len;
		const char *nl = memchr(p, '\n', (size_t)(e - p));

		if (nl) {
			p = nl + 1;
			while (p < e && (*p == '\n' || *p == ' '))
				p++;
			set_orig(sc, p, (size_t)(e - p));
		}
	}
	return cut;
}

static void
buf_swap(struct buf *a, struct buf *b)
{
	struct buf t = *a;

	*a = *b;
	*b = t;
}

/*
 * A notice without a report of its own whose attached message is one:
 * that attached notice's texts replace sc's.  A daemon's plain text only
 * when no daemon sent msg[0..len): a mail system's own plain notice
 * (qmail's) returns a copy of the message, which may be a daemon's too.
 */
static void
read_inner(struct bounce_scan *sc, const char *msg, size_t len)
{
	struct bounce_scan in;
	struct buf v = BUF_INIT;
	int daemon;

	if (!sc->inner.len || sc->dsn.len || sc->report_dsn || sc->arf.len ||
	    sc->report_arf)
		return;
	daemon = daemon_sent(msg, bounce_header_len(msg, len), &v);
	buf_free(&v);
	if (sc->inner_plain && daemon)
		return;
	memset(&in, 0, sizeof in);
	in.nested = 1;
	scan_message(&in, sc->inner.data, sc->inner.len);
	if (in.dsn.len || (sc->inner_plain && !in.report_arf &&
	    !in.arf.len && (in.notice.len || in.html.len))) {
		buf_swap(&sc->notice, &in.notice);
		buf_swap(&sc->html, &in.html);
		buf_swap(&sc->dsn, &in.dsn);
		buf_swap(&sc->orig, &in.orig);
		sc->report_dsn = in.report_dsn;
		sc->inner_read = 1;
	}
	bounce_scan_free(&in);
}

/* The notice's parts read from its text: its end, the copy's header. */
static void
notice_bounds(struct bounce_scan *sc)
{
	sc->nlen = cut_notice(sc);
	sc->rlen = copy_header_at(sc->notice.data, sc->nlen);
	if (sc->rlen < sc->nlen)
		set_orig(sc, sc->notice.data + sc->rlen, sc->nlen - sc->rlen);
	returned_subject(sc);
	mask_subjects(sc);
}

void
bounce_mime_scan(struct bounce_scan *sc, const char *msg, size_t len)
{
	memset(sc, 0, sizeof *sc);
	scan_message(sc, msg, len);
	read_inner(sc, msg, len);
	if (!sc->notice.len && sc->html.len)
		bounce_text_add(&sc->notice, sc->html.data, sc->html.len);
	bounce_fold_wide(&sc->notice);
	bounce_text_relines(&sc->notice);
	notice_bounds(sc);
}

void
bounce_mime_renotice(struct bounce_scan *sc, const char *t, size_t n)
{
	struct buf b = BUF_INIT;

	buf_add(&b, t, n);
	buf_swap(&sc->notice, &b);
	buf_free(&b);
	buf_reset(&sc->orig);
	free(sc->rsubj);
	sc->rsubj = NULL;
	notice_bounds(sc);
}

void
bounce_scan_free(struct bounce_scan *sc)
{
	buf_free(&sc->notice);
	buf_free(&sc->html);
	buf_free(&sc->dsn);
	buf_free(&sc->arf);
	buf_free(&sc->orig);
	buf_free(&sc->inner);
	buf_free(&sc->pec);
	free(sc->rsubj);
}
