/*
 * dnscheck: the DNS a newsletter sender needs, looked up and judged
 * (`mailer check --dns`): SPF of the envelope (bounce) domain and of the
 * From domain, evaluated for the relay's address (RFC 7208); each DKIM
 * selector's key record against the key in use (RFC 6376 3.6.1); the
 * DMARC record and whether DKIM and SPF align with the From domain
 * (RFC 7489 3.1, 6.3), and a From at a mailbox provider's domain
 * (gmail.com: no key of ours can align with it); the MX of the bounce
 * domain and of the From domain (RFC 5321 5.1, RFC 7505); each relay's
 * addresses against their reverse DNS (forward-confirmed, and not a
 * generic name); and whether the one-click unsubscribe URL (RFC 8058)
 * exists and has an address.
 * Each finding is ok, warn or fail, and says how to fix what is not ok.
 */
#ifndef MAILER_DNSCHECK_H
#define MAILER_DNSCHECK_H

#include <stddef.h>

struct dns;

enum dnscheck_level { DNSCHECK_OK, DNSCHECK_WARN, DNSCHECK_FAIL };

struct dnscheck_finding {
	enum dnscheck_level level;
	const char *topic;	/* "spf", "dkim", "from", "dmarc", "mx",
				   "rdns", "unsub" */
	const char *name;	/* the name looked up, or "-" */
	const char *text;	/* what was found */
	const char *fix;	/* what to do; NULL when ok */
};

/* One DKIM key in use. */
struct dnscheck_key {
	const char *selector;
	/*
	 * the TXT record it calls for, as zone-file strings ("..." "...");
	 * NULL for a demo key not made yet (dkim.create_demo_key)
	 */
	const char *record;
};

struct dnscheck_in {
	const char *from_domain;	/* the From address's domain */
	const char *bounce_domain;	/* the envelope sender's domain */
	const char *dkim_domain;	/* d=; NULL when mailer signs none */
	const struct dnscheck_key *keys;
	size_t nkeys;
	/*
	 * 0 when txt[0..len) publishes key i exactly; -1 with *why (static)
	 * otherwise.
	 */
	int (*key_check)(void *arg, size_t i, const char *txt, size_t len,
	    const char **why);
	void *key_arg;
	/* the SMTP relays' hosts, each once; none: nrelays is 0 */
	const char *const *relays;
	size_t nrelays;
	/*
	 * The addresses the relay sends from (IP addresses, as inet_ntop
	 * writes them), judged instead of the relay's own; none: n is 0.
	 */
	const char *const *sending_ips;
	size_t nsending_ips;
	/* the one-click (RFC 8058) URL; NULL: List-Unsubscribe is a mailto */
	const char *unsub_url;
};

/*
 * Runs every check through d, calling fn once per finding, in the order
 * above.  Returns the worst level found, or -1 before any finding when a
 * first lookup (the bounce domain's TXT) fails: the resolver is unusable
 * (dns_error(d) says why).
 */
int dnscheck_run(struct dns *d, const struct dnscheck_in *in,
    void (*fn)(void *arg, const struct dnscheck_finding *f), void *arg);

/* "ok", "warn", "fail" */
const char *dnscheck_level_name(enum dnscheck_level l);

/*
 * 1 when the reverse DNS name of address ip looks generic: it holds the
 * address (dashed, dotted, reversed, padded, as one number, in hex) or
 * a word of an access pool (dsl, cable, dynamic, dhcp, pool, ppp,
 * client, ...); why[whysz] then says which.  Else 0.
 */
int dnscheck_ptr_generic(const char *name, const char *ip, char *why,
    size_t whysz);

#endif
