/*
 * journal_int: private to the journal modules (journal*.c): no other file
 * includes it, so the SQLite handle and statements stay inside them.
 * journal.c owns the handle and the statement cache; each module keeps
 * the SQL of its own statements, in a table indexed by enum journal_stmt
 * (the slots of the other modules left NULL), next to the code using it.
 */
#ifndef MAILER_JOURNAL_INT_H
#define MAILER_JOURNAL_INT_H

#include <sqlite3.h>

#include "journal.h"

/* One prepared statement each, grouped by the module whose SQL it is. */
enum journal_stmt {
	/* journal.c: transactions */
	Q_BEGIN, Q_COMMIT,
	/* journal_send.c: editions and recipients */
	Q_ED_GET, Q_ED_PUT, Q_ED_SENT, Q_ADD, Q_HAS_ROWS, Q_SPELLED, Q_UNADD,
	Q_STATE, Q_MARK, Q_TOKEN, Q_FIRST_SENT, Q_DEFERRED,
	Q_OWED_SET, Q_OWED_GET, Q_OWED_CLEAR, Q_ED_HAS,
	/* journal_ledger.c: the bounce ledger */
	Q_EV_ADD, Q_SUPPRESS, Q_UNSUB, Q_SUB_END, Q_SUPPRESSED,
	Q_SUPPRESSED_EACH, Q_HARD, Q_SOFT, Q_MSG_SEEN, Q_MSG_ADD, Q_UNVERIFIED,
	Q_SUPPRESSIONS, Q_EV_LAST, Q_STOPPED_SINCE, Q_DATA_VERSION,
	Q_LIFT_ROWS, Q_LIFT_ADD, Q_LIFT_DEL, Q_UNSUBSCRIBED,
	/* journal_report.c: report queries */
	Q_COUNTS, Q_RELAY_COUNTS, Q_HOURLY, Q_EV_COUNTS, Q_FAILURES,
	Q_COMPLAINTS, Q_COMPLAINT_DOMAINS,
	/* journal_web.c: subscriptions and confirmation mails */
	Q_SUB_ADD, Q_SUB_GET, Q_SUB_CONFIRM, Q_SUB_RELIST, Q_SUB_LIFT,
	Q_SUB_UNSUPPRESS, Q_SUBSCRIBERS, Q_SUB_ENDED_BY,
	Q_WM_ADD, Q_WM_COUNT, Q_WM_GET, Q_WM_UNSENT, Q_WM_SENT, Q_WM_USE,
	Q_WM_RECENT, Q_WM_COMPLAINED,
	Q_ON_LIST,
	Q_COUNT
};

struct journal {
	char *path;
	sqlite3 *db;
	sqlite3_stmt *st[Q_COUNT];	/* prepared on first use */
	/* journal_add_any_case's edition, and whether it had rows before */
	char *add_issue, *add_list;
	int add_had_rows;
	/*
	 * The edition whose first_sent_at this handle set: a sent message
	 * of it needs no UPDATE of editions more.  Forgotten on any
	 * failure or rollback (journal_forget_sent), so an undone set is
	 * made again.
	 */
	char *sent_issue, *sent_list;
	/*
	 * journal_stopped_since's last read: PRAGMA data_version before
	 * it, the list and the mark it left.  Cleared (stopped_ok) by this
	 * handle's own event writes, which data_version does not count.
	 */
	int stopped_ok;
	long long stopped_dv, stopped_mark;
	char *stopped_list;
};

/* Stored names of enum jstate, enum jevent and enum jclass (NULL: JC_NONE). */
extern const char *const journal_state_names[];
extern const char *const journal_event_names[];
extern const char *const journal_class_names[];

/* Index of s in names[0..n), or dflt when absent or NULL. */
int journal_name_index(const char *const *names, int n, const char *s,
    int dflt);

/* Forgets sent_issue and sent_list. */
void journal_forget_sent(struct journal *j);

/*
 * Reports what failed, with the journal's path and SQLite's message, and
 * returns -1 (out of memory exits through util_oom instead).
 */
int journal_fail(struct journal *j, const char *what);

/*
 * Statement q, reset, with text parameters 1..n bound (the const char *
 * arguments; NULL binds NULL); table[q] is its SQL, prepared on first use.
 * NULL after reporting.
 */
sqlite3_stmt *journal_prep(struct journal *j, const char *const *table,
    enum journal_stmt q, int n, ...);

/*
 * journal_prep without copying the strings: for the statements run once
 * a message, whose callers keep every argument alive and unchanged until
 * the statement's step is done (sqlite reads them only then).
 */
sqlite3_stmt *journal_prep_static(struct journal *j,
    const char *const *table, enum journal_stmt q, int n, ...);

/*
 * Runs a statement that returns no row (st NULL: a failed journal_prep).
 * 0 / -1.
 */
int journal_run(struct journal *j, sqlite3_stmt *st, const char *what);

/* Steps a statement returning one integer; -1 on error. */
long long journal_scalar(struct journal *j, sqlite3_stmt *st,
    const char *what);

/*
 * Makes a block of writes atomic unless the caller holds a transaction:
 * journal_tx_start begins one when there is none (*own 1);
 * journal_tx_end(j, own, rc) commits it when rc is 0, rolls it back
 * otherwise, and returns the result (rc itself when it was not own).
 */
int journal_tx_start(struct journal *j, int *own);
int journal_tx_end(struct journal *j, int own, int rc);

#endif
