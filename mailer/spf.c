/* spf: RFC 7208 records and check_host().  See spf.h. */
#include "spf.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define MAX_LOOKUPS 10	/* section 4.6.4 */
#define MAX_VOID 2
#define MAX_MX 10
#define MAX_TERMS 64

static const struct {
	const char *name;
	enum spf_mech mech;
	char arg;	/* 'n' none, 'o' optional domain, 'r' required */
	int cidr;	/* takes a dual-cidr-length */
} mechs[] = {
	{ "all", SPF_ALL, 'n', 0 },
	{ "include", SPF_INCLUDE, 'r', 0 },
	{ "a", SPF_A, 'o', 1 },
	{ "mx", SPF_MX, 'o', 1 },
	{ "ptr", SPF_PTR, 'o', 0 },
	{ "ip4", SPF_IP4, 'r', 0 },
	{ "ip6", SPF_IP6, 'r', 0 },
	{ "exists", SPF_EXISTS, 'r', 0 },
};

int
spf_is_record(const char *txt, size_t len)
{
	return len >= 6 && !strncasecmp(txt, "v=spf1", 6) &&
	    (len == 6 || txt[6] == ' ');
}

/* A decimal prefix length in s[0..n) within 0..max; -1 when bad. */
static int
prefix(const char *s, size_t n, int max)
{
	int v = 0;

	if (!n || n > 3 || (n > 1 && s[0] == '0'))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v <= max ? v : -1;
}

/* Strips "/N", "//M" or "/N//M" off the end of s[0..*n). 0 / -1. */
static int
dual_cidr(const char *s, size_t *n, int *c4, int *c6)
{
	const char *sl;
	size_t len = *n;

	for (int pass = 0; pass < 2; pass++) {
		size_t k = len;

		while (k && s[k - 1] >= '0' && s[k - 1] <= '9')
			k--;
		if (k == len || !k || s[k - 1] != '/')
			break;
		sl = s + k - 1;
		if (pass == 0 && k >= 2 && s[k - 2] == '/') {
			if ((*c6 = prefix(s + k, len - k, 128)) == -1)
				return -1;
			len = k - 2;
			continue;
		}
		if ((*c4 = prefix(s + k, len - k, 32)) == -1)
			return -1;
		len = (size_t)(sl - s);
		break;
	}
	*n = len;
	return 0;
}

/* A domain-spec: macros allowed; otherwise labels of LDH and '_'. */
static int
domain_spec_ok(const char *d)
{
	size_t n = strlen(d);

	if (!n || n > 253)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (d[i] < 0x21 || d[i] > 0x7e)
			return 0;
	if (strchr(d, '%'))
		return 1;
	if (d[0] == '.' || strstr(d, ".."))
		return 0;
	return strspn(d, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-_") == n;
}

static int
parse_mech(const char *w, size_t n, struct spf_term *t, char *err,
    size_t errsz)
{
	size_t k, nl;

	t->qual = SPF_PASS;
	t->cidr4 = 32;
	t->cidr6 = 128;
	if (n && strchr("+-~?", *w)) {
		t->qual = *w == '-' ? SPF_FAIL : *w == '~' ? SPF_SOFTFAIL :
		    *w == '?' ? SPF_NEUTRAL : SPF_PASS;
		w++;
		n--;
	}
	nl = strcspn(w, ":/");
	if (nl > n)
		nl = n;
	for (k = 0; k < sizeof mechs / sizeof mechs[0]; k++)
		if (strlen(mechs[k].name) == nl &&
		    !strncasecmp(w, mechs[k].name, nl))
			break;
	if (k == sizeof mechs / sizeof mechs[0]) {
		snprintf(err, errsz, "unknown mechanism \"%.*s\"", (int)n, w);
		return -1;
	}
	t->mech = mechs[k].mech;
	w += nl;
	n -= nl;
	if (mechs[k].cidr && dual_cidr(w, &n, &t->cidr4, &t->cidr6) == -1)
		goto bad;
	if (t->mech == SPF_IP4 || t->mech == SPF_IP6) {
		const char *sl;
		unsigned char a[16];

		if (!n || *w != ':')
			goto bad;
		sl = memchr(w, '/', n);
		t->arg = xstrndup(w + 1, (size_t)((sl ? sl : w + n) - w - 1));
		if (inet_pton(t->mech == SPF_IP4 ? AF_INET : AF_INET6, t->arg,
		    a) != 1)
			goto bad;
		if (sl) {
			int *c = t->mech == SPF_IP4 ? &t->cidr4 : &t->cidr6;

			*c = prefix(sl + 1, (size_t)(w + n - sl - 1),
			    t->mech == SPF_IP4 ? 32 : 128);
			if (*c < 0)
				goto bad;
		}
		return 0;
	}
	if (n && *w == ':') {
		if (mechs[k].arg == 'n')
			goto bad;
		t->arg = xstrndup(w + 1, n - 1);
		if (!domain_spec_ok(t->arg))
			goto bad;
	} else if (n || mechs[k].arg == 'r')
		goto bad;
	return 0;
bad:
	snprintf(err, errsz, "bad term \"%s\"", t->text);
	return -1;
}

/* name "=" macro-string */
static int
is_modifier(const char *w, size_t n)
{
	size_t i = 0;

	if (!n || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' &&
	    w[0] <= 'Z')))
		return 0;
	while (i < n && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
	    "TUVWXYZ0123456789-_.", w[i]))
		i++;
	return i < n && w[i] == '=';
}

