/* srs: the address inside an SRS0/SRS1 address.  See srs.h. */
#include "srs.h"

#include <string.h>
#include <strings.h>

#include "util.h"

/* 1 for a separator after "SRS0" or "SRS1". */
static int
is_sep(char c)
{
	return c == '=' || c == '+' || c == '-';
}

/*
 * The field of s[0..n) up to the next '=', which must come and close a
 * nonempty field: its length, or 0.
 */
static size_t
field(const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);

	return eq && eq > s ? (size_t)(eq - s) : 0;
}

/*
 * The SRS0 part after its separator, "HHH=TT=domain=local" in s[0..n):
 * the address local@domain, or NULL.
 */
static char *
srs0_rest(const char *s, size_t n)
{
	size_t h, t, d;

	if (!(h = field(s, n)))
		return NULL;
	s += h + 1;
	n -= h + 1;
	if (!(t = field(s, n)))
		return NULL;
	s += t + 1;
	n -= t + 1;
	if (!(d = field(s, n)) || d + 1 == n)
		return NULL;	/* no domain, or no local part after it */
	return xasprintf("%.*s@%.*s", (int)(n - d - 1), s + d + 1, (int)d, s);
}

char *
srs_original(const char *addr, size_t n)
{
	const char *at;
	size_t h, host;

	while (n && (*addr == ' ' || *addr == '\t' || *addr == '<')) {
		addr++;
		n--;
	}
	for (size_t i = 0; i < n; i++)
		if (addr[i] == '>' || addr[i] == ' ' || addr[i] == '\t') {
			n = i;
			break;
		}
	/* the local part: up to the last '@' (the forwarder's domain) */
	for (at = addr + n; at > addr && at[-1] != '@'; at--)
		;
	if (at == addr)
		return NULL;
	n = (size_t)(at - 1 - addr);
	if (n < 5 || strncasecmp(addr, "SRS", 3) || !is_sep(addr[4]))
		return NULL;
	if (addr[3] == '0')
		return srs0_rest(addr + 5, n - 5);
	if (addr[3] != '1')
		return NULL;
	/* SRS1: HHH=first-forwarder= then the SRS0 part's separator */
	addr += 5;
	n -= 5;
	if (!(h = field(addr, n)))
		return NULL;
	addr += h + 1;
	n -= h + 1;
	if (!(host = field(addr, n)) || host + 2 > n ||
	    !is_sep(addr[host + 1]))
		return NULL;
	return srs0_rest(addr + host + 2, n - host - 2);
}
