/*
 * journal_ledger: the bounce ledger (see journal.h): events idempotent by
 * source key, the bounce mailbox's messages already processed, unverified
 * claims, suppressions and unsubscribes, lifts, and the suppression
 * policy that turns counted bounces into a suppression.
 */
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "util.h"

static const char *const sql[Q_COUNT] = {
	[Q_EV_ADD] = "INSERT OR IGNORE INTO events(kind, issue, list, email,"
	    " class, status, reason, at, source_key)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_SUPPRESS] = "INSERT OR IGNORE INTO suppressions(list, email,"
	    " reason, at) VALUES (coalesce(?1, '*'), ?2, ?3, ?4)",
	[Q_UNSUB] = "INSERT OR IGNORE INTO unsubscribes(list, email, at,"
	    " source) VALUES (coalesce(?1, '*'), ?2, ?3, ?4)",
	[Q_SUPPRESSED] = "SELECT 1 FROM suppressions"
	    " WHERE email = ?2 COLLATE NOCASE AND list IN (?1, '*')"
	    " UNION ALL SELECT 1 FROM unsubscribes"
	    " WHERE email = ?2 COLLATE NOCASE AND list IN (?1, '*') LIMIT 1",
	[Q_SUPPRESSED_EACH] = "SELECT email FROM suppressions"
	    " WHERE list IN (?1, '*') UNION SELECT email FROM unsubscribes"
	    " WHERE list IN (?1, '*')",
	[Q_HARD] = "SELECT count(*) FROM events WHERE email = ?2 COLLATE NOCASE"
	    " AND (list = ?1 OR list IS NULL) AND class = 'hard'"
	    " AND kind IN ('bounce', 'failed') AND id > (SELECT"
	    "  coalesce(max(l.after_event), 0) FROM lifts l"
	    "  WHERE l.email = ?2 COLLATE NOCASE AND l.list IN (?1, '*'))",
	/*
	 * Soft failures in the window whose message was sent (an event
	 * without a recipient row: when it came) after the last delivery:
	 * a sent row without a bounce, sent before a message that bounced
	 * (a bounce can come days after its message, so a message not
	 * followed by a bounced one is no delivery yet).
	 */
	[Q_SOFT] = "WITH b AS (SELECT e.id, e.class, e.at, coalesce("
	    "  (SELECT r.updated_at FROM recipients r WHERE r.issue = e.issue"
	    "   AND r.list = e.list AND r.email = e.email), e.at) AS sent"
	    " FROM events e WHERE e.email = ?2 COLLATE NOCASE"
	    " AND (e.list = ?1 OR e.list IS NULL)"
	    " AND e.kind IN ('bounce', 'failed'))"
	    " SELECT count(*) FROM b WHERE class = 'soft' AND at >= ?3"
	    " AND id > (SELECT coalesce(max(l.after_event), 0) FROM lifts l"
	    "  WHERE l.email = ?2 COLLATE NOCASE AND l.list IN (?1, '*'))"
	    " AND sent > (SELECT coalesce(max(r.updated_at), 0)"
	    "  FROM recipients r"
	    "  WHERE r.list = ?1 AND r.email = ?2 COLLATE NOCASE"
	    "  AND r.state = 'sent'"
	    "  AND r.updated_at < (SELECT max(sent) FROM b)"
	    "  AND NOT EXISTS (SELECT 1 FROM events e"
	    "   WHERE e.issue = r.issue AND e.list = r.list"
	    "   AND e.email = ?2 COLLATE NOCASE"
	    "   AND e.kind IN ('bounce', 'failed')))",
	[Q_MSG_SEEN] = "SELECT coalesce(max(CASE WHEN source_key = ?1 THEN 2"
	    " ELSE 1 END), 0) FROM messages WHERE source_key = ?1"
	    " OR message_id = ?2",
	[Q_MSG_ADD] = "INSERT OR IGNORE INTO messages(source_key, message_id,"
	    " kind, at) VALUES (?1, ?2, ?3, ?4)",
	[Q_UNVERIFIED] = "INSERT OR IGNORE INTO unverified(source_key, email,"
	    " kind, class, status, reason, returned_message_id, at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[Q_SUPPRESSIONS] = "SELECT list, email, reason, at FROM suppressions"
	    " UNION ALL SELECT list, email, 'unsubscribed', at"
	    " FROM unsubscribes ORDER BY 1, 2",
	[Q_EV_LAST] = "SELECT coalesce(max(id), 0) FROM events",
	/* events are never deleted, so their ids only grow */
	[Q_STOPPED_SINCE] = "SELECT id, email FROM events WHERE id > ?2"
	    " AND kind IN ('unsubscribe', 'complaint')"
	    " AND (list = ?1 OR list IS NULL) ORDER BY id",
	/* changes when another connection commits, not on this one's */
	[Q_DATA_VERSION] = "PRAGMA data_version",
	[Q_SUB_END] = "UPDATE subscriptions SET ended_at = ?3,"
	    " end_reason = ?4 WHERE (list = ?1 OR ?1 IS NULL)"
	    " AND email = ?2 COLLATE NOCASE"
	    " AND confirmed_at IS NOT NULL AND ended_at IS NULL",
	/* list NULL: every list the address is suppressed on */
	[Q_LIFT_ROWS] = "SELECT list, email, reason, at FROM suppressions"
	    " WHERE email = ?2 COLLATE NOCASE AND (?1 IS NULL OR list = ?1)"
	    " ORDER BY list",
	[Q_LIFT_ADD] = "INSERT INTO lifts(list, email, reason, suppressed_at,"
	    " at, after_event) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " (SELECT coalesce(max(id), 0) FROM events))",
	[Q_LIFT_DEL] = "DELETE FROM suppressions WHERE list = ?1"
	    " AND email = ?2",
	[Q_UNSUBSCRIBED] = "SELECT EXISTS (SELECT 1 FROM unsubscribes"
	    " WHERE email = ?2 COLLATE NOCASE"
	    " AND list IN (coalesce(?1, '*'), '*'))",
};

