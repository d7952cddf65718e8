/* util: allocation, buffers, files, UTF-8.  See util.h. */
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <nettle/base64.h>

static void (*oom_handler)(const char *what);

void
util_on_oom(void (*fn)(const char *what))
{
	oom_handler = fn;
	/*
	 * jansson (JSON everywhere: journal rows, templates' contexts, status
	 * --json) allocates through xmalloc too, so its out of memory ends in
	 * the same handler instead of a NULL that each caller would have to
	 * catch (json_dumps returning NULL went to puts and strlen).
	 */
	json_set_alloc_funcs(xmalloc, free);
}

void
util_oom(const char *what)
{
	if (oom_handler)
		oom_handler(what);
	abort();	/* no handler (tests, fuzzers), or it returned */
}

static void
oom(void)
{
	util_oom("malloc");
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xrealpath(const char *path)
{
	char *r = realpath(path, NULL);

	if (!r && errno == ENOMEM)
		util_oom("realpath");
	return r;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	buf_grow(&b, 127);	/* most strings fit: formatted once */
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b);
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		oom();
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc_slow(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list cp;
	int n;

	/* into the room there is: a second pass only when it was short */
	va_copy(cp, ap);
	n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, cp);
	va_end(cp);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;	/* and its NUL */
		return;
	}
	if (room)
		b->data[b->len] = '\0';	/* as it was */
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/*
 * All five of & < > " ' are escaped, so the result is safe in element text
 * and in attribute values whichever quote the template uses (' as &#39;,
 * not &apos;, which HTML 4 lacks).  What no XML 1.0 document may hold
 * goes too, so one pasted title cannot make the feed or a page
 * unreadable: a C0 control but tab, LF and CR becomes a space (Word's line
 * break is a \v), U+FFFE and U+FFFF become U+FFFD.
 */
void
buf_add_html_n(struct buf *b, const char *s, size_t n)
{
	size_t run = 0, skip;
	const char *rep;

	for (size_t i = 0; i < n; i++) {
		skip = 1;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\t': case '\n': case '\r': continue;
		case '\xef':
			if (n - i < 3 || s[i + 1] != '\xbf' ||
			    (s[i + 2] != '\xbe' && s[i + 2] != '\xbf'))
				continue;
			rep = "\xef\xbf\xbd";
			skip = 3;
			break;
		default:
			if ((unsigned char)s[i] >= 0x20)
				continue;
			rep = " ";
			break;
		}
		buf_add(b, s + run, i - run);
		buf_adds(b, rep);
		i += skip - 1;
		run = i + 1;
	}
	buf_add(b, s + run, n - run);
}

void
buf_add_html(struct buf *b, const char *s)
{
	if (s)
		buf_add_html_n(b, s, strlen(s));
}

void
buf_add_base64(struct buf *b, const void *p, size_t n)
{
	size_t len = BASE64_ENCODE_RAW_LENGTH(n);

	buf_grow(b, len);
	base64_encode_raw(b->data + b->len, n, p);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_add_urlpath(struct buf *b, const char *s)
{
	static const char x[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", c)) {
			buf_addc(b, c);
		} else {
			buf_addc(b, '%');
			buf_addc(b, x[c >> 4]);
			buf_addc(b, x[c & 15]);
		}
	}
}

int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
buf_add_pct_decoded(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] != '%') {
			buf_addc(b, s[i]);
			continue;
		}
		if (n - i < 3 || (hi = hex_digit(s[i + 1])) < 0 ||
		    (lo = hex_digit(s[i + 2])) < 0 || (hi | lo) == 0)
			return -1;
		buf_addc(b, hi * 16 + lo);
		i += 2;
	}
	return 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_add_shell_word(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
	    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	    (*p && strchr("@%+=:,./_-", *p)))
		p++;
	if (*s && !*p) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	}
	buf_addc(b, '\'');
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* FNV-1a, folding ASCII case when the set ignores it */
static size_t
str_hash(const char *s, int nocase)
{
	size_t h = 14695981039346656037u;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (nocase && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 1099511628211u;
	}
	return h;
}

/* The index of the slot holding s, or of the empty slot where it goes. */
static size_t
strset_find(const struct strset *set, const char *s)
{
	size_t mask = set->cap - 1, i = str_hash(s, set->nocase) & mask;
	int (*cmp)(const char *, const char *) = set->nocase ? strcasecmp :
	    strcmp;

	while (set->slot[i].key && cmp(set->slot[i].key, s))
		i = (i + 1) & mask;
	return i;
}

