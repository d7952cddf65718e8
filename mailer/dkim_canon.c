/* dkim_canon: relaxed canonicalisation, signed names, tag lists. */
#include "dkim_canon.h"

#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WSP(c) ((c) == ' ' || (c) == '\t')

/* Signed when present; the over-signed ones are listed once more. */
static const struct {
	const char *name;
	int over;
} signed_names[] = {
	{ "from", 1 }, { "to", 0 }, { "cc", 0 }, { "reply-to", 1 },
	{ "subject", 1 }, { "date", 0 }, { "message-id", 0 },
	{ "mime-version", 0 }, { "content-type", 0 },
	{ "content-transfer-encoding", 0 }, { "list-id", 0 },
	{ "list-unsubscribe", 1 }, { "list-unsubscribe-post", 1 },
	{ "list-archive", 0 }, { "archived-at", 0 }, { "list-post", 0 },
	{ "list-help", 0 }, { "list-subscribe", 0 }, { "list-owner", 0 },
	{ "feedback-id", 0 }, { "cfbl-address", 0 },
	{ "cfbl-feedback-id", 0 }, { "precedence", 0 },
	{ "x-auto-response-suppress", 0 }, { "autocrypt", 0 },
};

/* Appends one body line (without its CRLF) with WSP reduced. */
static void
body_line(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	while (n > 0 && WSP(s[n - 1]))
		n--;
	while (i < n) {
		if (WSP(s[i])) {
			buf_addc(out, ' ');
			while (i < n && WSP(s[i]))
				i++;
		} else {
			size_t j = i;

			while (j < n && !WSP(s[j]))
				j++;
			buf_add(out, s + i, j - i);
			i = j;
		}
	}
}

void
dkim_canon_body(const char *body, size_t len, struct buf *out)
{
	size_t pos = 0, empty = 0;

	buf_grow(out, len + 2);
	while (pos < len) {
		const char *crlf = memmem(body + pos, len - pos, "\r\n", 2);
		size_t end = crlf ? (size_t)(crlf - body) : len, k = pos;

		while (k < end && WSP(body[k]))
			k++;
		if (k == end) {
			empty++;	/* written only if text follows */
		} else {
			for (; empty; empty--)
				buf_adds(out, "\r\n");
			body_line(body + pos, end - pos, out);
			buf_adds(out, "\r\n");
		}
		pos = crlf ? end + 2 : len;
	}
}

void
dkim_body_hash(const char *body, size_t len, unsigned char bh[DKIM_HASH_LEN])
{
	struct buf c = BUF_INIT;
	struct sha256_ctx h;

	dkim_canon_body(body, len, &c);
	sha256_init(&h);
	sha256_update(&h, c.len, (const uint8_t *)c.data);
	sha256_digest(&h, DKIM_HASH_LEN, bh);
	buf_free(&c);
}

void
dkim_canon_header(const char *f, size_t len, struct buf *out)
{
	const char *colon = memchr(f, ':', len);
	size_t nl = colon ? (size_t)(colon - f) : len, i;
	int space = 0;

	while (nl > 0 && WSP(f[nl - 1]))
		nl--;
	for (i = 0; i < nl; i++)
		buf_addc(out, f[i] >= 'A' && f[i] <= 'Z' ? f[i] + 32 : f[i]);
	buf_addc(out, ':');
	i = colon ? (size_t)(colon - f) + 1 : len;
	/* WSP after the colon goes; inside, a run (folds too) is one SP */
	while (i < len && (WSP(f[i]) || f[i] == '\r' || f[i] == '\n'))
		i++;
	for (; i < len; i++) {
		char c = f[i];

		if (c == '\r' && i + 1 < len && f[i + 1] == '\n') {
			i++;	/* unfolding drops the CRLF, keeps the WSP */
			continue;
		}
		if (WSP(c)) {
			space = 1;
			continue;
		}
		if (space)
			buf_addc(out, ' ');
		space = 0;
		buf_addc(out, c);
	}
	buf_adds(out, "\r\n");
}

void
dkim_fields(const char *head, size_t len, struct dkim_field **out, size_t *n)
{
	size_t cap = 16, pos = 0;
	struct dkim_field *f = xcalloc(cap, sizeof *f);

	*n = 0;
	while (pos < len) {
		const char *crlf = memmem(head + pos, len - pos, "\r\n", 2);
		size_t end = crlf ? (size_t)(crlf - head) + 2 : len;

		if (end - pos == 2 && crlf)	/* the empty line: body next */
			break;
		if (WSP(head[pos]) && *n > 0) {
			f[*n - 1].len = end - (size_t)(f[*n - 1].start - head);
		} else {
			const char *colon = memchr(head + pos, ':', end - pos);
			size_t nl = colon ? (size_t)(colon - head) - pos : 0;

			while (nl > 0 && WSP(head[pos + nl - 1]))
				nl--;
			if (*n == cap)
				f = xrealloc(f, (cap *= 2) * sizeof *f);
			f[*n].start = head + pos;
			f[*n].len = end - pos;
			f[*n].name_len = WSP(head[pos]) ? 0 : nl;
			(*n)++;
		}
		pos = end;
	}
	*out = f;
}