static int
parse_modifier(struct spf *s, const char *w, size_t n, char *err,
    size_t errsz)
{
	size_t nl = strcspn(w, "=");
	char **slot = NULL;

	if (nl == 8 && !strncasecmp(w, "redirect", 8))
		slot = &s->redirect;
	else if (nl == 3 && !strncasecmp(w, "exp", 3))
		slot = &s->exp;
	if (!slot)
		return 0;	/* unknown modifiers are ignored (6.) */
	if (*slot) {
		snprintf(err, errsz, "\"%.*s\" given twice", (int)nl, w);
		return -1;
	}
	*slot = xstrndup(w + nl + 1, n - nl - 1);
	if (!domain_spec_ok(*slot)) {
		snprintf(err, errsz, "bad term \"%.*s\"", (int)n, w);
		return -1;
	}
	return 0;
}

int
spf_parse(const char *rec, size_t len, struct spf *out, char *err,
    size_t errsz)
{
	const char *p = rec + 6, *end = rec + len;

	memset(out, 0, sizeof *out);
	if (!spf_is_record(rec, len)) {
		snprintf(err, errsz, "does not start with \"v=spf1\"");
		return -1;
	}
	while (p < end) {
		struct spf_term *t;
		const char *w;
		size_t n;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		w = p;
		while (p < end && *p != ' ')
			p++;
		n = (size_t)(p - w);
		if (memchr(w, '\0', n))
			goto bad_byte;
		if (is_modifier(w, n)) {
			if (parse_modifier(out, w, n, err, errsz) == -1)
				goto fail;
			continue;
		}
		if (out->n == MAX_TERMS) {
			snprintf(err, errsz, "more than %d terms", MAX_TERMS);
			goto fail;
		}
		out->t = xrealloc(out->t, (out->n + 1) * sizeof *out->t);
		t = &out->t[out->n++];
		memset(t, 0, sizeof *t);
		t->text = xstrndup(w, n);
		if (parse_mech(t->text, n, t, err, errsz) == -1)
			goto fail;
	}
	return 0;
bad_byte:
	snprintf(err, errsz, "a NUL byte in the record");
fail:
	spf_free(out);
	return -1;
}

void
spf_free(struct spf *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->t[i].arg);
		free(s->t[i].text);
	}
	free(s->t);
	free(s->redirect);
	free(s->exp);
	memset(s, 0, sizeof *s);
}

enum spf_result
spf_all(const struct spf *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].mech == SPF_ALL)
			return s->t[i].qual;
	return SPF_NONE;
}

const char *
spf_result_name(enum spf_result r)
{
	static const char *const names[] = { "none", "neutral", "pass",
	    "fail", "softfail", "temperror", "permerror", "unknown" };

	return names[r];
}

/* The evaluation of one check_host() and the ones it recurses into. */
struct eval {
	const struct spf_dns *dns;
	int family;	/* 4 or 6 */
	unsigned char ip[16];
	int lookups, voids;
	char *why;
	size_t whysz;
};

