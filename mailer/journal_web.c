/*
 * journal_web: what mailer serve records (see journal.h): subscriptions as
 * consent records (one row per form submitted, confirmed once, ended but
 * kept) and the confirmation mails, which the abuse limits count.
 */
#include "journal_int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const sql[Q_COUNT] = {
	[Q_SUB_ADD] = "INSERT INTO subscriptions(list, email, name,"
	    " submitted_at, ip, form) VALUES (?1, ?2, ?3, ?5, ?4, ?6)",
	[Q_SUB_GET] = "SELECT id, list, email, name, submitted_at,"
	    " confirmed_at, ended_at, end_reason, ip, form FROM subscriptions"
	    " WHERE id = ?1",
	[Q_SUB_CONFIRM] = "UPDATE subscriptions SET confirmed_at = ?2"
	    " WHERE id = ?1 AND confirmed_at IS NULL",
	/* a confirmed subscription lifts an unsubscribe from that list */
	[Q_SUB_RELIST] = "DELETE FROM unsubscribes WHERE list = ?1"
	    " AND email = ?2 COLLATE NOCASE",
	/*
	 * and a complaint or bounce suppression on that list, kept as a lift
	 * (as mailer suppress --lift does): the mailbox took the link and its
	 * reader asked again, after the complaint or the bounces
	 */
	[Q_SUB_LIFT] = "INSERT INTO lifts(list, email, reason, suppressed_at,"
	    " at, after_event) SELECT list, email, reason, at, ?3,"
	    " (SELECT coalesce(max(id), 0) FROM events) FROM suppressions"
	    " WHERE list = ?1 AND email = ?2 COLLATE NOCASE",
	[Q_SUB_UNSUPPRESS] = "DELETE FROM suppressions WHERE list = ?1"
	    " AND email = ?2 COLLATE NOCASE",
	/* the newest confirmed, not ended, row of each address */
	[Q_SUBSCRIBERS] = "SELECT s.email, s.name FROM subscriptions s"
	    " WHERE s.list = ?1 AND s.confirmed_at IS NOT NULL"
	    " AND s.ended_at IS NULL AND s.id = (SELECT max(t.id)"
	    "  FROM subscriptions t WHERE t.list = s.list"
	    "  AND t.email = s.email COLLATE NOCASE"
	    "  AND t.confirmed_at IS NOT NULL"
	    "  AND t.ended_at IS NULL) ORDER BY s.id",
	/* list '*': any list */
	[Q_SUB_ENDED_BY] = "SELECT EXISTS(SELECT 1 FROM subscriptions s"
	    " WHERE s.email = ?2 COLLATE NOCASE AND (s.list = ?1 OR ?1 = '*')"
	    " AND s.confirmed_at IS NOT NULL AND s.end_reason = ?3"
	    " AND NOT EXISTS (SELECT 1 FROM subscriptions t"
	    "  WHERE t.list = s.list AND t.email = s.email COLLATE NOCASE"
	    "  AND t.confirmed_at IS NOT NULL AND t.ended_at IS NULL))",
	[Q_WM_ADD] = "INSERT INTO web_mails(kind, list, email, ip,"
	    " subscription, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/*
	 * a mailbox's mails of kind ?8: its address (?1, without a +detail)
	 * and its subaddresses, local+... (from ?5 up to ?6) at its domain
	 * (?7)
	 */
	[Q_WM_COUNT] = "SELECT (SELECT count(*) FROM web_mails"
	    "  WHERE email = ?1 COLLATE NOCASE AND at > ?3 AND kind = ?8)"
	    " + (SELECT count(*) FROM web_mails"
	    "  WHERE email >= ?5 COLLATE NOCASE AND email < ?6 COLLATE NOCASE"
	    "  AND substr(email, instr(email, '@')) = ?7 COLLATE NOCASE"
	    "  AND at > ?3 AND kind = ?8),"
	    " (SELECT count(*) FROM web_mails WHERE ip = ?2 AND at > ?4)",
	[Q_WM_GET] = "SELECT id, kind, list, email, ip, subscription, at,"
	    " sent_at, used_at FROM web_mails WHERE id = ?1",
	[Q_WM_UNSENT] = "SELECT id, kind, list, email, ip, subscription, at,"
	    " sent_at, used_at FROM web_mails WHERE sent_at IS NULL"
	    " ORDER BY id LIMIT 1",
	[Q_WM_SENT] = "UPDATE web_mails SET sent_at = ?2 WHERE id = ?1",
	[Q_ON_LIST] = "SELECT EXISTS (SELECT 1 FROM recipients"
	    " WHERE list = ?1 AND email = ?2 COLLATE NOCASE) OR EXISTS"
	    " (SELECT 1 FROM subscriptions WHERE list = ?1"
	    " AND email = ?2 COLLATE NOCASE"
	    " AND confirmed_at IS NOT NULL AND ended_at IS NULL)",
	[Q_WM_USE] = "UPDATE web_mails SET used_at = ?2 WHERE id = ?1"
	    " AND used_at IS NULL",
	/* the newest ?2 by id, backwards on the key: bounded, no index */
	[Q_WM_RECENT] = "SELECT count(*) FROM (SELECT at FROM web_mails"
	    " WHERE kind = 'subscribe' ORDER BY id DESC LIMIT ?2)"
	    " WHERE at > ?1",
	/*
	 * a complaint, kept as unverified evidence after ?5 by mailer
	 * bounces, from a mailbox (?1, or local+... from ?2 up to ?3 at
	 * ?4) about a confirmation mail: its returned Message-ID is
	 * <web.N.HEX@...> and row N was mailed to that address.  No index
	 * on unverified.email: a scan of a table that holds what the
	 * bounce mailbox got without a valid token, after the cheaper
	 * limits
	 */
	[Q_WM_COMPLAINED] = "SELECT w.id, w.list, u.m FROM"
	    " (SELECT email, ltrim(returned_message_id, ' <' || char(9))"
	    "  AS m FROM unverified WHERE kind = 'complaint' AND at > ?5"
	    "  AND (email = ?1 COLLATE NOCASE OR (email >= ?2 COLLATE NOCASE"
	    "  AND email < ?3 COLLATE NOCASE"
	    "  AND substr(email, instr(email, '@')) = ?4 COLLATE NOCASE))) u"
	    " JOIN web_mails w ON w.id = CAST(substr(u.m, 5,"
	    "  instr(substr(u.m, 5), '.') - 1) AS INTEGER)"
	    " WHERE u.m LIKE 'web.%' AND w.email = u.email COLLATE NOCASE",
};

