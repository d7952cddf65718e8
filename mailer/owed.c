/* owed: what mailer run still owes an issue.  See owed.h. */
#include "owed.h"

#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "list.h"
#include "util.h"

struct tally {
	long open, rows;
};

static void
count_list(void *arg, const struct journal_count *c)
{
	struct tally *t = arg;

	t->open += c->pending + c->deferred;
	t->rows += c->pending + c->deferred + c->sent + c->failed +
	    c->suppressed;
}

/*
 * *missing: how many lists of lists/ no journaled send of issue reached
 * (no edition stored), their ids appended to names unless it is NULL.
 * 0, or an exit code after reporting.
 */
static int
lists_missing(const struct config *c, struct journal *jn, const char *issue,
    size_t *missing, struct buf *names)
{
	char **ids;
	size_t n;
	int rc = 0, has;

	*missing = 0;
	if (list_ids(c->lists_dir, &ids, &n) == -1)
		return EXIT_CONFIG;
	for (size_t i = 0; i < n; i++) {
		has = rc ? 1 : journal_edition_has(jn, issue, ids[i]);
		if (has == -1)
			rc = EXIT_SOFTWARE;
		if (has == 0) {
			(*missing)++;
			if (names)
				buf_printf(names, "%s%s", names->len ? ", " :
				    "", ids[i]);
		}
		free(ids[i]);
	}
	free(ids);
	return rc;
}

static int
check_open(const struct config *c, struct journal *jn, const char *issue,
    int *done, struct buf *names)
{
	struct tally t = { 0, 0 };
	size_t missing = 0;
	int owed, rc;

	if (journal_counts(jn, issue, count_list, &t) == -1 ||
	    (owed = journal_owed(jn, issue)) == -1)
		return EXIT_SOFTWARE;
	if (owed && (rc = lists_missing(c, jn, issue, &missing, names)) != 0)
		return rc;
	/* every list has it: a list added from now on is no debt */
	if (owed && missing == 0 && journal_owed_end(jn, issue) == -1)
		return EXIT_CANTCREAT;
	*done = t.rows > 0 && t.open == 0 && missing == 0;
	return 0;
}

int
owed_check(const struct config *c, const char *issue, int *done,
    struct buf *missing)
{
	struct journal *jn;
	int rc;

	*done = 0;
	if (access(c->state_path, F_OK) == -1)
		return 0;	/* nothing sent yet */
	if (!(jn = journal_open(c->state_path)))
		return EXIT_CANTCREAT;
	rc = check_open(c, jn, issue, done, missing);
	journal_close(jn);
	return rc;
}
