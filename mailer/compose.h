/*
 * compose: what check, preview and send share: loading the config, the
 * issue and its lists, and walking the selected associations' editions.
 */
#ifndef MAILER_COMPOSE_H
#define MAILER_COMPOSE_H

#include <stddef.h>

#include "ydoc.h"

struct config;
struct issue;
struct composer;
struct list;
struct signer;
struct dkim;

struct job {
	struct config *cfg;
	struct issue *issue;
	struct composer *cp;
	struct signer *signer;	/* when signing: is configured */
	struct dkim *dkim;	/* when dkim: is configured */
	const struct list **lists;	/* selected, in sponsor/id order */
	size_t nlists;
};

/*
 * Loads the config at config_path, the issue and the composer; selects the
 * lists named in only (all when only->n is 0); opens the DKIM keys when
 * configured (so check and send refuse a bad key before anything else).
 * Returns 0 or a code of exitcode.h after reporting: EXIT_CONFIG for the
 * config, EXIT_DATAERR for the issue, lists, templates.
 */
int job_open(struct job *j, const char *config_path, const char *issue_dir,
    const struct strlist *only, int with_signer);
void job_close(struct job *j);

#endif