static void
strset_grow(struct strset *set)
{
	struct strset old = *set;

	set->cap = old.cap ? 2 * old.cap : 64;
	set->slot = xcalloc(set->cap, sizeof *set->slot);
	for (size_t i = 0; i < old.cap; i++)
		if (old.slot[i].key)
			set->slot[strset_find(set, old.slot[i].key)] =
			    old.slot[i];
	free(old.slot);
}

/* The slot of s, added (value NULL) when absent; *added says which. */
static struct strset_slot *
strset_slot_of(struct strset *set, const char *s, int *added)
{
	struct strset_slot *p;

	if (2 * (set->n + 1) > set->cap)	/* at most half full */
		strset_grow(set);
	p = &set->slot[strset_find(set, s)];
	*added = !p->key;
	if (*added) {
		p->key = xstrdup(s);
		p->val = NULL;
		set->n++;
	}
	return p;
}

int
strset_add(struct strset *set, const char *s)
{
	int added;

	strset_slot_of(set, s, &added);
	return !added;
}

void
strset_put(struct strset *set, const char *s, void *val)
{
	int added;

	strset_slot_of(set, s, &added)->val = val;
}

int
strset_has(const struct strset *set, const char *s)
{
	return set->n > 0 && set->slot[strset_find(set, s)].key != NULL;
}

void *
strset_get(const struct strset *set, const char *s)
{
	const struct strset_slot *p;

	if (set->n == 0)
		return NULL;
	p = &set->slot[strset_find(set, s)];
	return p->key ? p->val : NULL;
}

/* Backward-shift deletion (Knuth 6.4, algorithm R): no tombstones. */
void *
strset_del(struct strset *set, const char *s)
{
	size_t mask = set->cap - 1, i, j, home;
	void *val;

	if (set->n == 0 || !set->slot[i = strset_find(set, s)].key)
		return NULL;
	val = set->slot[i].val;
	free(set->slot[i].key);
	set->slot[i].key = NULL;
	set->slot[i].val = NULL;
	set->n--;
	for (j = (i + 1) & mask; set->slot[j].key; j = (j + 1) & mask) {
		home = str_hash(set->slot[j].key, set->nocase) & mask;
		/* move j into the hole at i unless its home lies in (i, j] */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		set->slot[i] = set->slot[j];
		set->slot[j].key = NULL;
		set->slot[j].val = NULL;
		i = j;
	}
	return val;
}

void
strset_free(struct strset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->slot[i].key);
	free(set->slot);
	set->slot = NULL;
	set->n = set->cap = 0;
}

/*
 * regular: only a regular file is read; the open does not wait for a
 * FIFO's writer (O_NONBLOCK has no effect on a regular file's reads).
 */
static int
slurp(const char *path, size_t max, struct buf *out, int regular)
{
	struct stat st;
	size_t total = 0, len0 = out->len;
	ssize_t n;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC |
	    (regular ? O_NONBLOCK : 0))) == -1) {
		warn("%s", path);
		return -1;
	}
	if (regular && (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))) {
		warnx("%s: not a regular file (a folder, FIFO, socket or "
		    "device): refused", path);
		close(fd);
		return -1;
	}
	/*
	 * read straight into out, sized once from the file's length (the
	 * room left over sees the end): no copy through the stack, where a
	 * secret would have to be wiped
	 */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < max)
		buf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		size_t room;

		buf_grow(out, out->cap > out->len + 1 ? 0 : 4096);
		room = out->cap - out->len - 1;
		if ((n = read(fd, out->data + out->len, room)) == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			warn("%s", path);
			goto out;
		}
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		total += (size_t)n;
		if (total > max) {
			warnx("%s: file is larger than the %zu byte limit",
			    path, max);
			goto out;
		}
	}
	rc = 0;
out:
	close(fd);
	if (rc == -1 && out->len > len0)	/* leave out as it was */
		explicit_bzero(out->data + len0, out->len - len0);
	if (rc == -1 && len0 == 0)
		buf_free(out);
	else if (rc == -1)
		out->len = len0, out->data[len0] = '\0';
	return rc;
}

int
slurp_file(const char *path, size_t max, struct buf *out)
{
	return slurp(path, max, out, 0);
}

