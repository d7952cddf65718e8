/* throttle: per destination domain limits.  See throttle.h. */
#include "throttle.h"

#include <stdlib.h>

#include "util.h"

#define PRUNE_AT 1024	/* forget idle domains beyond this many */

struct dom {
	long inflight;
	double next_start;	/* the rate's earliest next start */
	double cool_until;
	double cool;		/* the last cool-down's length */
	int streak;		/* 4xx in a row */
};

struct throttle {
	long max_conns;
	double interval;	/* seconds between starts; 0: no limit */
	struct strset doms;	/* domain (any case) -> struct dom */
};

static struct dom *
find(struct throttle *t, const char *name)
{
	return strset_get(&t->doms, name);
}

static int
idle(const struct dom *d, double now)
{
	return d->inflight == 0 && d->next_start <= now &&
	    d->cool_until <= now && d->streak == 0;
}

/* Drops the domains that carry no state worth keeping. */
static void
prune(struct throttle *t, double now)
{
	struct strset_slot *sl;

	for (size_t i = 0; i < t->doms.cap; i++) {
		sl = &t->doms.slot[i];
		/* a deletion may move a later domain into slot i: look again */
		while (sl->key && idle(sl->val, now))
			free(strset_del(&t->doms, sl->key));
	}
}

static struct dom *
get(struct throttle *t, const char *name, double now)
{
	struct dom *d = find(t, name);

	if (d)
		return d;
	if (t->doms.n >= PRUNE_AT)
		prune(t, now);
	d = xcalloc(1, sizeof *d);
	strset_put(&t->doms, name, d);
	return d;
}

struct throttle *
throttle_new(long max_conns, long per_minute)
{
	struct throttle *t = xcalloc(1, sizeof *t);

	t->max_conns = max_conns > 0 ? max_conns : 0;
	t->interval = per_minute > 0 ? 60.0 / (double)per_minute : 0;
	t->doms = (struct strset)STRSET_INIT_NOCASE;
	return t;
}

void
throttle_free(struct throttle *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->doms.cap; i++)
		free(t->doms.slot[i].val);
	strset_free(&t->doms);
	free(t);
}

int
throttle_may_start(struct throttle *t, const char *domain, double now,
    double *at)
{
	struct dom *d = find(t, domain);
	double when = now;

	*at = now;
	if (!d)
		return 1;
	if (d->cool_until > when)
		when = d->cool_until;
	if (t->interval > 0 && d->next_start > when)
		when = d->next_start;
	if (when > now) {
		*at = when;
		return 0;
	}
	if (t->max_conns && d->inflight >= t->max_conns) {
		*at = 0;
		return 0;
	}
	return 1;
}

void
throttle_start(struct throttle *t, const char *domain, double now)
{
	struct dom *d;

	/* with no limits a domain needs no entry until it refuses */
	if (!t->max_conns && t->interval == 0 && !find(t, domain))
		return;
	d = get(t, domain, now);
	d->inflight++;
	if (t->interval > 0)
		d->next_start = (d->next_start > now ? d->next_start : now) +
		    t->interval;
}

void
throttle_end(struct throttle *t, const char *domain, double now, int code)
{
	struct dom *d = find(t, domain);

	if (code >= 400 && code < 500) {
		if (!d)
			d = get(t, domain, now);
		if (code == 421 || ++d->streak >= THROTTLE_STREAK) {
			d->cool = d->cool > 0 ? d->cool * 2 : THROTTLE_COOL_MIN;
			if (d->cool > THROTTLE_COOL_MAX)
				d->cool = THROTTLE_COOL_MAX;
			d->cool_until = now + d->cool;
			d->streak = 0;
		}
	} else if (d && code != 0) {
		d->streak = 0;
		d->cool = 0;
	}
	if (d && d->inflight > 0)
		d->inflight--;
}
