/* complaint: complaint rates and levels.  See complaint.h. */
#include "complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "util.h"

enum complaint_level
complaint_level(long complaints, long delivered)
{
	/* integers: 10 of 10,000 is exactly the threshold, no rounding */
	if (complaints <= 0)
		return COMPLAINT_OK;
	if (complaints * 10000 >= COMPLAINT_LIMIT_PER_10K * delivered)
		return COMPLAINT_LIMIT;
	if (complaints * 10000 >= COMPLAINT_WARN_PER_10K * delivered)
		return COMPLAINT_WARNING;
	return COMPLAINT_OK;
}

const char *
complaint_level_name(enum complaint_level l)
{
	static const char *const names[] = { "ok", "warning", "limit" };

	return names[l];
}

double
complaint_rate(long complaints, long delivered)
{
	return delivered > 0 ? (double)complaints / (double)delivered : -1;
}

void
complaint_rate_text(long complaints, long delivered, char *out,
    size_t outsz)
{
	if (delivered > 0)
		snprintf(out, outsz, "%.2f %%", 100.0 * (double)complaints /
		    (double)delivered);
	else
		snprintf(out, outsz, "-");
}

struct rows {
	struct complaint_rate *v;
	size_t n, cap;
};

static void
on_row(void *arg, const struct journal_complaints *c)
{
	struct rows *r = arg;
	struct complaint_rate *x;
	long bounced = c->bounced < c->sent ? c->bounced : c->sent;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	x = &r->v[r->n++];
	x->issue = c->issue ? xstrdup(c->issue) : NULL;
	x->list = c->list ? xstrdup(c->list) : NULL;
	x->delivered = c->sent - bounced;
	x->complaints = c->complaints;
	x->level = complaint_level(x->complaints, x->delivered);
}

/* Emits v[from..to) (one issue's lists), then their total. */
static void
emit_issue(const struct rows *r, size_t from, size_t to,
    void (*fn)(void *, const struct complaint_rate *), void *arg)
{
	struct complaint_rate tot = { r->v[from].issue, NULL, 0, 0,
	    COMPLAINT_OK };

	for (size_t i = from; i < to; i++) {
		fn(arg, &r->v[i]);
		tot.delivered += r->v[i].delivered;
		tot.complaints += r->v[i].complaints;
	}
	tot.level = complaint_level(tot.complaints, tot.delivered);
	fn(arg, &tot);
}

int
complaint_rates(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct complaint_rate *r), void *arg)
{
	struct rows r = { NULL, 0, 0 };
	size_t from = 0;
	int rc = journal_complaint_counts(j, issue, on_row, &r);

	for (size_t i = 0; rc == 0 && i <= r.n; i++) {
		if (i < r.n && r.v[i].issue && (!r.v[from].issue ||
		    !strcmp(r.v[i].issue, r.v[from].issue)))
			continue;
		if (from < i)
			emit_issue(&r, from, i, fn, arg);
		if (i < r.n && !r.v[i].issue) {
			fn(arg, &r.v[i]);	/* the untraced, last */
			break;
		}
		from = i;
	}
	for (size_t i = 0; i < r.n; i++) {
		free((char *)r.v[i].issue);
		free((char *)r.v[i].list);
	}
	free(r.v);
	return rc;
}

struct domain_call {
	void (*fn)(void *arg, const struct complaint_rate *r);
	void *arg;
};

static void
on_domain(void *arg, const struct journal_domain_complaints *d)
{
	const struct domain_call *dc = arg;
	long bounced = d->bounced < d->sent ? d->bounced : d->sent;
	struct complaint_rate r = { d->issue, d->domain, d->sent - bounced,
	    d->complaints, COMPLAINT_OK };

	r.level = complaint_level(r.complaints, r.delivered);
	dc->fn(dc->arg, &r);
}

int
complaint_domain_rates(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct complaint_rate *r), void *arg)
{
	struct domain_call dc = { fn, arg };

	return journal_complaint_domains(j, issue, on_domain, &dc);
}
