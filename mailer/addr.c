/* addr: address validation and IDN normalisation.  See addr.h. */
#include "addr.h"

#include <ctype.h>
#include <idn2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static int
atext(int c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

const char addr_why_eai[] = "an internationalised address (not ASCII "
    "before the @, RFC 6531), which mailer does not send to: ask the "
    "reader for an address with only ASCII before the @";

const char addr_why_fw_local[] = "the part before the @ has full-width "
    "characters (an input method's full-width mode): type them half-width";
const char addr_why_fw_space[] = "it has a full-width space (U+3000, an "
    "input method's): delete it";
const char addr_why_fw_at[] = "no @: the \xef\xbc\xa0 in it is the full-width "
    "one: type the ASCII @";

/*
 * 1 when every non-ASCII character of s[0..n) is a full-width form of an
 * ASCII one (U+FF01 to U+FF5E), as a Chinese or Japanese input method
 * types in its full-width mode.
 */
static int
fullwidth_only(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x80)
			continue;
		if (i + 2 >= n)
			return 0;
		if (p[i] != 0xef ||
		    !((p[i + 1] == 0xbc && p[i + 2] >= 0x81) ||
		    (p[i + 1] == 0xbd && p[i + 2] <= 0x9e)))
			return 0;
		i += 2;
	}
	return 1;
}

/* 1 when s[0..n) (valid UTF-8) is in Unicode Normalization Form C. */
static int
is_nfc(const char *s, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
	UChar u[128];
	int32_t len = 0;
	UBool yes;

	if (U_FAILURE(e))
		return 0;
	u_strFromUTF8(u, 128, &len, s, (int32_t)n, &e);
	if (U_FAILURE(e))
		return 0;
	yes = unorm2_isNormalized(nfc, u, len, &e);
	return U_SUCCESS(e) && yes;
}

/*
 * The non-ASCII characters of a local part (RFC 6531 UTF8-non-ascii):
 * valid UTF-8, no C1 control, in NFC (RFC 6530, 10.1) so the same
 * mailbox is one string.
 */
/*
 * Invisible characters and text-direction controls (U+200B, U+202E, ...)
 * make an address look like another one (bounces+TOKEN shown reversed,
 * a.b shown as ab); no mail system gives one out.  ZWNJ and ZWJ are the
 * exception: Persian and Indic words need them (IDNA2008 allows them in
 * context for the same reason).
 */
static int
addr_invisible(unsigned cp)
{
	return cp != 0x200c && cp != 0x200d && cp_invisible(cp);
}

static int
check_eai(const char *s, size_t n, const char **why)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;

	if (fullwidth_only(s, n)) {
		*why = addr_why_fw_local;
		return -1;
	}
	if (!utf8_valid(s, n, NULL)) {
		*why = "the part before the @ is not valid UTF-8";
		return -1;
	}
	for (size_t i = 0; i + 1 < n; i++)
		if (p[i] == 0xc2 && p[i + 1] < 0xa0) {
			*why = "the part before the @ has a control character";
			return -1;
		}
	if (utf8_find(s, n, addr_invisible, &cp)) {
		*why = "the part before the @ has an invisible or "
		    "text-direction character";
		return -1;
	}
	if (!is_nfc(s, n)) {
		*why = "the part before the @ is not in Unicode "
		    "normalization form C (NFC)";
		return -1;
	}
	return 0;
}

static int
check_local(const char *s, size_t n, int eai_ok, const char **why)
{
	int eai = 0;

	if (n == 0 || n > 64) {
		*why = "the local part must be 1 to 64 characters";
		return -1;
	}
	if (s[0] == '.' || s[n - 1] == '.') {
		*why = "the local part may not start or end with a dot";
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' && s[i + 1] == '.') {
			*why = "the local part has two dots in a row";
			return -1;
		}
		if (c >= 0x80) {
			eai = 1;
		} else if (c != '.' && !atext(c)) {
			*why = "the local part has a character that needs "
			    "quoting";
			return -1;
		}
	}
	if (eai && !eai_ok) {
		*why = fullwidth_only(s, n) ? addr_why_fw_local : addr_why_eai;
		return -1;
	}
	return eai ? check_eai(s, n, why) : 0;
}

