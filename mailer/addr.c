/* addr: address validation and IDN normalisation.  See addr.h. */
#include "addr.h"

#include <ctype.h>
#include <idn2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

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

static int
check_local(const char *s, size_t n, const char **why)
{
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
		if (c != '.' && !atext(c)) {
			if (c < 0x80)
				*why = "the local part has a character "
				    "that needs quoting";
			else if (fullwidth_only(s, n))
				*why = addr_why_fw_local;
			else
				*why = addr_why_eai;
			return -1;
		}
	}
	return 0;
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

int
addr_normalize(const char *in, char **out, const char **why)
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
	if (check_local(in, (size_t)(at - in), why) == -1)
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
