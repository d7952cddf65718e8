/*
 * journal_rename: a list's rows moved to its new id (mailer lists rename).
 * The journal keeps everything a list learnt under its id, its file name;
 * a rename that moved the files but not the rows would send to the
 * list's unsubscribed readers.  The move is one transaction and leaves a
 * record, done once the files have followed: until then a send refuses
 * (roster_orphans asks journal_rename_pending).
 */
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "util.h"

/* Every table with a list column; suppressions' "*" rows stay "*". */
static const char *const tables[] = {
	"editions", "recipients", "events", "suppressions", "unsubscribes",
	"subscriptions", "web_mails", "lifts",
};
#define NTABLES (sizeof tables / sizeof *tables)

/*
 * Runs sql once with text parameters a and b (either may be NULL: not
 * bound)
 * and, when out is not NULL, reads the first row's integer into it (0
 * when there is no row).  0 / -1 after reporting.
 */
static int
once(struct journal *j, const char *sql, const char *a, const char *b,
    long long *out, const char *what)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return journal_fail(j, what);
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (out)
		*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, what);
	return 0;
}

int
journal_list_known(struct journal *j, const char *list)
{
	for (size_t i = 0; i < NTABLES; i++) {
		char *sql = xasprintf("SELECT 1 FROM %s WHERE list = ?1 "
		    "LIMIT 1", tables[i]);
		long long n;
		int rc = once(j, sql, list, NULL, &n, "reading a list's rows");

		free(sql);
		if (rc == -1)
			return -1;
		if (n)
			return 1;
	}
	return 0;
}

int
journal_list_busy(struct journal *j, const char *list, char **issue)
{
	sqlite3_stmt *st;
	int rc;

	*issue = NULL;
	if (sqlite3_prepare_v2(j->db, "SELECT issue FROM recipients"
	    " WHERE list = ?1 AND (state = 'pending' OR state = 'deferred')"
	    " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return journal_fail(j, "reading a list's unsent recipients");
	sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*issue = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading a list's unsent recipients");
	return rc == SQLITE_ROW;
}

/* SQLite's clock is time(NULL), as every other row's "at" */
#define NOW "CAST(strftime('%s', 'now') AS INTEGER)"

int
journal_list_rename(struct journal *j, const char *from, const char *to)
{
	int own, rc = 0;

	if (journal_tx_start(j, &own) == -1)
		return -1;
	for (size_t i = 0; rc == 0 && i < NTABLES; i++) {
		char *sql = xasprintf("UPDATE %s SET list = ?2 WHERE list = ?1",
		    tables[i]);

		rc = once(j, sql, from, to, NULL, "moving a list's rows");
		free(sql);
	}
	if (rc == 0)
		rc = once(j, "INSERT INTO list_renames(old, new, at)"
		    " VALUES (?1, ?2, " NOW ")", from, to, NULL,
		    "recording a list's rename");
	return journal_tx_end(j, own, rc);
}

int
journal_list_renamed(struct journal *j, const char *from, const char *to)
{
	return once(j, "UPDATE list_renames SET done_at = " NOW
	    " WHERE done_at IS NULL AND old = ?1 AND new = ?2", from, to,
	    NULL, "recording a list's rename");
}

/*
 * Runs sql (its ?1 bound to a when not NULL) and reads the first row's
 * columns: old, new (each to free; NULL for a column past ncol), id and
 * done (done_at is set).  1, 0 without a row, -1 after reporting.
 */
static int
rename_row(struct journal *j, const char *sql, const char *a,
    struct journal_rename *r)
{
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return journal_fail(j, "reading the lists' renames");
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->old = xstrdup((const char *)sqlite3_column_text(st, 0));
		r->new = xstrdup((const char *)sqlite3_column_text(st, 1));
		r->id = sqlite3_column_int64(st, 2);
		r->done = sqlite3_column_type(st, 3) != SQLITE_NULL;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading the lists' renames");
	return rc == SQLITE_ROW;
}

int
journal_rename_pending(struct journal *j, char **from, char **to)
{
	struct journal_rename r;
	int rc = rename_row(j, "SELECT old, new, id, done_at FROM list_renames"
	    " WHERE done_at IS NULL ORDER BY id LIMIT 1", NULL, &r);

	*from = r.old;
	*to = r.new;
	return rc;
}

int
journal_rename_next(struct journal *j, const char *list,
    struct journal_rename *r)
{
	return rename_row(j, "SELECT old, new, id, done_at FROM list_renames"
	    " WHERE old = ?1 ORDER BY id DESC LIMIT 1", list, r);
}

int
journal_rename_last(struct journal *j, long long *id)
{
	return once(j, "SELECT coalesce(max(id), 0) FROM list_renames"
	    " WHERE done_at IS NOT NULL", NULL, NULL, id,
	    "reading the lists' renames");
}

void
journal_rename_clear(struct journal_rename *r)
{
	free(r->old);
	free(r->new);
	memset(r, 0, sizeof *r);
}