static int
name_is(const struct dkim_field *f, const char *name, size_t len)
{
	return f->name_len == len && !strncasecmp(f->start, name, len);
}

void
dkim_signed_names(const struct dkim_field *f, size_t n, struct buf *out)
{
	size_t start = out->len;

	for (size_t k = 0; k < sizeof signed_names / sizeof *signed_names;
	    k++) {
		const char *nm = signed_names[k].name;
		size_t nl = strlen(nm), count = signed_names[k].over;

		for (size_t i = 0; i < n; i++)
			count += name_is(&f[i], nm, nl);
		while (count--) {
			if (out->len > start)
				buf_addc(out, ':');
			buf_adds(out, nm);
		}
	}
}

void
dkim_canon_signed(const struct dkim_field *f, size_t n, const char *h,
    struct buf *out)
{
	unsigned char stack[64];
	unsigned char *used = n <= sizeof stack ? stack : xcalloc(n, 1);

	memset(used, 0, n <= sizeof stack ? sizeof stack : n);
	while (*h) {
		size_t nl = strcspn(h, ":");

		/* the last unused instance, from the bottom up */
		for (size_t i = n; i-- > 0; )
			if (!used[i] && nl && name_is(&f[i], h, nl)) {
				used[i] = 1;
				dkim_canon_header(f[i].start, f[i].len, out);
				break;
			}
		h += nl;
		if (*h == ':')
			h++;
	}
	if (used != stack)
		free(used);
}

/* FWS here: any run of SP, HTAB, CR and LF (DNS strings carry no CRLF). */
static int
fws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
tag_spec(const char *s, size_t len, struct dkim_tag *t, const char **why)
{
	size_t i = 0, j;

	while (i < len && fws(s[i]))
		i++;
	j = i;
	while (j < len && (alpha(s[j]) || (j > i && (s[j] == '_' ||
	    (s[j] >= '0' && s[j] <= '9')))))
		j++;
	if (j == i) {
		*why = i < len && s[i] == '=' ? "a tag without a name" :
		    "a tag name must start with a letter";
		return -1;
	}
	t->name = s + i;
	t->name_len = j - i;
	while (j < len && fws(s[j]))
		j++;
	if (j == len || s[j] != '=') {
		*why = "a tag without \"=\"";
		return -1;
	}
	j++;
	while (j < len && fws(s[j]))
		j++;
	while (len > j && fws(s[len - 1]))
		len--;
	for (size_t k = j; k < len; k++)
		if ((unsigned char)s[k] < 0x21 && !fws(s[k])) {
			*why = "a control character in a tag value";
			return -1;
		} else if ((unsigned char)s[k] > 0x7e) {
			*why = "a non-ASCII byte in a tag value";
			return -1;
		}
	t->value = s + j;
	t->value_len = len - j;
	return 0;
}

int
dkim_tags_parse(const char *s, size_t len, struct dkim_tag *tags,
    size_t max, const char **why)
{
	size_t pos = 0, n = 0;

	while (pos < len) {
		const char *semi = memchr(s + pos, ';', len - pos);
		size_t end = semi ? (size_t)(semi - s) : len, k = pos;

		while (k < end && fws(s[k]))
			k++;
		if (k == end && !semi)
			break;	/* a trailing ";" (and FWS) is allowed */
		if (n == max) {
			*why = "too many tags";
			return -1;
		}
		if (tag_spec(s + pos, end - pos, &tags[n], why) == -1)
			return -1;
		for (size_t i = 0; i < n; i++)
			if (tags[i].name_len == tags[n].name_len &&
			    !memcmp(tags[i].name, tags[n].name,
			    tags[n].name_len)) {
				*why = "a tag appears twice";
				return -1;
			}
		n++;
		pos = semi ? end + 1 : len;
	}
	return (int)n;
}

const struct dkim_tag *
dkim_tag_get(const struct dkim_tag *tags, size_t n, const char *name)
{
	size_t nl = strlen(name);

	for (size_t i = 0; i < n; i++)
		if (tags[i].name_len == nl && !memcmp(tags[i].name, name, nl))
			return &tags[i];
	return NULL;
}
