/* compose: shared loading for check, preview, send.  See compose.h. */
#include "compose.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dkim.h"
#include "edition.h"
#include "exitcode.h"
#include "issue.h"
#include "list.h"
#include "sign.h"
#include "util.h"

static int
has_list(const struct job *j, const struct list *l)
{
	for (size_t k = 0; k < j->nlists; k++)
		if (j->lists[k] == l)
			return 1;
	return 0;
}

static int
select_lists(struct job *j, const struct strlist *only)
{
	const struct issue *is = j->issue;
	char **ids;
	size_t n;

	if (only && only->n) {
		j->lists = xcalloc(only->n, sizeof *j->lists);
		for (size_t i = 0; i < only->n; i++) {
			const struct list *l = composer_list(j->cp,
			    only->v[i]);

			if (!l) {
				warnx("unknown list \"%s\" (no %s/%s.yaml)",
				    only->v[i], j->cfg->lists_dir, only->v[i]);
				return -1;
			}
			/* "--list a --list a" is one list, one edition */
			if (!has_list(j, l))
				j->lists[j->nlists++] = l;
		}
		return 0;
	}
	if (list_ids(j->cfg->lists_dir, &ids, &n) == -1)
		return -1;
	j->lists = xcalloc(n ? n : 1, sizeof *j->lists);
	/* sponsors' order first (the publication's order), then the rest */
	for (size_t i = 0; i < is->sponsors.n; i++) {
		const struct list *l = composer_list(j->cp, is->sponsors.v[i]);

		if (l && !has_list(j, l))	/* a sponsor named twice */
			j->lists[j->nlists++] = l;
	}
	for (size_t i = 0; i < n; i++) {
		const struct list *l = composer_list(j->cp, ids[i]);

		if (l && !has_list(j, l))
			j->lists[j->nlists++] = l;
		free(ids[i]);
	}
	free(ids);
	if (j->nlists == 0) {
		warnx("%s: no lists", j->cfg->lists_dir);
		return -1;
	}
	return 0;
}

/*
 * Opens the signer and proves it works (a probe signed and verified) before
 * anything is built or sent: a bad key or passphrase stops the run here.
 */
static int
open_signer(struct job *j)
{
	return (j->signer = signer_open_config(j->cfg)) ? 0 : -1;
}

int
job_open(struct job *j, const char *config_path, const char *issue_dir,
    const struct strlist *only, unsigned flags)
{
	memset(j, 0, sizeof *j);
	if (!(j->cfg = config_load(config_path)))
		return EXIT_CONFIG;
	if (!(j->issue = issue_load(issue_dir)))
		return EXIT_DATAERR;
	if ((flags & JOB_SIGNER) && j->cfg->sign && open_signer(j) == -1)
		return EXIT_CONFIG;
	if (j->cfg->dkim && !(j->dkim = dkim_open(j->cfg, flags & JOB_SENDS ?
	    DKIM_DEMO_MAKE : DKIM_DEMO_DEFER)))
		return EXIT_CONFIG;
	if (!(j->cp = composer_new(j->cfg, j->issue, j->signer)))
		return EXIT_DATAERR;
	if (select_lists(j, only) == -1)
		return EXIT_DATAERR;
	return 0;
}

void
job_close(struct job *j)
{
	composer_free(j->cp);
	signer_close(j->signer);
	dkim_close(j->dkim);
	issue_free(j->issue);
	config_free(j->cfg);
	free(j->lists);
	memset(j, 0, sizeof *j);
}