int
slurp_regular(const char *path, size_t max, struct buf *out)
{
	return slurp(path, max, out, 1);
}

void
skip_utf8_bom(const char **s, size_t *n)
{
	if (*n >= 3 && !memcmp(*s, "\xef\xbb\xbf", 3)) {
		*s += 3;
		*n -= 3;
	}
}

const char *
foreign_bom(const char *s, size_t n)
{
	static const struct {
		const char *mark, *name;
		size_t len;
	} boms[] = {	/* UTF-32LE's starts as UTF-16LE's: first */
		{ "\xff\xfe\0\0", "UTF-32LE", 4 },
		{ "\0\0\xfe\xff", "UTF-32BE", 4 },
		{ "\xff\xfe", "UTF-16LE", 2 },
		{ "\xfe\xff", "UTF-16BE", 2 },
	};

	for (size_t i = 0; i < sizeof boms / sizeof *boms; i++)
		if (n >= boms[i].len && !memcmp(s, boms[i].mark, boms[i].len))
			return boms[i].name;
	return NULL;
}

int
utf8_file_check(const char *path, const char *s, size_t n)
{
	const char *enc = foreign_bom(s, n);
	size_t bad;

	if (enc) {
		warnx("%s:1: the file is %s, by its byte order mark, not "
		    "UTF-8: save it as UTF-8", path, enc);
		return -1;
	}
	if (utf8_valid(s, n, &bad))
		return 0;
	return utf8_refuse_at(path, s, bad, 0);
}

int
utf8_refuse_at(const char *path, const char *s, size_t bad, size_t line_base)
{
	/* an editor on a Chinese Windows saves ANSI: GBK */
	warnx("%s:%zu:%zu: invalid UTF-8 (the file must be UTF-8, not GBK, "
	    "GB18030 or another legacy encoding: save it as UTF-8)", path,
	    line_of(s, bad) + line_base, col_of(s, bad));
	return -1;
}

