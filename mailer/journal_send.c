/*
 * journal_send: the per-recipient sending state (see journal.h): editions
 * and their digests, recipients added pending, their states and attempts,
 * and the VERP tokens that name them.  A message counts as sent only when
 * its row says so, committed before the next message starts.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "util.h"

static const char *const sql[Q_COUNT] = {
	[Q_ED_GET] = "SELECT digest, first_sent_at IS NOT NULL FROM editions"
	    " WHERE issue = ?1 AND list = ?2",
	[Q_ED_PUT] = "INSERT OR REPLACE INTO editions(issue, list, digest,"
	    " first_sent_at) VALUES (?1, ?2, ?3, NULL)",
	[Q_ED_SENT] = "UPDATE editions SET first_sent_at = ?3"
	    " WHERE issue = ?1 AND list = ?2 AND first_sent_at IS NULL",
	[Q_ADD] = "INSERT OR IGNORE INTO recipients(issue, list, email,"
	    " token_id, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_HAS_ROWS] = "SELECT EXISTS(SELECT 1 FROM recipients"
	    " WHERE issue = ?1 AND list = ?2)",
	/*
	 * The same address in another case.  "+issue" keeps the planner off
	 * the primary key, whose (issue, list) prefix would scan the whole
	 * edition: recipients_addr finds the address's few rows.
	 */
	[Q_SPELLED] = "SELECT email FROM recipients WHERE list = ?2"
	    " AND email = ?3 COLLATE NOCASE AND +issue = ?1 AND email <> ?3"
	    " LIMIT 1",
	[Q_UNADD] = "DELETE FROM recipients WHERE issue = ?1 AND list = ?2"
	    " AND email = ?3 AND state = 'pending' AND attempts = 0",
	[Q_STATE] = "SELECT state, attempts, next_attempt FROM recipients"
	    " WHERE issue = ?1 AND list = ?2 AND email = ?3",
	[Q_MARK] = "UPDATE recipients SET state = ?4, last_reply = ?5,"
	    " next_attempt = ?6, attempts = attempts + ?7, updated_at = ?8,"
	    " relay = ?9, deferred_since = CASE WHEN ?4 = 'deferred'"
	    /* a since ahead of now was a clock since put back */
	    "  THEN min(coalesce(deferred_since, ?8), ?8) END"
	    " WHERE issue = ?1 AND list = ?2 AND email = ?3",
	[Q_TOKEN] = "SELECT issue, list, email FROM recipients"
	    " WHERE token_id = ?1",
	[Q_FIRST_SENT] = "SELECT coalesce(min(first_sent_at), 0) FROM editions"
	    " WHERE issue = ?1 OR ?1 IS NULL",
	[Q_DEFERRED] = "SELECT coalesce(deferred_since, 0),"
	    " coalesce(last_reply, '') FROM recipients"
	    " WHERE issue = ?1 AND list = ?2 AND email = ?3",
	/*
	 * An issue still owed to the lists without rows is an editions row
	 * of list "*" (no list file is named so; as in suppressions, "*" is
	 * every list), never sent: the reports' min(first_sent_at) skips it
	 */
	[Q_OWED_SET] = "INSERT OR IGNORE INTO editions(issue, list, digest,"
	    " first_sent_at) SELECT ?1, '*', '', NULL WHERE NOT EXISTS"
	    " (SELECT 1 FROM recipients WHERE issue = ?1)",
	[Q_OWED_GET] = "SELECT EXISTS(SELECT 1 FROM editions"
	    " WHERE issue = ?1 AND list = '*')",
	[Q_OWED_CLEAR] = "DELETE FROM editions WHERE issue = ?1 AND list = '*'",
	[Q_ED_HAS] = "SELECT EXISTS(SELECT 1 FROM editions"
	    " WHERE issue = ?1 AND list = ?2)",
};

/*
 * Reads the stored digest of (issue, list): *found, *same (it is digest)
 * and *sent (a message of it went out).  0 / -1.
 */
static int
edition_get(struct journal *j, const char *issue, const char *list,
    const char *digest, int *found, int *same, int *sent)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_ED_GET, 2, issue, list);
	int rc;

	*found = *same = *sent = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		*same = !strcmp((const char *)sqlite3_column_text(st, 0),
		    digest);
		*sent = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading edition");
	return 0;
}

