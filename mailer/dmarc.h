/*
 * dmarc: DMARC policy records (RFC 7489 section 6.3) and identifier
 * alignment (section 3.1): the organizational domain of a name comes from
 * the Public Suffix List compiled into libpsl.
 *
 * Pure: no I/O.
 */
#ifndef MAILER_DMARC_H
#define MAILER_DMARC_H

#include <stddef.h>

enum dmarc_policy { DMARC_NONE, DMARC_QUARANTINE, DMARC_REJECT };

struct dmarc {
	enum dmarc_policy p, sp;	/* sp defaults to p */
	int adkim_strict, aspf_strict;	/* adkim=s, aspf=s */
	int pct;			/* 0..100, default 100 */
	int has_rua;			/* rua= holds a mailto: URI */
};

/* 1 when txt[0..len) is a DMARC record: "v=DMARC1" as its first tag. */
int dmarc_is_record(const char *txt, size_t len);

/*
 * Parses a DMARC record.  Returns 0, or -1 with the reason in
 * err[errsz] (a missing or bad p=, a bad adkim/aspf/pct).
 */
int dmarc_parse(const char *rec, size_t len, struct dmarc *out, char *err,
    size_t errsz);

/*
 * The organizational domain of domain (its registrable domain) into
 * out[outsz], lowercase.  A public suffix stands for itself.  0 / -1.
 */
int dmarc_org_domain(const char *domain, char *out, size_t outsz);

/*
 * 1 when identifier domain id aligns with the From domain from: the same
 * name (strict), or the same organizational domain (relaxed).  Else 0.
 */
int dmarc_aligned(const char *from, const char *id, int strict);

/*
 * 1 when domain's organizational domain is a mailbox provider's
 * (gmail.com, yahoo.com, outlook.com, qq.com, ...): mail with such a From
 * passes DMARC only when the provider sent it.  Else 0.
 */
int dmarc_freemail(const char *domain);

/* "none", "quarantine", "reject" */
const char *dmarc_policy_name(enum dmarc_policy p);

#endif
