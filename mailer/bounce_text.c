/*
 * bounce_text: text primitives shared by the bounce modules (see
 * bounce_text.h): clean UTF-8 buffers, header blocks (RFC 5322), RFC 2047
 * encoded words through libetpan, RFC 3463 status codes and RFC 5321
 * reply classes in free text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "bounce_fold.h"
#include "bounce_mime.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_HDR_AREA	(256 * 1024)	/* header block scanned */
#define MAX_HDR_VALUE	8192		/* one unfolded header value */

const char *
bounce_find_ci(const char *s, size_t n, const char *pat)
{
	size_t pl = strlen(pat), i;
	unsigned char p0 = (unsigned char)pat[0];

	/* tolower() of no byte is a capital (mailer keeps the C locale) */
	if (pl == 0 || pl > n || (p0 >= 'A' && p0 <= 'Z'))
		return NULL;
	if (p0 < 'a' || p0 > 'z') {	/* a byte that has no other case */
		const char *at = s, *end = s + n - pl + 1;

		while ((at = memchr(at, p0, (size_t)(end - at))) != NULL) {
			if (!strncasecmp(at, pat, pl))
				return at;
			at++;
		}
		return NULL;
	}
	for (i = 0; i + pl <= n; i++)
		if (((unsigned char)s[i] | 0x20) == p0 &&
		    !strncasecmp(s + i, pat, pl))
			return s + i;
	return NULL;
}

char *
bounce_lower_dup(const char *s, size_t n)
{
	char *l = xmalloc(n + 1);

	l[bounce_fold(l, s, n)] = '\0';
	return l;
}

/* Appends s[0..n) without its CR and NUL bytes, in whole runs. */
static void
add_clean(struct buf *b, const char *s, size_t n)
{
	const char *end = s + n, *nul = memchr(s, '\0', n);

	while (s < end) {
		const char *stop = memchr(s, '\r', (size_t)(end - s));

		if (nul && nul < s)
			nul = memchr(s, '\0', (size_t)(end - s));
		if (nul && (!stop || nul < stop))
			stop = nul;
		if (!stop) {
			buf_add(b, s, (size_t)(end - s));
			return;
		}
		buf_add(b, s, (size_t)(stop - s));
		s = stop + 1;
	}
}

/* Appends s[0..n) dropping CR and replacing invalid UTF-8 with '?'. */
void
bounce_text_add(struct buf *b, const char *s, size_t n)
{
	size_t bad;

	if (b->len >= BOUNCE_TEXT_MAX)
		return;
	if (n > BOUNCE_TEXT_MAX - b->len)
		n = BOUNCE_TEXT_MAX - b->len;
	while (n > 0) {
		size_t ok = n;

		if (!utf8_valid(s, n, &bad))
			ok = bad;
		add_clean(b, s, ok);
		if (ok == n)
			break;
		buf_addc(b, '?');
		s += ok + 1;
		n -= ok + 1;
	}
	if (b->data == NULL)
		buf_add(b, "", 0);
}

/* Ends each sentence of the line s[0..n) with a newline. */
static void
break_sentences(char *s, size_t n)
{
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] == ' ' && strchr(".!?", s[i - 1]) &&
		    !bounce_is_blank(s[i + 1]))
			s[i] = '\n';
}

/*
 * 1 for a byte that may stand in an address (local part or domain): an
 * RFC 5322 atext character but '?' (a mailto link's query starts there),
 * '.', '@', or a byte of a UTF-8 one (RFC 6531).
 */
static int
addr_byte(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80 ||
	    (c && strchr(".@_%+-'=!#$&*/^`{|}~", c));
}

/*
 * 1 when the address around the '@' at p[at] is "<...>" with one newline
 * inside, perhaps folded (blanks after it: "<a@\n  example.net>"), which
 * is then marked '\0' with those blanks (a byte bounce_text_add never
 * keeps).
 */
