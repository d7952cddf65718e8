/*
 * bounce_addr: addresses as notices write them, and address sets (see
 * bounce_addr.h).
 */
#include <ctype.h>
#include <idn2.h>
#include <libpsl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce_addr.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

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
 * The code point of the UTF-8 sequence at s[i] (i < n) and its length in
 * *len; 0 when it is malformed.
 */
static unsigned
utf8_at(const char *s, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t k = n - i, l;
	unsigned c;

	if (u[0] < 0xc2 || u[0] > 0xf4)
		return 0;
	l = u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
	if (k < l)
		return 0;
	c = u[0] & (0xff >> (l + 1));
	for (size_t j = 1; j < l; j++) {
		if ((u[j] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (u[j] & 0x3f);
	}
	*len = l;
	return c;
}

/*
 * 1 for a letter that may stand in an address met anywhere: Latin, Greek
 * and Cyrillic ones (RFC 6531 addresses), whose scripts put spaces between
 * words.  CJK text runs into the words around it ("发送给a@b的邮件"), so
 * its characters count only inside brackets (wide).  An invisible
 * character (cp_invisible: U+202E, U+200B, U+00AD, a C1 control) is read
 * as part of the address it stands in: stopping there would cut
 * "bounces+AAAA<U+202E>BBBB@b" in two and keep "BBBB@b", an address
 * nobody wrote (addr_trim takes one at either end off again).
 */
static int
intl_char(unsigned c, int wide)
{
	if ((c >= 0xc0 && c <= 0x24f && c != 0xd7 && c != 0xf7) ||
	    cp_invisible(c) ||
	    (c >= 0x370 && c <= 0x52f && c != 0x37e && c != 0x387))
		return 1;
	return wide && c >= 0x80 && !(c >= 0x2000 && c <= 0x206f) &&
	    !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff20) &&
	    c != 0xa0 && c != 0xfeff;
}

/* The start of the non-ASCII character that ends at s[i - 1], or i. */
static size_t
intl_before(const char *s, size_t n, size_t i, int wide)
{
	size_t k = i, len;
	unsigned c;

	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--;
	if (k == 0 || k == i)
		return i;
	k--;
	c = utf8_at(s, n, k, &len);
	return c && k + len == i && intl_char(c, wide) ? k : i;
}

/* The length of the non-ASCII character at s[j] (0 when it is none). */
static size_t
intl_at(const char *s, size_t n, size_t j, int wide)
{
	size_t len;
	unsigned c = utf8_at(s, n, j, &len);

	return c && intl_char(c, wide) ? len : 0;
}

/*
 * The end of a domain literal opening at s[j] ('['): an IPv4 address
 * ("[192.0.2.1]") or an IPv6 one behind its tag ("[IPv6:2001:db8::1]"),
 * RFC 5321 4.1.3; 0 when there is none.
 */
static size_t
literal_end(const char *s, size_t n, size_t j)
{
	size_t k = j + 1, dots = 0, digits = 0;
	int v6 = 0;

	if (n - k > 5 && !strncasecmp(s + k, "ipv6:", 5)) {
		v6 = 1;
		k += 5;
	}
	for (; k < n && k - j < 64 && s[k] != ']'; k++) {
		if (v6 ? !(isxdigit((unsigned char)s[k]) || s[k] == ':' ||
		    s[k] == '.') : !(isdigit((unsigned char)s[k]) ||
		    s[k] == '.'))
			return 0;
		dots += s[k] == '.';
		digits += isxdigit((unsigned char)s[k]) != 0;
	}
	if (k >= n || s[k] != ']' || !digits || (!v6 && dots != 3))
		return 0;
	return k + 1;
}

/*
 * The start of a quoted local part ('"first last"@b', RFC 5321 4.1.2)
 * whose closing quote is s[at - 1], or at when there is none: printable
 * characters and "\x" pairs on one line, opened after no word character.
 */
static size_t
quoted_start(const char *s, size_t at)
{
	size_t k = at - 1;

	if (at < 3 || s[k] != '"')
		return at;
	while (k > 0 && at - k < 66) {
		unsigned char c = (unsigned char)s[k - 1];

		if (c == '"' && !(k > 1 && s[k - 2] == '\\'))
			break;
		if (c < 0x20 || c == 0x7f)
			return at;
		k--;
	}
	if (k == 0 || s[k - 1] != '"' || k + 1 >= at)
		return at;
	k--;
	if (k > 0 && (local_char((unsigned char)s[k - 1]) ||
	    (unsigned char)s[k - 1] >= 0x80))
		return at;
	return k;
}

/*
 * a ('"first.last"@b') without the quotes of its local part when what
 * they hold is a dot-atom: the quoted and the unquoted forms are the same
 * mailbox (RFC 5322 3.2.4 and 3.4.1), written with quotes by an MTA that
 * quotes every local part.  a is changed in place and returned.
 */
char *
bounce_unquote_local(char *a)
{
	size_t q = 1;

	if (!a || a[0] != '"')
		return a;
	for (; a[q] && a[q] != '"'; q++)
		if (!(isalnum((unsigned char)a[q]) ||
		    strchr("!#$%&'*+-/=?^_`{|}~", a[q]) ||
		    (a[q] == '.' && q > 1 && a[q - 1] != '.')))
			return a;
	if (a[q] != '"' || a[q + 1] != '@' || q < 2 || a[q - 1] == '.')
		return a;
	memmove(a, a + 1, q - 1);
	memmove(a + q - 1, a + q + 1, strlen(a + q + 1) + 1);
	return a;
}

/* bounce_addr_around, reading non-ASCII letters as intl_char(wide) does. */
static int
addr_scan(const char *s, size_t n, size_t at, int wide, size_t *b, size_t *e)
{
	size_t i = at, j = at + 1, k;
	int dot = 0;

	if ((k = quoted_start(s, at)) < at) {
		i = k;
		goto domain;
	}
	while (i > 0 && at - i < 64) {
		if (local_char((unsigned char)s[i - 1]))
			i--;
		else if ((unsigned char)s[i - 1] >= 0x80 &&
		    (k = intl_before(s, n, i, wide)) < i)
			i = k;
		else
			break;
	}
	/* notices quote addresses ('a@b'): a leading quote is no local part */
	while (i < at && (s[i] == '.' || s[i] == '\'' || s[i] == '`'))
		i++;
	/*
	 * an X.400 address's SMTP attribute ("c=US;a= ;p=Org;o=HQ;
	 * dda:SMTP=a@b;", Exchange's Internet Mail Service): "SMTP=" is the
	 * attribute's name, not the local part's start
	 */
	if (at - i > 5 && !strncasecmp(s + i, "smtp=", 5))
		i += 5;
domain:
	if (j < n && s[j] == '[' && (k = literal_end(s, n, j)) > 0) {
		if (i == at)
			return 0;
		*b = i;
		*e = k;
		return 1;
	}
	while (j < n && j - at < 255) {
		/* no empty label: Sendmail's "a@b...User unknown" ends at b */
		if (s[j] == '.' && j + 1 < n && s[j + 1] == '.')
			break;
		if (domain_char((unsigned char)s[j])) {
			dot |= s[j] == '.';
			j++;
		} else if ((unsigned char)s[j] >= 0x80 &&
		    (k = intl_at(s, n, j, wide)) > 0)
			j += k;
		else
			break;
	}
	while (j > at + 1 && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	if (i == at || j == at + 1 || !dot || s[at + 1] == '.')
		return 0;
	*b = i;
	*e = j;
	return 1;
}

/*
 * 1 when c is CJK punctuation: the ideographic space and marks
 * (U+3000-303F: "、", "。", "「") and the fullwidth forms' (U+FF01-FF0F,
 * FF1A-FF20, FF3B-FF40, FF5B-FF65: "：", "，", "（").  CJK text sets a
 * word off with them where other scripts put a blank.
 */
static int
cjk_punct(unsigned c)
{
	return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) ||
	    (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65);
}

/* 1 when the character ending at s[i - 1] is CJK punctuation. */
static int
cjk_punct_before(const char *s, size_t n, size_t i)
{
	size_t len;
	unsigned c;

	if (i < 3 || ((unsigned char)s[i - 1] & 0xc0) != 0x80)
		return 0;
	c = utf8_at(s, n, i - 3, &len);
	return c && len == 3 && cjk_punct(c);
}

/* 1 when the character at s[j] is CJK punctuation. */
static int
cjk_punct_at(const char *s, size_t n, size_t j)
{
	size_t len;
	unsigned c = utf8_at(s, n, j, &len);

	return c && cjk_punct(c);
}

/*
 * 1 when s[i..j), an address read with wide characters, has an ASCII
 * local part after a blank, a colon, an opening bracket or quote, CJK
 * punctuation (the notice's text may have folded it: "：" is ":") or the
 * line's start, and a domain that starts or ends with a non-ASCII
 * character (checked first: it is cheap and rare) and ends at a blank,
 * CJK punctuation, the text's end, a mark no domain holds ("，" folded to
 * ",", ")") or a full stop before one of the first three: no CJK word
 * runs into it on either side ("收件人：a@例子.中国，原因：...").
 */
static int
spaced_intl_domain(const char *s, size_t n, size_t i, size_t at, size_t j)
{
	/* the domain's first or last character is non-ASCII */
	if (j < at + 2 || ((unsigned char)s[at + 1] < 0x80 &&
	    (unsigned char)s[j - 1] < 0x80))
		return 0;
	if (i == at || (i > 0 && !isspace((unsigned char)s[i - 1]) &&
	    !(s[i - 1] && strchr(":([\"'", s[i - 1])) &&
	    !cjk_punct_before(s, n, i)))
		return 0;
	for (size_t k = i; k < at; k++)
		if ((unsigned char)s[k] >= 0x80)
			return 0;
	if (j < n && (unsigned char)s[j] >= 0x80)
		return cjk_punct_at(s, n, j);
	/* a mark no domain holds ends it, whatever follows */
	if (j < n && s[j] && strchr(",;:)]\"'", s[j]))
		return 1;
	if (j < n && s[j] == '.')
		j++;
	return j >= n || isspace((unsigned char)s[j]) ||
	    cjk_punct_at(s, n, j);
}

/* 1 when the character at s[k] is invisible (cp_invisible); sets *len. */
static int
invisible_at(const char *s, size_t n, size_t k, size_t *len)
{
	unsigned c = utf8_at(s, n, k, len);

	return c && cp_invisible(c);
}

/*
 * [*b, *e) around the '@' at s[at] without the invisible characters at
 * its two ends, nor the dots or hyphens they held off: in right-to-left
 * text a mark sets an address's direction beside it ("<U+200E>a@b").
 * Returns 0 when no local part or domain is left.
 */
static int
addr_trim(const char *s, size_t n, size_t at, size_t *b, size_t *e)
{
	size_t i = *b, j = *e, len, k;

	while (i < at && invisible_at(s, n, i, &len))
		i += len;
	while (j > at + 1) {
		if (s[j - 1] == '.' || s[j - 1] == '-') {
			j--;
			continue;
		}
		for (k = j - 1; k > at + 1 && j - k < 4 &&
		    ((unsigned char)s[k] & 0xc0) == 0x80; k--)
			;
		if (!invisible_at(s, n, k, &len) || k + len != j)
			break;
		j = k;
	}
	if (i == at || j == at + 1)
		return 0;
	*b = i;
	*e = j;
	return 1;
}

/*
 * [b, e) as addr_trim leaves it, or as it is (whole) when that leaves an
 * address at all.
 */
static int
addr_ends(const char *s, size_t n, size_t at, int whole, size_t *b,
    size_t *e)
{
	size_t i = *b, j = *e;

	if (!addr_trim(s, n, at, &i, &j))
		return 0;
	if (!whole) {
		*b = i;
		*e = j;
	}
	return 1;
}

/*
 * bounce_addr_around; whole keeps the invisible characters at the
 * address's two ends (addr_trim), as "<...>" does.
 */
static int
addr_around(const char *s, size_t n, size_t at, int whole, size_t *b,
    size_t *e)
{
	size_t i, j;
	int wide = addr_scan(s, n, at, 1, &i, &j);

	/* CJK and other characters only inside "<...>" */
	if (wide && i > 0 && s[i - 1] == '<' && j < n && s[j] == '>') {
		*b = i;
		*e = j;
		return addr_ends(s, n, at, 1, b, e);
	}
	/*
	 * or in a domain set off by blanks from the words around it, its
	 * local part ASCII: "delivering your message to a@中文协会.中国.
	 * Gmail will retry" (Gmail writes the address as it was given),
	 * where the ASCII reading finds none ("a@example.com时" stays
	 * a@example.com)
	 */
	if (wide && spaced_intl_domain(s, n, i, at, j)) {
		size_t ni, nj;

		if (!addr_scan(s, n, at, 0, &ni, &nj)) {
			*b = i;
			*e = j;
			return addr_ends(s, n, at, whole, b, e);
		}
	}
	if (!addr_scan(s, n, at, 0, &i, &j))
		return 0;
	/*
	 * "<" opens an address that ">" closes; without it the text was cut
	 * (Exim shortens a long reply: "<a@mail.exam."), and what is left
	 * names some other domain
	 */
	if (i > 0 && s[i - 1] == '<') {
		size_t k = j;

		while (k < n && s[k] == '.')
			k++;
		if (k >= n || s[k] != '>')
			return 0;
	}
	*b = i;
	*e = j;
	return addr_ends(s, n, at, whole, b, e);
}

int
bounce_addr_around(const char *s, size_t n, size_t at, size_t *b,
    size_t *e)
{
	return addr_around(s, n, at, 0, b, e);
}

/* First address in s[0..n) into a new string, or NULL. */
char *
bounce_first_addr(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (s[i] == '@' && bounce_addr_around(s, n, i, &b, &e))
			return xstrndup(s + b, e - b);
	}
	return NULL;
}

