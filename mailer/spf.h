/*
 * spf: Sender Policy Framework records (RFC 7208): parsing a "v=spf1"
 * record and evaluating check_host() for one address, with the DNS
 * lookups done by the caller's callbacks.  The mechanisms all, include,
 * a, mx, ip4 and ip6 and the redirect modifier are evaluated, within the
 * limits of section 4.6.4 (10 lookups, 2 void lookups, 10 MX hosts); ptr,
 * exists and macros are parsed but not evaluated (SPF_UNKNOWN), as the
 * answer depends on the message.
 *
 * Pure: no I/O but through the callbacks.
 */
#ifndef MAILER_SPF_H
#define MAILER_SPF_H

#include <stddef.h>

#include "ydoc.h"

enum spf_result {
	SPF_NONE, SPF_NEUTRAL, SPF_PASS, SPF_FAIL, SPF_SOFTFAIL,
	SPF_TEMPERROR, SPF_PERMERROR,
	SPF_UNKNOWN	/* not evaluated: ptr, exists or a macro decides */
};

enum spf_mech { SPF_ALL, SPF_INCLUDE, SPF_A, SPF_MX, SPF_PTR, SPF_IP4,
	SPF_IP6, SPF_EXISTS };

struct spf_term {
	enum spf_result qual;	/* SPF_PASS, _FAIL, _SOFTFAIL, _NEUTRAL */
	enum spf_mech mech;
	char *arg;		/* domain-spec or address; NULL when none */
	int cidr4, cidr6;	/* prefix lengths; 32 and 128 when none */
	char *text;		/* the term as written, for messages */
};

struct spf {
	struct spf_term *t;
	size_t n;
	char *redirect, *exp;	/* NULL when absent */
};

/* 1 when txt[0..len) is an SPF record ("v=spf1" then a space or end). */
int spf_is_record(const char *txt, size_t len);

/*
 * Parses an SPF record.  Returns 0, or -1 with the reason in err[errsz]
 * (out is then empty).  Release out with spf_free.
 */
int spf_parse(const char *rec, size_t len, struct spf *out, char *err,
    size_t errsz);
void spf_free(struct spf *s);

/*
 * The qualifier of the record's "all" (SPF_PASS for "+all"), or SPF_NONE
 * when it has none.
 */
enum spf_result spf_all(const struct spf *s);

/*
 * DNS lookups for spf_check_host.  Each returns 0 with out filled (name
 * lists, addresses as text), 1 when the name has no such records or does
 * not exist, -1 on a temporary failure.
 */
struct spf_dns {
	int (*txt)(void *arg, const char *name, struct strlist *out);
	/* family: 4 (A) or 6 (AAAA) */
	int (*addrs)(void *arg, const char *name, int family,
	    struct strlist *out);
	int (*mx)(void *arg, const char *name, struct strlist *out);
	void *arg;
};

/*
 * check_host(ip, domain) of RFC 7208 section 4.  why[whysz] says what
 * decided ("ip4:192.0.2.0/24 in example.org", "no term matched", ...).
 */
enum spf_result spf_check_host(const struct spf_dns *dns, const char *ip,
    const char *domain, char *why, size_t whysz);

/* "pass", "fail", "softfail", ... */
const char *spf_result_name(enum spf_result r);

#endif