static int
mark_wrapped(char *p, size_t len, size_t at)
{
	size_t a = at, z = at + 1, nl = 0, nb = 0;

	/* the run of address bytes around it, one newline allowed */
	for (; a > 0 && at - a < 254; a--) {
		size_t k = a - 1;

		while (k > 0 && bounce_is_blank(p[k]) && !nl)
			k--;
		if (p[k] == '\n' && !nl && k < a - 1 && k > 0) {
			nl = k;
			nb = a - 1 - k;
			a = k + 1;
		} else if (p[a - 1] == '\n' && !nl)
			nl = a - 1;
		else if (!addr_byte(p[a - 1]))
			break;
	}
	for (; z < len && z - at < 254; z++) {
		if (p[z] == '\n' && !nl) {
			nl = z;
			while (z + 1 < len && bounce_is_blank(p[z + 1])) {
				z++;
				nb++;
			}
		} else if (!addr_byte(p[z]))
			break;
	}
	if (!nl || a == 0 || p[a - 1] != '<' || z == len || p[z] != '>' ||
	    nl == a || nl + nb + 1 == z || memchr(p + a, '@', at - a) ||
	    memchr(p + at + 1, '@', z - at - 1))
		return 0;
	memset(p + nl, '\0', nb + 1);
	return 1;
}

/*
 * 1 when the address around the '@' at p[at] is the target of "<mailto:a>"
 * or "[mailto:a]", which a text rendering of a link writes after the
 * link's text ("a<mailto:a>", "a <mailto:a>", Outlook's "a [mailto:a]",
 * "Hans Müller<mailto:a>"), which is then marked '\0': all of it, with
 * the blanks before it, when the text is a itself (perhaps closed by ')',
 * '>' or a quote, or opened by one: Exchange 2003's "'a <mailto:a>' on
 * DATE"), else "mailto:", so that the name reads "Hans Müller <a>".
 */
static int
mark_mailto(char *p, size_t len, size_t at)
{
	size_t a = at, z = at + 1, al, k, j;
	char close;

	while (a > 0 && at - a < 254 && addr_byte(p[a - 1]))
		a--;
	if (a < 8 || p[a - 1] != ':' || (strncasecmp(p + a - 8, "<mailto:",
	    8) && strncasecmp(p + a - 8, "[mailto:", 8)))
		return 0;
	close = p[a - 8] == '<' ? '>' : ']';
	while (z < len && z - at < 254 && addr_byte(p[z]))
		z++;
	if (z == len || p[z] != close)
		return 0;
	al = z - a;
	/* the link's text may stand a blank or two before its target */
	for (j = a - 8; j > 0 && a - 8 - j < 2 && (p[j - 1] == ' ' ||
	    p[j - 1] == '\t'); j--)
		;
	k = j;
	if (k > 0 && strchr(")>\"'", p[k - 1]))
		k--;
	if (k >= al && !strncasecmp(p + k - al, p + a, al) &&
	    (k == al || !addr_byte(p[k - al - 1]) || p[k - al - 1] == '\'')) {
		memset(p + j, '\0', z + 1 - j);
		return 1;
	}
	memset(p + a - 7, '\0', 7);
	if (a > 8 && !isspace((unsigned char)p[a - 9])) {
		p[a - 8] = ' ';
		p[a - 1] = '<';
	} else {
		p[a - 8] = '<';
	}
	p[z] = '>';
	return 1;
}

/* 1 for a byte of a percent-encoded address's word: atext, '.', '%' */
static int
pct_word_char(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("._+-%", c));
}

/* The byte %XX at s[0..3) stands for, or -1 when it is no atext nor '@' */
static int
pct_byte(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *h, *l;
	int c;

	if (s[0] != '%' || !s[1] || !s[2] ||
	    !(h = strchr(hex, tolower((unsigned char)s[1]))) ||
	    !(l = strchr(hex, tolower((unsigned char)s[2]))))
		return -1;
	c = (int)(h - hex) * 16 + (int)(l - hex);
	return isalnum(c) || (c && strchr("!#$&'*+-/=?^_`{|}~.@", c)) ? c :
	    -1;
}

/*
 * Decodes the word p[s..e) in place when each "%XX" in it is an atext
 * byte or "@"; returns its new end, or e when it is left as it was.
 */
static size_t
pct_decode(char *p, size_t s, size_t e)
{
	size_t r, w = s;

	for (r = s; r < e; r++)
		if (p[r] == '%' && (r + 2 >= e || pct_byte(p + r) < 0))
			return e;
	for (r = s; r < e; w++)
		if (p[r] == '%') {
			p[w] = (char)pct_byte(p + r);
			r += 3;
		} else
			p[w] = p[r++];
	return w;
}

/*
 * An address a link's text shows percent-encoded ("anna%2Bnews%40
 * example.org", as Safe Links and urldefense render what they rewrote)
 * is read decoded, "anna+news@example.org": a word of its own, not one
 * inside a URL, where after "/", "=", "?", "&", ":" or "#" the encoded
 * form is a parameter's (a gateway's protected mailbox).
 */