int
bounce_is_exchange_system(const char *a)
{
	static const char pre[] = "microsoftexchange";
	const size_t pl = sizeof pre - 1;
	const char *at = strchr(a, '@');
	size_t ll = at ? (size_t)(at - a) : strlen(a);

	if (ll != pl + 32 || strncasecmp(a, pre, pl))
		return 0;
	for (size_t k = pl; k < ll; k++)
		if (!isxdigit((unsigned char)a[k]))
			return 0;
	return 1;
}

int
bounce_is_daemon(const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t ll = at ? (size_t)(at - addr) : strlen(addr);
	const char *slash = memchr(addr, '/', ll);

	/* Domino names its daemon in its hierarchy: "Postmaster/ORG@d" */
	if (slash)
		ll = (size_t)(slash - addr);

	for (const char *const *d = bounce_daemon_locals; *d; d++)
		if (strlen(*d) == ll && !strncasecmp(addr, *d, ll))
			return 1;
	return 0;
}

/*
 * 1 when a From field value v[0..n) without a deliverable address still
 * names a mail system, as older and local MTAs write it: unqualified
 * ("MAILER-DAEMON (Mail Delivery Subsystem)", "<MAILER-DAEMON>"), at an
 * address literal ("postmaster@[192.0.2.1]") or null ("<>", Courier's
 * "<@>").
 */
