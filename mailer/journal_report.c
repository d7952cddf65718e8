/*
 * journal_report: the read-only queries reports are made of (see
 * journal.h): counts per edition, per relay, per hour, of events, of
 * complaints, and the failed and deferred recipients.
 */
#include "journal_int.h"

/*
 * Issues in the order they went out (their first message sent; not yet
 * any last), then by name: an issue's name is its folder's, and "10"
 * sorts before "9"
 */
#define BY_ISSUE(col) \
	" (SELECT min(first_sent_at) FROM editions WHERE issue = " col \
	") IS NULL, (SELECT min(first_sent_at) FROM editions WHERE issue = " \
	col "), " col

/* the domain of an address column, lowercase */
#define DOMAIN_OF(col) "lower(substr(" col ", instr(" col ", '@') + 1))"

static const char *const sql[Q_COUNT] = {
	[Q_RELAY_COUNTS] = "SELECT issue, list, relay, count(*)"
	    " FROM recipients WHERE state = 'sent' AND relay IS NOT NULL"
	    " AND (?1 IS NULL OR issue = ?1)"
	    " GROUP BY issue, list, relay ORDER BY" BY_ISSUE("recipients.issue")
	    ", list, relay",
	[Q_COUNTS] = "SELECT issue, list, sum(state = 'pending'),"
	    " sum(state = 'sent'), sum(state = 'deferred'),"
	    " sum(state = 'failed'), sum(state = 'suppressed'),"
	    " (SELECT count(DISTINCT e.email COLLATE NOCASE) FROM events e"
	    "  WHERE e.kind = 'unsubscribe' AND e.issue = r.issue"
	    "  AND e.list = r.list),"
	    " (SELECT count(DISTINCT e.email COLLATE NOCASE) FROM events e"
	    "  WHERE e.kind = 'bounce' AND e.issue = r.issue"
	    "  AND e.list = r.list)"
	    " FROM recipients r WHERE ?1 IS NULL OR issue = ?1"
	    " GROUP BY issue, list ORDER BY" BY_ISSUE("r.issue") ", list",
	[Q_HOURLY] = "SELECT updated_at / 3600 * 3600 AS h, count(*)"
	    " FROM recipients WHERE state = 'sent'"
	    " AND (?1 IS NULL OR issue = ?1) GROUP BY h ORDER BY h",
	[Q_EV_COUNTS] = "SELECT list, kind, class, count(*) FROM events"
	    " WHERE ?1 IS NULL OR issue = ?1"
	    " GROUP BY list, kind, class ORDER BY list, kind, class",
	/* distinct addresses: a second report on one message is no news */
	[Q_COMPLAINTS] = "SELECT * FROM (SELECT r.issue AS i, r.list AS l,"
	    " sum(r.state = 'sent'), max(coalesce(b.n, 0)),"
	    " max(coalesce(c.n, 0)) FROM recipients r"
	    " LEFT JOIN (SELECT e.issue, e.list,"
	    "  count(DISTINCT e.email COLLATE NOCASE) n"
	    "  FROM events e JOIN recipients s ON s.issue = e.issue"
	    "  AND s.list = e.list AND s.email = e.email AND s.state = 'sent'"
	    "  WHERE e.kind = 'bounce' GROUP BY e.issue, e.list) b"
	    " ON b.issue = r.issue AND b.list = r.list"
	    " LEFT JOIN (SELECT issue, list,"
	    "  count(DISTINCT email COLLATE NOCASE) n FROM events"
	    "  WHERE kind = 'complaint' GROUP BY issue, list) c"
	    " ON c.issue = r.issue AND c.list = r.list"
	    " WHERE ?1 IS NULL OR r.issue = ?1 GROUP BY r.issue, r.list"
	    " UNION ALL SELECT NULL, NULL, 0, 0,"
	    " count(DISTINCT email COLLATE NOCASE)"
	    " FROM events WHERE kind = 'complaint' AND issue IS NULL"
	    " AND ?1 IS NULL HAVING count(*) > 0)"
	    " ORDER BY i IS NULL," BY_ISSUE("i") ", l",
	/* per recipient domain with complaints: providers count their own */
	[Q_COMPLAINT_DOMAINS] = "SELECT c.issue, c.d,"
	    " (SELECT count(*) FROM recipients r WHERE r.issue = c.issue"
	    "  AND r.state = 'sent' AND " DOMAIN_OF("r.email") " = c.d),"
	    " (SELECT count(DISTINCT e.email COLLATE NOCASE) FROM events e"
	    "  JOIN recipients s ON s.issue = e.issue AND s.list = e.list"
	    "  AND s.email = e.email AND s.state = 'sent'"
	    "  WHERE e.kind = 'bounce' AND e.issue = c.issue"
	    "  AND " DOMAIN_OF("e.email") " = c.d), c.n"
	    " FROM (SELECT issue, " DOMAIN_OF("email") " AS d,"
	    "  count(DISTINCT email COLLATE NOCASE) AS n FROM events"
	    "  WHERE kind = 'complaint' AND issue IS NOT NULL"
	    "  AND (?1 IS NULL OR issue = ?1) GROUP BY issue, d) c"
	    " ORDER BY" BY_ISSUE("c.issue") ", c.d",
	[Q_FAILURES] = "SELECT issue, list, email, state, attempts,"
	    " last_reply, updated_at, next_attempt FROM recipients"
	    " WHERE state IN ('failed', 'deferred')"
	    " AND (?1 IS NULL OR issue = ?1) ORDER BY"
	    BY_ISSUE("recipients.issue") ", list, email",
};

