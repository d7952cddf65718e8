/* dnscheck: the DNS self-check; SPF, MX, reverse DNS.  See dnscheck.h. */
#include "dnscheck.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dmarc.h"
#include "dns.h"
#include "dnscheck_int.h"
#include "spf.h"
#include "util.h"

const char *
dnscheck_level_name(enum dnscheck_level l)
{
	static const char *const names[] = { "ok", "warn", "fail" };

	return names[l];
}

void
dc_report(struct dnsctx *c, enum dnscheck_level l, const char *topic,
    const char *name, const char *fix, const char *fmt, ...)
{
	struct dnscheck_finding f = { l, topic, name, NULL,
	    l == DNSCHECK_OK ? NULL : fix };
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f.text = b.data;
	c->fn(c->arg, &f);
	if ((int)l > c->worst)
		c->worst = (int)l;
	buf_free(&b);
}

/* The SPF evaluator's lookups: arg is the struct dns. */
static int
spf_txt(void *arg, const char *name, struct strlist *out)
{
	return dns_txt(arg, name, out);
}

static int
spf_addrs(void *arg, const char *name, int family, struct strlist *out)
{
	return dns_addrs(arg, name, family, out);
}

static int
spf_mx(void *arg, const char *name, struct strlist *out)
{
	return dns_mx(arg, name, out);
}

int
dc_is_private(const char *ip)
{
	unsigned char a[16];

	if (inet_pton(AF_INET, ip, a) == 1)
		return a[0] == 10 || a[0] == 127 || (a[0] == 172 &&
		    (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) ||
		    (a[0] == 169 && a[1] == 254) || (a[0] == 100 &&
		    (a[1] & 0xc0) == 64) || a[0] == 0;
	if (inet_pton(AF_INET6, ip, a) != 1)
		return 0;
	return !memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) ||
	    (a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
	    !memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12);
}

/* The terms naming the relay, for a record to suggest. */
static void
relay_terms(const struct dnsctx *c, struct buf *b)
{
	size_t n = 0;

	for (size_t i = 0; i < c->relay_ips.n; i++)
		if (!dc_is_private(c->relay_ips.v[i])) {
			buf_printf(b, " ip%c:%s", strchr(c->relay_ips.v[i],
			    ':') ? '6' : '4', c->relay_ips.v[i]);
			n++;
		}
	if (!n)
		buf_adds(b, " ip4:ADDRESS-YOUR-RELAY-SENDS-FROM");
}

/*
 * check_host stops at the first term that matches, so a record can pass
 * for the relay and still exceed the lookup limits for any sender named
 * after it.  An address no record names (RFC 6666's discard prefix)
 * walks the whole record.
 */
static enum dnscheck_level
spf_whole(struct dnsctx *c, const char *domain, struct buf *text,
    struct buf *fix)
{
	const struct spf_dns sd = { spf_txt, spf_addrs, spf_mx, c->d };
	char why[200];

	if (spf_check_host(&sd, "100::1", domain, why, sizeof why) !=
	    SPF_PERMERROR || !strstr(why, "4.6.4"))
		return DNSCHECK_OK;
	buf_printf(text, "; but the whole record is over the limits: %s, "
	    "for every sender it names after the relay's term", why);
	buf_adds(fix, "bring the record within 10 DNS lookups (include, a, "
	    "mx, ptr, exists, redirect, also inside includes), 2 of them "
	    "finding nothing: replace includes by the ip4: and ip6: terms "
	    "they stand for");
	return DNSCHECK_WARN;
}

/*
 * Evaluates the record for each public relay address into text; *passes
 * is cleared when one of them does not pass.
 */
static enum dnscheck_level
spf_relay(struct dnsctx *c, const char *domain, int envelope,
    struct buf *text, struct buf *fix, int *passes)
{
	enum dnscheck_level worst = DNSCHECK_OK;
	const struct spf_dns sd = { spf_txt, spf_addrs, spf_mx, c->d };
	size_t public = 0;
	/* an address the relay is said to send from is no guess */
	int given = c->in->nsending_ips > 0;