static int
bare_daemon(const char *v, size_t n)
{
	const char *s = memchr(v, '<', n);
	char tok[65];
	size_t k = 0;

	if (s) {
		n -= (size_t)(s + 1 - v);
		v = s + 1;
		/* Courier writes its null sender "<@>" */
		if ((n && *v == '>') || (n > 1 && v[0] == '@' && v[1] == '>'))
			return 1;
	}
	while (n && (bounce_is_blank(*v) || *v == '"')) {
		v++;
		n--;
	}
	while (k < n && k < sizeof tok - 1 && !bounce_is_blank(v[k]) &&
	    !strchr("<>@(),;\"", v[k])) {
		tok[k] = v[k];
		k++;
	}
	tok[k] = '\0';
	return k && bounce_is_daemon(tok);
}

int
bounce_from_daemon(const char *v, size_t n)
{
	char *a = bounce_first_addr(v, n);
	int r;

	if (!a)
		return bare_daemon(v, n);
	r = bounce_is_daemon(a);
	free(a);
	return r;
}

int
bounce_is_list_admin(const char *addr, int sender)
{
	const char *at = strchr(addr, '@');
	size_t ll = at ? (size_t)(at - addr) : strlen(addr);

	if (ll > 6 && !strncasecmp(addr, "owner-", 6))
		return 1;
	for (const char *const *r = bounce_list_robots; *r; r++)
		if (strlen(*r) == ll && !strncasecmp(addr, *r, ll))
			return 1;
	for (const char *const *x = bounce_list_admin_suffixes; *x; x++) {
		size_t xl = strlen(*x);

		if (ll > xl && !strncasecmp(addr + ll - xl, *x, xl))
			return 1;
	}
	return sender && ll > 8 && !strncasecmp(addr + ll - 8, "-bounces", 8);
}