int
journal_unsubscribed(struct journal *j, const char *list, const char *email)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_UNSUBSCRIBED, 2,
	    list, email), "reading unsubscribes");

	return v < 0 ? -1 : v != 0;
}

static int
event_add(struct journal *j, const struct journal_event *ev, int *is_new)
{
	sqlite3_stmt *st;
	int was;

	/*
	 * An address unsubscribed already (a one-click POST replayed, a
	 * second manage link, another unsubscribe mail) is no new event: the
	 * reports count unsubscribes by their events.
	 */
	j->stopped_ok = 0;	/* journal_stopped_since reads again */
	if (ev->kind == JE_UNSUBSCRIBE &&
	    (was = journal_unsubscribed(j, ev->list, ev->email)) != 0)
		return was < 0 ? -1 : 0;
	st = journal_prep(j, sql, Q_EV_ADD, 7,
	    journal_event_names[ev->kind], ev->issue, ev->list, ev->email,
	    journal_class_names[ev->cls], ev->status, ev->reason);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 8, ev->at);
	sqlite3_bind_text(st, 9, ev->source_key, -1, SQLITE_TRANSIENT);
	if (journal_run(j, st, "adding event") == -1)
		return -1;
	*is_new = sqlite3_changes(j->db) == 1;
	if (!*is_new)
		return 0;
	if (ev->kind == JE_COMPLAINT)
		st = journal_prep(j, sql, Q_SUPPRESS, 3, ev->list, ev->email,
		    "complaint");
	else if (ev->kind == JE_UNSUBSCRIBE)
		st = journal_prep(j, sql, Q_UNSUB, 2, ev->list, ev->email);
	else
		return 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, ev->kind == JE_COMPLAINT ? 4 : 3, ev->at);
	if (ev->kind == JE_UNSUBSCRIBE)
		sqlite3_bind_text(st, 4, ev->source_key, -1, SQLITE_TRANSIENT);
	if (journal_run(j, st, "suppressing") == -1)
		return -1;
	/* the consent record is kept, marked ended */
	if (!(st = journal_prep(j, sql, Q_SUB_END, 2, ev->list, ev->email)))
		return -1;
	sqlite3_bind_int64(st, 3, ev->at);
	sqlite3_bind_text(st, 4, journal_event_names[ev->kind], -1,
	    SQLITE_STATIC);
	return journal_run(j, st, "ending subscriptions");
}

