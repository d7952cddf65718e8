/*
 * bounce_addr: addresses as notices write them, and address sets (see
 * bounce_addr.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce_addr.h"
#include "bounce_rules.h"
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
 * The address around the '@' at s[at]; sets [*b, *e).  Returns 1 when it
 * looks like a deliverable address (dotted domain, non-empty local part).
 */
int
bounce_addr_around(const char *s, size_t n, size_t at, size_t *b,
    size_t *e)
{
	size_t i = at, j = at + 1;
	int dot = 0;

	while (i > 0 && local_char((unsigned char)s[i - 1]) && at - i < 64)
		i--;
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
	while (j < n && domain_char((unsigned char)s[j]) && j - at < 255) {
		/* no empty label: Sendmail's "a@b...User unknown" ends at b */
		if (s[j] == '.' && j + 1 < n && s[j + 1] == '.')
			break;
		if (s[j] == '.')
			dot = 1;
		j++;
	}
	while (j > at + 1 && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	if (i == at || j == at + 1 || !dot || s[at + 1] == '.')
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
	/* "rfc822;user@x" style prefixes never start a local part */
	*b = i;
	*e = j;
	return 1;
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
bounce_is_daemon(const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t ll = at ? (size_t)(at - addr) : strlen(addr);

	for (const char *const *d = bounce_daemon_locals; *d; d++)
		if (strlen(*d) == ll && !strncasecmp(addr, *d, ll))
			return 1;
	return 0;
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

/* Adds every address in s[0..n) to set. */
void
bounce_addrset_scan(struct bounce_addrset *set, const char *s, size_t n,
    size_t max)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e;

		if (s[i] == '@' && bounce_addr_around(s, n, i, &b, &e)) {
			char *a = xstrndup(s + b, e - b);

			bounce_addrset_add(set, a, max);
			free(a);
			i = e;
		}
	}
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