	for (size_t i = 0; i < c->relay_ips.n; i++) {
		const char *ip = c->relay_ips.v[i];
		enum dnscheck_level l = DNSCHECK_WARN;
		enum spf_result r;
		char why[200];

		if (dc_is_private(ip))
			continue;
		public++;
		r = spf_check_host(&sd, ip, domain, why, sizeof why);
		buf_printf(text, "; %s %s: %s (%s)", given ?
		    "sending address" : "relay", ip, spf_result_name(r), why);
		if (r == SPF_PASS)
			l = DNSCHECK_OK;
		else
			*passes = 0;
		if (r == SPF_PERMERROR || (r != SPF_PASS && given &&
		    envelope))
			l = DNSCHECK_FAIL;
		/* a term more does not mend a record that cannot evaluate */
		if (l != DNSCHECK_OK && !fix->len && r == SPF_PERMERROR)
			buf_printf(fix, "correct the record: every receiver "
			    "finds it in error%s", strstr(why, "4.6.4") ?
			    "; it may cause at most 10 DNS lookups (include, "
			    "a, mx, ptr, exists, redirect, also inside "
			    "includes), 2 of them finding nothing; ip4: and "
			    "ip6: terms cost none" : "");
		else if (l != DNSCHECK_OK && !fix->len && r == SPF_TEMPERROR)
			buf_printf(fix, "make the name servers of every "
			    "domain the record names answer (%s)", why);
		else if (l != DNSCHECK_OK && !fix->len)
			buf_printf(fix, "%s%s%sadd ip%c:%s to the record",
			    given ? "" : "if the relay sends from ", given ?
			    "" : ip, given ? "" : ", ", strchr(ip, ':') ? '6' :
			    '4', ip);
		if (l > worst)
			worst = l;
	}
	if (worst == DNSCHECK_OK && public)
		worst = spf_whole(c, domain, text, fix);
	if (!public) {
		buf_adds(text, "; not evaluated: no public relay address (SPF "
		    "is checked for the address the mail reaches the world "
		    "from)");
		if (*passes)
			*passes = -1;
	}
	return worst;
}

/* 1 when no term of s can give pass (as "v=spf1 -all"): none may send. */
static int
authorizes_none(const struct spf *s)
{
	if (s->redirect)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->t[i].qual == SPF_PASS)
			return 0;
	return 1;
}

/*
 * 1 when domain's SPF passes for an address no record names (RFC 6666's
 * discard prefix): a +all, in the record or in one it includes.
 */
static int
passes_anyone(struct dnsctx *c, const char *domain)
{
	const struct spf_dns sd = { spf_txt, spf_addrs, spf_mx, c->d };
	char why[200];

	return spf_check_host(&sd, "100::1", domain, why, sizeof why) ==
	    SPF_PASS;
}

/*
 * The level and text of domain's one SPF record rec.  *passes: 1 when
 * it passes for the relay (or for any host), 0 when not, -1 when the
 * relay's public address is unknown; *anyone: 1 when it passes for any
 * host.
 */
static enum dnscheck_level
spf_judge(struct dnsctx *c, const char *domain, const char *rec,
    int envelope, struct buf *text, struct buf *fix, int *passes,
    int *anyone)
{
	enum dnscheck_level l = DNSCHECK_OK, r;
	struct spf s;
	char err[160];

	buf_printf(text, "\"%s\"", rec);
	if (spf_parse(rec, strlen(rec), &s, err, sizeof err) == -1) {
		buf_printf(text, " does not parse: %s", err);
		buf_adds(fix, "correct the record");
		return DNSCHECK_FAIL;
	}
	*passes = 1;
	*anyone = passes_anyone(c, domain);
	switch (spf_all(&s)) {
	case SPF_PASS:
		buf_adds(text, ": +all lets any host send as this domain (SPF "
		    "passes for everyone, forgers included; the large mailbox "
		    "providers take such a record as a sign of spam)");
		buf_adds(fix, "end the record with -all or ~all");
		l = DNSCHECK_FAIL;
		break;
	case SPF_NEUTRAL:
	case SPF_NONE:
		if (s.redirect)
			break;
		buf_adds(text, ": no -all or ~all, so other senders are "
		    "neutral, not refused");
		buf_adds(fix, "end the record with -all or ~all");
		l = DNSCHECK_WARN;
		break;
	default:
		if (!envelope || !authorizes_none(&s))
			break;
		buf_adds(text, ": no term gives pass, so it lets no one send "
		    "and every message fails SPF");
		buf_printf(fix, "publish %s. TXT \"v=spf1", domain);
		relay_terms(c, fix);
		buf_adds(fix, " -all\"");
		l = DNSCHECK_FAIL;
		*passes = 0;
		break;
	}
	if (*anyone && l == DNSCHECK_OK) {
		buf_adds(text, ": it passes for any host (a record it includes "
		    "or redirects to ends in +all), so anyone can send as this "
		    "domain");
		buf_adds(fix, "remove the include or redirect whose record "
		    "ends in +all");
		l = DNSCHECK_WARN;
	}
	spf_free(&s);
	r = spf_relay(c, domain, envelope, text, fix, passes);
	/* the relay's address unknown, yet no address is refused */
	if (*anyone && *passes == -1)
		*passes = 1;
	return r > l ? r : l;
}