int
journal_event_add(struct journal *j, const struct journal_event *ev,
    int *is_new)
{
	int own;

	*is_new = 0;
	if (journal_tx_start(j, &own) == -1)
		return -1;
	return journal_tx_end(j, own, event_add(j, ev, is_new));
}

int
journal_suppressed(struct journal *j, const char *list, const char *email)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUPPRESSED, 2, list, email);
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading suppressions");
	return rc == SQLITE_ROW;
}

int
journal_suppressed_each(struct journal *j, const char *list,
    void (*fn)(void *arg, const char *email), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUPPRESSED_EACH, 1, list);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "reading suppressions");
}

int
journal_apply_policy(struct journal *j, const char *list, const char *email,
    long hard_limit, long soft_limit, long soft_window_days)
{
	long long hard, soft;
	sqlite3_stmt *st;
	char *why;
	int rc;

	if ((rc = journal_suppressed(j, list, email)) != 0)
		return rc;
	if ((hard = journal_scalar(j, journal_prep(j, sql, Q_HARD, 2, list,
	    email), "counting hard bounces")) == -1)
		return -1;
	if ((st = journal_prep(j, sql, Q_SOFT, 2, list, email)))
		sqlite3_bind_int64(st, 3, time(NULL) -
		    (time_t)soft_window_days * 86400);
	if ((soft = journal_scalar(j, st, "counting soft bounces")) == -1)
		return -1;
	if (hard_limit > 0 && hard >= hard_limit)
		why = xasprintf("%lld hard bounce(s)", hard);
	else if (soft_limit > 0 && soft >= soft_limit)
		why = xasprintf("%lld soft bounce%s in %ld day%s", soft,
		    soft == 1 ? "" : "s", soft_window_days,
		    soft_window_days == 1 ? "" : "s");
	else
		return 0;
	if ((st = journal_prep(j, sql, Q_SUPPRESS, 3, list, email, why)))
		sqlite3_bind_int64(st, 4, time(NULL));
	free(why);
	return journal_run(j, st, "suppressing") == -1 ? -1 : 1;
}

int
journal_message_seen(struct journal *j, const char *source_key,
    const char *message_id)
{
	long long n = journal_scalar(j, journal_prep(j, sql, Q_MSG_SEEN, 2,
	    source_key, message_id), "reading processed messages");

	return n < 0 ? -1 : (int)n;
}

int
journal_message_add(struct journal *j, const char *source_key,
    const char *message_id, const char *kind)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_MSG_ADD, 3, source_key,
	    message_id, kind);

	if (st)
		sqlite3_bind_int64(st, 4, time(NULL));
	return journal_run(j, st, "recording processed message");
}

int
journal_unverified_add(struct journal *j, const struct journal_event *ev,
    const char *returned_message_id)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_UNVERIFIED, 7, ev->source_key,
	    ev->email, journal_event_names[ev->kind],
	    journal_class_names[ev->cls], ev->status, ev->reason,
	    returned_message_id);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 8, ev->at);
	return journal_run(j, st, "keeping unverified evidence");
}

int
journal_suppressions(struct journal *j,
    void (*fn)(void *arg, const struct journal_suppression *s), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUPPRESSIONS, 0);
	struct journal_suppression s;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s.list = (const char *)sqlite3_column_text(st, 0);
		s.email = (const char *)sqlite3_column_text(st, 1);
		s.reason = (const char *)sqlite3_column_text(st, 2);
		s.at = sqlite3_column_int64(st, 3);
		fn(arg, &s);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "listing suppressions");
}

