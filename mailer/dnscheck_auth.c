/*
 * dnscheck_auth: the DKIM key records, the DMARC record and the one-click
 * unsubscribe host of the self-check.  See dnscheck.h.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dkim_canon.h"
#include "dmarc.h"
#include "dns.h"
#include "dnscheck_int.h"
#include "util.h"

#define MAX_TAGS 16
#define NONE_FIX "once the reports show only your own mail, publish " \
	"p=quarantine, then p=reject"

/* 1 when the key record says t=y (testing: verifiers may ignore it). */
static int
testing(const char *txt, size_t len)
{
	struct dkim_tag t[MAX_TAGS];
	const struct dkim_tag *flags;
	const char *why;
	int n = dkim_tags_parse(txt, len, t, MAX_TAGS, &why);

	if (n < 0 || !(flags = dkim_tag_get(t, (size_t)n, "t")))
		return 0;
	for (size_t i = 0; i < flags->value_len; i++)
		if (flags->value[i] == 'y' && (i == 0 ||
		    strchr(": \t", flags->value[i - 1])) && (i + 1 ==
		    flags->value_len || strchr(": \t", flags->value[i + 1])))
			return 1;
	return 0;
}

/* A demo key not made yet: its record cannot be judged. */
static void
no_key_yet(struct dnsctx *c, const char *name, const char *selector)
{
	dc_report(c, DNSCHECK_WARN, "dkim", name, "run `mailer dkim record` "
	    "(it makes the demo key) and publish what it prints", "the demo "
	    "key of selector %s is not made yet (the first send makes it; "
	    "check writes nothing): its record cannot be judged", selector);
}

static void
check_key(struct dnsctx *c, size_t i)
{
	const struct dnscheck_key *k = &c->in->keys[i];
	char *name = xasprintf("%s._domainkey.%s", k->selector,
	    c->in->dkim_domain);
	char *fix;
	struct strlist txt = { 0 };
	const char *why = NULL;
	int rc, ours = 0;
	char *to;

	if (!k->record) {
		no_key_yet(c, name, k->selector);
		free(name);
		return;
	}
	fix = xasprintf("publish %s. TXT %s", name, k->record);
	rc = dns_txt(c->d, name, &txt);
	to = dns_cname(c->d) ? xstrdup(dns_cname(c->d)) : NULL;

	/* a name with a CNAME takes no other record (RFC 1034 3.6.2) */
	if (to) {
		free(fix);
		fix = xasprintf("publish %s. TXT %s where the CNAME points "
		    "(the provider's zone), or replace the CNAME at %s by "
		    "that record", to, k->record, name);
	}
	if (rc == 0 && txt.n == 1)
		ours = c->in->key_check(c->in->key_arg, i, txt.v[0],
		    strlen(txt.v[0]), &why) == 0;
	c->dkim_ok |= ours;
	if (rc == -1)
		dc_report(c, DNSCHECK_FAIL, "dkim", name, "make the domain's "
		    "name servers answer", "TXT lookup failed: %s",
		    dns_error(c->d));
	else if (rc == 1)
		dc_report(c, DNSCHECK_FAIL, "dkim", name, fix, "no key "
		    "record%s%s%s: receivers cannot verify the signatures of "
		    "selector %s", to ? " (a CNAME to " : "", to ? to : "",
		    to ? ", which has none)" : "", k->selector);
	else if (txt.n > 1)
		dc_report(c, DNSCHECK_FAIL, "dkim", name, fix, "%zu TXT records"
		    " where verifiers expect one", txt.n);
	else if (!ours)
		dc_report(c, DNSCHECK_FAIL, "dkim", name, fix, "the record%s%s "
		    "does not publish the key mailer signs with: %s", to ?
		    " at " : "", to ? to : "", why);
	else if (testing(txt.v[0], strlen(txt.v[0])))
		dc_report(c, DNSCHECK_WARN, "dkim", name, "remove t=y from "
		    "the record", "publishes our key, with t=y (testing): "
		    "verifiers may treat the mail as unsigned");
	else
		dc_report(c, DNSCHECK_OK, "dkim", name, NULL, "publishes the "
		    "key of selector %s", k->selector);
	strlist_free(&txt);
	free(name);
	free(fix);
	free(to);
}

