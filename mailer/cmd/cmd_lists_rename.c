/*
 * cmd_lists_rename: "mailer lists rename OLD NEW", a list's files and
 * everything the journal learnt under its id (unsubscribes, suppressions,
 * web subscribers, issues sent) moved to a new id together.  A list
 * renamed with git mv alone keeps none of it and is sent to its
 * unsubscribed readers; run after such a git mv, this moves the journal.
 *
 * The journal moves first, in one transaction recording the rename as
 * not done; then the files, then the record is marked done.  A crash in
 * between leaves the record open: a send refuses (roster_orphans) until
 * the same command is run again and finishes it.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "list.h"
#include "state.h"
#include "util.h"

/* The list's files, the one that makes it a list last. */
static const char *const suffixes[] = { ".csv", ".removed.csv", ".yaml" };
#define NSUFFIXES (sizeof suffixes / sizeof *suffixes)

static int
exists(const char *dir, const char *id, const char *suffix)
{
	char *p = xasprintf("%s/%s%s", dir, id, suffix);
	int r = access(p, F_OK) == 0;

	free(p);
	return r;
}

/*
 * What blocks renaming the files: the list exists under neither id, or
 * a file of it under both.  Reported; EXIT_DATAERR, or 0.
 */
static int
files_ready(const char *dir, const char *from, const char *to, int resuming)
{
	if (!resuming && !exists(dir, from, ".yaml") &&
	    !exists(dir, to, ".yaml")) {
		warnx("lists rename: unknown list \"%s\" (no %s/%s.yaml, nor "
		    "%s/%s.yaml)", from, dir, from, dir, to);
		return EXIT_DATAERR;
	}
	for (size_t i = 0; i < NSUFFIXES; i++)
		if (exists(dir, from, suffixes[i]) &&
		    exists(dir, to, suffixes[i])) {
			warnx("lists rename: %s/%s%s and %s/%s%s both exist: "
			    "nothing changed", dir, from, suffixes[i], dir, to,
			    suffixes[i]);
			return EXIT_DATAERR;
		}
	return 0;
}

/* Renames the files still under from; the folder synced.  0 / -1. */
static int
move_files(const char *dir, const char *from, const char *to, int *moved)
{
	for (size_t i = 0; i < NSUFFIXES; i++) {
		char *a = xasprintf("%s/%s%s", dir, from, suffixes[i]);
		char *b = xasprintf("%s/%s%s", dir, to, suffixes[i]);
		int rc = 0;

		if (access(a, F_OK) == 0) {
			if ((rc = rename(a, b)) == -1)
				warn("lists rename: %s to %s", a, b);
			else
				(*moved)++;
		}
		free(a);
		free(b);
		if (rc == -1)
			return -1;
	}
	return fsync_dir(dir);
}

/* 1 when from's latest rename is to to already (this one, run again). */
static int
renamed_before(struct journal *jn, const char *from, const char *to)
{
	struct journal_rename r = { 0 };
	int rc = journal_rename_next(jn, from, &r);

	if (rc == 1)
		rc = !strcmp(r.new, to);
	journal_rename_clear(&r);
	return rc;
}

/*
 * The journal's part: nothing when this rename is being finished or was
 * done; refused while an issue is under way on from (its resumed send
 * would not find its rows) or when to already has rows (they would
 * mix).  A list without rows is still recorded, for serve's links to
 * its old pages.  Exit code; *rows 1 when rows moved, 2 when the rename
 * alone was recorded.
 */