/* d's A-labels (a copy the caller frees), or NULL when d is all ASCII. */
static char *
domain_alabels(const char *d)
{
	char *ascii, *out;
	const char *p = d;

	while (*p && (unsigned char)*p < 0x80)
		p++;
	if (!*p || idn2_to_ascii_8z(d, &ascii,
	    IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
		return NULL;
	out = xstrdup(ascii);
	idn2_free(ascii);
	return out;
}

int
bounce_addr_same(const char *a, const char *b)
{
	const char *da, *db;
	char *xa, *xb;
	int same;

	if (!strcasecmp(a, b))
		return 1;
	da = strrchr(a, '@');
	db = strrchr(b, '@');
	if (!da || !db || da - a != db - b ||
	    strncasecmp(a, b, (size_t)(da - a)))
		return 0;
	xa = domain_alabels(da + 1);
	xb = domain_alabels(db + 1);
	same = (xa || xb) && !strcasecmp(xa ? xa : da + 1, xb ? xb : db + 1);
	free(xa);
	free(xb);
	return same;
}

int
bounce_addrset_has(const struct bounce_addrset *s, const char *a)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcasecmp(s->v[i], a))
			return 1;
	return 0;
}

void
bounce_addrset_add(struct bounce_addrset *s, const char *a, size_t max)
{
	if (s->n >= max || bounce_addrset_has(s, a))
		return;
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = xstrdup(a);
}

