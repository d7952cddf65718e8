/* dmarc: DMARC records and alignment.  See dmarc.h. */
#include "dmarc.h"

#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dkim_canon.h"

#define DMARC_MAX_TAGS 16
#define POLICIES "none, quarantine or reject"

int
dmarc_is_record(const char *txt, size_t len)
{
	size_t i = 0;

	/* RFC 7489 6.4: "v" first, and exactly "DMARC1" */
	if (len < 2 || txt[0] != 'v')
		return 0;
	for (i = 1; i < len && (txt[i] == ' ' || txt[i] == '\t'); i++)
		;
	if (i >= len || txt[i++] != '=')
		return 0;
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	if (len - i < 6 || strncmp(txt + i, "DMARC1", 6))
		return 0;
	for (i += 6; i < len && (txt[i] == ' ' || txt[i] == '\t'); i++)
		;
	return i == len || txt[i] == ';';
}

static const char *const policy_names[] = { "none", "quarantine",
	"reject" };

static int
policy(const char *v, enum dmarc_policy *p)
{
	for (int i = 0; i < 3; i++)
		if (!strcasecmp(v, policy_names[i])) {
			*p = (enum dmarc_policy)i;
			return 0;
		}
	return -1;
}

static int
mode(const char *v, int *strict)
{
	if (!v)
		return 0;
	if (strcasecmp(v, "r") && strcasecmp(v, "s"))
		return -1;
	*strict = !strcasecmp(v, "s");
	return 0;
}

/*
 * 1 when a comma-separated element of g's value is a mailto: URI:
 * receivers send aggregate reports by mail only (RFC 7489 6.2, 7.1).
 */
static int
has_mailto(const struct dkim_tag *g)
{
	for (size_t i = 0; g && i < g->value_len; i++) {
		size_t a = i;

		while (a < g->value_len && strchr(" \t", g->value[a]))
			a++;
		if (g->value_len - a >= 7 && !strncasecmp(g->value + a,
		    "mailto:", 7))
			return 1;
		for (i = a; i < g->value_len && g->value[i] != ','; i++)
			;
	}
	return 0;
}

/* The value of tag name as a string in v[vsz], or NULL when absent. */
static const char *
tag(const struct dkim_tag *t, size_t n, const char *name, char *v,
    size_t vsz)
{
	const struct dkim_tag *g = dkim_tag_get(t, n, name);

	if (!g)
		return NULL;
	snprintf(v, vsz, "%.*s", (int)g->value_len, g->value);
	return v;
}

int
dmarc_parse(const char *rec, size_t len, struct dmarc *out, char *err,
    size_t errsz)
{
	struct dkim_tag t[DMARC_MAX_TAGS];
	const char *why, *v;
	char val[64], *end;
	long pct = 100;
	int n;

	memset(out, 0, sizeof *out);
	if (memchr(rec, '\0', len) || !dmarc_is_record(rec, len)) {
		snprintf(err, errsz, "%s", memchr(rec, '\0', len) ?
		    "a NUL byte in the record" :
		    "does not start with \"v=DMARC1\"");
		return -1;
	}
	if ((n = dkim_tags_parse(rec, len, t, DMARC_MAX_TAGS, &why)) < 0) {
		snprintf(err, errsz, "%s", why);
		return -1;
	}
	/* each reason says what the tag takes: the operator's next step */
	if (!(v = tag(t, (size_t)n, "p", val, sizeof val)) ||
	    policy(v, &out->p) == -1)
		snprintf(err, errsz, v ? "bad p=%s (p= is " POLICIES ")" :
		    "no p= tag (p= is " POLICIES ", right after v=DMARC1)",
		    v);
	else if ((v = tag(t, (size_t)n, "sp", val, sizeof val)) &&
	    policy(v, &out->sp) == -1)
		snprintf(err, errsz, "bad sp=%s (sp= is " POLICIES ")", v);
	else if (mode(v = tag(t, (size_t)n, "adkim", val, sizeof val),
	    &out->adkim_strict) == -1)
		snprintf(err, errsz, "bad adkim=%s (adkim= is r or s)", v);
	else if (mode(v = tag(t, (size_t)n, "aspf", val, sizeof val),
	    &out->aspf_strict) == -1)
		snprintf(err, errsz, "bad aspf=%s (aspf= is r or s)", v);
	else if ((v = tag(t, (size_t)n, "pct", val, sizeof val)) &&
	    ((pct = strtol(v, &end, 10)) < 0 || pct > 100 || end == v ||
	    *end))
		snprintf(err, errsz, "bad pct=%s (pct= is a whole number "
		    "from 0 to 100)", v);
	else {
		out->pct = (int)pct;
		if (!dkim_tag_get(t, (size_t)n, "sp"))
			out->sp = out->p;
		out->has_rua = has_mailto(dkim_tag_get(t, (size_t)n, "rua"));
		return 0;
	}
	return -1;
}