/* role: "envelope", "From", or both. */
static void
check_spf(struct dnsctx *c, const char *domain, const char *role,
    int envelope)
{
	struct strlist txt = { 0 };
	struct buf text = BUF_INIT, fix = BUF_INIT;
	enum dnscheck_level l = DNSCHECK_FAIL;
	const char *rec = NULL;
	size_t n = 0;
	int rc = dns_txt(c->d, domain, &txt), passes = 0, anyone = 0;

	for (size_t i = 0; rc == 0 && i < txt.n; i++)
		if (spf_is_record(txt.v[i], strlen(txt.v[i])) && ++n == 1)
			rec = txt.v[i];
	if (rc == -1) {
		buf_printf(&text, "%s domain: TXT lookup failed: %s", role,
		    dns_error(c->d));
		buf_adds(&fix, "make the domain's name servers answer");
	} else if (n == 0) {
		buf_printf(&text, "%s domain: no SPF record", role);
		buf_printf(&fix, "publish %s. TXT \"v=spf1", domain);
		relay_terms(c, &fix);
		buf_adds(&fix, " -all\"");
	} else if (n > 1) {
		buf_printf(&text, "%s domain: %zu SPF records (receivers "
		    "take that as an error)", role, n);
		buf_adds(&fix, "merge them into one record");
	} else {
		buf_printf(&text, "%s domain: ", role);
		l = spf_judge(c, domain, rec, envelope, &text, &fix, &passes,
		    &anyone);
	}
	/* no record of ours is a fix for a provider's domain */
	if (!envelope && dmarc_freemail(domain)) {
		buf_reset(&fix);
		buf_adds(&fix, FREEMAIL_FIX);
	}
	/* -1: may pass, the relay's public address being unknown */
	if (envelope) {
		c->spf_ok = passes;
		c->spf_anyone = anyone;
	}
	dc_report(c, l, "spf", domain, fix.data, "%s", text.data);
	strlist_free(&txt);
	buf_free(&text);
	buf_free(&fix);
}

/*
 * Each MX host's addresses into text; how many have none.  *ip is set
 * when a host is written as an IPv4 address (an MX names a host).
 */
static size_t
mx_hosts(struct dnsctx *c, const struct strlist *mx, struct buf *text,
    const char **ip)
{
	size_t bad = 0;

	buf_adds(text, "MX");
	for (size_t i = 0; i < mx->n; i++) {
		struct strlist a = { 0 };
		int rc = dns_addrs(c->d, mx->v[i], 0, &a);

		buf_printf(text, "%s %s", i ? "," : "", mx->v[i]);
		if (rc == 0) {
			buf_adds(text, " (");
			for (size_t k = 0; k < a.n; k++)
				buf_printf(text, "%s%s", k ? " " : "", a.v[k]);
			buf_adds(text, ")");
		} else {
			unsigned char a4[4];

			if (inet_pton(AF_INET, mx->v[i], a4) == 1)
				*ip = mx->v[i];
			buf_printf(text, " (%s)", rc == 1 ? "no address" :
			    dns_error(c->d));
			bad++;
		}
		strlist_free(&a);
	}
	return bad;
}

/*
 * Who must reach a domain by mail, for the mx lines: the bounce domain
 * takes bounces, the From domain the readers' replies (Microsoft asks
 * bulk senders for a From that can receive them).
 */
struct mx_role {
	const char *label;	/* "bounce domain" */
	const char *lost;	/* "bounces cannot come back" */
	const char *server;	/* what the MX host is, for the fix */
};

static const struct mx_role mx_bounce = { "bounce domain",
	"bounces cannot come back",
	"the server that delivers to the imap: mailbox" };
static const struct mx_role mx_from = { "From domain",
	"replies to sender.address cannot be delivered",
	"the server that takes sender.address's mail" };