static int
in_prefix(const unsigned char *a, const unsigned char *b, int bits)
{
	int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, (size_t)whole))
		return 0;
	return !rest || ((a[whole] ^ b[whole]) & (0xff00 >> rest) & 0xff) == 0;
}

/* 1 when one of the addresses (text) is within the term's prefix. */
static int
any_in(const struct eval *e, const struct strlist *addrs,
    const struct spf_term *t)
{
	for (size_t i = 0; i < addrs->n; i++) {
		unsigned char a[16];

		if (inet_pton(e->family == 4 ? AF_INET : AF_INET6, addrs->v[i],
		    a) == 1 && in_prefix(a, e->ip, e->family == 4 ? t->cidr4 :
		    t->cidr6))
			return 1;
	}
	return 0;
}

static enum spf_result check_host(struct eval *e, const char *domain);

/* Counts a lookup; 0, or -1 past the limit (why set). */
static int
count_lookup(struct eval *e)
{
	if (++e->lookups <= MAX_LOOKUPS)
		return 0;
	snprintf(e->why, e->whysz, "more than %d DNS lookups (RFC 7208 "
	    "4.6.4)", MAX_LOOKUPS);
	return -1;
}

/* Maps a lookup's 1 (nothing) to a void lookup; -1 past that limit. */
static int
count_void(struct eval *e, int rc)
{
	if (rc != 1 || ++e->voids <= MAX_VOID)
		return 0;
	snprintf(e->why, e->whysz, "more than %d lookups found nothing "
	    "(RFC 7208 4.6.4)", MAX_VOID);
	return -1;
}

/* a or mx: 1 match, 0 none, -1 temperror, -2 permerror (why set). */
static int
match_hosts(struct eval *e, const struct spf_term *t, const char *domain)
{
	const char *target = t->arg ? t->arg : domain;
	struct strlist hosts = { 0 }, addrs = { 0 };
	int rc, match = 0;

	if (t->mech == SPF_A) {
		strlist_add(&hosts, target);
		rc = 0;
	} else
		rc = e->dns->mx(e->dns->arg, target, &hosts);
	if (rc == 0 && hosts.n > MAX_MX) {
		snprintf(e->why, e->whysz, "%s has more than %d MX hosts",
		    target, MAX_MX);
		rc = -2;
	}
	if (rc == 1 && count_void(e, rc) == -1)
		rc = -2;
	for (size_t i = 0; rc == 0 && !match && i < hosts.n; i++) {
		rc = e->dns->addrs(e->dns->arg, hosts.v[i], e->family, &addrs);
		if (rc == 1 && t->mech == SPF_A)
			rc = count_void(e, rc) == -1 ? -2 : 1;
		if (rc == 0)
			match = any_in(e, &addrs, t);
		else if (rc == 1)
			rc = 0;
		strlist_free(&addrs);
	}
	strlist_free(&hosts);
	if (rc == -1)
		snprintf(e->why, e->whysz, "lookup of %s failed", target);
	return rc < 0 ? rc : match;
}

/* One term: 1 match, 0 none; or a final result through *r. */
static int
match_term(struct eval *e, const struct spf_term *t, const char *domain,
    enum spf_result *r)
{
	unsigned char a[16];
	int m;