void
dc_check_dkim(struct dnsctx *c)
{
	if (!c->in->dkim_domain || !c->in->nkeys) {
		dc_report(c, DNSCHECK_WARN, "dkim", "-", "add a dkim: section "
		    "and publish what `mailer dkim record` prints", "mailer "
		    "signs no DKIM (no dkim: section): only a relay's "
		    "signature can align, and the providers' one-click "
		    "unsubscribe needs List-Unsubscribe signed");
		return;
	}
	for (size_t i = 0; i < c->in->nkeys; i++)
		check_key(c, i);
}

/*
 * The DMARC record for the From domain: at _dmarc.FROM, else at the
 * organizational domain's (RFC 7489 6.6.3).  Returns 0 with *rec set,
 * 1 when there is none, 2 when there are several, -1 on a failed lookup;
 * *name is where it was (or was last looked for).  *bad is a TXT record
 * at _dmarc.FROM that names DMARC but is none ("v=DMARC1, p=reject"),
 * when _dmarc.FROM has no record: receivers skip it without a word.
 */
static int
find_dmarc(struct dnsctx *c, char **name, char **rec, int *at_org,
    char **bad)
{
	char org[256];
	int rc = 1;

	*rec = NULL;
	*bad = NULL;
	*at_org = 0;
	*name = xasprintf("_dmarc.%s", c->in->from_domain);
	for (int pass = 0; pass < 2 && rc == 1; pass++) {
		struct strlist txt = { 0 };
		size_t n = 0;

		if (pass == 1) {
			if (dmarc_org_domain(c->in->from_domain, org,
			    sizeof org) == -1 || !strcasecmp(org,
			    c->in->from_domain))
				break;
			free(*name);
			*name = xasprintf("_dmarc.%s", org);
			*at_org = 1;
		}
		if ((rc = dns_txt(c->d, *name, &txt)) == 0) {
			for (size_t i = 0; i < txt.n; i++)
				if (dmarc_is_record(txt.v[i], strlen(txt.v[i]))
				    && ++n == 1)
					*rec = xstrdup(txt.v[i]);
				else if (pass == 0 && !*bad &&
				    strcasestr(txt.v[i], "dmarc"))
					*bad = xstrdup(txt.v[i]);
			rc = n == 0 ? 1 : n == 1 ? 0 : 2;
		}
		strlist_free(&txt);
	}
	return rc;
}

/* What aligns, into text: ALIGN_DKIM and ALIGN_SPF, or 0. */
enum { ALIGN_DKIM = 1, ALIGN_SPF = 2 };

static int
aligned(struct dnsctx *c, const struct dmarc *d, struct buf *text)
{
	const char *from = c->in->from_domain, *dk = c->in->dkim_domain;
	int a_dkim = dk && c->dkim_ok && dmarc_aligned(from, dk,
	    d->adkim_strict);
	int a_spf = c->spf_ok && dmarc_aligned(from, c->in->bounce_domain,
	    d->aspf_strict);

	if (dk)
		buf_printf(text, "DKIM d=%s %s (adkim=%s)", dk, a_dkim ?
		    "aligns" : c->dkim_ok ? "does not align" :
		    "cannot pass", d->adkim_strict ? "s" : "r");
	else
		buf_adds(text, "no DKIM signature of ours");
	buf_printf(text, ", SPF %s %s (aspf=%s)%s", c->in->bounce_domain,
	    a_spf ? "aligns" : c->spf_ok ? "does not align" : "cannot pass",
	    d->aspf_strict ? "s" : "r", c->spf_anyone ? ", passing for any "
	    "host (+all)" : c->spf_ok == -1 ? " if it passes for the relay's "
	    "public address" : "");
	return (a_dkim ? ALIGN_DKIM : 0) | (a_spf ? ALIGN_SPF : 0);
}

/* How to align, for the From domain's organizational domain. */
static char *
align_fix(const struct dnsctx *c, const struct dmarc *d)
{
	char org[256];

	if (dmarc_org_domain(c->in->from_domain, org, sizeof org) == -1)
		snprintf(org, sizeof org, "%s", c->in->from_domain);
	/* the name aligns; the record does not let the relay pass */
	if (!c->spf_ok && dmarc_aligned(c->in->from_domain,
	    c->in->bounce_domain, d->aspf_strict))
		return xasprintf("let the relay pass %s's SPF (see the spf "
		    "line), or sign with dkim.domain %s%s",
		    c->in->bounce_domain, d->adkim_strict ?
		    c->in->from_domain : org, d->adkim_strict ? "" :
		    " or a subdomain of it");
	return xasprintf("sign with dkim.domain %s%s, or set bounce_domain to "
	    "%s%s (and publish its SPF)", d->adkim_strict ?
	    c->in->from_domain : org, d->adkim_strict ? "" :
	    " or a subdomain of it", d->aspf_strict ? c->in->from_domain :
	    "a subdomain of ", d->aspf_strict ? "" : org);
}

