/* dns: lookups through libunbound.  See dns.h. */
#include "dns.h"

#include <arpa/inet.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unbound.h>

#include "dnsrr.h"
#include "util.h"

enum { T_A = 1, T_PTR = 12, T_MX = 15, T_TXT = 16, T_AAAA = 28 };

struct dns {
	struct ub_ctx *ctx;
	char error[128];
	char cname[256];	/* where the last lookup's CNAMEs led; "" */
};

int
dns_parse_resolver(const char *s, char *out, size_t outsz)
{
	unsigned char a[16];
	char *host;
	unsigned port;
	int ok;

	if (host_port_split(s, strlen(s), &host, &port) == -1)
		return -1;
	ok = inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1;
	if (ok)
		ok = snprintf(out, outsz, "%s@%u", host, port ? port : 53) <
		    (int)outsz;
	free(host);
	return ok ? 0 : -1;
}

/* Options set on every context; a failure is a libunbound bug. */
static int
set_options(struct ub_ctx *ctx)
{
	static const char *const opts[][2] = {
		/* about 5 s before a silent server counts as failed */
		{ "outbound-msg-retry:", "3" },
		/* private networks' reverse zones are real data here */
		{ "unblock-lan-zones:", "yes" },
		{ "insecure-lan-zones:", "yes" },
	};
	int e;

	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if ((e = ub_ctx_set_option(ctx, opts[i][0], opts[i][1]))) {
			warnx("libunbound: %s %s: %s", opts[i][0], opts[i][1],
			    ub_strerror(e));
			return -1;
		}
	return 0;
}

struct dns *
dns_open(const char *resolver)
{
	struct dns *d = xcalloc(1, sizeof *d);
	int e = 0;

	if (!(d->ctx = ub_ctx_create())) {
		warnx("libunbound: cannot create a resolver context");
		free(d);
		return NULL;
	}
	if (set_options(d->ctx) == -1)
		goto fail;
	if (resolver && (e = ub_ctx_set_fwd(d->ctx, resolver))) {
		warnx("resolver %s: %s", resolver, ub_strerror(e));
		goto fail;
	}
	if (!resolver && ((e = ub_ctx_resolvconf(d->ctx, NULL)) ||
	    (e = ub_ctx_hosts(d->ctx, NULL)))) {
		warnx("/etc/resolv.conf or /etc/hosts: %s", ub_strerror(e));
		goto fail;
	}
	return d;
fail:
	dns_close(d);
	return NULL;
}

void
dns_close(struct dns *d)
{
	if (!d)
		return;
	ub_ctx_delete(d->ctx);
	free(d);
}

const char *
dns_error(const struct dns *d)
{
	return d->error;
}

const char *
dns_cname(const struct dns *d)
{
	return d->cname[0] ? d->cname : NULL;
}

/* r's canonical name into d->cname when it is not name itself. */
static void
keep_cname(struct dns *d, const char *name, const struct ub_result *r)
{
	size_t n = r->canonname ? strlen(r->canonname) : 0, m = strlen(name);

	d->cname[0] = '\0';
	while (n && r->canonname[n - 1] == '.')
		n--;
	while (m && name[m - 1] == '.')
		m--;
	if (n && n < sizeof d->cname && (n != m ||
	    strncasecmp(r->canonname, name, n)))
		snprintf(d->cname, sizeof d->cname, "%.*s", (int)n,
		    r->canonname);
}

static const char *
rcode_name(int rcode)
{
	static const char *const names[] = { "NOERROR", "FORMERR",
	    "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED" };

	return rcode >= 0 && rcode < 6 ? names[rcode] : "an error";
}

/*
 * Runs one query and calls add for each record's RDATA.  0 / 1 / -1 as the
 * public lookups; a record that does not parse is skipped.
 */
static int
query(struct dns *d, const char *name, int type,
    int (*add)(const unsigned char *, size_t, struct strlist *),
    struct strlist *out)
{
	struct ub_result *r;
	size_t before = out->n;
	int e;

	d->cname[0] = '\0';
	if ((e = ub_resolve(d->ctx, name, type, 1, &r))) {
		if (e == UB_NOMEM)
			util_oom("libunbound");	/* 71, not "no answer" */
		snprintf(d->error, sizeof d->error, "%s", ub_strerror(e));
		return -1;
	}
	if (r->rcode != 0 && r->rcode != 3) {
		snprintf(d->error, sizeof d->error, "%s for %s",
		    rcode_name(r->rcode), name);
		ub_resolve_free(r);
		return -1;
	}
	keep_cname(d, name, r);
	for (int i = 0; r->havedata && r->data[i]; i++)
		add((const unsigned char *)r->data[i], (size_t)r->len[i], out);
	ub_resolve_free(r);
	return out->n > before ? 0 : 1;
}

static int
add_txt(const unsigned char *rd, size_t len, struct strlist *out)
{
	struct buf b = BUF_INIT;
	int rc = dnsrr_txt(rd, len, &b);

	if (rc == 0)
		strlist_add(out, b.data);
	buf_free(&b);
	return rc;
}

static int
add_name(const unsigned char *rd, size_t len, struct strlist *out)
{
	char name[DNSRR_NAME_MAX];
	size_t off = 0;

	if (dnsrr_name(rd, len, &off, name) == -1 || off != len)
		return -1;
	strlist_add(out, name);
	return 0;
}

static int
add_addr(const unsigned char *rd, size_t len, struct strlist *out)
{
	char a[46];

	if (dnsrr_addr(rd, len, a) == -1)
		return -1;
	strlist_add(out, a);
	return 0;
}

/* "PPPPP host": sorted as text, that is by preference */
static int
add_mx(const unsigned char *rd, size_t len, struct strlist *out)
{
	char host[DNSRR_NAME_MAX], *s;
	unsigned pref;

	if (dnsrr_mx(rd, len, &pref, host) == -1)
		return -1;
	s = xasprintf("%05u %s", pref, host);
	strlist_add(out, s);
	free(s);
	return 0;
}

int
dns_txt(struct dns *d, const char *name, struct strlist *out)
{
	return query(d, name, T_TXT, add_txt, out);
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
dns_mx(struct dns *d, const char *name, struct strlist *out)
{
	struct strlist mx = { 0 };
	int rc = query(d, name, T_MX, add_mx, &mx);

	if (mx.n)
		qsort(mx.v, mx.n, sizeof *mx.v, by_text);
	for (size_t i = 0; i < mx.n; i++)
		strlist_add(out, mx.v[i] + 6);
	strlist_free(&mx);
	return rc;
}

int
dns_addrs(struct dns *d, const char *name, int family, struct strlist *out)
{
	int r4 = 1, r6 = 1;

	if (family != 6 && (r4 = query(d, name, T_A, add_addr, out)) == -1)
		return -1;
	if (family != 4 && (r6 = query(d, name, T_AAAA, add_addr, out)) == -1)
		return -1;
	return r4 == 0 || r6 == 0 ? 0 : 1;
}

int
dns_ptr(struct dns *d, const char *ip, struct strlist *out)
{
	char name[DNSRR_NAME_MAX];

	if (dnsrr_reverse(ip, name) == -1) {
		snprintf(d->error, sizeof d->error, "\"%s\" is no IP address",
		    ip);
		return -1;
	}
	return query(d, name, T_PTR, add_name, out);
}
