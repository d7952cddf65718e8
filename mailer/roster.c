/* roster: a list's members as the journal sees them.  See roster.h. */
#include "roster.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "list.h"
#include "util.h"

struct stop {
	enum roster_stop why;
	int every;		/* recorded for every list ("*") */
	char *reason;
	time_t at;
};

struct roster {
	const char *list;
	struct strset stops;	/* email -> struct stop */
	char **email, **name;
	size_t nweb;
};

static enum roster_stop
kind_of(const char *reason)
{
	if (!strcmp(reason, "unsubscribed"))
		return ROSTER_UNSUBSCRIBED;
	if (!strcmp(reason, "complaint"))
		return ROSTER_COMPLAINED;
	return ROSTER_BOUNCED;
}

/* The stronger stop wins; between equals, the list's own, then the older. */
static int
better(const struct stop *a, const struct stop *b)
{
	if (a->why != b->why)
		return a->why > b->why;
	if (a->every != b->every)
		return !a->every;
	return a->at < b->at;
}

static void
on_stop(void *arg, const struct journal_suppression *s)
{
	struct roster *r = arg;
	struct stop n, *old;

	if (strcmp(s->list, r->list) && strcmp(s->list, "*"))
		return;
	n.why = kind_of(s->reason);
	n.every = !strcmp(s->list, "*");
	n.at = s->at;
	n.reason = NULL;
	old = strset_get(&r->stops, s->email);
	if (old && !better(&n, old))
		return;
	if (!old) {
		old = xmalloc(sizeof *old);
		strset_put(&r->stops, s->email, old);
	} else {
		free(old->reason);
	}
	*old = n;
	old->reason = xstrdup(s->reason);
}

static int
on_web(void *arg, const char *email, const char *name)
{
	struct roster *r = arg;

	r->email = xrealloc(r->email, (r->nweb + 1) * sizeof *r->email);
	r->name = xrealloc(r->name, (r->nweb + 1) * sizeof *r->name);
	r->email[r->nweb] = xstrdup(email);
	r->name[r->nweb++] = name ? xstrdup(name) : NULL;
	return 0;
}

struct roster *
roster_load(struct journal *j, const char *list)
{
	struct roster *r = xcalloc(1, sizeof *r);

	r->list = list;
	r->stops = (struct strset)STRSET_INIT_NOCASE;	/* as list.c's rows */
	if (j && (journal_suppressions(j, on_stop, r) == -1 ||
	    journal_subscribers_each(j, list, on_web, r) == -1)) {
		roster_free(r);
		return NULL;
	}
	return r;
}

void
roster_free(struct roster *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->stops.cap; i++)
		if (r->stops.slot[i].key) {
			struct stop *s = r->stops.slot[i].val;

			free(s->reason);
			free(s);
		}
	strset_free(&r->stops);
	for (size_t i = 0; i < r->nweb; i++) {
		free(r->email[i]);
		free(r->name[i]);
	}
	free(r->email);
	free(r->name);
	free(r);
}

enum roster_stop
roster_stopped(const struct roster *r, const char *email,
    const char **reason, time_t *at)
{
	const struct stop *s = strset_get(&r->stops, email);

	if (!s)
		return ROSTER_ON;
	if (reason)
		*reason = s->reason;
	if (at)
		*at = s->at;
	return s->why;
}

size_t
roster_web_count(const struct roster *r)
{
	return r->nweb;
}

const char *
roster_web_email(const struct roster *r, size_t i)
{
	return r->email[i];
}

const char *
roster_web_name(const struct roster *r, size_t i)
{
	return r->name[i];
}

struct warn_arg {
	const struct roster *r;
	const struct list *l;
	size_t n;
};

static int
warn_row(void *arg, const struct subscriber *s)
{
	struct warn_arg *w = arg;
	const char *reason;
	char since[16];
	struct tm tm;
	time_t at;

	if (roster_stopped(w->r, s->email, &reason, &at) == ROSTER_ON)
		return 0;
	strftime(since, sizeof since, "%Y-%m-%d", gmtime_r(&at, &tm));
	warnx("%s:%zu: warning: %s no longer receives the list (%s, %s); "
	    "mailer lists sync moves the row to %s.removed.csv",
	    w->l->csv_path, s->line, s->email, reason, since, w->l->id);
	w->n++;
	return 0;
}

int
roster_warn_rows(const struct roster *r, const struct list *l, size_t *n)
{
	struct warn_arg w = { r, l, 0 };
	int rc = list_each(l, 0, warn_row, &w, NULL);

	*n = w.n;
	return rc;
}

/* The ids of lists/ while roster_orphans reads the journal. */
struct orphans {
	char **ids;
	size_t nids;
	struct strset *emails;
	char **list;
};

static void
orphan_add(void *arg, const struct journal_suppression *su)
{
	struct orphans *o = arg;

	if (!strcmp(su->list, "*"))
		return;
	for (size_t i = 0; i < o->nids; i++)
		if (!strcmp(o->ids[i], su->list))
			return;
	strset_add(o->emails, su->email);
	if (!*o->list)
		*o->list = xstrdup(su->list);
}

int
roster_rename_unfinished(struct journal *j, const char *lists_dir)
{
	char *from, *to;
	int rc = journal_rename_pending(j, &from, &to);

	if (rc == 1)
		warnx("%s: \"mailer lists rename %s %s\" did not finish: run "
		    "it again; nothing is sent until it has", lists_dir, from,
		    to);
	free(from);
	free(to);
	return rc;
}

int
roster_orphans(struct journal *j, const char *lists_dir,
    struct strset *emails, char **list)
{
	struct orphans o = { NULL, 0, emails, list };
	int rc = 0;

	if (roster_rename_unfinished(j, lists_dir) != 0)
		return -1;
	if (list_ids(lists_dir, &o.ids, &o.nids) == 0)
		rc = journal_suppressions(j, orphan_add, &o);
	for (size_t i = 0; i < o.nids; i++)
		free(o.ids[i]);
	free(o.ids);
	return rc;
}