/* bounce_addrset_scan; whole as addr_around's. */
static void
addrset_scan(struct bounce_addrset *set, const char *s, size_t n,
    size_t max, int whole)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (s[i] == '@' && addr_around(s, n, i, whole, &b, &e)) {
			char *a = xstrndup(s + b, e - b);

			bounce_addrset_add(set, a, max);
			free(a);
			i = e;
		}
	}
}

void
bounce_addrset_scan(struct bounce_addrset *set, const char *s, size_t n,
    size_t max)
{
	addrset_scan(set, s, n, max, 0);
}

void
bounce_addrset_scan_whole(struct bounce_addrset *set, const char *s,
    size_t n, size_t max)
{
	addrset_scan(set, s, n, max, 1);
}

void
bounce_addrset_free(struct bounce_addrset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/*
 * Top-level names kept for tests and private networks (RFC 2606, 6761,
 * 6762).
 */
static const char *const private_tlds[] = {
	"test", "example", "invalid", "localhost", "local", "localdomain",
	"internal", NULL
};

/*
 * 1 when s[0..n), of letters, digits, hyphens and dots, is a host or
 * domain name: labels joined by dots, the last a top-level name (libpsl's
 * list without its "*" rule, or a test or private one), so that
 * "unknown.Please" in a line missing its space and Exchange's
 * "RESOLVER.ADR.RecipNotFound" stay words.
 */
/*
 * libpsl's answer for a top-level name t (lower case, n bytes).  A lookup
 * costs about 2,000 instructions and a notice names the same few (com,
 * org, net) again and again, so short ones are kept per thread.
 */
static int
tld_public(const char *t, size_t n)
{
	static _Thread_local struct {
		char tld[16];
		int yes;
	} cache[64];
	unsigned h = 2166136261u;
	int yes;

	if (n >= sizeof cache[0].tld)
		return psl_is_public_suffix2(psl_builtin(), t,
		    PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)t[i]) * 16777619u;
	h %= sizeof cache / sizeof cache[0];
	if (!strcmp(cache[h].tld, t))
		return cache[h].yes;
	yes = psl_is_public_suffix2(psl_builtin(), t,
	    PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
	memcpy(cache[h].tld, t, n + 1);
	cache[h].yes = yes;
	return yes;
}

static int
domain_name(const char *s, size_t n)
{
	size_t last = 0;
	char tld[64];

	if (n < 4 || s[0] == '.' || s[0] == '-')
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '.') {
			if (s[i - 1] == '.')
				return 0;
			last = i + 1;
		}
	if (!last || n - last < 2 || n - last >= sizeof tld)
		return 0;
	for (size_t i = last; i < n; i++)
		if (!isalpha((unsigned char)s[i]) &&
		    strncasecmp(s + last, "xn--", 4))
			return 0;
	for (size_t i = last; i < n; i++)
		tld[i - last] = (char)tolower((unsigned char)s[i]);
	tld[n - last] = '\0';
	for (const char *const *p = private_tlds; *p; p++)
		if (!strcmp(tld, *p))
			return 1;
	return tld_public(tld, n - last);
}

