/*
 * dnscheck_ptr: whether a reverse DNS name looks generic, the kind an
 * access provider gives every address of a range (203-0-113-5.dsl.
 * isp.example, host5.pool.example) rather than a mail server's own name.
 * Gmail and Yahoo ask bulk senders for a forward-confirmed reverse name
 * that is not generic.  Pure.  See dnscheck.h.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dnscheck.h"

#define NAME_MAX_LEN 256

/* Labels of an access range: dynamic, dial-up or residential lines. */
static const char *const pool_words[] = {
	"adsl", "broadband", "cable", "client", "clients", "customer",
	"dhcp", "dialup", "dsl", "dyn", "dynamic", "dynip", "pool", "ppp",
	"pppoe", "residential", "vdsl", "xdsl",
};

/* 1 for a digit, or a hex digit when hex. */
static int
digit(char ch, int hex)
{
	return hex ? isxdigit((unsigned char)ch) : isdigit((unsigned char)ch);
}

/* 1 when s occurs in name with no further digit on either side. */
static int
holds(const char *name, const char *s, int hex)
{
	size_t n = strlen(s);

	for (const char *p = name; (p = strstr(p, s)); p++)
		if ((p == name || !digit(p[-1], hex)) && !digit(p[n], hex))
			return 1;
	return 0;
}

/*
 * The ways a generic name writes an IPv4 address: dashed, dotted, in
 * either order, padded to three digits, as one decimal number, in hex.
 */
static int
holds_v4(const char *name, const unsigned char a[4], char *why,
    size_t whysz)
{
	static const char *const forms[] = { "%u-%u-%u-%u", "%u.%u.%u.%u",
		"%03u-%03u-%03u-%03u", "%03u%03u%03u%03u" };
	char s[48];

	for (size_t f = 0; f < sizeof forms / sizeof *forms; f++)
		for (int rev = 0; rev < 2; rev++) {
			snprintf(s, sizeof s, forms[f], a[rev ? 3 : 0],
			    a[rev ? 2 : 1], a[rev ? 1 : 2], a[rev ? 0 : 3]);
			if (holds(name, s, 0))
				goto found;
		}
	snprintf(s, sizeof s, "%lu", (unsigned long)a[0] << 24 |
	    (unsigned long)a[1] << 16 | (unsigned long)a[2] << 8 | a[3]);
	if (holds(name, s, 0))
		goto found;
	snprintf(s, sizeof s, "%02x%02x%02x%02x", a[0], a[1], a[2], a[3]);
	if (holds(name, s, 1))
		goto found;
	return 0;
found:
	snprintf(why, whysz, "it holds the address as %s", s);
	return 1;
}

/* An IPv6 address as 32 hex digits, or its text with '-' for ':'. */
static int
holds_v6(const char *name, const unsigned char a[16], char *why,
    size_t whysz)
{
	char s[INET6_ADDRSTRLEN];

	for (int i = 0; i < 16; i++)
		snprintf(s + 2 * i, sizeof s - 2 * (size_t)i, "%02x", a[i]);
	if (!holds(name, s, 1)) {
		inet_ntop(AF_INET6, a, s, sizeof s);
		for (char *p = s; *p; p++)
			if (*p == ':')
				*p = '-';
		if (!holds(name, s, 1))
			return 0;
	}
	snprintf(why, whysz, "it holds the address as %s", s);
	return 1;
}

/* A word of pool_words as a whole run of letters, the TLD aside. */
static int
names_pool(const char *name, char *why, size_t whysz)
{
	const char *end = strrchr(name, '.');

	for (const char *p = name; p < end; ) {
		size_t n = 0;

		while (p + n < end && isalpha((unsigned char)p[n]))
			n++;
		for (size_t w = 0; n && w < sizeof pool_words /
		    sizeof *pool_words; w++)
			if (strlen(pool_words[w]) == n &&
			    !strncmp(p, pool_words[w], n)) {
				snprintf(why, whysz, "\"%s\" names an access "
				    "pool", pool_words[w]);
				return 1;
			}
		p += n ? n : 1;
	}
	return 0;
}

int
dnscheck_ptr_generic(const char *name, const char *ip, char *why,
    size_t whysz)
{
	char low[NAME_MAX_LEN];
	unsigned char a[16];
	size_t n = strlen(name);

	if (n >= sizeof low)
		return 0;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	if (inet_pton(AF_INET, ip, a) == 1 && holds_v4(low, a, why, whysz))
		return 1;
	if (inet_pton(AF_INET6, ip, a) == 1 && holds_v6(low, a, why, whysz))
		return 1;
	return names_pool(low, why, whysz);
}
