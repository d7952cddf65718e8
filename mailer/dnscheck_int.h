/*
 * dnscheck_int: what the parts of dnscheck share (dnscheck.c: the run,
 * SPF, MX, reverse DNS; dnscheck_auth.c: DKIM and DMARC).  Not a public
 * interface.
 */
#ifndef MAILER_DNSCHECK_INT_H
#define MAILER_DNSCHECK_INT_H

#include "dnscheck.h"
#include "ydoc.h"

struct dnsctx {
	struct dns *d;
	const struct dnscheck_in *in;
	void (*fn)(void *arg, const struct dnscheck_finding *f);
	void *arg;
	int worst;
	/* the relays' addresses, or the sending addresses given, each once */
	struct strlist relay_ips;
	/* how a line names each: "relay HOST: " or "sending address " */
	struct strlist who;
	/* the relays without an address, and why */
	struct strlist bad_relays, bad_errs;
	/* SPF can pass for the envelope domain; -1 may (not evaluated) */
	int spf_ok;
	int spf_anyone;		/* and it passes for any host (+all) */
	int dkim_ok;		/* one selector publishes our key */
};

/* The fix for a From at a mailbox provider's domain (dmarc_freemail). */
#define FREEMAIL_FIX "set sender.address to an address at a domain you " \
	"own and publish its SPF, DKIM and DMARC records"

/* Reports one finding; fix may be NULL (and is ignored when ok). */
void dc_report(struct dnsctx *c, enum dnscheck_level l, const char *topic,
    const char *name, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * 1 for a loopback, private, shared or link-local address: the world never
 * sees it, so its reverse DNS and SPF say nothing about the mail, and a
 * URL there reaches no recipient.
 */
int dc_is_private(const char *ip);

void dc_check_dkim(struct dnsctx *c);
void dc_check_dmarc(struct dnsctx *c);
void dc_check_unsub(struct dnsctx *c);

#endif