#define NAME_WORDS	4	/* words of a display name before "<a>" */

/*
 * Where the display name before s[b] ("<a>" at b) begins: up to
 * NAME_WORDS capitalised words that a lower-case word stands before, as
 * the name stands inside a sentence ("Destination mailbox Lia Roth <a>
 * is unavailable"); b itself when there is none, or when the words lead
 * the text or follow anything else ("Sender <s> rejected", "550 5.1.1
 * User <a> unknown": the words are the sentence's).
 */
static size_t
display_name(const char *s, size_t b)
{
	size_t i = b, start = b;
	int words = 0;

	for (;;) {
		size_t e;

		while (i > 0 && bounce_is_blank(s[i - 1]))
			i--;
		e = i;
		while (i > 0 && (isalpha((unsigned char)s[i - 1]) ||
		    (unsigned char)s[i - 1] >= 0x80 || s[i - 1] == '-' ||
		    s[i - 1] == '\'' || s[i - 1] == '.'))
			i--;
		if (i == e || i == 0 || !bounce_is_blank(s[i - 1]))
			return b;
		if (!isupper((unsigned char)s[i]))
			return words && islower((unsigned char)s[e - 1]) ?
			    start : b;
		if (++words > NAME_WORDS)
			return b;
		start = i;
	}
}

void
bounce_blank_names(char *s, size_t n)
{
	char *p = s;

	while ((p = memchr(p, '@', n - (size_t)(p - s)))) {
		size_t b, e;

		/* a cut one too ("<a@mail.exam"): no address, but a name */
		if (addr_scan(s, n, (size_t)(p - s), 0, &b, &e)) {
			/*
			 * with the quotes or brackets that enclose it alone
			 * ('mailbox "a" is unavailable', "mailbox <a> is
			 * unavailable"): the words around read as around a
			 * bare address
			 */
			if (b > 0 && e < n && ((s[b - 1] == '"' &&
			    s[e] == '"') || (s[b - 1] == '\'' &&
			    s[e] == '\'') || (s[b - 1] == '<' &&
			    s[e] == '>'))) {
				b--;
				e++;
				/*
				 * and its display name:
				 * "... mailbox Name <a>"
				 */
				if (s[b] == '<')
					b = display_name(s, b);
			}
			memset(s + b, ' ', e - b);
			p = s + e;
		} else
			p++;
	}
	/* a name holds a dot: each token is read once, from its first */
	for (size_t i = 0; i < n && (p = memchr(s + i, '.', n - i));) {
		size_t b = (size_t)(p - s), e = b;

		while (b > 0 && domain_char((unsigned char)s[b - 1]))
			b--;
		while (e < n && domain_char((unsigned char)s[e]))
			e++;
		i = e;
		if (b > 0 && s[b - 1] == '_')
			continue;
		while (e > b && s[e - 1] == '.')
			e--;
		if (domain_name(s + b, e - b))
			memset(s + b, ' ', e - b);
	}
}