int
journal_sub_add(struct journal *j, const struct journal_subscription *s,
    long long *id)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUB_ADD, 4, s->list, s->email,
	    s->name, s->ip);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 5, s->submitted_at);
	sqlite3_bind_text(st, 6, s->form ? s->form : "", -1,
	    SQLITE_TRANSIENT);
	if (journal_run(j, st, "recording a subscription") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(j->db);
	return 0;
}

/* Fills s from a row of Q_SUB_GET (valid until reset). */
static void
sub_row(sqlite3_stmt *st, struct journal_subscription *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->list = (const char *)sqlite3_column_text(st, 1);
	s->email = (const char *)sqlite3_column_text(st, 2);
	s->name = (const char *)sqlite3_column_text(st, 3);
	s->submitted_at = sqlite3_column_int64(st, 4);
	s->confirmed_at = sqlite3_column_int64(st, 5);
	s->ended_at = sqlite3_column_int64(st, 6);
	s->end_reason = (const char *)sqlite3_column_text(st, 7);
	s->ip = (const char *)sqlite3_column_text(st, 8);
	s->form = (const char *)sqlite3_column_text(st, 9);
}

int
journal_sub_get(struct journal *j, long long id,
    void (*fn)(void *arg, const struct journal_subscription *s), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUB_GET, 0);
	struct journal_subscription s;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sub_row(st, &s);
		fn(arg, &s);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading a subscription");
	return rc == SQLITE_ROW ? 0 : 1;
}