static void
check_mx(struct dnsctx *c, const char *dom, const struct mx_role *r)
{
	struct strlist mx = { 0 }, a = { 0 };
	struct buf text = BUF_INIT;
	char *fix = xasprintf("publish %s. MX 10 <%s>", dom, r->server);
	int rc = dns_mx(c->d, dom, &mx);

	if (rc == -1)
		dc_report(c, DNSCHECK_FAIL, "mx", dom, "make the domain's name "
		    "servers answer", "%s: MX lookup failed: %s", r->label,
		    dns_error(c->d));
	else if (rc == 0 && mx.n == 1 && !strcmp(mx.v[0], "."))
		dc_report(c, DNSCHECK_FAIL, "mx", dom, fix, "%s: a null MX "
		    "(RFC 7505): it accepts no mail, so %s", r->label,
		    r->lost);
	else if (rc == 0) {
		const char *ip = NULL;
		size_t bad = mx_hosts(c, &mx, &text, &ip);
		char *hfix = ip ? xasprintf("an MX names a host, not an "
		    "address: publish mx.%s. A %s and %s. MX 10 mx.%s.", dom,
		    ip, dom, dom) : xstrdup("give every MX host an A or AAAA "
		    "record");

		/* no host to connect to is no MX at all (RFC 5321 5.1) */
		dc_report(c, bad == mx.n ? DNSCHECK_FAIL : bad ?
		    DNSCHECK_WARN : DNSCHECK_OK, "mx", dom, hfix, "%s: %s%s%s",
		    r->label, text.data, bad == mx.n ? ": no MX host has an "
		    "address, so " : "", bad == mx.n ? r->lost : "");
		free(hfix);
	} else if (dns_addrs(c->d, dom, 0, &a) == 0)
		dc_report(c, DNSCHECK_WARN, "mx", dom, fix, "%s: no MX record; "
		    "mail goes to its address %s (implicit MX, RFC 5321 5.1)",
		    r->label, a.v[0]);
	else
		dc_report(c, DNSCHECK_FAIL, "mx", dom, fix, "%s: no MX record: "
		    "%s", r->label, r->lost);
	strlist_free(&mx);
	strlist_free(&a);
	buf_free(&text);
	free(fix);
}

/*
 * A forward-confirmed name that looks generic (dnscheck_ptr_generic): a
 * warning, since the large mailbox providers want a bulk sender's own.
 */
static void
report_ptr(struct dnsctx *c, size_t i, const char *name)
{
	const char *ip = c->relay_ips.v[i], *who = c->who.v[i];
	char why[100], *fix;

	if (!dnscheck_ptr_generic(name, ip, why, sizeof why)) {
		dc_report(c, DNSCHECK_OK, "rdns", ip, NULL, "%s%s -> %s -> %s",
		    who, ip, name, ip);
		return;
	}
	fix = xasprintf("have the owner of %s (the relay's provider) set its "
	    "PTR record to a name of your own, as mail.%s, whose A/AAAA "
	    "record is %s", ip, c->in->from_domain, ip);
	dc_report(c, DNSCHECK_WARN, "rdns", ip, fix, "%s%s -> %s -> %s; but "
	    "the name looks generic (%s): the large mailbox providers want "
	    "a bulk sender's reverse name to be its own, not an access "
	    "provider's pattern", who, ip, name, ip, why);
	free(fix);
}

/* PTR of address i, and each PTR name back to it. */
static void
check_ptr(struct dnsctx *c, size_t i)
{
	const char *ip = c->relay_ips.v[i], *who = c->who.v[i];
	struct strlist ptr = { 0 };
	char *fix = xasprintf("have the owner of %s (the relay's provider) "
	    "set its PTR record to the relay's name, a name whose A/AAAA "
	    "record is %s", ip, ip);
	int rc = dns_ptr(c->d, ip, &ptr), back = 0;

	for (size_t p = 0; rc == 0 && !back && p < ptr.n; p++) {
		struct strlist a = { 0 };

		if (dns_addrs(c->d, ptr.v[p], strchr(ip, ':') ? 6 : 4, &a) == 0)
			for (size_t k = 0; k < a.n; k++)
				back |= !strcmp(a.v[k], ip);
		if (back)
			report_ptr(c, i, ptr.v[p]);
		strlist_free(&a);
	}
	if (rc == -1)
		dc_report(c, DNSCHECK_FAIL, "rdns", ip, fix, "%s%s: PTR "
		    "lookup failed: %s", who, ip, dns_error(c->d));
	else if (rc == 1)
		dc_report(c, DNSCHECK_FAIL, "rdns", ip, fix, "%s%s has no PTR "
		    "record (the large providers refuse such mail)", who, ip);
	else if (!back)
		dc_report(c, DNSCHECK_FAIL, "rdns", ip, fix, "%s%s -> %s, "
		    "which does not resolve back to %s", who, ip, ptr.v[0], ip);
	strlist_free(&ptr);
	free(fix);
}