int
journal_edition_changed(struct journal *j, const char *issue,
    const char *list, const char *digest, int *changed)
{
	int found, same, sent;

	*changed = 0;
	if (edition_get(j, issue, list, digest, &found, &same, &sent) == -1)
		return -1;
	*changed = found && !same && sent;
	return 0;
}

int
journal_edition_check(struct journal *j, const char *issue,
    const char *list, const char *digest, int *changed)
{
	int found, same, sent;

	*changed = 0;
	if (edition_get(j, issue, list, digest, &found, &same, &sent) == -1)
		return -1;
	if (found && same)
		return 0;
	if (found && sent) {
		*changed = 1;
		return 0;
	}
	journal_forget_sent(j);		/* first_sent_at NULL again */
	return journal_run(j, journal_prep(j, sql, Q_ED_PUT, 3, issue, list,
	    digest), "storing edition digest");
}

int
journal_add(struct journal *j, const char *issue, const char *list,
    const char *email, const char *token_id)
{
	/* stepped here: the strings outlive it */
	sqlite3_stmt *st = journal_prep_static(j, sql, Q_ADD, 4, issue, list,
	    email, token_id);

	if (st)
		sqlite3_bind_int64(st, 5, time(NULL));
	if (journal_run(j, st, "adding recipient") == -1)
		return -1;
	return sqlite3_changes(j->db) == 1 ? 0 : 1;
}

/*
 * 1 when (issue, list) had recipients before this handle added any: read
 * once per edition, before its first add.  -1 on error.
 */
static int
had_rows(struct journal *j, const char *issue, const char *list)
{
	long long v;

	if (j->add_issue && !strcmp(j->add_issue, issue) &&
	    !strcmp(j->add_list, list))
		return j->add_had_rows;
	if ((v = journal_scalar(j, journal_prep(j, sql, Q_HAS_ROWS, 2, issue,
	    list), "reading recipients")) == -1)
		return -1;
	free(j->add_issue);
	free(j->add_list);
	j->add_issue = xstrdup(issue);
	j->add_list = xstrdup(list);
	return j->add_had_rows = v > 0;
}

int
journal_other_case(struct journal *j, const char *issue, const char *list,
    const char *email, char spelled[JOURNAL_EMAIL_MAX])
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_SPELLED, 3, issue, list,
	    email);
	int rc;

	spelled[0] = '\0';
	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *e = (const char *)sqlite3_column_text(st, 0);

		if (strlen(e) < JOURNAL_EMAIL_MAX)
			memcpy(spelled, e, strlen(e) + 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return journal_fail(j, "reading a recipient's spelling");
	return spelled[0] != '\0';
}

int
journal_add_any_case(struct journal *j, const char *issue, const char *list,
    const char *email, const char *token_id,
    char spelled[JOURNAL_EMAIL_MAX])
{
	int had = had_rows(j, issue, list), rc;

	spelled[0] = '\0';
	if (had == -1)
		return -1;
	/* a new row of a first send has no other spelling: no query more */
	if ((rc = journal_add(j, issue, list, email, token_id)) != 0 || !had)
		return rc;
	if ((rc = journal_other_case(j, issue, list, email, spelled)) <= 0)
		return rc;
	/* the row just added: the recipient is the one on record */
	return journal_run(j, journal_prep(j, sql, Q_UNADD, 3, issue, list,
	    email), "removing a recipient added twice") == -1 ? -1 : 1;
}

int
journal_state(struct journal *j, const char *issue, const char *list,
    const char *email, enum jstate *stp, int *attempts, time_t *next_attempt)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_STATE, 3, issue, list, email);
	const char *s;
	int rc;

	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 : journal_fail(j, "reading state");
	}
	s = (const char *)sqlite3_column_text(st, 0);
	for (int i = 0; i <= JS_SUPPRESSED; i++)
		if (!strcmp(s, journal_state_names[i]))
			*stp = i;
	if (attempts)
		*attempts = sqlite3_column_int(st, 1);
	if (next_attempt)
		*next_attempt = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return 0;
}

