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

/* What job_open opens beside the config, the issue and its lists. */
enum {
	JOB_SIGNER = 1,		/* the OpenPGP signer, when signing: is set */
	JOB_SENDS = 2		/* it sends: make the missing demo DKIM keys */
};

/*
 * Loads the config at config_path, the issue and the composer; selects the
 * lists named in only (all when only->n is 0); opens the DKIM keys when
 * configured (so check and send refuse a bad key before anything else),
 * making a missing demo key only with JOB_SENDS in flags: check and
 * preview write none.  Returns 0 or a code of exitcode.h after reporting:
 * EXIT_CONFIG for the config, EXIT_DATAERR for the issue, lists,
 * templates.
 */
int job_open(struct job *j, const char *config_path, const char *issue_dir,
    const struct strlist *only, unsigned flags);
void job_close(struct job *j);

#endif