int
journal_stopped_mark(struct journal *j, long long *mark)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_EV_LAST, 0),
	    "reading events");

	if (v < 0)
		return -1;
	*mark = v;
	return 0;
}

/*
 * 1 when the last read of list left *mark and nothing was committed since,
 * by another connection (data_version, read before that read, so a commit
 * between the two only makes the next call read again) or by this handle
 * (event_add): a send asks before every message, and the read cost some
 * 4,000 instructions a message where this costs a few hundred.
 */
static int
stopped_unchanged(struct journal *j, const char *list, long long mark,
    long long dv)
{
	return j->stopped_ok && dv == j->stopped_dv &&
	    mark == j->stopped_mark && !strcmp(j->stopped_list, list);
}

int
journal_stopped_since(struct journal *j, const char *list, long long *mark,
    void (*fn)(void *arg, const char *email), void *arg)
{
	long long dv = journal_scalar(j, journal_prep(j, sql, Q_DATA_VERSION,
	    0), "reading data_version");
	sqlite3_stmt *st;
	int rc;

	if (dv < 0)
		return -1;
	if (stopped_unchanged(j, list, *mark, dv))
		return 1;
	if (!(st = journal_prep(j, sql, Q_STOPPED_SINCE, 1, list)))
		return -1;
	sqlite3_bind_int64(st, 2, *mark);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*mark = sqlite3_column_int64(st, 0);
		fn(arg, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return journal_fail(j, "reading new unsubscribes");
	if (!j->stopped_list || strcmp(j->stopped_list, list)) {
		free(j->stopped_list);
		j->stopped_list = xstrdup(list);
	}
	j->stopped_dv = dv;
	j->stopped_mark = *mark;
	j->stopped_ok = 1;
	return 0;
}

/* The rows of Q_LIFT_ROWS, copied: the lifts change the table read. */
struct lift_row {
	char *list, *email, *reason;
	time_t at;
};

static int
lift_rows(struct journal *j, const char *list, const char *email,
    struct lift_row **rows, size_t *n)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_LIFT_ROWS, 2, list, email);
	int rc;

	*rows = NULL;
	*n = 0;
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct lift_row *r;

		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		r->list = xstrdup((const char *)sqlite3_column_text(st, 0));
		r->email = xstrdup((const char *)sqlite3_column_text(st, 1));
		r->reason = xstrdup((const char *)sqlite3_column_text(st, 2));
		r->at = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "reading suppressions");
}

static int
lift_one(struct journal *j, const struct lift_row *r, time_t at)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_LIFT_ADD, 3, r->list,
	    r->email, r->reason);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 4, r->at);
	sqlite3_bind_int64(st, 5, at);
	if (journal_run(j, st, "recording a lift") == -1)
		return -1;
	return journal_run(j, journal_prep(j, sql, Q_LIFT_DEL, 2, r->list,
	    r->email), "lifting a suppression");
}

int
journal_lift(struct journal *j, const char *list, const char *email,
    int force, time_t at,
    void (*fn)(void *arg, const struct journal_suppression *s, int lifted),
    void *arg)
{
	struct lift_row *rows;
	size_t n;
	int own, rc;

	if (journal_tx_start(j, &own) == -1)
		return -1;
	rc = lift_rows(j, list, email, &rows, &n);
	for (size_t i = 0; i < n; i++) {
		struct journal_suppression s = { rows[i].list, rows[i].email,
			rows[i].reason, rows[i].at };
		int lift = force || strcmp(rows[i].reason, "complaint");

		if (rc == 0 && lift && lift_one(j, &rows[i], at) == -1)
			rc = -1;
		if (rc == 0)
			fn(arg, &s, lift);
		free(rows[i].list);
		free(rows[i].email);
		free(rows[i].reason);
	}
	free(rows);
	return journal_tx_end(j, own, rc);
}