static int
mark(struct journal *j, const char *issue, const char *list,
    const char *email, enum jstate state, const char *reply,
    time_t next_attempt, const char *relay)
{
	/* stepped here: the strings outlive it */
	sqlite3_stmt *st = journal_prep_static(j, sql, Q_MARK, 5, issue, list,
	    email, journal_state_names[state], reply);
	time_t now = time(NULL);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 6, next_attempt);
	sqlite3_bind_int(st, 7, state == JS_SENT || state == JS_DEFERRED ||
	    state == JS_FAILED);
	sqlite3_bind_int64(st, 8, now);
	if (relay)
		sqlite3_bind_text(st, 9, relay, -1, SQLITE_STATIC);
	if (journal_run(j, st, "marking recipient") == -1)
		return -1;
	if (sqlite3_changes(j->db) != 1) {
		warnx("%s: no recipient %s in %s/%s", j->path, email, issue,
		    list);
		return -1;
	}
	if (state != JS_SENT || (j->sent_issue &&
	    !strcmp(j->sent_issue, issue) && !strcmp(j->sent_list, list)))
		return 0;
	if (!(st = journal_prep(j, sql, Q_ED_SENT, 2, issue, list)))
		return -1;
	sqlite3_bind_int64(st, 3, now);
	if (journal_run(j, st, "marking edition sent") == -1)
		return -1;
	journal_forget_sent(j);
	j->sent_issue = xstrdup(issue);
	j->sent_list = xstrdup(list);
	return 0;
}

int
journal_mark(struct journal *j, const char *issue, const char *list,
    const char *email, enum jstate state, const char *reply,
    time_t next_attempt)
{
	int own;

	if (journal_tx_start(j, &own) == -1)
		return -1;
	return journal_tx_end(j, own, mark(j, issue, list, email, state, reply,
	    next_attempt, NULL));
}

int
journal_mark_sent(struct journal *j, const char *issue, const char *list,
    const char *email, const char *reply, const char *relay)
{
	int own;

	if (journal_tx_start(j, &own) == -1)
		return -1;
	return journal_tx_end(j, own, mark(j, issue, list, email, JS_SENT,
	    reply, 0, relay));
}

int
journal_lookup_token(struct journal *j, const char *token_id, char **issue,
    char **list, char **email)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_TOKEN, 1, token_id);
	int rc;

	if (!st)
		return -1;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? 1 :
		    journal_fail(j, "looking up token");
	}
	*issue = xstrdup((const char *)sqlite3_column_text(st, 0));
	*list = xstrdup((const char *)sqlite3_column_text(st, 1));
	*email = xstrdup((const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return 0;
}

int
journal_deferred(struct journal *j, const char *issue, const char *list,
    const char *email, time_t *since, char **last_reply)
{
	sqlite3_stmt *st = journal_prep(j, sql, Q_DEFERRED, 3, issue, list,
	    email);

	*since = 0;
	*last_reply = NULL;
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return journal_fail(j, "reading a deferral");
	}
	*since = (time_t)sqlite3_column_int64(st, 0);
	*last_reply = xstrdup((const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return 0;
}

int
journal_first_sent(struct journal *j, const char *issue, time_t *t)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_FIRST_SENT, 1,
	    issue), "reading when the issue was sent");

	if (v < 0)
		return -1;
	*t = (time_t)v;
	return 0;
}

int
journal_owed_begin(struct journal *j, const char *issue)
{
	return journal_run(j, journal_prep(j, sql, Q_OWED_SET, 1, issue),
	    "marking the issue owed to every list");
}

int
journal_owed(struct journal *j, const char *issue)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_OWED_GET, 1,
	    issue), "reading whether the issue is owed to every list");

	return v < 0 ? -1 : (int)v;
}

int
journal_owed_end(struct journal *j, const char *issue)
{
	return journal_run(j, journal_prep(j, sql, Q_OWED_CLEAR, 1, issue),
	    "ending the issue's debt to every list");
}

int
journal_edition_has(struct journal *j, const char *issue, const char *list)
{
	long long v = journal_scalar(j, journal_prep(j, sql, Q_ED_HAS, 2,
	    issue, list), "reading edition");

	return v < 0 ? -1 : (int)v;
}