/* The next "%40" in p[i..n), or NULL: memchr's vector scan, not memmem's. */
static char *
find_pct40(char *p, size_t i, size_t n)
{
	char *at;

	while (i + 3 <= n && (at = memchr(p + i, '%', n - i - 2))) {
		if (at[1] == '4' && at[2] == '0')
			return at;
		i = (size_t)(at - p) + 1;
	}
	return NULL;
}

static void
pct_addresses(struct buf *b)
{
	char *p = b->data, *at;
	size_t i = 0;

	while ((at = find_pct40(p, i, b->len))) {
		size_t k = (size_t)(at - p), s = k, e = k + 3, w;

		while (s && pct_word_char(p[s - 1]))
			s--;
		while (e < b->len && pct_word_char(p[e]))
			e++;
		while (e > k + 3 && p[e - 1] == '.')
			e--;
		i = k + 3;
		if (s == k || !memchr(p + k + 3, '.', e - k - 3) ||
		    (s && strchr("/=?&:#", p[s - 1])) ||
		    (e < b->len && p[e] && strchr("/=?&#", p[e])))
			continue;
		w = pct_decode(p, s, e);
		memmove(p + w, p + e, b->len - e);
		b->len -= e - w;
		p[b->len] = '\0';
		i = w;
	}
}

/*
 * Joins the addresses inside "<...>" that a newline splits, and takes out
 * the "<mailto:a>" of a link's text rendering (mark_mailto).
 */
static void
tidy_addresses(struct buf *b)
{
	char *p = b->data, *at = p;
	size_t w = 0, r = 0, marked = 0;

	/* only the '@'s are looked at: a notice has few */
	while ((at = memchr(at, '@', b->len - (size_t)(at - p)))) {
		size_t i = (size_t)(at++ - p);

		marked += (size_t)(mark_wrapped(p, b->len, i) ||
		    mark_mailto(p, b->len, i));
	}
	if (!marked)
		return;
	while (r < b->len) {
		const char *z = memchr(p + r, '\0', b->len - r);
		size_t e = z ? (size_t)(z - p) : b->len;

		memmove(p + w, p + r, e - r);
		w += e - r;
		r = e + (z != NULL);
	}
	b->len = w;
	p[w] = '\0';
}

/*
 * Drops the blanks that end each line: some systems pad every line with
 * them, and they would hide a line's end ("-- " + blanks, an address
 * alone on its line, "<a-wrapped" + blanks + newline + "-address>").
 * Blanks in a row within a line stay: they set a column apart ("VNM3043:
 * Mailbox does not exist  a").
 */
static void
trim_line_ends(struct buf *b)
{
	char *p = b->data;
	size_t w = 0;

	for (size_t r = 0; r < b->len; r++) {
		if (p[r] == '\n')
			while (w > 0 && (p[w - 1] == ' ' || p[w - 1] == '\t'))
				w--;
		p[w++] = p[r];
	}
	while (w > 0 && (p[w - 1] == ' ' || p[w - 1] == '\t'))
		w--;
	b->len = w;
	p[w] = '\0';
}

/*
 * 1 when the lines of p[0..n) are double spaced: no two in a row, an
 * odd number of blank lines between any two, and three or more between
 * two somewhere (a blank line written double).  One blank line between
 * every two is also how short paragraphs are written ("... not
 * delivered." / "" / "  To: <a>" / "" / "Sorry, ...").  Most text has two
 * lines in a row near its start.
 */
static int
spaced(const char *p, size_t n)
{
	size_t lines = 0, run = 0, i = 0;
	int para = 0;

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - p) : n;

		if (e > i) {
			if (lines && run % 2 == 0)
				return 0;
			para |= lines && run >= 3;
			lines++;
			run = 0;
		} else if (lines)
			run++;
		i = e + 1;
	}
	return para;
}

/*
 * Copies the part p[r..e) to p[w..), each run of 2k + 2 line ends
 * between two of its lines as k + 1 when it is double spaced; returns
 * the length written.
 */