int
dmarc_org_domain(const char *domain, char *out, size_t outsz)
{
	const char *r;
	size_t n = strlen(domain);

	while (n && domain[n - 1] == '.')
		n--;
	if (!n || n >= outsz)
		return -1;
	for (size_t i = 0; i < n; i++)
		out[i] = domain[i] >= 'A' && domain[i] <= 'Z' ?
		    (char)(domain[i] + 32) : domain[i];
	out[n] = '\0';
	r = psl_registrable_domain(psl_builtin(), out);
	if (r && r != out)
		memmove(out, r, strlen(r) + 1);
	return 0;
}

int
dmarc_aligned(const char *from, const char *id, int strict)
{
	char a[256], b[256];

	if (dmarc_org_domain(from, a, sizeof a) == -1 ||
	    dmarc_org_domain(id, b, sizeof b) == -1)
		return 0;
	if (strict) {
		size_t fn = strlen(from), in = strlen(id);

		while (fn && from[fn - 1] == '.')
			fn--;
		while (in && id[in - 1] == '.')
			in--;
		return fn == in && !strncasecmp(from, id, fn);
	}
	return !strcmp(a, b);
}

/*
 * The large mailbox providers' own domains: their DMARC records (p=reject
 * at yahoo.com, aol.com; quarantine at gmail.com's subdomains) are passed
 * by their servers alone, and Gmail asks bulk senders since 2024 not to
 * put gmail.com in From.
 */
static const char *const freemail[] = {
	"126.com", "163.com", "aim.com", "aol.com", "gmail.com", "gmx.at",
	"gmx.ch", "gmx.com", "gmx.de", "gmx.net", "googlemail.com",
	"hotmail.co.uk", "hotmail.com", "hotmail.de", "hotmail.es",
	"hotmail.fr", "hotmail.it", "icloud.com", "live.co.uk", "live.com",
	"live.de", "live.fr", "mac.com", "mail.ru", "me.com", "msn.com",
	"outlook.com", "outlook.de", "outlook.fr", "proton.me",
	"protonmail.com", "qq.com", "rocketmail.com", "sina.com",
	"web.de", "yahoo.ca", "yahoo.co.in", "yahoo.co.jp", "yahoo.co.uk",
	"yahoo.com", "yahoo.com.au", "yahoo.com.br", "yahoo.de", "yahoo.es",
	"yahoo.fr", "yahoo.it", "yandex.com", "yandex.ru", "yeah.net",
	"ymail.com", "zoho.com",
};

int
dmarc_freemail(const char *domain)
{
	char org[256];

	if (dmarc_org_domain(domain, org, sizeof org) == -1)
		return 0;
	for (size_t i = 0; i < sizeof freemail / sizeof *freemail; i++)
		if (!strcmp(org, freemail[i]))
			return 1;
	return 0;
}

const char *
dmarc_policy_name(enum dmarc_policy p)
{
	return policy_names[p];
}
