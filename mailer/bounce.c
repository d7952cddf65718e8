/*
 * bounce: bounce classification on a buffer (see bounce.h).
 *
 * RFC 3464 delivery status notifications, RFC 3463 status codes, RFC 3834
 * auto-replies, RFC 5965 feedback reports, RFC 2045-2047 MIME (through
 * libetpan).  Non-standard notices are read with the rows of
 * bounce_rules.c.  Every size is bounded: MIME nesting and part count,
 * recipients, header values and the amount of text scanned, so a hostile or
 * huge message costs linear time and bounded extra memory.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libetpan/libetpan.h>

#include "bounce.h"
#include "bounce_rules.h"
#include "util.h"

#define MAX_DEPTH	32		/* MIME levels walked */
#define MAX_PARTS	256		/* MIME parts walked */
#define MAX_MIME_DECLS	64		/* more nested types: skip libetpan */
#define MAX_HDR_AREA	(256 * 1024)	/* header block scanned */
#define MAX_HDR_VALUE	8192		/* one unfolded header value */
#define MAX_PART_IN	(1024 * 1024)	/* encoded bytes decoded per part */
#define MAX_TEXT	(512 * 1024)	/* notice text kept */
#define MAX_SEGMENT	(16 * 1024)	/* diagnostic text per recipient */
#define MAX_ENVELOPE	32

/* What the MIME walk collects; all text is UTF-8 with LF line ends. */
struct scan {
	struct buf notice;	/* human-readable part(s) of the notice */
	struct buf html;	/* text of text/html parts, if no plain */
	struct buf dsn;		/* message/delivery-status fields */
	struct buf arf;		/* message/feedback-report fields */
	struct buf orig;	/* header block of the returned original */
	int report_dsn, report_arf;
	size_t nparts;
};

struct rcpt_seg {
	char *address;
	const char *seg;	/* diagnostic text for this recipient */
	size_t seglen;
	char status[16];
	int from_dsn;
	const char *seg2;	/* the notice text's lines for it, if any */
	size_t seg2len;
};

/* --- small text helpers ------------------------------------------------ */

static const char *
find_ci(const char *s, size_t n, const char *pat)
{
	size_t pl = strlen(pat);

	if (pl == 0 || pl > n)
		return NULL;
	for (size_t i = 0; i + pl <= n; i++)
		if (tolower((unsigned char)s[i]) == pat[0] &&
		    !strncasecmp(s + i, pat, pl))
			return s + i;
	return NULL;
}

static char *
lower_dup(const char *s, size_t n)
{
	char *l = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++)
		l[i] = (char)tolower((unsigned char)s[i]);
	l[n] = '\0';
	return l;
}

/* Appends s[0..n) dropping CR and replacing invalid UTF-8 with '?'. */
static void
add_text(struct buf *b, const char *s, size_t n)
{
	size_t bad;

	if (b->len >= MAX_TEXT)
		return;
	if (n > MAX_TEXT - b->len)
		n = MAX_TEXT - b->len;
	while (n > 0) {
		size_t ok = n;

		if (!utf8_valid(s, n, &bad))
			ok = bad;
		/* whole runs between dropped bytes, not byte by byte */
		for (size_t i = 0, run = 0; i <= ok; i++) {
			if (i < ok && s[i] != '\r' && s[i] != '\0')
				continue;
			buf_add(b, s + run, i - run);
			run = i + 1;
		}
		if (ok == n)
			break;
		buf_addc(b, '?');
		s += ok + 1;
		n -= ok + 1;
	}
	if (b->data == NULL)
		buf_add(b, "", 0);
}

/*
 * 1 when s[0..n) is printable ASCII, TAB, CR or LF only: text that every
 * charset ascii_charset() accepts converts to itself.
 */
static int
plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c > 0x7e)
			return 0;
	}
	return 1;
}

/* 1 for charsets that map plain_ascii() text to the same bytes. */
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

/* Converts s from charset to UTF-8 and appends it; falls back to raw. */
static void
add_charset_text(struct buf *b, const char *cs, const char *s, size_t n)
{
	char *out = NULL;
	size_t outlen = 0;

	/* undeclared ISO-2022-JP is common in Japanese notices */
	if (!cs && memmem(s, n, "\x1b$B", 3))
		cs = "iso-2022-jp";
	if (cs && (!strcasecmp(cs, "gb2312") || !strcasecmp(cs, "gbk") ||
	    !strcasecmp(cs, "x-gbk") || !strcasecmp(cs, "cp936")))
		cs = "gb18030";
	if (cs && strcasecmp(cs, "utf-8") && strcasecmp(cs, "us-ascii") &&
	    !(ascii_charset(cs) && plain_ascii(s, n)) &&
	    charconv_buffer("utf-8", cs, s, n, &out, &outlen) ==
	    MAIL_CHARCONV_NO_ERROR) {
		add_text(b, out, outlen);
		charconv_buffer_free(out);
		return;
	}
	add_text(b, s, n);
}

/* Crude HTML to text: tags dropped, block tags become newlines. */
static void
add_html_text(struct buf *b, const char *s, size_t n)
{
	struct buf t = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '<') {
			const char *e = memchr(s + i, '>', n - i);

			if (!e)
				break;
			if (find_ci(s + i, (size_t)(e - (s + i)), "br") ||
			    find_ci(s + i, 3, "<p") ||
			    find_ci(s + i, 5, "<div") ||
			    find_ci(s + i, 4, "<tr") ||
			    find_ci(s + i, 4, "</p"))
				buf_addc(&t, '\n');
			i = (size_t)(e - s);
		} else if (s[i] == '&' && n - i >= 4 &&
		    !strncmp(s + i, "&lt;", 4)) {
			buf_addc(&t, '<');
			i += 3;
		} else if (s[i] == '&' && n - i >= 4 &&
		    !strncmp(s + i, "&gt;", 4)) {
			buf_addc(&t, '>');
			i += 3;
		} else if (s[i] == '&' && n - i >= 6 &&
		    !strncmp(s + i, "&nbsp;", 6)) {
			buf_addc(&t, ' ');
			i += 5;
		} else if (s[i] == '&' && n - i >= 5 &&
		    !strncmp(s + i, "&amp;", 5)) {
			buf_addc(&t, '&');
			i += 4;
		} else
			buf_addc(&t, s[i]);
	}
	if (t.len)
		add_text(b, t.data, t.len);
	buf_free(&t);
}

