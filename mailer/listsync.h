/*
 * listsync: what `mailer lists sync` makes of one list's files, on
 * buffers (no I/O, so it is unit-tested): the rows of lists/<id>.csv
 * whose address left the list move to lists/<id>.removed.csv with the
 * date and the reason, and the confirmed web subscribers who are not rows
 * yet are appended (but no address or name a spreadsheet would take for
 * a formula: list_csv_formula; each is named in a warning).  Every other
 * byte of the CSV stays as it was: a row is one line (list.c refuses line
 * breaks inside fields), so rows are kept or dropped as whole lines, and
 * appended rows are quoted only where RFC 4180 needs it, with the file's
 * own line ending (CRLF or LF).
 *
 * The plan is idempotent: rows already moved are not rows any more,
 * subscribers already appended are rows, and a line that removed.csv holds
 * already is not appended twice (so a sync killed between its two files,
 * run again, ends where one run would have).
 */
#ifndef MAILER_LISTSYNC_H
#define MAILER_LISTSYNC_H

#include <stddef.h>

#include "util.h"

struct listsync_in {
	const char *csv_path;	/* names the CSV in messages */
	const char *csv;	/* its bytes */
	size_t csv_len;
	const char *csv_shown;	/* and in the diff */
	const char *rm_path;	/* the removed.csv beside it */
	const char *rm;		/* its bytes; NULL when it does not exist */
	size_t rm_len;
	const char *rm_shown;
	/*
	 * 1 when the row of email leaves the list, with *date and *reason
	 * (read before the next call), else 0.
	 */
	int (*leaves)(void *arg, const char *email, const char **date,
	    const char **reason);
	void *arg;
	/* confirmed web subscribers to append unless rows or leaving */
	size_t nadd;
	const char *const *add_email;
	const char *const *add_name;	/* entries may be NULL */
};

struct listsync_plan {
	struct buf csv, rm;	/* the new contents */
	int csv_changed, rm_changed;
	size_t removed, added;	/* rows moved out, rows appended */
	/*
	 * A unified diff without context lines (what `diff -U0` prints),
	 * with the paths as in in; `patch -p0` applies it.
	 */
	struct buf diff;
};

/*
 * Makes the plan.  The CSV must be valid (list.c's strict rules) with LF
 * or CRLF line endings; removed.csv, when it exists, must have every
 * column of the CSV and "removed" and "reason".  Problems are reported
 * with file:line.  Returns 0 / -1; listsync_plan_free frees the plan
 * either way.
 */
int listsync_make(const struct listsync_in *in, struct listsync_plan *p);
void listsync_plan_free(struct listsync_plan *p);

#endif