/*
 * A rua/ruf URI that is no mailto: URI ("rua=d@example.org"): receivers
 * send reports by mail only, so none comes (RFC 7489 6.2, 7.1).  at is
 * set when it holds an address.
 */
static void
not_mailto(struct dnsctx *c, const char *policy, const char *tag,
    const char *uri, size_t n, const char *at)
{
	char *name = xasprintf("_dmarc.%s", policy);
	char *fix = at && !memchr(uri, ':', n) ? xasprintf("write %s=mailto:"
	    "%.*s", tag, (int)n, uri) : xasprintf("write %s=mailto:ADDRESS",
	    tag);

	dc_report(c, DNSCHECK_WARN, "dmarc", name, fix, "%s=%.*s is not a "
	    "mailto: URI: receivers send their reports by mail only, so "
	    "none comes", tag, (int)n, uri);
	free(name);
	free(fix);
}

/*
 * One rua/ruf mailto: address at another organization's domain: that
 * domain must publish POLICY._report._dmarc.HOST (RFC 7489 7.1), else
 * receivers send it no report.  policy is the domain of the record.
 */
static void
check_report_uri(struct dnsctx *c, const char *policy, const char *tag,
    const char *uri, size_t n)
{
	char host[256], a[256], b[256], *name, *fix;
	const char *at = NULL;
	struct strlist txt = { 0 };
	size_t hn = 0;
	int rc, ok = 0;

	for (size_t i = 0; i < n; i++)
		if (uri[i] == '@')
			at = uri + i + 1;
	if (n == 0)
		return;
	if (n < 7 || strncasecmp(uri, "mailto:", 7)) {
		not_mailto(c, policy, tag, uri, n, at);
		return;
	}
	if (!at)
		return;
	while (at + hn < uri + n && at[hn] != '!' && hn + 1 < sizeof host) {
		host[hn] = at[hn];
		hn++;
	}
	host[hn] = '\0';
	if (dmarc_org_domain(host, a, sizeof a) == -1 ||
	    dmarc_org_domain(policy, b, sizeof b) == -1 || !strcmp(a, b))
		return;
	name = xasprintf("%s._report._dmarc.%s", policy, host);
	fix = xasprintf("publish %s. TXT \"v=DMARC1\" (in %s's zone)", name,
	    host);
	rc = dns_txt(c->d, name, &txt);
	for (size_t i = 0; rc == 0 && i < txt.n; i++)
		ok |= dmarc_is_record(txt.v[i], strlen(txt.v[i]));
	if (rc == -1)
		dc_report(c, DNSCHECK_WARN, "dmarc", name, "make the domain's "
		    "name servers answer", "TXT lookup failed: %s",
		    dns_error(c->d));
	else if (!ok)
		dc_report(c, DNSCHECK_WARN, "dmarc", name, fix, "%s=%.*s is at "
		    "another organization's domain, which has not agreed to "
		    "take %s's reports (RFC 7489 7.1): receivers send it none",
		    tag, (int)n, uri, policy);
	strlist_free(&txt);
	free(name);
	free(fix);
}

/* Each rua= and ruf= address of the record rec found at _dmarc.policy. */
static void
check_report_uris(struct dnsctx *c, const char *policy, const char *rec)
{
	static const char *const tags[] = { "rua", "ruf" };
	struct dkim_tag t[16];
	const char *why;
	int n = dkim_tags_parse(rec, strlen(rec), t, 16, &why);

	for (size_t k = 0; n > 0 && k < 2; k++) {
		const struct dkim_tag *g = dkim_tag_get(t, (size_t)n, tags[k]);
		size_t i = 0;

		while (g && i < g->value_len) {
			size_t j = i, a, e;

			while (j < g->value_len && g->value[j] != ',')
				j++;
			for (a = i; a < j && strchr(" \t", g->value[a]); a++)
				;
			for (e = j; e > a && strchr(" \t", g->value[e - 1]);
			    e--)
				;
			check_report_uri(c, policy, tags[k], g->value + a,
			    e - a);
			i = j + 1;
		}
	}
}