/* --- headers ----------------------------------------------------------- */

/* Length of the header block at s (up to, not including, the blank line). */
static size_t
header_len(const char *s, size_t n)
{
	const char *p = s, *nl;

	if (n > MAX_HDR_AREA)
		n = MAX_HDR_AREA;
	while ((nl = memchr(p, '\n', n - (size_t)(p - s)))) {
		size_t i = (size_t)(nl - s);

		if (i + 1 < n && s[i + 1] == '\n')
			return i + 1;
		if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
			return i + 1;
		p = nl + 1;
	}
	return n;
}

/*
 * The nth (0-based) field called name in the header block h[0..n),
 * unfolded, into out (reset first).  Returns 1 when found.
 */
static int
hdr_get(const char *h, size_t n, const char *name, int nth,
    struct buf *out)
{
	size_t nl = strlen(name), i = 0;

	buf_reset(out);
	while (i < n) {
		const char *line = h + i;
		const char *eol = memchr(line, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - line) : n - i;

		if (ll > nl && (line[0] | 0x20) == (name[0] | 0x20) &&
		    !strncasecmp(line, name, nl) &&
		    line[nl] == ':' && nth-- == 0) {
			size_t j = i + nl + 1;

			while (j < n && (h[j] == ' ' || h[j] == '\t'))
				j++;

			for (;;) {
				const char *e = memchr(h + j, '\n', n - j);
				size_t el = e ? (size_t)(e - (h + j)) : n - j;

				if (out->len + el > MAX_HDR_VALUE)
					el = MAX_HDR_VALUE - out->len;
				add_text(out, h + j, el);
				j += el + 1;
				if (!e || j >= n || (h[j] != ' ' && h[j] != '\t'))
					break;
				if (out->len >= MAX_HDR_VALUE)
					break;
			}
			/* trim */
			while (out->len && isspace((unsigned char)
			    out->data[out->len - 1]))
				out->data[--out->len] = '\0';
			if (out->data == NULL)
				buf_add(out, "", 0);
			return 1;
		}
		i += ll + 1;
	}
	return 0;
}

/* RFC 2047 decoding of a header value into UTF-8; caller frees. */
static char *
decode_2047(const char *v)
{
	size_t idx = 0, n = strlen(v);
	char *res = NULL;
	struct buf b = BUF_INIT;

	/*
	 * No encoded word, nothing to convert: libetpan would only join the
	 * words with one space (after iconv_open per word), so do just that.
	 */
	if (!strstr(v, "=?") && plain_ascii(v, n) && !strpbrk(v, "\r\n")) {
		int first = 1, gap = 0;

		for (size_t i = 0; i < n; i++) {
			if (v[i] == ' ' || v[i] == '\t') {
				gap = 1;
				continue;
			}
			if (gap && !first)
				buf_addc(&b, ' ');
			gap = 0;
			first = 0;
			buf_addc(&b, v[i]);
		}
		if (gap)
			buf_addc(&b, ' ');
		buf_add(&b, "", 0);
		return buf_detach(&b);
	}
	if (mailmime_encoded_phrase_parse("iso-8859-1", v, n, &idx,
	    "utf-8", &res) == MAILIMF_NO_ERROR && res) {
		add_text(&b, res, strlen(res));
		free(res);
	} else
		add_text(&b, v, n);
	return buf_detach(&b);
}

/* --- addresses --------------------------------------------------------- */