static size_t
unspace_part(char *p, size_t w, size_t r, size_t e)
{
	size_t w0 = w;

	if (!spaced(p + r, e - r)) {
		if (w != r)
			memmove(p + w, p + r, e - r);
		return e - r;
	}
	while (r < e) {
		size_t c = 0;

		if (p[r] != '\n') {
			p[w++] = p[r++];
			continue;
		}
		while (r + c < e && p[r + c] == '\n')
			c++;
		r += c;
		/* the runs at the part's start and end stay */
		if (w > w0 && r < e)
			c /= 2;
		memset(p + w, '\n', c);
		w += c;
	}
	return w - w0;
}

/*
 * Takes out the blank line that follows every line of a double-spaced
 * part (spaced): a client that converted CRLF to a line's end twice, or
 * an HTML to text converter that made each line a paragraph, writes a
 * blank line after every line, and a blank one becomes three, so that a
 * per-recipient block or a Postfix entry ("<a>: host h said: 550 ..." /
 * "    5.1.1 User unknown") falls apart into paragraphs.  Each part of
 * the notice (BOUNCE_PART_SEP between two) is read on its own: an HTML
 * part's rendering beside a double-spaced text part is not.
 */
static void
unspace(struct buf *b)
{
	static const char sep[] = "\n" BOUNCE_PART_SEP;
	char *p = b->data;
	size_t r = 0, w = 0, f = 0;

	while (r < b->len) {
		const char *s = NULL;
		size_t e;

		/* the separator's form feed: one byte, found fast */
		while (f < b->len && (s = memchr(p + f, sep[1], b->len - f))) {
			f = (size_t)(s - p) + 1;
			if ((size_t)(s - p) > r && s[-1] == '\n' &&
			    f + sizeof sep - 3 <= b->len &&
			    !memcmp(s, sep + 1, sizeof sep - 2)) {
				s--;
				break;
			}
			s = NULL;
		}
		e = s ? (size_t)(s - p) + 1 : b->len;
		w += unspace_part(p, w, r, e);
		r = e;
		if (s) {
			memmove(p + w, p + r, sizeof sep - 2);
			w += sizeof sep - 2;
			r += sizeof sep - 2;
		}
	}
	b->len = w;
	p[w] = '\0';
}

void
bounce_text_relines(struct buf *b)
{
	const char *p = b->data, *nl;
	size_t start = 0;

	if (!p)
		return;
	trim_line_ends(b);
	unspace(b);
	pct_addresses(b);
	tidy_addresses(b);
	if (b->len < BOUNCE_LINE_MAX)
		return;
	for (; start < b->len; start = (size_t)(nl - p) + 1) {
		nl = memchr(p + start, '\n', b->len - start);
		if (!nl)
			nl = p + b->len;
		if ((size_t)(nl - p) - start >= BOUNCE_LINE_MAX)
			break_sentences(b->data + start,
			    (size_t)(nl - p) - start);
	}
}

/*
 * The ASCII a character U+2000-U+203F stands for, by its last UTF-8 byte
 * x (after E2 80): the spaces U+2002-U+200A and U+202F, the single and
 * double quotation marks U+2018-U+201F and the single guillemets; 0 for
 * the rest (dashes, dots).
 */
static unsigned char
typographic(unsigned char x)
{
	if ((x >= 0x82 && x <= 0x8a) || x == 0xaf)
		return ' ';
	if (x >= 0x98 && x <= 0x9b)
		return '\'';
	if ((x >= 0x9c && x <= 0x9f) || x == 0xb9 || x == 0xba)
		return '"';	/* and the single guillemets U+2039, U+203A */
	return 0;
}

/*
 * 1 when U+3000 + (x & 0x3f), by its last UTF-8 byte x (after E3 80), is
 * a CJK bracket: 〈〉《》「」『』【】 (U+3008-3011) and 〔〕〖〗〘〙〚〛
 * (U+3014-301B).  A notice sets an address in them as others quote it
 * ("收件人：【a@b】"); they fold to '"' as the typographic quotes do.
 */
static int
cjk_bracket(unsigned char x)
{
	return (x >= 0x88 && x <= 0x91) || (x >= 0x94 && x <= 0x9b);
}

/*
 * The full-width katakana of the half-width one U+FF61-FF9D at p[0..n)
 * (Japanese carriers' notices write "送信先ｱﾄﾞﾚｽ", rows say "アドレス"),
 * joined with a voicing mark U+FF9E or U+FF9F after it ("ﾄﾞ" as "ド"),
 * written to out as UTF-8; the bytes read, 0 for none.
 */