static void
judge_dmarc(struct dnsctx *c, const char *name, const char *rec,
    int at_org)
{
	struct buf text = BUF_INIT;
	struct dmarc d;
	char err[160], *fix;
	enum dmarc_policy p;
	int al;

	if (dmarc_parse(rec, strlen(rec), &d, err, sizeof err) == -1) {
		dc_report(c, DNSCHECK_FAIL, "dmarc", name, "correct the record",
		    "\"%s\" does not parse: %s", rec, err);
		return;
	}
	p = at_org ? d.sp : d.p;
	buf_printf(&text, "p=%s%s; ", dmarc_policy_name(p), at_org ?
	    " (sp= of the organizational domain)" : "");
	fix = dmarc_freemail(c->in->from_domain) ? xstrdup(FREEMAIL_FIX) :
	    align_fix(c, &d);
	al = aligned(c, &d, &text);
	if ((al & ALIGN_SPF) && c->spf_anyone)
		dc_report(c, DNSCHECK_WARN, "dmarc", name, "let only your "
		    "relays pass bounce_domain's SPF (see the spf line)", "%s; "
		    "but since SPF passes for any host, anyone can send mail "
		    "that passes DMARC as %s", text.data, c->in->from_domain);
	else if (al && p == DMARC_NONE)
		/* the providers' minimum; Microsoft recommends p=reject */
		dc_report(c, DNSCHECK_WARN, "dmarc", name, d.has_rua ?
		    NONE_FIX : "add rua=mailto:ADDRESS, then " NONE_FIX, "%s; "
		    "p=none only asks for reports: receivers take no action "
		    "against mail forged in %s's name", text.data,
		    c->in->from_domain);
	else if (al && d.pct < 100)
		/* RFC 7489 6.6.4: the rest get the next milder policy */
		dc_report(c, DNSCHECK_WARN, "dmarc", name, "once the reports "
		    "show only your own mail, remove pct= (it is 100 when "
		    "absent)", "%s; but pct=%d: receivers apply p=%s to only "
		    "%d%% of the mail forged in %s's name and %s the rest",
		    text.data, d.pct, dmarc_policy_name(p), d.pct,
		    c->in->from_domain, p == DMARC_REJECT ? "quarantine" :
		    "deliver");
	else if (al)
		dc_report(c, DNSCHECK_OK, "dmarc", name, NULL, "%s",
		    text.data);
	else
		dc_report(c, DNSCHECK_FAIL, "dmarc", name, fix, "%s: DMARC "
		    "fails for %s%s", text.data, c->in->from_domain,
		    p == DMARC_REJECT ? ", receivers reject the newsletter" :
		    p == DMARC_QUARANTINE ? ", receivers file it as spam" :
		    "; Gmail and Yahoo require alignment from bulk senders");
	free(fix);
	buf_free(&text);
	check_report_uris(c, name + strlen("_dmarc."), rec);
}

/*
 * txt at _dmarc.FROM names DMARC but is no record; org is the record
 * receivers apply instead, or NULL.
 */
static void
report_not_dmarc(struct dnsctx *c, const char *txt, const char *org)
{
	char *name = xasprintf("_dmarc.%s", c->in->from_domain);

	dc_report(c, DNSCHECK_FAIL, "dmarc", name, "rewrite it as "
	    "\"v=DMARC1; p=POLICY; rua=mailto:ADDRESS\": v=DMARC1 first, "
	    "the tags separated by \";\"", "\"%s\" is no DMARC record: it "
	    "must begin with \"v=DMARC1;\" (RFC 7489 6.4), so receivers "
	    "ignore it and %s%s", txt, org ? "apply the record at " :
	    "find no DMARC record for ", org ? org : c->in->from_domain);
	free(name);
}

void
dc_check_dmarc(struct dnsctx *c)
{
	char *name, *rec, *fix, *bad;
	int at_org, rc = find_dmarc(c, &name, &rec, &at_org, &bad);

	if (dmarc_freemail(c->in->from_domain))
		dc_report(c, DNSCHECK_FAIL, "from", c->in->from_domain,
		    FREEMAIL_FIX, "sender.address is at a mailbox provider's "
		    "domain: only its own servers can pass DMARC for %s, "
		    "and Gmail, Yahoo and Microsoft quarantine or reject "
		    "bulk mail that impersonates it", c->in->from_domain);

	fix = xasprintf("publish _dmarc.%s. TXT \"v=DMARC1; p=none\" (add "
	    "rua=mailto:ADDRESS for the receivers' reports)",
	    c->in->from_domain);
	if (bad && rc != -1)
		report_not_dmarc(c, bad, rc == 1 ? NULL : name);
	if (rc == -1)
		dc_report(c, DNSCHECK_FAIL, "dmarc", name, "make the domain's "
		    "name servers answer", "TXT lookup failed: %s",
		    dns_error(c->d));
	else if (rc == 1 && bad)
		;	/* said above */
	else if (rc == 1)
		dc_report(c, DNSCHECK_FAIL, "dmarc", name, fix, "no DMARC "
		    "record for %s: Gmail and Yahoo require one from bulk "
		    "senders", c->in->from_domain);
	else if (rc == 2)
		dc_report(c, DNSCHECK_FAIL, "dmarc", name, "keep one of them",
		    "several DMARC records: receivers apply none");
	else
		judge_dmarc(c, name, rec, at_org);
	free(name);
	free(rec);
	free(bad);
	free(fix);
}