static int
local_char(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+/=?^_`{|}~-.", c));
}

static int
domain_char(int c)
{
	return isalnum(c) || c == '-' || c == '.';
}

/*
 * The address around the '@' at s[at]; sets [*b, *e).  Returns 1 when it
 * looks like a deliverable address (dotted domain, non-empty local part).
 */
static int
addr_around(const char *s, size_t n, size_t at, size_t *b, size_t *e)
{
	size_t i = at, j = at + 1;
	int dot = 0;

	while (i > 0 && local_char((unsigned char)s[i - 1]) && at - i < 64)
		i--;
	while (i < at && s[i] == '.')
		i++;
	while (j < n && domain_char((unsigned char)s[j]) && j - at < 255) {
		if (s[j] == '.')
			dot = 1;
		j++;
	}
	while (j > at + 1 && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	if (i == at || j == at + 1 || !dot || s[at + 1] == '.')
		return 0;
	/* "rfc822;user@x" style prefixes never start a local part */
	*b = i;
	*e = j;
	return 1;
}

/* First address in s[0..n) into a new string, or NULL. */
static char *
first_addr(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (s[i] == '@' && addr_around(s, n, i, &b, &e))
			return xstrndup(s + b, e - b);
	}
	return NULL;
}

static int
is_daemon(const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t ll = at ? (size_t)(at - addr) : strlen(addr);

	for (const char *const *d = bounce_daemon_locals; *d; d++)
		if (strlen(*d) == ll && !strncasecmp(addr, *d, ll))
			return 1;
	return 0;
}

struct addrset {
	char **v;
	size_t n;
};

static int
addrset_has(const struct addrset *s, const char *a)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcasecmp(s->v[i], a))
			return 1;
	return 0;
}

static void
addrset_add(struct addrset *s, const char *a, size_t max)
{
	if (s->n >= max || addrset_has(s, a))
		return;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = xstrdup(a);
}

/* Adds every address in s[0..n) to set. */
static void
addrset_scan(struct addrset *set, const char *s, size_t n, size_t max)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (s[i] == '@' && addr_around(s, n, i, &b, &e)) {
			char *a = xstrndup(s + b, e - b);

			addrset_add(set, a, max);
			free(a);
			i = e;
		}
	}
}

static void
addrset_free(struct addrset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* --- MIME walk --------------------------------------------------------- */

static void
content_type_name(struct mailmime_content *ct, char *out, size_t outsz)
{
	const char *type = "text", *sub = "plain";

	if (ct && ct->ct_type) {
		struct mailmime_type *t = ct->ct_type;

		if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
			switch (t->tp_data.tp_discrete_type->dt_type) {
			case MAILMIME_DISCRETE_TYPE_TEXT: type = "text"; break;
			case MAILMIME_DISCRETE_TYPE_IMAGE: type = "image"; break;
			case MAILMIME_DISCRETE_TYPE_AUDIO: type = "audio"; break;
			case MAILMIME_DISCRETE_TYPE_VIDEO: type = "video"; break;
			case MAILMIME_DISCRETE_TYPE_APPLICATION:
				type = "application";
				break;
			default:
				type = t->tp_data.tp_discrete_type->dt_extension;
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
	snprintf(out, outsz, "%s/%s", type ? type : "x", sub ? sub : "x");
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
}

/*
 * Appends text that add_text() already cleaned: the same bytes add_text()
 * would keep, without validating them again.
 */
static void
add_clean(struct buf *b, const char *s, size_t n)
{
	if (b->len + n <= MAX_TEXT)
		buf_add(b, s, n);
	else
		add_text(b, s, n);
}

/* Decoded body of a single part, appended (as UTF-8) to b. */
static void
add_part_body(struct buf *b, struct mailmime *m, int html)
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
	if (d->dt_encoded && mailmime_part_parse(src, n, &idx, d->dt_encoding,
	    &dec, &declen) == MAILIMF_NO_ERROR) {
		src = dec;
		n = declen;
	}
	add_charset_text(&u, cs, src, n);
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
set_orig(struct scan *sc, const char *s, size_t n)
{
	if (sc->orig.len)
		return;
	add_text(&sc->orig, s, header_len(s, n));
	buf_addc(&sc->orig, '\n');
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

static void
walk(struct scan *sc, struct mailmime *m, int depth)
{
	char ct[128];

	if (!m || depth > MAX_DEPTH || ++sc->nparts > MAX_PARTS)
		return;
	content_type_name(m->mm_content_type, ct, sizeof ct);
	switch (m->mm_type) {
	case MAILMIME_SINGLE: {
		struct mailmime_data *d = m->mm_data.mm_single;

		if (!strcmp(ct, "message/delivery-status") ||
		    !strcmp(ct, "message/global-delivery-status"))
			add_part_body(&sc->dsn, m, 0);
		else if (!strcmp(ct, "message/feedback-report"))
			add_part_body(&sc->arf, m, 0);
		else if (!strcmp(ct, "text/rfc822-headers") ||
		    !strcmp(ct, "message/rfc822-headers") ||
		    !strcmp(ct, "message/rfc822") ||
		    !strcmp(ct, "message/global") ||
		    !strcmp(ct, "message/global-headers")) {
			struct buf t = BUF_INIT;

			add_part_body(&t, m, 0);
			if (t.len)
				set_orig(sc, t.data, t.len);
			buf_free(&t);
		} else if (is_attachment(m) && !strncmp(ct, "text/", 5)) {
			struct buf t = BUF_INIT;

			add_part_body(&t, m, 0);
			if (t.len)
				set_orig(sc, t.data, t.len);
			buf_free(&t);
		} else if (!strcmp(ct, "text/plain") ||
		    !strncmp(ct, "text/x-", 7) ||
		    !strcmp(ct, "text/enriched"))
			add_part_body(&sc->notice, m, 0);
		else if (!strcmp(ct, "text/html"))
			add_part_body(&sc->html, m, 1);
		(void)d;
		break;
	}
	case MAILMIME_MULTIPLE: {
		char *rt = m->mm_content_type ? mailmime_content_param_get(
		    m->mm_content_type, "report-type") : NULL;

		if (rt && !strcasecmp(rt, "delivery-status"))
			sc->report_dsn = 1;
		if (rt && !strcasecmp(rt, "feedback-report"))
			sc->report_arf = 1;
		if (!m->mm_data.mm_multipart.mm_mp_list)
			break;
		for (clistiter *it = clist_begin(
		    m->mm_data.mm_multipart.mm_mp_list); it;
		    it = clist_next(it))
			walk(sc, clist_content(it), depth + 1);
		break;
	}
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

/*
 * Counts pat in s in lower and upper case (memmem is fast; mixed-case
 * spellings are rare and this only bounds recursion), stopping once limit
 * is passed.
 */
static size_t
count_ci(const char *s, size_t n, const char *lower, const char *upper,
    size_t limit)
{
	size_t c = 0, pl = strlen(lower);
	const char *pats[2] = { lower, upper };

	for (int k = 0; k < 2; k++) {
		const char *p = s, *end = s + n;

		while (c <= limit && (p = memmem(p, (size_t)(end - p), pats[k],
		    pl))) {
			c++;
			p += pl;
		}
	}
	return c;
}

static void
scan_message(struct scan *sc, const char *msg, size_t len)
{
	struct mailmime *mime = NULL;
	size_t idx = 0, hl;

	/*
	 * libetpan recurses once per nested multipart or message: refuse
	 * pathological nesting before it can exhaust the stack.
	 */
	if (count_ci(msg, len, "oundary", "OUNDARY", MAX_MIME_DECLS) +
	    count_ci(msg, len, "rfc822", "RFC822", MAX_MIME_DECLS) <=
	    MAX_MIME_DECLS &&
	    mailmime_parse(msg, len, &idx, &mime) == MAILIMF_NO_ERROR &&
	    mime) {
		walk(sc, mime, 0);
		mailmime_free(mime);
		return;
	}
	if (mime)
		mailmime_free(mime);
	hl = header_len(msg, len);
	if (hl < len)
		add_text(&sc->notice, msg + hl, len - hl);
}

/* --- delivery status (RFC 3464) ---------------------------------------- */

/* A valid enhanced status code at s ("5.1.1"), copied to out.  */
static int
status_at(const char *s, size_t n, size_t i, char out[16])
{
	size_t j = i, parts = 0, digits = 0;

	if (i > 0 && (isdigit((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return 0;
	if (i >= n || (s[i] != '2' && s[i] != '4' && s[i] != '5'))
		return 0;
	j++;
	while (parts < 2) {
		if (j >= n || s[j] != '.')
			return 0;
		j++;
		digits = 0;
		while (j < n && isdigit((unsigned char)s[j]) && digits < 3) {
			j++;
			digits++;
		}
		if (!digits)
			return 0;
		parts++;
	}
	if (j < n && (isdigit((unsigned char)s[j]) ||
	    (s[j] == '.' && j + 1 < n && isdigit((unsigned char)s[j + 1]))))
		return 0;
	if (j - i >= 16)
		return 0;
	memcpy(out, s + i, j - i);
	out[j - i] = '\0';
	return 1;
}

/* First status code in s[0..n) (preferring 4/5 classes), or 0. */
static int
find_status(const char *s, size_t n, char out[16])
{
	char two[16] = "";

	for (size_t i = 0; i < n; i++) {
		char st[16];

		if (status_at(s, n, i, st)) {
			if (st[0] != '2') {
				memcpy(out, st, sizeof st);
				return 1;
			}
			if (!two[0])
				memcpy(two, st, sizeof two);
		}
	}
	if (two[0]) {
		memcpy(out, two, sizeof two);
		return 1;
	}
	return 0;
}

/* SMTP reply class (4 or 5) of the first "4xx "/"5xx " code, or 0. */
static int
smtp_class(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 < n; i++)
		if ((s[i] == '4' || s[i] == '5') &&
		    (i == 0 || !isalnum((unsigned char)s[i - 1])) &&
		    isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) &&
		    (s[i + 3] == ' ' || s[i + 3] == '-') &&
		    s[i + 1] <= '5')
			return s[i] - '0';
	return 0;
}

struct dsn_tally {
	int failed, delayed, delivered;
};

/*
 * Reads the per-recipient blocks of a delivery-status body.  Each failed or
 * delayed recipient is appended to rs.
 */
static void
dsn_parse(const char *d, size_t n, struct rcpt_seg **rs, size_t *nrs,
    struct dsn_tally *t)
{
	size_t i = 0;
	struct buf v = BUF_INIT;

	while (i < n && *nrs < BOUNCE_MAX_RCPTS) {
		size_t bl = header_len(d + i, n - i);
		const char *blk = d + i;
		char *addr = NULL;
		char st[16] = "";
		int act = 0;	/* 1 failed, 2 delayed, 3 delivered */

		if (hdr_get(blk, bl, "Final-Recipient", 0, &v))
			addr = first_addr(v.data, v.len);
		if (!addr && hdr_get(blk, bl, "Original-Recipient", 0, &v))
			addr = first_addr(v.data, v.len);
		if (!addr && hdr_get(blk, bl, "X-Actual-Recipient", 0, &v))
			addr = first_addr(v.data, v.len);
		if (hdr_get(blk, bl, "Status", 0, &v))
			find_status(v.data, v.len, st);
		if (hdr_get(blk, bl, "Action", 0, &v)) {
			if (find_ci(v.data, v.len, "fail"))
				act = 1;
			else if (find_ci(v.data, v.len, "delay"))
				act = 2;
			else if (find_ci(v.data, v.len, "deliver") ||
			    find_ci(v.data, v.len, "relayed") ||
			    find_ci(v.data, v.len, "expanded"))
				act = 3;
		}
		if (addr && !act)
			act = st[0] == '2' ? 3 : st[0] == '4' ? 2 : 1;
		if (addr && act == 3)
			t->delivered++;
		if (addr && act != 3) {
			struct rcpt_seg *r;
			size_t k;

			for (k = 0; k < *nrs; k++)
				if (!strcasecmp((*rs)[k].address, addr))
					break;
			if (k == *nrs) {
				*rs = xrealloc(*rs, (*nrs + 1) * sizeof **rs);
				r = &(*rs)[(*nrs)++];
				memset(r, 0, sizeof *r);
				r->address = addr;
				addr = NULL;
				r->from_dsn = 1;
				memcpy(r->status, st, sizeof st);
				/* the whole block is the diagnostic */
				r->seg = blk;
				r->seglen = bl;
			}
			if (act == 1)
				t->failed++;
			else
				t->delayed++;
		}
		free(addr);
		i += bl;
		while (i < n && (d[i] == '\n' || d[i] == '\r'))
			i++;
	}
	buf_free(&v);
}

/* --- non-standard notices ---------------------------------------------- */

static void
seg_add(struct rcpt_seg **rs, size_t *nrs, const char *addr,
    const char *seg, size_t seglen)
{
	struct rcpt_seg *r;

	for (size_t k = 0; k < *nrs; k++)
		if (!strcasecmp((*rs)[k].address, addr)) {
			/* seen again (e.g. RCPT TO then reply): extend */
			if (seg && (*rs)[k].seg &&
			    seg + seglen > (*rs)[k].seg + (*rs)[k].seglen &&
			    seg >= (*rs)[k].seg)
				(*rs)[k].seglen = (size_t)(seg + seglen -
				    (*rs)[k].seg);
			return;
		}
	if (*nrs >= BOUNCE_MAX_RCPTS)
		return;
	*rs = xrealloc(*rs, (*nrs + 1) * sizeof **rs);
	r = &(*rs)[(*nrs)++];
	memset(r, 0, sizeof *r);
	r->address = xstrdup(addr);
	r->seg = seg;
	r->seglen = seglen;
}

/*
 * The address l[b..e) when the words just before it name it a recipient
 * ("could not be delivered to: <addr>", "rejected recipient <addr>").
 */
static char *
cue_rcpt(const char *l, size_t n, size_t b, size_t e)
{
	size_t k = b, start;
	char *low;
	int hit = 0;

	(void)n;
	while (k > 0 && strchr(" \t<\"'", l[k - 1]))
		k--;
	start = k > 40 ? k - 40 : 0;
	low = lower_dup(l + start, k - start);
	for (const char *const *c = bounce_rcpt_cues; *c && !hit; c++) {
		size_t cl = strlen(*c);

		hit = k - start >= cl && !strcmp(low + (k - start - cl), *c);
	}
	free(low);
	return hit ? xstrndup(l + b, e - b) : NULL;
}

/*
 * If the trimmed line l[0..n) names a recipient the way MTAs list failed
 * addresses, returns it (caller frees).  Recognised: "<addr>..." (qmail,
 * Postfix, Sendmail "550 <addr>... reason"), a line that is just an
 * address (Exim, Gmail), "RCPT TO:<addr>", "Final-Recipient: rfc822; addr".
 */
static char *
line_rcpt(const char *l, size_t n)
{
	size_t i = 0, b, e;

	while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '>'))
		i++;
	/* SMTP reply prefix: "550 ", "550-", "550 5.1.1 " */
	if (i + 4 <= n && isdigit((unsigned char)l[i]) &&
	    isdigit((unsigned char)l[i + 1]) &&
	    isdigit((unsigned char)l[i + 2]) &&
	    (l[i + 3] == ' ' || l[i + 3] == '-')) {
		char st[16];

		i += 4;
		if (status_at(l, n, i, st))
			i += strlen(st);
		while (i < n && l[i] == ' ')
			i++;
		if (i < n && l[i] != '<')
			return NULL;
	}
	if (n - i > 8 && !strncasecmp(l + i, "rcpt to:", 8))
		i += 8;
	else if (n - i > 16 && !strncasecmp(l + i, "final-recipient:", 16))
		i += 16;
	else if (n - i > 19 && !strncasecmp(l + i, "original-recipient:", 19))
		i += 19;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (n - i > 7 && !strncasecmp(l + i, "rfc822;", 7))
		i += 7;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i < n && l[i] == '<') {
		const char *gt = memchr(l + i, '>', n - i);
		const char *at = gt ? memchr(l + i, '@', (size_t)(gt - l - i))
		    : NULL;

		if (!at || !addr_around(l, (size_t)(gt - l), (size_t)(at - l),
		    &b, &e) || b != i + 1 || l + e != gt)
			return NULL;
		/* "<addr>)" closes a remark quoting someone else's text */
		if (gt + 1 < l + n && gt[1] == ')')
			return NULL;
		return xstrndup(l + b, e - b);
	}
	if (i < n && !isalnum((unsigned char)l[i])) {
		const char *at = memchr(l + i, '@', n - i);

		if (!at || !addr_around(l, n, (size_t)(at - l), &b, &e))
			return NULL;
		return cue_rcpt(l, n, b, e);
	}
	/* a bare address, then nothing, ':' or a parenthesised remark */
	{
		const char *at = memchr(l + i, '@', n - i);
		size_t k;

		if (!at || !addr_around(l, n, (size_t)(at - l), &b, &e))
			return NULL;
		if (b != i)
			return cue_rcpt(l, n, b, e);
		k = e;
		while (k < n && (l[k] == ' ' || l[k] == '\t'))
			k++;
		/* Exchange: "user@example.org on <date>" */
		if (k > e && n - k > 3 && !strncmp(l + k, "on ", 3))
			return xstrndup(l + b, e - b);
		if (k < n && l[k] != ':' && l[k] != '(' && l[k] != '<' &&
		    l[k] != ',' && l[k] != ';')
			return NULL;
		/* "bare@x <real@y>": the bracketed one is the address */
		if (k < n && l[k] == '<') {
			const char *gt = memchr(l + k, '>', n - k);
			const char *at2 = gt ? memchr(l + k, '@',
			    (size_t)(gt - l - k)) : NULL;

			if (at2 && addr_around(l, (size_t)(gt - l),
			    (size_t)(at2 - l), &b, &e) && b == k + 1)
				return xstrndup(l + b, e - b);
		}
		if (k < n && l[k] == ':' && k + 1 < n && l[k + 1] != ' ' &&
		    l[k + 1] != '\t')
			return NULL;
		return xstrndup(l + b, e - b);
	}
}

/* Recipients named on their own lines of the notice text t[0..n). */
static void
text_rcpts(const char *t, size_t n, const struct addrset *excl,
    struct rcpt_seg **rs, size_t *nrs)
{
	size_t i = 0;
	struct rcpt_seg *cur = NULL;
	size_t curidx = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		char *a = ll < 1024 ? line_rcpt(t + i, ll) : NULL;

		if (a && !excl->n) {
			/* nothing to exclude against: accept */
		}
		if (a && !addrset_has(excl, a) && !is_daemon(a)) {
			size_t before = *nrs;

			seg_add(rs, nrs, a, t + i, ll);
			curidx = *nrs > before ? *nrs - 1 : curidx;
			for (size_t k = 0; k < *nrs; k++)
				if (!strcasecmp((*rs)[k].address, a))
					curidx = k;
			cur = &(*rs)[curidx];
		} else if (cur && (size_t)(t + i + ll - cur->seg) <=
		    MAX_SEGMENT) {
			cur->seglen = (size_t)(t + i + ll - cur->seg);
		}
		free(a);
		i += ll + 1;
	}
}

/* Addresses of the notice text, skipping Message-ID-like lines. */
static void
fallback_scan(struct addrset *set, const char *t, size_t n, size_t max)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		const char *l = t + i;

		while (ll && (*l == ' ' || *l == '\t')) {
			l++;
			ll--;
		}
		if (!(ll > 10 && !strncasecmp(l, "message-id", 10)) &&
		    !(ll > 11 && !strncasecmp(l, "in-reply-to", 11)) &&
		    !(ll > 10 && !strncasecmp(l, "references", 10)) &&
		    !(ll > 0 && *l == '<' && l[ll - 1] == '>' &&
		    !memchr(l, ' ', ll)))
			addrset_scan(set, l, ll, max);
		i = (size_t)(l - t) + ll + 1;
	}
}

/* Gives each recipient the notice lines that name it (diagnostics). */
static void
attach_text(struct rcpt_seg **rs, size_t nrs, const char *notice,
    size_t nlen, const struct addrset *excl)
{
	struct rcpt_seg *ts = NULL;
	size_t nts = 0;

	text_rcpts(notice, nlen, excl, &ts, &nts);
	for (size_t i = 0; i < nrs; i++)
		for (size_t k = 0; k < nts; k++)
			if (!strcasecmp((*rs)[i].address, ts[k].address)) {
				(*rs)[i].seg2 = ts[k].seg;
				(*rs)[i].seg2len = ts[k].seglen;
			}
	for (size_t k = 0; k < nts; k++)
		free(ts[k].address);
	free(ts);
}

/* --- classification ---------------------------------------------------- */

static void
rcpt_finish(struct bounce_rcpt *out, struct rcpt_seg *r, const char *notice,
    size_t nlen, int delay)
{
	const struct bounce_rule *rule = NULL;
	char st[16] = "";
	int cls = 0;

	if (r->seg && r->seglen) {
		rule = bounce_rule_match_folded(r->seg, r->seglen);
		if (!r->status[0] && find_status(r->seg, r->seglen, st))
			memcpy(r->status, st, sizeof st);
		cls = smtp_class(r->seg, r->seglen);
	}
	if (r->seg2 && r->seg2len) {
		/* a generic DSN status yields to the text's specific one */
		if ((!r->status[0] || !strcmp(r->status + 1, ".0.0")) &&
		    find_status(r->seg2, r->seg2len, st))
			memcpy(r->status, st, sizeof st);
		if (!rule)
			rule = bounce_rule_match_folded(r->seg2, r->seg2len);
		if (!cls)
			cls = smtp_class(r->seg2, r->seg2len);
	}
	if (!rule && nlen)
		rule = bounce_rule_match_folded(notice, nlen);
	/* codes that name the address's fate outrank the wording */
	if (r->status[0] == '5' && bounce_rule_for_status(r->status) &&
	    bounce_rule_for_status(r->status)->status[0])
		rule = bounce_rule_for_status(r->status);
	if (!r->status[0] && !r->from_dsn && find_status(notice, nlen, st))
		memcpy(r->status, st, sizeof st);
	if (!cls)
		cls = smtp_class(notice, nlen);
	if (r->status[0] == '2')
		r->status[0] = '\0';
	if (!rule && r->status[0])
		rule = bounce_rule_for_status(r->status);
	if (!r->status[0]) {
		const char *inf = rule && rule->status[0] ? rule->status :
		    "5.0.0";

		snprintf(r->status, sizeof r->status, "%s", inf);
		if (delay || cls == 4)
			r->status[0] = '4';
		else
			r->status[0] = '5';
	}
	out->address = r->address;
	r->address = NULL;
	memcpy(out->status, r->status, sizeof out->status);
	out->hard = rule && rule->hard && r->status[0] == '5' && !delay;
	if (rule)
		out->reason = xstrdup(rule->reason);
	else
		out->reason = xstrdup(delay ? "expired" : "undefined");
}

static void
envelope_add(struct bounce_report *out, struct addrset *env, const char *h,
    size_t hl, const char *name)
{
	struct buf v = BUF_INIT;

	for (int k = 0; k < MAX_ENVELOPE && hdr_get(h, hl, name, k, &v);
	    k++)
		addrset_scan(env, v.data, v.len, MAX_ENVELOPE);
	buf_free(&v);
	(void)out;
}

/* Amazon SES notifications arrive as a JSON body. */
static int
ses_json(const char *body, size_t n, struct rcpt_seg **rs, size_t *nrs,
    enum bounce_kind *kind)
{
	json_t *root, *o, *list;
	const char *type;
	size_t i;
	json_t *r;

	while (n && isspace((unsigned char)*body)) {
		body++;
		n--;
	}
	if (!n || *body != '{' || !memmem(body, n, "notificationType", 16))
		return 0;
	root = json_loadb(body, n, JSON_DISABLE_EOF_CHECK, NULL);
	if (!root)
		return 0;
	type = json_string_value(json_object_get(root, "notificationType"));
	if (!type)
		type = json_string_value(json_object_get(root, "eventType"));
	if (!type) {
		json_decref(root);
		return 0;
	}
	if (!strcmp(type, "Bounce")) {
		*kind = BOUNCE_BOUNCE;
		o = json_object_get(root, "bounce");
		list = json_object_get(o, "bouncedRecipients");
	} else if (!strcmp(type, "Complaint")) {
		*kind = BOUNCE_COMPLAINT;
		o = json_object_get(root, "complaint");
		list = json_object_get(o, "complainedRecipients");
	} else {
		*kind = BOUNCE_OTHER;
		json_decref(root);
		return 1;
	}
	json_array_foreach(list, i, r) {
		const char *a = json_string_value(json_object_get(r,
		    "emailAddress"));
		const char *st = json_string_value(json_object_get(r,
		    "status"));
		const char *dc = json_string_value(json_object_get(r,
		    "diagnosticCode"));

		if (!a || *nrs >= BOUNCE_MAX_RCPTS)
			continue;
		seg_add(rs, nrs, a, NULL, 0);
		if (st)
			status_at(st, strlen(st), 0, (*rs)[*nrs - 1].status);
		if (dc) {
			/* keep the text alive past json_decref */
			char *copy = xstrdup(dc);

			(*rs)[*nrs - 1].seg = copy;
			(*rs)[*nrs - 1].seglen = strlen(copy);
			(*rs)[*nrs - 1].from_dsn = 2;	/* owns seg */
		}
	}
	json_decref(root);
	return 1;
}

/* Cuts the notice at the returned-copy marker; grabs the copy's headers. */
static size_t
cut_notice(struct scan *sc)
{
	const char *s = sc->notice.data;
	size_t n = sc->notice.len, cut = n;
	unsigned char first[256] = { 0 };

	if (!n)
		return 0;
	for (const char *const *m = bounce_copy_markers; *m; m++)
		first[(unsigned char)(*m)[0]] = 1;
	/* the earliest marker wins: one pass, markers tried where one starts */
	for (size_t i = 0; i < n && cut == n; i++) {
		int c = tolower((unsigned char)s[i]);

		if (!first[c])
			continue;
		for (const char *const *m = bounce_copy_markers; *m; m++) {
			size_t ml = strlen(*m);

			if ((*m)[0] == c && ml <= n - i &&
			    !strncasecmp(s + i, *m, ml) &&
			    !strstr(*m, "transcript")) {
				cut = i;
				break;
			}
		}
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

int
bounce_parse(const char *msg, size_t len, struct bounce_report *out)
{
	struct scan sc;
	struct buf v = BUF_INIT;
	struct addrset excl = { NULL, 0 }, env = { NULL, 0 };
	struct rcpt_seg *rs = NULL;
	size_t nrs = 0, hl, nlen;
	struct dsn_tally tally = { 0, 0, 0 };
	char *subject = NULL, *lsubj = NULL, *from = NULL;
	int bounce_ev = 0, auto_ev = 0, delay = 0, ses = 0;
	enum bounce_kind kind = BOUNCE_OTHER;
	const char *notice;

	memset(out, 0, sizeof *out);
	memset(&sc, 0, sizeof sc);
	out->kind = BOUNCE_OTHER;
	if (!msg)
		return 0;
	hl = header_len(msg, len);

	/* Own headers. */
	if (hdr_get(msg, hl, "Message-ID", 0, &v) && v.len)
		out->message_id = xstrdup(v.data);
	if (hdr_get(msg, hl, "Subject", 0, &v)) {
		subject = decode_2047(v.data);
		lsubj = lower_dup(subject, strlen(subject));
	} else
		lsubj = xstrdup("");
	if (hdr_get(msg, hl, "From", 0, &v))
		from = first_addr(v.data, v.len);
	envelope_add(out, &env, msg, hl, "Delivered-To");
	envelope_add(out, &env, msg, hl, "X-Original-To");
	envelope_add(out, &env, msg, hl, "To");
	for (size_t i = 0; i < env.n; i++)
		addrset_add(&excl, env.v[i], 256);
	if (from)
		addrset_add(&excl, from, 256);
	if (hdr_get(msg, hl, "Return-Path", 0, &v))
		addrset_scan(&excl, v.data, v.len, 256);
	if (hdr_get(msg, hl, "Reply-To", 0, &v))
		addrset_scan(&excl, v.data, v.len, 256);
	if (hdr_get(msg, hl, "Auto-Submitted", 0, &v) &&
	    find_ci(v.data, v.len, "auto-replied"))
		auto_ev = 1;
	if (hdr_get(msg, hl, "X-Autoreply", 0, &v) ||
	    hdr_get(msg, hl, "X-Autorespond", 0, &v) ||
	    (hdr_get(msg, hl, "Precedence", 0, &v) &&
	    find_ci(v.data, v.len, "auto_reply")))
		auto_ev = 1;
	if (bounce_list_match(bounce_autoreply_subjects, lsubj,
	    strlen(lsubj)))
		auto_ev = 2;
	if ((from && is_daemon(from)) ||
	    bounce_list_match(bounce_failure_subjects, lsubj, strlen(lsubj)))
		bounce_ev = 1;

	scan_message(&sc, msg, len);
	if (!sc.notice.len && sc.html.len)
		add_text(&sc.notice, sc.html.data, sc.html.len);
	nlen = cut_notice(&sc);
	notice = sc.notice.data ? sc.notice.data : "";

	/* The original's headers: its Message-ID, its sender. */
	if (sc.orig.len) {
		if (hdr_get(sc.orig.data, sc.orig.len, "Message-ID", 0, &v) &&
		    v.len)
			out->orig_message_id = xstrdup(v.data);
		if (hdr_get(sc.orig.data, sc.orig.len, "From", 0, &v))
			addrset_scan(&excl, v.data, v.len, 256);
		if (hdr_get(sc.orig.data, sc.orig.len, "Return-Path", 0, &v))
			addrset_scan(&excl, v.data, v.len, 256);
		if (hdr_get(sc.orig.data, sc.orig.len, "Sender", 0, &v))
			addrset_scan(&excl, v.data, v.len, 256);
	}

	if (sc.report_arf || sc.arf.len) {
		kind = BOUNCE_COMPLAINT;
		if (sc.arf.len && (hdr_get(sc.arf.data, sc.arf.len,
		    "Original-Rcpt-To", 0, &v) || hdr_get(sc.arf.data,
		    sc.arf.len, "Removal-Recipient", 0, &v))) {
			struct addrset a = { NULL, 0 };

			addrset_scan(&a, v.data, v.len, BOUNCE_MAX_RCPTS);
			for (size_t i = 0; i < a.n; i++)
				seg_add(&rs, &nrs, a.v[i], NULL, 0);
			addrset_free(&a);
		} else if (sc.orig.len && hdr_get(sc.orig.data, sc.orig.len,
		    "To", 0, &v)) {
			char *a = first_addr(v.data, v.len);

			if (a)
				seg_add(&rs, &nrs, a, NULL, 0);
			free(a);
		}
		goto done;
	}
	if (sc.notice.len)
		ses = ses_json(notice, nlen, &rs, &nrs, &kind);
	if (ses)
		goto done;

	if (sc.dsn.len)
		dsn_parse(sc.dsn.data, sc.dsn.len, &rs, &nrs, &tally);
	if (sc.report_dsn || tally.failed || tally.delayed || tally.delivered)
		bounce_ev = 1;
	if (nrs)
		attach_text(&rs, nrs, notice, nlen, &excl);
	if (!nrs && !tally.delivered && (bounce_ev || !auto_ev))
		text_rcpts(notice, nlen, &excl, &rs, &nrs);
	if (!nrs) {
		for (int k = 0; k < 16 && hdr_get(msg, hl,
		    "X-Failed-Recipients", k, &v); k++) {
			struct addrset a = { NULL, 0 };

			addrset_scan(&a, v.data, v.len, BOUNCE_MAX_RCPTS);
			for (size_t i = 0; i < a.n; i++)
				seg_add(&rs, &nrs, a.v[i], NULL, 0);
			addrset_free(&a);
			bounce_ev = 1;
		}
		if (nrs)
			attach_text(&rs, nrs, notice, nlen, &excl);
	}
	if (nrs && !auto_ev)
		bounce_ev = 1;
	if (!nrs && !tally.delivered && bounce_ev) {
		/* last resort: any foreign address in the notice, then To */
		struct addrset a = { NULL, 0 };

		fallback_scan(&a, notice, nlen, 64);
		for (size_t i = 0; i < a.n && !nrs; i++)
			if (!addrset_has(&excl, a.v[i]) && !is_daemon(a.v[i]))
				seg_add(&rs, &nrs, a.v[i], NULL, 0);
		addrset_free(&a);
		if (!nrs && sc.orig.len && hdr_get(sc.orig.data,
		    sc.orig.len, "To", 0, &v)) {
			char *a1 = first_addr(v.data, v.len);

			if (a1)
				seg_add(&rs, &nrs, a1, NULL, 0);
			free(a1);
		}
	}

	if (auto_ev && !bounce_ev && !sc.report_dsn) {
		kind = BOUNCE_AUTOREPLY;
		for (size_t i = 0; i < nrs; i++)
			free(rs[i].address);
		nrs = 0;
		if (from)
			seg_add(&rs, &nrs, from, NULL, 0);
		goto done;
	}
	if (tally.failed)
		kind = BOUNCE_BOUNCE;
	else if (tally.delayed)
		kind = BOUNCE_DELAY;
	else if (nrs && bounce_ev)
		kind = BOUNCE_BOUNCE;
	if (kind == BOUNCE_BOUNCE && !tally.failed &&
	    bounce_list_match(bounce_delay_subjects, lsubj, strlen(lsubj)))
		kind = BOUNCE_DELAY;
	if (kind == BOUNCE_OTHER) {
		for (size_t i = 0; i < nrs; i++)
			free(rs[i].address);
		nrs = 0;
	}

done:
	delay = kind == BOUNCE_DELAY;
	out->kind = kind;
	if (nrs) {
		out->rcpts = xcalloc(nrs, sizeof *out->rcpts);
		for (size_t i = 0; i < nrs; i++) {
			if (kind == BOUNCE_COMPLAINT ||
			    kind == BOUNCE_AUTOREPLY) {
				out->rcpts[i].address = rs[i].address;
				rs[i].address = NULL;
				out->rcpts[i].reason = xstrdup(
				    kind == BOUNCE_COMPLAINT ? "feedback" :
				    "vacation");
			} else
				rcpt_finish(&out->rcpts[i], &rs[i], notice,
				    nlen, delay);
		}
		out->nrcpts = nrs;
	}
	for (size_t i = 0; i < nrs; i++) {
		free(rs[i].address);
		if (rs[i].from_dsn == 2)
			free((char *)rs[i].seg);
	}
	free(rs);
	out->envelope = env.v;
	out->nenvelope = env.n;
	addrset_free(&excl);
	buf_free(&v);
	buf_free(&sc.notice);
	buf_free(&sc.html);
	buf_free(&sc.dsn);
	buf_free(&sc.arf);
	buf_free(&sc.orig);
	free(subject);
	free(lsubj);
	free(from);
	return 0;
}

void
bounce_report_free(struct bounce_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrcpts; i++) {
		free(r->rcpts[i].address);
		free(r->rcpts[i].reason);
	}
	free(r->rcpts);
	for (size_t i = 0; i < r->nenvelope; i++)
		free(r->envelope[i]);
	free(r->envelope);
	free(r->message_id);
	free(r->orig_message_id);
	memset(r, 0, sizeof *r);
}

const char *
bounce_kind_name(enum bounce_kind k)
{
	switch (k) {
	case BOUNCE_BOUNCE: return "bounce";
	case BOUNCE_DELAY: return "delay";
	case BOUNCE_AUTOREPLY: return "autoreply";
	case BOUNCE_COMPLAINT: return "complaint";
	case BOUNCE_UNSUBSCRIBE: return "unsubscribe";
	case BOUNCE_OTHER: break;
	}
	return "other";
}

/*
 * Appends s as a JSON string, made valid UTF-8 and cut to max bytes; the
 * escapes are jansson's (json_dumps without flags) so the output of the
 * stable interface stays the same bytes.
 */
static void
json_put(struct buf *o, const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	size_t n = s ? strlen(s) : 0;

	add_text(&b, s ? s : "", n);
	if (b.len > max) {
		size_t k = max;

		while (k > 0 && ((unsigned char)b.data[k] & 0xc0) == 0x80)
			k--;
		b.len = k;
	}
	buf_addc(o, '"');
	for (size_t i = 0, run = 0; i <= b.len; i++) {
		unsigned char c = i < b.len ? (unsigned char)b.data[i] : 0;
		char esc[8];

		if (i < b.len && c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(o, b.data + run, i - run);
		run = i + 1;
		if (i == b.len)
			break;
		switch (c) {
		case '"': buf_add(o, "\\\"", 2); break;
		case '\\': buf_add(o, "\\\\", 2); break;
		case '\b': buf_add(o, "\\b", 2); break;
		case '\f': buf_add(o, "\\f", 2); break;
		case '\n': buf_add(o, "\\n", 2); break;
		case '\r': buf_add(o, "\\r", 2); break;
		case '\t': buf_add(o, "\\t", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", c);
			buf_add(o, esc, 6);
			break;
		}
	}
	buf_addc(o, '"');
	buf_free(&b);
}

char *
bounce_report_json(const char *file, const struct bounce_report *r)
{
	struct buf o = BUF_INIT;

	buf_adds(&o, "{\"file\": ");
	json_put(&o, file, (size_t)-1 / 2);
	buf_adds(&o, ", \"kind\": ");
	json_put(&o, bounce_kind_name(r->kind), (size_t)-1 / 2);
	buf_adds(&o, ", \"recipients\": [");
	for (size_t i = 0; i < r->nrcpts; i++) {
		if (i)
			buf_adds(&o, ", ");
		buf_adds(&o, "{\"address\": ");
		json_put(&o, r->rcpts[i].address, 512);
		buf_adds(&o, ", \"status\": ");
		json_put(&o, r->rcpts[i].status, sizeof r->rcpts[i].status);
		buf_adds(&o, ", \"class\": ");
		json_put(&o, r->rcpts[i].hard ? "hard" : "soft", 4);
		buf_adds(&o, ", \"reason\": ");
		json_put(&o, r->rcpts[i].reason, BOUNCE_REASON_MAX);
		buf_addc(&o, '}');
	}
	buf_adds(&o, "]}");
	return buf_detach(&o);
}

void
bounce_classify_reply(const char *address, const char *reply,
    struct bounce_rcpt *out)
{
	struct rcpt_seg r;

	memset(&r, 0, sizeof r);
	memset(out, 0, sizeof *out);
	r.address = xstrdup(address);
	r.seg = reply ? reply : "";
	r.seglen = strlen(r.seg);
	rcpt_finish(out, &r, "", 0, r.seg[0] == '4');
}