static int
sub_confirm(struct journal *j, long long id, const char *list,
    const char *email, time_t at, int *done)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUB_CONFIRM, 0);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if (journal_run(j, st, "confirming a subscription") == -1)
		return -1;
	if (!(*done = sqlite3_changes(j->db) == 1))
		return 0;
	if (journal_run(j, journal_prep(j, sql, Q_SUB_RELIST, 2, list,
	    email), "lifting an unsubscribe") == -1)
		return -1;
	if (!(st = journal_prep(j, sql, Q_SUB_LIFT, 2, list, email)))
		return -1;
	sqlite3_bind_int64(st, 3, at);
	if (journal_run(j, st, "recording a lift") == -1)
		return -1;
	return journal_run(j, journal_prep(j, sql, Q_SUB_UNSUPPRESS, 2, list,
	    email), "lifting a suppression");
}

int
journal_sub_confirm(struct journal *j, long long id, const char *list,
    const char *email, time_t at, int *done)
{
	int own;

	*done = 0;
	if (journal_tx_start(j, &own) == -1)
		return -1;
	return journal_tx_end(j, own, sub_confirm(j, id, list, email, at,
	    done));
}

int
journal_subscribers_each(struct journal *j, const char *list,
    int (*fn)(void *arg, const char *email, const char *name), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SUBSCRIBERS, 1, list);
	int rc, stop = 0;

	if (!st)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(arg, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1)) == -1;
	sqlite3_reset(st);
	if (stop)
		return -1;
	return rc == SQLITE_DONE ? 0 : journal_fail(j, "reading subscribers");
}

static const char *const webmail_names[] = { "subscribe", "unsubscribe" };

int
journal_webmail_add(struct journal *j, const struct journal_webmail *m,
    long long *id)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_WM_ADD, 4,
	    webmail_names[m->kind], m->list, m->email, m->ip);

	if (!st)
		return -1;
	if (m->subscription)
		sqlite3_bind_int64(st, 5, m->subscription);
	sqlite3_bind_int64(st, 6, m->at);
	if (journal_run(j, st, "recording a confirmation mail") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(j->db);
	return 0;
}

/*
 * A mailbox as the queries match it (RFC 5233: local+detail@domain is
 * local@domain's mailbox): its address without a +detail, the range
 * local+ up to local, (',' follows '+') that its subaddresses sort in,
 * and "@domain".  Allocated; mailbox_free.
 */
struct mailbox {
	char *base, *from, *to, *domain;
};

static void
mailbox_of(const char *email, struct mailbox *mb)
{
	const char *at = strchr(email, '@'), *plus = strchr(email, '+');
	size_t local = at ? (size_t)(at - email) : strlen(email);

	if (plus && plus > email && (!at || plus < at))
		local = (size_t)(plus - email);
	mb->base = xasprintf("%.*s%s", (int)local, email, at ? at : "");
	mb->from = xasprintf("%.*s+", (int)local, email);
	mb->to = xasprintf("%.*s,", (int)local, email);
	mb->domain = xstrdup(at ? at : "");
}

/* Binds from, to and domain at i, i + 1 and i + 2. */
static void
mailbox_bind(sqlite3_stmt *st, int i, const struct mailbox *mb)
{
	sqlite3_bind_text(st, i, mb->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, i + 1, mb->to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, i + 2, mb->domain, -1, SQLITE_TRANSIENT);
}

static void
mailbox_free(struct mailbox *mb)
{
	free(mb->base);
	free(mb->from);
	free(mb->to);
	free(mb->domain);
}