/* 1 when every address of a is private or loopback (dc_is_private). */
static int
all_private(const struct strlist *a)
{
	for (size_t i = 0; i < a->n; i++)
		if (!dc_is_private(a->v[i]))
			return 0;
	return a->n > 0;
}

/*
 * Gmail and Yahoo (2024) ask bulk senders for a one-click unsubscribe
 * (RFC 8058): a List-Unsubscribe https URL with List-Unsubscribe-Post.
 * A mailto alone does not count, a plain http URL neither (RFC 8058 3.1),
 * and a URL whose host has no address, or only addresses the world does
 * not reach, unsubscribes nobody.  A host written as an address is taken
 * as it stands.
 */
void
dc_check_unsub(struct dnsctx *c)
{
	const char *u = c->in->unsub_url, *h;
	struct strlist a = { 0 };
	struct buf why = BUF_INIT;
	char *host = NULL, *fix;
	unsigned char ip[16];
	unsigned port;
	int rc = 0, literal, https = !strncmp(u ? u : "", "https://", 8);
	enum dnscheck_level l = DNSCHECK_OK;

	if (!u) {
		dc_report(c, DNSCHECK_WARN, "unsub", "-", "set web.base_url "
		    "and run mailer serve behind it", "List-Unsubscribe is "
		    "a mailto only: the large providers ask bulk senders for "
		    "a one-click unsubscribe URL (RFC 8058)");
		return;
	}
	h = strstr(u, "://");
	h = h ? h + 3 : u;
	if (host_port_split(h, strcspn(h, "/?#"), &host, &port) == -1)
		return;		/* config.c refused it already */
	literal = inet_pton(AF_INET, host, ip) == 1 ||
	    inet_pton(AF_INET6, host, ip) == 1;
	if (literal)
		strlist_add(&a, host);
	else
		rc = dns_addrs(c->d, host, 0, &a);
	if (rc != 0) {
		fix = xasprintf("publish %s's A or AAAA record", host);
		dc_report(c, DNSCHECK_FAIL, "unsub", host, fix, "the one-click "
		    "unsubscribe URL %s has no address (%s): every "
		    "unsubscribe from the mail fails", u, rc == -1 ?
		    dns_error(c->d) : "no A or AAAA record");
		free(fix);
		goto out;
	}
	if (!https) {
		buf_adds(&why, " is not https (RFC 8058 3.1): the providers "
		    "show no unsubscribe button for it");
		l = DNSCHECK_FAIL;
	}
	if (literal && dc_is_private(host)) {
		buf_printf(&why, "%s %s is a private or loopback address: no "
		    "recipient or provider reaches it", l ? "; and" : ":",
		    host);
		l = DNSCHECK_FAIL;
	} else if (all_private(&a)) {
		buf_printf(&why, "%s %s has only private or loopback addresses "
		    "here (", l ? "; and" : ":", host);
		for (size_t i = 0; i < a.n; i++)
			buf_printf(&why, "%s%s", i ? " " : "", a.v[i]);
		buf_adds(&why, "): if the world's DNS says the same, no "
		    "recipient or provider reaches it");
		if (l == DNSCHECK_OK)
			l = DNSCHECK_WARN;
	}
	if (l == DNSCHECK_OK)
		dc_report(c, DNSCHECK_OK, "unsub", host, NULL, "one-click "
		    "unsubscribe (RFC 8058) at %s (%s)", u, a.v[0]);
	else
		dc_report(c, l, "unsub", host, "set web.base_url to the public "
		    "https:// URL mailer serve is reached at", "the one-click "
		    "unsubscribe URL %s%s", u, why.data);
out:
	strlist_free(&a);
	buf_free(&why);
	free(host);
}
