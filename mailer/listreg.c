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

int
listreg_check_issue(const struct listreg *r, const struct issue *is,
    const char *dir)
{
	int rc = 0;

	for (size_t i = 0; i < is->narticles; i++) {
		const char *src = is->articles[i].source;

		if (src && !listreg_get(r, src)) {
			warnx("%s: source \"%s\" is not a list in %s",
			    is->articles[i].file, src, dir);
			rc = -1;
		}
	}
	for (size_t i = 0; i < is->sponsors.n; i++)
		if (!listreg_get(r, is->sponsors.v[i])) {
			warnx("%s/issue.yaml: sponsor \"%s\" is not a list in "
			    "%s", is->dir, is->sponsors.v[i], dir);
			rc = -1;
		}
	return rc;
}