static size_t
halfwidth_kana(const unsigned char *p, size_t n, unsigned char out[3])
{
	/* U+FF61-FF9D as U+3000 + this: the punctuation, then the kana */
	static const unsigned char to[] = {
		0x02, 0x0c, 0x0d, 0x01, 0xfb,
		0xf2, 0xa1, 0xa3, 0xa5, 0xa7, 0xa9, 0xe3, 0xe5, 0xe7, 0xc3,
		0xfc, 0xa2, 0xa4, 0xa6, 0xa8, 0xaa, 0xab, 0xad, 0xaf, 0xb1,
		0xb3, 0xb5, 0xb7, 0xb9, 0xbb, 0xbd, 0xbf, 0xc1, 0xc4, 0xc6,
		0xc8, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd2, 0xd5, 0xd8,
		0xdb, 0xde, 0xdf, 0xe0, 0xe1, 0xe2, 0xe4, 0xe6, 0xe8, 0xe9,
		0xea, 0xeb, 0xec, 0xed, 0xef, 0xf3,
	};
	unsigned cp, k;
	size_t used = 3;

	if (n < 3 || p[0] != 0xef || (p[1] != 0xbd && p[1] != 0xbe) ||
	    (p[2] & 0xc0) != 0x80)
		return 0;
	cp = 0xf000 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
	if (cp < 0xff61 || cp > 0xff9d)
		return 0;
	k = 0x3000u + to[cp - 0xff61];
	if (n >= 6 && p[3] == 0xef && p[4] == 0xbe && (p[5] == 0x9e ||
	    p[5] == 0x9f)) {
		int semi = p[5] == 0x9f;
		int ha = k == 0x30cf || k == 0x30d2 || k == 0x30d5 ||
		    k == 0x30d8 || k == 0x30db;

		if (ha) {
			k += semi ? 2 : 1;
			used = 6;
		} else if (!semi && k >= 0x30ab && k <= 0x30c8 &&
		    k != 0x30c3) {
			k++;
			used = 6;
		} else if (!semi && k == 0x30a6) {
			k = 0x30f4;
			used = 6;
		}
	}
	out[0] = 0xe3;
	out[1] = (unsigned char)(0x80 | (k >> 6 & 0x3f));
	out[2] = (unsigned char)(0x80 | (k & 0x3f));
	return used;
}

/*
 * The length of the bidi control at p[0..n) (U+200E, U+200F, U+061C,
 * U+202A-U+202E, U+2066-U+2069); 0 when none starts there.
 */
static size_t
bidi_len(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xd8 && p[1] == 0x9c)
		return 2;
	if (n < 3 || p[0] != 0xe2)
		return 0;
	if (p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
	    (p[2] >= 0xaa && p[2] <= 0xae)))
		return 3;
	return p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9 ? 3 : 0;
}

/*
 * 1 when the bidi control at p[r] stands between two characters of one
 * address ("bounces+AAAA<U+202E>BBBB@b"): what hides there is kept for
 * bounces.c to see.  Anywhere else it only sets the direction of the
 * text beside it ("<U+200F>a@b<U+200F>", an address between U+2067 and
 * U+2069 in Arabic or Hebrew text), and reading it would cut the line
 * from its address.
 */
static int
bidi_inside(const unsigned char *p, size_t w, size_t r, size_t n)
{
	size_t k = r, len;

	while ((len = bidi_len(p + k, n - k)))
		k += len;
	/* one kept before it was inside too: look past it */
	for (;;) {
		if (w >= 3 && bidi_len(p + w - 3, 3))
			w -= 3;
		else if (w >= 2 && bidi_len(p + w - 2, 2))
			w -= 2;
		else
			break;
	}
	/* a full stop after it ends the sentence, not the domain */
	if (k < n && (p[k] == '.' || p[k] == '-') &&
	    (k + 1 == n || !isalnum(p[k + 1])))
		return 0;
	return w > 0 && k < n && p[w - 1] < 0x80 && p[k] < 0x80 &&
	    addr_byte((char)p[w - 1]) && addr_byte((char)p[k]);
}

