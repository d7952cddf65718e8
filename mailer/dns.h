/*
 * dns: DNS lookups through libunbound (NLnet Labs), the only module that
 * sees its context.  Answers come back as text: a TXT record's strings
 * joined, names without the trailing dot, addresses as inet_ntop writes
 * them.  Lookups block; each gives up after a few seconds of silence.
 *
 * RFC 1035, RFC 3596 (AAAA, ip6.arpa), RFC 7505 (null MX, reported as the
 * host ".").
 */
#ifndef MAILER_DNS_H
#define MAILER_DNS_H

#include "ydoc.h"

struct dns;

/*
 * Parses "ADDR", "ADDR:PORT", "[V6]:PORT" (an IP address; port 53 by
 * default) into out[outsz] as libunbound wants it ("ADDR@PORT").  Pure.
 * Returns 0, or -1 when s is no such address.
 */
int dns_parse_resolver(const char *s, char *out, size_t outsz);

/*
 * A resolver: the server resolver names ("ADDR@PORT" from
 * dns_parse_resolver) when not NULL, else the system's (/etc/resolv.conf
 * and /etc/hosts).  Returns NULL after reporting.  dns_close accepts NULL.
 */
struct dns *dns_open(const char *resolver);
void dns_close(struct dns *d);

/*
 * Each lookup appends its answers to out and returns 0 when there is at
 * least one, 1 when the name does not exist or has no such records, -1
 * when the lookup failed (dns_error says why).  dns_mx orders the hosts by
 * preference.  family: 4, 6 or 0 for both.
 */
int dns_txt(struct dns *d, const char *name, struct strlist *out);
int dns_mx(struct dns *d, const char *name, struct strlist *out);
int dns_addrs(struct dns *d, const char *name, int family,
    struct strlist *out);
int dns_ptr(struct dns *d, const char *ip, struct strlist *out);

/* Why the last lookup failed ("SERVFAIL", "timed out", ...). */
const char *dns_error(const struct dns *d);

/*
 * The name the last lookup's CNAME chain ended at (without the final
 * dot), or NULL when the name had no CNAME.  Valid until the next lookup.
 */
const char *dns_cname(const struct dns *d);

#endif