int
journal_webmail_counts(struct journal *j, enum jwebmail kind,
    const char *email, time_t email_since, const char *ip, time_t ip_since,
    long *by_email, long *by_ip)
{
	struct mailbox mb;
	sqlite3_stmt *st;
	int rc;

	mailbox_of(email, &mb);
	st = journal_prep(j, sql, Q_WM_COUNT, 2, mb.base, ip);
	if (st) {
		mailbox_bind(st, 5, &mb);
		sqlite3_bind_text(st, 8, webmail_names[kind], -1,
		    SQLITE_STATIC);
	}
	mailbox_free(&mb);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 3, email_since);
	sqlite3_bind_int64(st, 4, ip_since);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*by_email = (long)sqlite3_column_int64(st, 0);
		*by_ip = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 :
	    journal_fail(j, "counting confirmation mails");
}

int
journal_webmail_complained(struct journal *j, const char *email,
    time_t since, int (*genuine)(void *arg, long long id, const char *list,
    const char *message_id), void *arg)
{
	struct mailbox mb;
	sqlite3_stmt *st;
	int rc, found = 0;

	mailbox_of(email, &mb);
	if ((st = journal_prep(j, sql, Q_WM_COMPLAINED, 1, mb.base))) {
		mailbox_bind(st, 2, &mb);
		sqlite3_bind_int64(st, 5, since);
	}
	mailbox_free(&mb);
	if (!st)
		return -1;
	while (!found && (rc = sqlite3_step(st)) == SQLITE_ROW)
		found = genuine(arg, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	if (!found && rc != SQLITE_DONE)
		return journal_fail(j, "looking up complaints");
	return found;
}

static int
webmail_read(struct journal *j, sqlite3_stmt *st,
    void (*fn)(void *arg, const struct journal_webmail *m), void *arg)
{
	struct journal_webmail m;
	int rc;

	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(st, 0);
		m.kind = journal_name_index(webmail_names, 2,
		    (const char *)sqlite3_column_text(st, 1), JW_SUBSCRIBE);
		m.list = (const char *)sqlite3_column_text(st, 2);
		m.email = (const char *)sqlite3_column_text(st, 3);
		m.ip = (const char *)sqlite3_column_text(st, 4);
		m.subscription = sqlite3_column_int64(st, 5);
		m.at = sqlite3_column_int64(st, 6);
		m.sent_at = sqlite3_column_int64(st, 7);
		m.used_at = sqlite3_column_int64(st, 8);
		fn(arg, &m);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading confirmation mails");
	return rc == SQLITE_ROW ? 0 : 1;
}

int
journal_webmail_get(struct journal *j, long long id,
    void (*fn)(void *arg, const struct journal_webmail *m), void *arg)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_WM_GET, 0);

	if (st)
		sqlite3_bind_int64(st, 1, id);
	return webmail_read(j, st, fn, arg);
}

int
journal_webmail_unsent(struct journal *j,
    void (*fn)(void *arg, const struct journal_webmail *m), void *arg)
{
	return webmail_read(j, journal_prep(j, sql, Q_WM_UNSENT, 0), fn, arg);
}

int
journal_webmail_sent(struct journal *j, long long id, time_t at)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_WM_SENT, 0);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	return journal_run(j, st, "marking a confirmation mail sent");
}

int
journal_webmail_use(struct journal *j, long long id, time_t at)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_WM_USE, 0);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, at);
	if (journal_run(j, st, "using a confirmation") == -1)
		return -1;
	return sqlite3_changes(j->db) == 1 ? 0 : 1;
}

int
journal_on_list(struct journal *j, const char *list, const char *email)
{
	long long n = journal_scalar(j, journal_prep(j, sql, Q_ON_LIST, 2, list,
	    email), "looking up a subscriber");

	return n < 0 ? -1 : n > 0;
}

int
journal_webmail_recent(struct journal *j, time_t since, long cap, long *n)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_WM_RECENT, 0);
	long long v;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, since);
	sqlite3_bind_int64(st, 2, cap);
	if ((v = journal_scalar(j, st, "counting confirmation mails")) < 0)
		return -1;
	*n = (long)v;
	return 0;
}

int
journal_sub_ended_by(struct journal *j, const char *list, const char *email,
    const char *reason)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_SUB_ENDED_BY, 3,
	    list, email, reason), "reading subscriptions");

	return v < 0 ? -1 : (int)v;
}
