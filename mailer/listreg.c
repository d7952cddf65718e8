/* listreg: the associations, by id.  See listreg.h. */
#include "listreg.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "list.h"
#include "util.h"

struct listreg {
	struct list **v;
	size_t n;
};

void
listreg_free(struct listreg *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		list_free(r->v[i]);
	free(r->v);
	free(r);
}

struct listreg *
listreg_load(const char *dir)
{
	struct listreg *r = xcalloc(1, sizeof *r);

	/* every profile is tried, so each bad one is reported */
	if (list_load_all(dir, &r->v, &r->n) == -1) {
		listreg_free(r);
		return NULL;
	}
	return r;
}

const struct list *
listreg_get(const struct listreg *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->v[i]->id, id))
			return r->v[i];
	return NULL;
}

/*
 * "where: WHAT "id" is not a list in dir", and when id is the name or
 * short name of one (an editor who copied it from the masthead writes
 * that), which id to write.
 */
static void
no_list(const struct listreg *r, const char *where, const char *what,
    const char *id, const char *dir)
{
	const struct list *l = NULL;

	for (size_t i = 0; i < r->n && !l; i++)
		if (!strcmp(r->v[i]->name, id) ||
		    !strcmp(r->v[i]->short_name, id))
			l = r->v[i];
	if (l)
		warnx("%s: %s \"%s\" is not a list in %s: it is the name of "
		    "list %s: write %s", where, what, printable(id), dir,
		    l->id, l->id);
	else
		warnx("%s: %s \"%s\" is not a list in %s (no %s/%s.yaml)",
		    where, what, printable(id), dir, dir, printable(id));
}

int
listreg_check_issue(const struct listreg *r, const struct issue *is,
    const char *dir)
{
	int rc = 0;

	for (size_t i = 0; i < is->narticles; i++) {
		const struct article *a = &is->articles[i];

		if (a->source && !listreg_get(r, a->source)) {
			no_list(r, a->source_at ? a->source_at : a->file,
			    "source", a->source, dir);
			rc = -1;
		}
	}
	for (size_t i = 0; i < is->sponsors.n; i++)
		if (!listreg_get(r, is->sponsors.v[i])) {
			no_list(r, is->sponsors_at.v[i], "sponsor",
			    is->sponsors.v[i], dir);
			rc = -1;
		}
	return rc;
}