int
utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;
		unsigned cp;
		uint64_t w;

		/* most text is ASCII: eight bytes at a time while it lasts */
		if (c < 0x80 && i + 8 <= n) {
			memcpy(&w, p + i, 8);
			if (!(w & UINT64_C(0x8080808080808080))) {
				i += 8;
				continue;
			}
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			k = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			k = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			k = 3, cp = c & 0x07;
		else
			goto fail;
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (p[i + j] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (p[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto fail;
		i += k + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

/*
 * The length of the character at p[0..n) and its code point, or 0 when
 * p[0] starts no valid UTF-8 sequence there.
 */
static size_t
utf8_next(const unsigned char *p, size_t n, unsigned *cp)
{
	size_t k = p[0] < 0x80 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;

	if (k > n || !utf8_valid((const char *)p, k, NULL))
		return 0;
	*cp = k == 1 ? p[0] : k == 2 ? p[0] & 0x1fu : k == 3 ? p[0] & 0x0fu :
	    p[0] & 0x07u;
	for (size_t j = 1; j < k; j++)
		*cp = *cp << 6 | (p[j] & 0x3fu);
	return k;
}

/* A control, or a character that reorders or breaks the line shown. */
static int
cp_hidden(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x61c ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x2028 && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * What a log line or a terminal must not show raw: a control, a character
 * that reorders or breaks the line, or one shown as nothing (cp_unseen:
 * U+200B, U+FEFF, a soft hyphen, a Hangul filler, a variation selector,
 * a tag, ZWNJ and ZWJ too: in a quoted value they only make one string
 * look like another, "unsub<U+200B>scribe+" or "boun<U+3164>ces+" like
 * "unsubscribe+" or "bounces+").
 */
static int
cp_escaped(unsigned cp)
{
	return cp_hidden(cp) || cp_unseen(cp);
}

/* 1 when s holds bytes that are no UTF-8 or a code point want() takes. */
static int
holds(const char *s, int (*want)(unsigned cp))
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	unsigned cp;

	for (size_t i = 0; i < n; i += k)
		if (!(k = utf8_next(p + i, n - i, &cp)) || want(cp))
			return 1;
	return 0;
}

/* buf_add_printable, stopping with "..." past max bytes added. */
static void
add_printable(struct buf *b, const char *s, size_t n, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = b->len, k, len;
	unsigned cp = 0;

	for (size_t i = 0; i < n; i += k) {
		/* "<U+XXXX>", the longest piece, still fits */
		if (b->len - start + 8 > max) {
			buf_adds(b, "...");
			return;
		}
		k = len = utf8_next(p + i, n - i, &cp);
		if (!len || cp < 0x80) {
			k = 1;
			if (!len || cp_hidden(p[i]))
				buf_printf(b, "\\x%02x", p[i]);
			else
				buf_addc(b, p[i]);
		} else if (cp_escaped(cp)) {
			buf_printf(b, "<U+%04X>", cp);
		} else {
			buf_add(b, p + i, k);
		}
	}
}

void
buf_add_printable(struct buf *b, const char *s, size_t n)
{
	add_printable(b, s, n, SIZE_MAX);
	if (!b->data)
		buf_add(b, "", 0);
}

int
has_hidden(const char *s)
{
	return holds(s, cp_hidden);
}

const char *
printable(const char *s)
{
	static _Thread_local char slot[PRINTABLE_SLOTS][PRINTABLE_MAX + 4];
	static _Thread_local unsigned next;
	struct buf b = BUF_INIT;
	char *out;

	if (!s)
		return "(null)";
	if (!holds(s, cp_escaped))
		return s;
	add_printable(&b, s, strlen(s), PRINTABLE_MAX);
	out = slot[next++ % PRINTABLE_SLOTS];
	memcpy(out, b.data, b.len + 1);
	buf_free(&b);
	return out;
}

void
buf_add_json_shown(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0, k;
	unsigned cp;

	for (size_t i = 0; i < n; i += k) {
		k = 1;
		/* jansson writes every other character as it is */
		if (p[i] != 0x7f && (p[i] < 0xc2 || p[i] > 0xe2))
			continue;
		if (!(k = utf8_next(p + i, n - i, &cp)))
			k = 1;
		else if (cp_hidden(cp)) {
			buf_add(b, s + run, i - run);
			buf_printf(b, "\\u%04X", cp);
			run = i + k;
		}
	}
	buf_add(b, s + run, n - run);
}

void
json_print(const json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(1));
	struct buf b = BUF_INIT;

	buf_add_json_shown(&b, s, strlen(s));
	buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	free(s);
}

int
cp_invisible(unsigned cp)
{
	/* a variation selector changes the glyph before it (U+FE0F of an
	 * emoji, U+E0100 of a CJK variant): it is part of what is shown */
	int selector = (cp >= 0x180b && cp <= 0x180d) || cp == 0x180f ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

	return (cp >= 0x80 && cp <= 0x9f) || (cp_unseen(cp) && !selector);
}

size_t
utf8_find(const char *s, size_t n, int (*want)(unsigned cp), unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;

	for (size_t i = 0; i < n; i += k) {
		if (!(k = utf8_next(p + i, n - i, cp)))
			k = 1;
		else if (want(*cp))
			return i + 1;
	}
	return 0;
}

int
cp_unseen(unsigned cp)
{
	/* Default_Ignorable_Code_Point of Unicode 14.0, range by range
	 * (test_util checks each code point against Debian 12's perl) */
	static const unsigned di[][2] = {
		{ 0xad, 0xad }, { 0x34f, 0x34f }, { 0x61c, 0x61c },
		{ 0x115f, 0x1160 }, { 0x17b4, 0x17b5 }, { 0x180b, 0x180f },
		{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x206f },
		{ 0x3164, 0x3164 }, { 0xfe00, 0xfe0f }, { 0xfeff, 0xfeff },
		{ 0xffa0, 0xffa0 }, { 0xfff0, 0xfff8 }, { 0x1bca0, 0x1bca3 },
		{ 0x1d173, 0x1d17a }, { 0xe0000, 0xe0fff },
	};

	/* interlinear annotation marks: not default ignorable, yet
	 * browsers show them as nothing */
	if (cp >= 0xfff9 && cp <= 0xfffb)
		return 1;
	for (size_t i = 0; i < sizeof di / sizeof di[0]; i++)
		if (cp >= di[i][0] && cp <= di[i][1])
			return 1;
	return 0;
}

/*
 * 1 for a character shown as nothing (cp_unseen) that a name has
 * no use for: a zero-width space, a word joiner, a soft hyphen, a Hangul
 * filler (a name that shows as blank), tags (U+E0000-E007F: text no one
 * sees, in the editors' CSV too).  Kept are those that change the
 * letters the reader sees: ZWNJ and ZWJ (Persian, Indic scripts, emoji
 * sequences; IDNA2008 allows them in context for the same reason),
 * variation selectors (an emoji's presentation, an ideograph's variant
 * in a Chinese or Japanese name: U+E0100-E01EF) and Mongolian's free
 * variation selectors and vowel separator (U+180B-180F).
 */
static int
name_unseen(unsigned cp)
{
	if (cp == 0x200c || cp == 0x200d || (cp >= 0x180b && cp <= 0x180f) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) ||
	    (cp >= 0xe0100 && cp <= 0xe01ef))
		return 0;
	return cp_unseen(cp);
}

int
name_hides(const char *s)
{
	unsigned cp;

	return has_hidden(s) || utf8_find(s, strlen(s), name_unseen, &cp);
}

/*
 * Characters no address has a use for that make it look like another:
 * those shown as nothing, ZWJ and ZWNJ too (between the ASCII letters
 * of "bounces+" they join nothing), C1 controls, bidi controls and
 * marks, U+2028/2029.
 */
static int
cp_disguise(unsigned cp)
{
	return (cp >= 0x80 && cp_hidden(cp)) || cp_unseen(cp);
}

int
starts_hidden(const char *s, const char *prefix)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;
	unsigned cp;

	for (; *prefix; i += k) {
		if (i >= n)
			return 0;
		if (p[i] < 0x80) {
			if (strncasecmp(s + i, prefix, 1))
				return 0;
			prefix++;
			k = 1;
		} else if (!(k = utf8_next(p + i, n - i, &cp)) ||
		    !cp_disguise(cp)) {
			return 0;
		}
	}
	return 1;
}

size_t
line_of(const char *s, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off && s[i]; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

size_t
col_of(const char *s, size_t off)
{
	size_t col = 1, i = off;

	while (i > 0 && s[i - 1] != '\n')
		i--;
	for (; i < off; i++)
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	return col;
}

/* YYYY-MM-DD's numbers into v[3]: 0, or -1 when s has another form */
static int
ymd_numbers(const char *s, unsigned v[3])
{
	static const unsigned char at[3][2] = { { 0, 4 }, { 5, 2 }, { 8, 2 } };

	for (size_t i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return -1;
	if (s[10])
		return -1;
	for (size_t k = 0; k < 3; k++) {
		v[k] = 0;
		for (size_t i = at[k][0]; i < (size_t)at[k][0] + at[k][1]; i++)
			v[k] = v[k] * 10 + (unsigned)(s[i] - '0');
	}
	return 0;
}

int
date_ymd_check(const char *s, char *why, size_t n)
{
	static const char *const month[] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	static const unsigned char days[] = { 31, 28, 31, 30, 31, 30, 31,
	    31, 30, 31, 30, 31 };
	unsigned v[3], last;

	if (ymd_numbers(s, v) == -1)
		return -1;
	if (v[0] == 0 || v[1] < 1 || v[1] > 12) {
		snprintf(why, n, "there is no %s %u", v[0] ? "month" : "year",
		    v[0] ? v[1] : 0);
		return 0;
	}
	/* Gregorian leap years, as <time datetime> counts them */
	last = days[v[1] - 1] + (v[1] == 2 && v[0] % 4 == 0 &&
	    (v[0] % 100 || v[0] % 400 == 0));
	if (v[2] < 1 || v[2] > last) {
		snprintf(why, n, "%s %u has days 1 to %u", month[v[1] - 1],
		    v[0], last);
		return 0;
	}
	return 1;
}

char *
date_zh(const char *iso)
{
	unsigned v[3];
	char why[64];

	if (!iso)
		return NULL;
	if (date_ymd_check(iso, why, sizeof why) == 1 &&
	    ymd_numbers(iso, v) == 0)
		return xasprintf("%u年%u月%u日", v[0], v[1], v[2]);
	return xstrdup(iso);
}

void
num_zh(int n, char out[16])
{
	static const char *const digit[] = { "", "一", "二", "三", "四",
	    "五", "六", "七", "八", "九" };

	if (n < 1 || n > 99)
		snprintf(out, 16, "%d", n);
	else
		snprintf(out, 16, "%s%s%s", n >= 20 ? digit[n / 10] : "",
		    n >= 10 ? "十" : "", digit[n % 10]);
}

int
has_ctl_break(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0')
			return 1;
	return 0;
}

/* sync: fsync before the rename; public: mode exactly, whatever umask */
static int
write_file(const char *path, const void *data, size_t len, int mode,
    int sync, int public)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	const char *p = data;
	int fd;

	/* failures name path: the temporary name is no file the user knows */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd == -1) {
		warn("%s", path);
		free(tmp);
		return -1;
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			warn("%s", path);
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if ((public && fchmod(fd, (mode_t)mode) == -1) ||
	    (sync && fsync(fd) == -1) || close(fd) == -1) {
		fd = -1;
		warn("%s", path);
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		warn("%s", path);
		goto fail;
	}
	free(tmp);
	return 0;
fail:
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}

/* The folder's entries (renames, new files) on disk too. */
int
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd == -1 || fsync(fd) == -1) {
		warn("%s", dir);
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
write_file_atomic(const char *path, const void *data, size_t len, int mode)
{
	return write_file(path, data, len, mode, 1, 0);
}

int
write_file_atomic_mode(const char *path, const void *data, size_t len,
    int mode)
{
	return write_file(path, data, len, mode, 1, 1);
}

int
write_file_replace(const char *path, const void *data, size_t len, int mode)
{
	return write_file(path, data, len, mode, 0, 1);
}

int
mkdir_p(const char *path, int mode)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, mode) == -1 && errno != EEXIST) {
			warn("%s", p);
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, mode) == -1 && errno != EEXIST) {
		warn("%s", p);
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int
rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if (!(d = opendir(path)))
		return -1;
	while ((e = readdir(d))) {
		char *sub;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		sub = path_join(path, e->d_name);
		if (rm_rf(sub) == -1)
			rc = -1;
		free(sub);
	}
	closedir(d);
	if (rmdir(path) == -1)
		rc = -1;
	return rc;
}