static int
check_domain(const char *d, const char **why)
{
	size_t n = strlen(d), label = 0, labels = 1;

	if (n == 0 || n > 253) {
		*why = "the domain must be 1 to 253 characters";
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)d[i];

		if (c == '.') {
			if (label == 0 || d[i - 1] == '-') {
				*why = "the domain has an empty or bad label";
				return -1;
			}
			label = 0;
			labels++;
			continue;
		}
		if (!isalnum(c) && c != '-') {
			*why = "the domain has a character outside letters, "
			    "digits and hyphens";
			return -1;
		}
		if (label == 0 && c == '-') {
			*why = "a domain label may not start with a hyphen";
			return -1;
		}
		if (++label > 63) {
			*why = "a domain label is longer than 63 characters";
			return -1;
		}
	}
	if (label == 0 || labels < 2) {
		*why = "the domain needs at least two labels";
		return -1;
	}
	return 0;
}

char *
addr_domain_ascii(const char *d)
{
	char *out, *ascii;
	int ascii_only = 1;

	for (const char *p = d; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii_only = 0;
	if (ascii_only) {
		out = xstrdup(d);
	} else {
		if (idn2_to_ascii_8z(d, &ascii,
		    IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK)
			return NULL;
		out = xstrdup(ascii);
		idn2_free(ascii);
	}
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

static int
normalize(const char *in, int eai_ok, char **out, const char **why)
{
	const char *at = strrchr(in, '@');
	char *domain;

	*out = NULL;
	/* U+3000: not trimmed as an ASCII space is, and no address has one */
	if (strstr(in, "\xe3\x80\x80")) {
		*why = addr_why_fw_space;
		return -1;
	}
	if (!at) {
		/* U+FF20, an input method's full-width @ */
		*why = strstr(in, "\xef\xbc\xa0") ? addr_why_fw_at : "no @";
		return -1;
	}
	if (has_ctl_break(in, strlen(in))) {
		*why = "line break in address";
		return -1;
	}
	if (check_local(in, (size_t)(at - in), eai_ok, why) == -1)
		return -1;
	if (!utf8_valid(at + 1, strlen(at + 1), NULL)) {
		*why = "the domain is not valid UTF-8";
		return -1;
	}
	if (!(domain = addr_domain_ascii(at + 1))) {
		*why = "the domain is not a valid internationalised "
		    "domain name";
		return -1;
	}
	if (check_domain(domain, why) == -1) {
		free(domain);
		return -1;
	}
	*out = xasprintf("%.*s@%s", (int)(at - in), in, domain);
	free(domain);
	if (strlen(*out) > 254) {
		free(*out);
		*out = NULL;
		*why = "the address is longer than 254 characters";
		return -1;
	}
	return 0;
}

int
addr_normalize(const char *in, char **out, const char **why)
{
	return normalize(in, 0, out, why);
}

int
addr_normalize_eai(const char *in, char **out, const char **why)
{
	return normalize(in, 1, out, why);
}

char *
addr_nfc(const char *s)
{
	UErrorCode e = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
	size_t n = strlen(s);
	UChar *u, *v;
	int32_t ul = 0, vl;
	char *out;

	if (U_FAILURE(e) || n > 4096 || !utf8_valid(s, n, NULL))
		return NULL;
	u = xcalloc(n + 1, sizeof *u);
	v = xcalloc(3 * n + 1, sizeof *v);	/* NFC grows by 3 at most */
	u_strFromUTF8(u, (int32_t)n + 1, &ul, s, (int32_t)n, &e);
	vl = U_SUCCESS(e) ? unorm2_normalize(nfc, u, ul, v, 3 * (int32_t)n
	    + 1, &e) : 0;
	out = xmalloc(3 * (size_t)vl + 1);
	u_strToUTF8(out, 3 * vl + 1, NULL, v, vl, &e);
	free(u);
	free(v);
	if (U_FAILURE(e)) {
		free(out);
		return NULL;
	}
	return out;
}

const char *
addr_domain(const char *addr)
{
	const char *at = strrchr(addr, '@');

	return at ? at + 1 : addr;
}

int
addr_same(const char *a, const char *b)
{
	const char *at_a = strrchr(a, '@'), *at_b = strrchr(b, '@');
	char *da, *db;
	int same;

	if (!strcasecmp(a, b))
		return 1;
	if (!at_a || !at_b || at_a - a != at_b - b ||
	    strncasecmp(a, b, (size_t)(at_a - a)))
		return 0;
	da = addr_domain_ascii(at_a + 1);
	db = addr_domain_ascii(at_b + 1);
	same = da && db && !strcmp(da, db);
	free(da);
	free(db);
	return same;
}