void
bounce_fold_wide(struct buf *b)
{
	unsigned char *p = (unsigned char *)b->data;
	size_t w = 0;

	if (!p || (!memchr(p, 0xef, b->len) && !memchr(p, 0xe3, b->len) &&
	    !memchr(p, 0xe2, b->len) && !memchr(p, 0xc2, b->len) &&
	    !memchr(p, 0xd8, b->len)))
		return;
	for (size_t r = 0; r < b->len; r++) {
		unsigned char c = p[r], to = 0, kana[3];
		size_t len = 0, kl = c == 0xef ? halfwidth_kana(p + r,
		    b->len - r, kana) : 0;

		if ((c == 0xe2 || c == 0xd8) &&
		    (len = bidi_len(p + r, b->len - r)) &&
		    !bidi_inside(p, w, r, b->len)) {
			r += len - 1;
			continue;
		}
		len = 0;
		if (kl) {
			memcpy(p + w, kana, 3);
			w += 3;
			r += kl - 1;
			continue;
		}
		if (r + 2 < b->len && c == 0xef && (p[r + 1] == 0xbc ||
		    p[r + 1] == 0xbd) && p[r + 2] >= 0x80 && p[r + 2] <= 0xbf) {
			unsigned cp = 0xf000 | (p[r + 1] & 0x3fu) << 6 |
			    (p[r + 2] & 0x3fu);

			if (cp >= 0xff01 && cp <= 0xff5e) {
				to = (unsigned char)(cp - 0xfee0);
				len = 3;
			}
		} else if (r + 2 < b->len && c == 0xe3 && p[r + 1] == 0x80 &&
		    p[r + 2] == 0x80) {
			to = ' ';
			len = 3;
		} else if (r + 2 < b->len && c == 0xe3 && p[r + 1] == 0x80 &&
		    cjk_bracket(p[r + 2])) {
			to = '"';
			len = 3;
		} else if (r + 2 < b->len && c == 0xe2 && p[r + 1] == 0x80) {
			to = typographic(p[r + 2]);
			len = 3;
		} else if (r + 1 < b->len && c == 0xc2 && (p[r + 1] == 0xa0 ||
		    p[r + 1] == 0xab || p[r + 1] == 0xbb)) {
			/* U+00A0; the guillemets U+00AB, U+00BB quote as '"' */
			to = p[r + 1] == 0xa0 ? ' ' : '"';
			len = 2;
		}
		if (to) {
			p[w++] = to;
			r += len - 1;
			continue;
		}
		p[w++] = c;
	}
	b->len = w;
	b->data[w] = '\0';
}

/*
 * 1 when s[0..n) is printable ASCII, TAB, CR or LF only: text that every
 * charset ascii_charset() accepts converts to itself.
 */
int
bounce_plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c > 0x7e)
			return 0;
	}
	return 1;
}