int
journal_relay_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_relay_count *c), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_RELAY_COUNTS, 1, issue);
	struct journal_relay_count c;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.issue = (const char *)sqlite3_column_text(st, 0);
		c.list = (const char *)sqlite3_column_text(st, 1);
		c.relay = (const char *)sqlite3_column_text(st, 2);
		c.sent = sqlite3_column_int64(st, 3);
		fn(arg, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "counting per relay");
}

int
journal_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_count *c), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_COUNTS, 1, issue);
	struct journal_count c;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.issue = (const char *)sqlite3_column_text(st, 0);
		c.list = (const char *)sqlite3_column_text(st, 1);
		c.pending = sqlite3_column_int64(st, 2);
		c.sent = sqlite3_column_int64(st, 3);
		c.deferred = sqlite3_column_int64(st, 4);
		c.failed = sqlite3_column_int64(st, 5);
		c.suppressed = sqlite3_column_int64(st, 6);
		c.unsubscribed = sqlite3_column_int64(st, 7);
		c.bounced = sqlite3_column_int64(st, 8);
		fn(arg, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "counting");
}

int
journal_sent_per_hour(struct journal *j, const char *issue,
    void (*fn)(void *arg, time_t hour, long sent), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_HOURLY, 1, issue);
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(arg, (time_t)sqlite3_column_int64(st, 0),
		    (long)sqlite3_column_int64(st, 1));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 :
	    journal_fail(j, "counting sends per hour");
}

int
journal_event_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_event_count *c), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_EV_COUNTS, 1, issue);
	struct journal_event_count c;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.list = (const char *)sqlite3_column_text(st, 0);
		c.kind = journal_name_index(journal_event_names, JE_FAILED + 1,
		    (const char *)sqlite3_column_text(st, 1), JE_BOUNCE);
		c.cls = journal_name_index(journal_class_names, JC_SOFT + 1,
		    (const char *)sqlite3_column_text(st, 2), JC_NONE);
		c.n = (long)sqlite3_column_int64(st, 3);
		fn(arg, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "counting events");
}

int
journal_failures(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_failure *f), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_FAILURES, 1, issue);
	struct journal_failure f;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		f.issue = (const char *)sqlite3_column_text(st, 0);
		f.list = (const char *)sqlite3_column_text(st, 1);
		f.email = (const char *)sqlite3_column_text(st, 2);
		f.state = journal_name_index(journal_state_names,
		    JS_SUPPRESSED + 1, (const char *)sqlite3_column_text(st, 3),
		    JS_FAILED);
		f.attempts = sqlite3_column_int(st, 4);
		f.reply = (const char *)sqlite3_column_text(st, 5);
		f.updated_at = (time_t)sqlite3_column_int64(st, 6);
		f.next_attempt = (time_t)sqlite3_column_int64(st, 7);
		fn(arg, &f);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "listing failures");
}

int
journal_complaint_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_complaints *c), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_COMPLAINTS, 1, issue);
	struct journal_complaints c;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.issue = (const char *)sqlite3_column_text(st, 0);
		c.list = (const char *)sqlite3_column_text(st, 1);
		c.sent = (long)sqlite3_column_int64(st, 2);
		c.bounced = (long)sqlite3_column_int64(st, 3);
		c.complaints = (long)sqlite3_column_int64(st, 4);
		fn(arg, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "counting complaints");
}

int
journal_complaint_domains(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_domain_complaints *c),
    void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_COMPLAINT_DOMAINS, 1, issue);
	struct journal_domain_complaints c;
	int rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.issue = (const char *)sqlite3_column_text(st, 0);
		c.domain = (const char *)sqlite3_column_text(st, 1);
		c.sent = (long)sqlite3_column_int64(st, 2);
		c.bounced = (long)sqlite3_column_int64(st, 3);
		c.complaints = (long)sqlite3_column_int64(st, 4);
		fn(arg, &c);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j,
	    "counting complaints per domain");
}
