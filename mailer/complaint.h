/*
 * complaint: complaint rates, as the large mailbox providers count them:
 * complaints (ARF feedback reports, RFC 5965, recorded by `bounces`) over
 * messages delivered (sent, and not bounced since).  Gmail's and Yahoo's
 * bulk-sender rules ask for a rate below 0.1 % and treat 0.3 % as the
 * limit; the levels here use those two thresholds.
 */
#ifndef MAILER_COMPLAINT_H
#define MAILER_COMPLAINT_H

#include <stddef.h>

struct journal;

/* Thresholds in complaints per 10,000 delivered: 0.1 % and 0.3 %. */
#define COMPLAINT_WARN_PER_10K 10
#define COMPLAINT_LIMIT_PER_10K 30

enum complaint_level {
	COMPLAINT_OK,		/* below 0.1 % */
	COMPLAINT_WARNING,	/* 0.1 % or more */
	COMPLAINT_LIMIT		/* 0.3 % or more */
};

struct complaint_rate {
	const char *issue;	/* NULL: complaints that named no issue */
	const char *list;	/* NULL: the issue's total */
	long delivered, complaints;
	enum complaint_level level;
};

/* The level of complaints / delivered; any complaint of none is LIMIT. */
enum complaint_level complaint_level(long complaints, long delivered);

/* "ok", "warning", "limit" */
const char *complaint_level_name(enum complaint_level l);

/* The rate as a fraction, or -1 when nothing was delivered. */
double complaint_rate(long complaints, long delivered);

/* "1.30 %" (two decimals), or "-" when nothing was delivered. */
void complaint_rate_text(long complaints, long delivered, char *out,
    size_t outsz);

/*
 * Calls fn once per (issue, list), ordered, each issue followed by its
 * total (list NULL); restricted to issue unless it is NULL, in which case
 * a last row (issue NULL) counts the complaints that named no issue, if
 * any.  The strings are valid during the call only.  0 / -1.
 */
int complaint_rates(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct complaint_rate *r), void *arg);

/*
 * Calls fn once per (issue, recipient domain) with complaints, ordered as
 * the issues went out, then by domain, with list the domain (lowercase):
 * each provider counts its own users' complaints over the mail delivered
 * to them.  Restricted to issue unless it is NULL.  The strings are valid
 * during the call only.  0, or -1 (reported).
 */
int complaint_domain_rates(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct complaint_rate *r), void *arg);

#endif