void
bounce_add_utf8(struct buf *t, unsigned long c)
{
	if (!c || c > 0x10FFFF)
		return;
	if (c < 0x80) {
		buf_addc(t, (char)c);
	} else if (c < 0x800) {
		buf_addc(t, (char)(0xC0 | c >> 6));
		buf_addc(t, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_addc(t, (char)(0xE0 | c >> 12));
		buf_addc(t, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_addc(t, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_addc(t, (char)(0xF0 | c >> 18));
		buf_addc(t, (char)(0x80 | (c >> 12 & 0x3F)));
		buf_addc(t, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_addc(t, (char)(0x80 | (c & 0x3F)));
	}
}

/* Length of the header block at s (up to, not including, the blank line). */
size_t
bounce_header_len(const char *s, size_t n)
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
/*
 * Trims b's white space at both ends.  A value that starts on a
 * continuation line ("Subject:\n  text") would otherwise keep that line's
 * leading blanks: unfolding (RFC 5322 2.2.3) keeps them.
 */
static void
trim(struct buf *b)
{
	size_t k = 0;

	while (b->len && isspace((unsigned char)b->data[b->len - 1]))
		b->data[--b->len] = '\0';
	while (k < b->len && isspace((unsigned char)b->data[k]))
		k++;
	memmove(b->data, b->data + k, b->len - k + 1);
	b->len -= k;
}

/*
 * The value of the field whose name and ':' end at h[j - 1]: unfolded,
 * cleaned by bounce_text_add and trimmed, into out.
 */
static void
header_value(const char *h, size_t n, size_t j, struct buf *out)
{
	while (j < n && (h[j] == ' ' || h[j] == '\t'))
		j++;
	for (;;) {
		const char *e = memchr(h + j, '\n', n - j);
		size_t el = e ? (size_t)(e - (h + j)) : n - j;

		if (out->len + el > MAX_HDR_VALUE)
			el = MAX_HDR_VALUE - out->len;
		bounce_text_add(out, h + j, el);
		j += el + 1;
		if (!e || j >= n || (h[j] != ' ' && h[j] != '\t'))
			break;
		if (out->len >= MAX_HDR_VALUE)
			break;
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
	trim(out);
}

int
bounce_header_get(const char *h, size_t n, const char *name, int nth,
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
			header_value(h, n, i + nl + 1, out);
			return 1;
		}
		i += ll + 1;
	}
	return 0;
}

void
bounce_hdrs_index(struct bounce_hdrs *x, const char *h, size_t n)
{
	size_t i = 0, cap = 0;

	memset(x, 0, sizeof *x);
	x->h = h;
	x->n = n;
	while (i < n) {
		const char *line = h + i;
		const char *eol = memchr(line, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - line) : n - i;
		const char *colon;

		/* a folded line's blank never starts a field's name */
		if (ll && line[0] != ' ' && line[0] != '\t' &&
		    (colon = memchr(line, ':', ll)) != NULL) {
			if (x->nf == cap) {
				cap = cap ? 2 * cap : 32;
				x->f = xrealloc(x->f, cap * sizeof *x->f);
			}
			x->f[x->nf].at = i;
			x->f[x->nf++].namelen = (size_t)(colon - line);
		}
		i += ll + 1;
	}
}

int
bounce_hdrs_get(const struct bounce_hdrs *x, const char *name, int nth,
    struct buf *out)
{
	size_t nl = strlen(name);

	buf_reset(out);
	for (size_t k = 0; k < x->nf; k++) {
		const char *line = x->h + x->f[k].at;

		if (x->f[k].namelen == nl &&
		    (line[0] | 0x20) == (name[0] | 0x20) &&
		    !strncasecmp(line, name, nl) && nth-- == 0) {
			header_value(x->h, x->n, x->f[k].at + nl + 1, out);
			return 1;
		}
	}
	return 0;
}

void
bounce_hdrs_free(struct bounce_hdrs *x)
{
	free(x->f);
	memset(x, 0, sizeof *x);
}

/* RFC 2047 decoding of a header value into UTF-8; caller frees. */
char *
bounce_decode_2047(const char *v)
{
	size_t idx = 0, n = strlen(v);
	char *res = NULL;
	struct buf b = BUF_INIT;
	int r;

	/*
	 * No encoded word, nothing to convert: libetpan would only join the
	 * words with one space (after iconv_open per word), so do just that.
	 */
	if (!strstr(v, "=?") && bounce_plain_ascii(v, n) &&
	    !strpbrk(v, "\r\n")) {
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
	/*
	 * Bytes outside encoded words are read as UTF-8 (RFC 6532): the
	 * value came through bounce_text_add, which leaves valid UTF-8 only,
	 * so a raw "Respuesta automática" keeps its letters.
	 */
	r = mailmime_encoded_phrase_parse("utf-8", v, n, &idx, "utf-8",
	    &res);
	if (r == MAILIMF_ERROR_MEMORY)
		util_oom("libetpan");	/* 71, not a header left encoded */
	if (r == MAILIMF_NO_ERROR && res) {
		bounce_text_add(&b, res, strlen(res));
		free(res);
	} else
		bounce_text_add(&b, v, n);
	return buf_detach(&b);
}

/* A valid enhanced status code at s ("5.1.1"), copied to out.  */
int
bounce_status_at(const char *s, size_t n, size_t i, char out[16])
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
int
bounce_find_status(const char *s, size_t n, char out[16])
{
	char two[16] = "";
	const char *dot = s, *end = s + n;

	/* a code's first dot follows its class digit: try only there */
	while (n > 1 && (dot = memchr(dot + 1, '.', (size_t)(end - dot - 1)))) {
		size_t i = (size_t)(dot - s) - 1;
		char st[16];

		if (bounce_status_at(s, n, i, st)) {
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

/*
 * The number of digits at s[k..n); a telephone number's masked ones
 * ("400-xxx-xxxx", "400-***-1234") count as digits.
 */
static size_t
digits_at(const char *s, size_t n, size_t k)
{
	size_t d = 0;

	while (k + d < n && (isdigit((unsigned char)s[k + d]) ||
	    s[k + d] == 'x' || s[k + d] == 'X' || s[k + d] == '*'))
		d++;
	return d;
}

/*
 * 1 when the three digits at s[i..], a '-' or a blank after them, open a
 * telephone number rather than a reply: a group of four digits or more
 * follows ("+1 555 0100"), or one of three and, after another '-' or
 * blank, one of three or more ("400-123-4567", "致电 400 123 4567"),
 * neither going on with a dot and a digit.  A reply's status has its
 * dot after one digit ("550 5.1.1", "550-5.1.1").
 */
static int
phone_at(const char *s, size_t n, size_t i)
{
	size_t k = i + 4, d = digits_at(s, n, k);

	if (d < 4) {
		if (d != 3 || k + 3 >= n ||
		    (s[k + 3] != '-' && s[k + 3] != ' '))
			return 0;
		k += 4;
		if ((d = digits_at(s, n, k)) < 3)
			return 0;
	}
	/* "4567." ends a sentence; "1234.5" goes on with a number */
	return k + d + 1 >= n || s[k + d] != '.' ||
	    !isdigit((unsigned char)s[k + d + 1]);
}

/*
 * SMTP reply class (4 or 5) of the first "4xx "/"5xx " code, or 0.  A
 * number after a dot is none: "X.400 diagnostic" names a standard; nor
 * is a telephone number's first group ("call 400-123-4567").
 */
int
bounce_smtp_class(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 < n; i++)
		if ((s[i] == '4' || s[i] == '5') &&
		    (i == 0 || !(isalnum((unsigned char)s[i - 1]) ||
		    s[i - 1] == '.')) &&
		    isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) &&
		    (s[i + 3] == ' ' || s[i + 3] == '-') &&
		    s[i + 1] <= '5' && !phone_at(s, n, i))
			return s[i] - '0';
	return 0;
}

/* A reply code "NNN-" or "NNN " at s[i] (class 2, 4 or 5), not in a word. */
static int
reply_code_at(const char *s, size_t n, size_t i)
{
	return i + 4 <= n && (s[i] == '2' || s[i] == '4' || s[i] == '5') &&
	    isdigit((unsigned char)s[i + 1]) &&
	    isdigit((unsigned char)s[i + 2]) &&
	    (s[i + 3] == '-' || s[i + 3] == ' ') &&
	    (i == 0 || !(isalnum((unsigned char)s[i - 1]) ||
	    s[i - 1] == '.' || s[i - 1] == '-'));
}

/*
 * Where the line holding s[i] starts when only blanks and a transcript's
 * "<<<" stand before s[i] on it, not before floor; i otherwise.
 */
static size_t
line_lead(const char *s, size_t floor, size_t i)
{
	size_t b = i;

	while (b > floor && (bounce_is_blank(s[b - 1]) || s[b - 1] == '<'))
		b--;
	return b == 0 || s[b - 1] == '\n' ? b : i;
}

int
bounce_reply_unwrap(const char *s, size_t n, struct buf *out)
{
	const char *hy = s;
	size_t i, from, k;
	int cut = 0;

	/* the first line of a multi-line reply: "550-" */
	for (;;) {
		hy = memchr(hy, '-', (size_t)(s + n - hy));
		if (!hy)
			return 0;
		i = (size_t)(hy - s);
		if (i >= 3 && reply_code_at(s, n, i - 3))
			break;
		hy++;
	}
	out->len = 0;
	from = 0;
	k = i + 1;
	while (k + 4 <= n) {
		size_t lead, e;
		char st[16];

		if (s[k] != s[i - 3] || !(bounce_is_blank(s[k - 1]) ||
		    s[k - 1] == '\n' || s[k - 1] == '<') ||
		    memcmp(s + k, s + i - 3, 3) || !reply_code_at(s, n, k)) {
			k++;
			continue;
		}
		/* the same code again: drop it, its status code and its lead */
		lead = line_lead(s, from, k);
		buf_add(out, s + from, lead - from);
		e = k + 4;
		if (bounce_status_at(s, n, e, st)) {
			e += strlen(st);
			if (e < n && bounce_is_blank(s[e]))
				e++;
		}
		/* an empty line of the reply ("550-5.1.1") joins its lines */
		if ((e == n || s[e] == '\n') && out->len &&
		    out->data[out->len - 1] == '\n')
			out->len--;
		from = k = e;
		cut = 1;
	}
	if (!cut)
		return 0;
	buf_add(out, s + from, n - from);
	buf_addc(out, '\0');
	out->len--;
	return 1;
}