static void
check_rdns(struct dnsctx *c)
{
	if (!c->in->nrelays && !c->in->nsending_ips) {
		dc_report(c, DNSCHECK_WARN, "rdns", "-", "check the relay's "
		    "reverse DNS once transport.relays names it", "no SMTP "
		    "relay in transport.relays: nothing to look up");
		return;
	}
	for (size_t i = 0; i < c->bad_relays.n; i++)
		dc_report(c, DNSCHECK_FAIL, "rdns", c->bad_relays.v[i],
		    "publish the relay's A or AAAA record, or name it by its "
		    "address", "relay %s has no address (%s)",
		    c->bad_relays.v[i], c->bad_errs.v[i]);
	for (size_t i = 0; i < c->relay_ips.n; i++) {
		if (dc_is_private(c->relay_ips.v[i]))
			dc_report(c, DNSCHECK_WARN, "rdns", c->relay_ips.v[i],
			    "name the public address the relay sends from: "
			    "mailer check --dns --sending-ip ADDRESS",
			    "%s%s is not a public address", c->who.v[i],
			    c->relay_ips.v[i]);
		else
			check_ptr(c, i);
	}
}

/* Adds ip, named by who, to the addresses to judge, unless there. */
static void
add_addr(struct dnsctx *c, const char *ip, const char *who)
{
	for (size_t i = 0; i < c->relay_ips.n; i++)
		if (!strcmp(c->relay_ips.v[i], ip))
			return;
	strlist_add(&c->relay_ips, ip);
	strlist_add(&c->who, who);
}

/*
 * The addresses to judge: the sending addresses given, else every
 * relay's (the host itself when it is one), since each carries its share
 * of the mail.
 */
static void
relay_addresses(struct dnsctx *c)
{
	for (size_t i = 0; i < c->in->nsending_ips; i++)
		add_addr(c, c->in->sending_ips[i], "sending address ");
	for (size_t r = 0; !c->in->nsending_ips && r < c->in->nrelays; r++) {
		const char *h = c->in->relays[r];
		char *who = xasprintf("relay %s: ", h);
		struct strlist a = { 0 };
		unsigned char b[16];
		int rc = 0;

		if (inet_pton(AF_INET, h, b) == 1 ||
		    inet_pton(AF_INET6, h, b) == 1)
			strlist_add(&a, h);
		else if ((rc = dns_addrs(c->d, h, 0, &a)) != 0) {
			strlist_add(&c->bad_relays, h);
			strlist_add(&c->bad_errs, rc == -1 ? dns_error(c->d) :
			    "no A or AAAA record");
		}
		for (size_t k = 0; k < a.n; k++)
			add_addr(c, a.v[k], who);
		strlist_free(&a);
		free(who);
	}
}

int
dnscheck_run(struct dns *d, const struct dnscheck_in *in,
    void (*fn)(void *arg, const struct dnscheck_finding *f), void *arg)
{
	struct dnsctx c = { d, in, fn, arg, DNSCHECK_OK, { 0 }, { 0 }, { 0 },
	    { 0 }, 0, 0, 0 };
	int same = !strcasecmp(in->from_domain, in->bounce_domain);
	struct strlist probe = { 0 };

	/*
	 * One lookup first: when even it fails the resolver is unusable, and
	 * every other lookup would wait for it as long.
	 */
	if (dns_txt(d, in->bounce_domain, &probe) == -1)
		return -1;
	strlist_free(&probe);
	relay_addresses(&c);
	check_spf(&c, in->bounce_domain, same ? "envelope and From" :
	    "envelope", 1);
	if (!same)
		check_spf(&c, in->from_domain, "From", 0);
	dc_check_dkim(&c);
	dc_check_dmarc(&c);
	check_mx(&c, in->bounce_domain, &mx_bounce);
	if (!same)
		check_mx(&c, in->from_domain, &mx_from);
	check_rdns(&c);
	dc_check_unsub(&c);
	strlist_free(&c.relay_ips);
	strlist_free(&c.who);
	strlist_free(&c.bad_relays);
	strlist_free(&c.bad_errs);
	return c.worst;
}