int
dir_scan(const char *dir, struct dirent ***ents,
    int (*filter)(const struct dirent *),
    int (*cmp)(const struct dirent **, const struct dirent **))
{
	int n = scandir(dir, ents, filter, cmp);

	if (n == -1) {
		if (errno == ENOMEM)
			util_oom("scandir");
		warn("%s", dir);
	}
	return n;
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

int
host_port_split(const char *s, size_t n, char **host, unsigned *port)
{
	const char *end = s + n, *hend, *colon = NULL;
	long v;

	*host = NULL;
	*port = 0;
	if (n && *s == '[') {
		if (!(hend = memchr(s, ']', n)))
			return -1;
		colon = hend + 1 < end ? hend + 1 : NULL;
		if (colon && *colon != ':')
			return -1;
		s++;
	} else {
		colon = memchr(s, ':', n);
		/* an IPv6 address without brackets has no port */
		if (colon && memchr(colon + 1, ':', (size_t)(end - colon - 1)))
			colon = NULL;
		hend = colon ? colon : end;
	}
	if (hend == s || memchr(s, '\0', (size_t)(hend - s)))
		return -1;
	if (colon) {
		char digits[8];
		size_t dn = (size_t)(end - colon - 1);
		char *p;

		if (!dn || dn >= sizeof digits)
			return -1;
		memcpy(digits, colon + 1, dn);
		digits[dn] = '\0';
		v = strtol(digits, &p, 10);
		if (*p || digits[0] < '0' || digits[0] > '9' || v < 1 ||
		    v > 65535)
			return -1;
		*port = (unsigned)v;
	}
	*host = xstrndup(s, (size_t)(hend - s));
	return 0;
}

double
now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
warn_not_ours(const char *what, const char *file, const struct stat *st,
    const char *tail)
{
	struct passwd *pw = getpwuid(geteuid());
	char *me = xstrdup(pw ? pw->pw_name : "?");

	pw = getpwuid(st->st_uid);
	warnx("%s: %s: Permission denied: mailer runs as %s (uid %ld) and the "
	    "%s is owned by %s (uid %ld); chown it to %s%s", what, file, me,
	    (long)geteuid(), S_ISDIR(st->st_mode) ? "folder" : "file",
	    pw ? pw->pw_name : "?", (long)st->st_uid, me, tail);
	free(me);
}

char *
utf8_abbrev(const char *s, size_t max)
{
	size_t k = strlen(s);

	if (k <= max)
		return xstrdup(s);
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return xasprintf("%.*s...", (int)k, s);
}