	if (t->arg && strchr(t->arg, '%') && t->mech != SPF_IP4 &&
	    t->mech != SPF_IP6) {
		snprintf(e->why, e->whysz, "%s in %s has a macro", t->text,
		    domain);
		*r = SPF_UNKNOWN;
		return -1;
	}
	switch (t->mech) {
	case SPF_ALL:
		return 1;
	case SPF_IP4:
	case SPF_IP6:
		if ((t->mech == SPF_IP4) != (e->family == 4))
			return 0;
		inet_pton(e->family == 4 ? AF_INET : AF_INET6, t->arg, a);
		return in_prefix(a, e->ip, e->family == 4 ? t->cidr4 :
		    t->cidr6);
	case SPF_INCLUDE:
		if (count_lookup(e) == -1)
			break;
		switch (check_host(e, t->arg)) {
		case SPF_PASS:
			return 1;
		case SPF_FAIL: case SPF_SOFTFAIL: case SPF_NEUTRAL:
			return 0;
		case SPF_TEMPERROR:
			*r = SPF_TEMPERROR;
			return -1;
		case SPF_UNKNOWN:
			*r = SPF_UNKNOWN;
			return -1;
		case SPF_NONE:
			snprintf(e->why, e->whysz, "%s: %s has no SPF record",
			    t->text, t->arg);
			break;
		default:
			break;	/* a permerror inside: its why stays */
		}
		break;
	case SPF_A:
	case SPF_MX:
		if (count_lookup(e) == -1)
			break;
		if ((m = match_hosts(e, t, domain)) >= 0)
			return m;
		*r = m == -1 ? SPF_TEMPERROR : SPF_PERMERROR;
		return -1;
	case SPF_PTR:
	case SPF_EXISTS:
		if (count_lookup(e) == -1)
			break;
		snprintf(e->why, e->whysz, "%s in %s is not evaluated here",
		    t->text, domain);
		*r = SPF_UNKNOWN;
		return -1;
	}
	*r = SPF_PERMERROR;
	return -1;
}

/* The one SPF record of domain into *s: 0, or -1 with *r to return. */
static int
fetch(struct eval *e, const char *domain, struct spf *s, enum spf_result *r)
{
	struct strlist txt = { 0 };
	const char *rec = NULL;
	char err[160];
	int rc, n = 0;

	rc = e->dns->txt(e->dns->arg, domain, &txt);
	for (size_t i = 0; rc == 0 && i < txt.n; i++)
		if (spf_is_record(txt.v[i], strlen(txt.v[i])) && ++n == 1)
			rec = txt.v[i];
	if (rc == -1)
		snprintf(e->why, e->whysz, "TXT lookup of %s failed", domain);
	else if (n == 0)
		snprintf(e->why, e->whysz, "%s has no SPF record", domain);
	else if (n > 1)
		snprintf(e->why, e->whysz, "%s has %d SPF records", domain, n);
	else if (spf_parse(rec, strlen(rec), s, err, sizeof err) == -1) {
		snprintf(e->why, e->whysz, "%s: %s", domain, err);
		n = 2;
	}
	strlist_free(&txt);
	if (rc == 0 && n == 1)
		return 0;
	*r = rc == -1 ? SPF_TEMPERROR : n == 0 ? SPF_NONE : SPF_PERMERROR;
	return -1;
}

static enum spf_result
check_host(struct eval *e, const char *domain)
{
	enum spf_result r = SPF_NEUTRAL;
	struct spf s;
	int m = 0;

	if (fetch(e, domain, &s, &r) == -1)
		return r;
	for (size_t i = 0; i < s.n && m == 0; i++) {
		m = match_term(e, &s.t[i], domain, &r);
		if (m == 1) {
			r = s.t[i].qual;
			/* after an include, what matched inside it says more */
			if (s.t[i].mech != SPF_INCLUDE)
				snprintf(e->why, e->whysz, "%s in %s",
				    s.t[i].text, domain);
		}
	}
	if (m == 0 && s.redirect) {
		if (strchr(s.redirect, '%')) {
			snprintf(e->why, e->whysz, "redirect=%s in %s has a "
			    "macro", s.redirect, domain);
			r = SPF_UNKNOWN;
		} else if (count_lookup(e) == -1)
			r = SPF_PERMERROR;
		else if ((r = check_host(e, s.redirect)) ==
		    SPF_NONE)
			r = SPF_PERMERROR;
	} else if (m == 0)
		snprintf(e->why, e->whysz, "no term of %s matched", domain);
	spf_free(&s);
	return r;
}

enum spf_result
spf_check_host(const struct spf_dns *dns, const char *ip, const char *domain,
    char *why, size_t whysz)
{
	struct eval e = { dns, 4, { 0 }, 0, 0, why, whysz };

	why[0] = '\0';
	if (inet_pton(AF_INET, ip, e.ip) != 1) {
		e.family = 6;
		if (inet_pton(AF_INET6, ip, e.ip) != 1) {
			snprintf(why, whysz, "\"%s\" is no IP address", ip);
			return SPF_PERMERROR;
		}
	}
	return check_host(&e, domain);
}