static int
move_rows(struct journal *jn, const char *from, const char *to, int *rows)
{
	char *issue = NULL;
	int r;

	if ((r = journal_list_known(jn, from)) == -1)
		return EXIT_CANTCREAT;
	if (r == 0) {
		if ((r = renamed_before(jn, from, to)) != 0)
			return r == 1 ? 0 : EXIT_CANTCREAT;
		if (journal_list_rename(jn, from, to) == -1)
			return EXIT_CANTCREAT;
		*rows = 2;
		return 0;
	}
	if ((r = journal_list_busy(jn, from, &issue)) != 0) {
		if (r == 1)
			warnx("lists rename: list %s has issue %s under way "
			    "(recipients pending or deferred): finish it "
			    "(mailer send) and rename after; nothing changed",
			    from, issue);
		free(issue);
		return r == 1 ? EXIT_TEMPFAIL : EXIT_CANTCREAT;
	}
	if ((r = journal_list_known(jn, to)) != 0) {
		if (r == 1)
			warnx("lists rename: the journal already holds list "
			    "%s (sends, unsubscribes or subscribers of a list "
			    "once so named): its rows and %s's would mix; "
			    "nothing changed", to, from);
		return r == 1 ? EXIT_DATAERR : EXIT_CANTCREAT;
	}
	if (journal_list_rename(jn, from, to) == -1)
		return EXIT_CANTCREAT;
	*rows = 1;
	return 0;
}

/* An unfinished rename: this one (1), none (0), another (reported). */
static int
pending(struct journal *jn, const char *from, const char *to, int *rc)
{
	char *pf, *pt;
	int r = journal_rename_pending(jn, &pf, &pt), same = 0;

	*rc = r == -1 ? EXIT_CANTCREAT : 0;
	if (r == 1 && !(same = !strcmp(pf, from) && !strcmp(pt, to))) {
		warnx("lists rename: \"mailer lists rename %s %s\" did not "
		    "finish: run it first; nothing changed", pf, pt);
		*rc = EXIT_DATAERR;
	}
	free(pf);
	free(pt);
	return same;
}

static int
rename_locked(const struct config *c, struct journal *jn, const char *from,
    const char *to)
{
	const char *dir = c->lists_dir;
	int rc = 0, resuming = 0, rows = 0, moved = 0;

	if (jn && (resuming = pending(jn, from, to, &rc), rc))
		return rc;
	if ((rc = files_ready(dir, from, to, resuming)) != 0)
		return rc;
	if (jn && !resuming && (rc = move_rows(jn, from, to, &rows)) != 0)
		return rc;
	if (move_files(dir, from, to, &moved) == -1) {
		if (rows || resuming)
			warnx("lists rename: the journal has list %s's rows "
			    "under %s; sends are refused until \"mailer lists "
			    "rename %s %s\" is run again and finishes", from,
			    to, from, to);
		return EXIT_CANTCREAT;
	}
	if ((rows || resuming) && journal_list_renamed(jn, from, to) == -1)
		return EXIT_CANTCREAT;
	printf("lists rename: %s is now %s: %d file%s renamed, the journal's "
	    "rows %s\n", from, to, moved, moved == 1 ? "" : "s",
	    rows == 1 ? "moved" : rows ? "(none) unchanged, the rename "
	    "recorded" : resuming ? "moved before" : "(none) unchanged");
	return 0;
}

int
cmd_lists_rename(const struct config *c, int n, char **ids)
{
	struct state st = { -1, NULL, NULL, 0 };
	struct journal *jn = NULL;
	int rc;

	if (n != 2 || !strcmp(ids[0], ids[1])) {
		fprintf(stderr, "usage: mailer lists rename OLD NEW\n");
		return EXIT_USAGE;
	}
	for (int i = 0; i < 2; i++)
		if (!list_valid_id(ids[i])) {
			warnx("lists rename: list id \"%s\" must be 1-40 "
			    "lowercase letters, digits, - or _", ids[i]);
			return EXIT_USAGE;
		}
	/* not while a send reads the lists or the journal */
	if ((rc = state_lock(c, 0, &st)) != 0)
		return rc;
	if (access(c->state_path, F_OK) == 0 &&
	    !(jn = journal_open(c->state_path)))
		rc = EXIT_CANTCREAT;
	else
		rc = rename_locked(c, jn, ids[0], ids[1]);
	journal_close(jn);
	state_close(&st);
	return rc;
}
