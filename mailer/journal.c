/*
 * journal: the journal's file (see journal.h): opening it, its schema and
 * the migrations from older versions, the statements every module of the
 * journal family prepares through it, transactions and WAL checkpoints.
 * What the rows mean is the other modules': journal_send.c (recipients and
 * editions), journal_ledger.c (bounce events, suppressions, the policy),
 * journal_report.c (report queries) and journal_web.c (web subscriptions
 * and confirmation mails).
 */
#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcode.h"
#include "journal_int.h"
#include "util.h"

#define SCHEMA_VERSION 9
#define BUSY_MS 10000	/* how long a statement waits for another writer */

/*
 * recipients.state's CHECK.  Version 1 wrote it as an IN list of five
 * constants, which sqlite tests through a temporary b-tree it builds for
 * every row written: a sent message writes its row twice (added, then
 * marked), and those b-trees were a quarter of the sending thread's
 * instructions (README, "Benchmarks").  The same test as comparisons
 * needs none.  An older journal's text is rewritten in place (state_check).
 */
#define STATE_CHECK_IN "CHECK(state IN ('pending',  'sent','deferred'," \
	"'failed','suppressed'))"
#define STATE_CHECK "CHECK(state = 'pending' OR state = 'sent'" \
	" OR state = 'deferred' OR state = 'failed' OR state = 'suppressed')"

static const char schema[] =
    /* list '*': the issue is owed to every list (journal_owed_begin) */
    "CREATE TABLE editions(issue TEXT NOT NULL, list TEXT NOT NULL,"
    " digest TEXT NOT NULL, first_sent_at INTEGER,"
    " PRIMARY KEY(issue, list));"
    "CREATE TABLE recipients(issue TEXT NOT NULL, list TEXT NOT NULL,"
    " email TEXT NOT NULL, token_id TEXT NOT NULL UNIQUE,"
    " state TEXT NOT NULL DEFAULT 'pending' " STATE_CHECK ","
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt INTEGER NOT NULL DEFAULT 0, last_reply TEXT,"
    " updated_at INTEGER NOT NULL, PRIMARY KEY(issue, list, email));"
    "CREATE INDEX recipients_addr ON recipients(list, email);"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, kind TEXT NOT NULL"
    " CHECK(kind IN ('bounce','delay','autoreply','complaint',"
    "  'unsubscribe','failed')),"
    " issue TEXT, list TEXT, email TEXT NOT NULL,"
    " class TEXT CHECK(class IN ('hard','soft')), status TEXT, reason TEXT,"
    " at INTEGER NOT NULL, source_key TEXT NOT NULL UNIQUE);"
    "CREATE INDEX events_addr ON events(email, list);"
    /* list '*': every list (a complaint whose list is unknown) */
    "CREATE TABLE suppressions(list TEXT NOT NULL, email TEXT NOT NULL,"
    " reason TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(list, email));"
    "CREATE TABLE unsubscribes(list TEXT NOT NULL, email TEXT NOT NULL,"
    " at INTEGER NOT NULL, source TEXT, PRIMARY KEY(list, email));";

/* Version 2: the messages read from the bounce mailbox, by two keys. */
static const char schema_v2[] =
    "CREATE TABLE messages(source_key TEXT PRIMARY KEY,"
    " message_id TEXT UNIQUE, kind TEXT NOT NULL, at INTEGER NOT NULL);";

/*
 * Version 3: the web side.  A subscription is a consent record: one row
 * per form submitted (the confirmation mail's token names the row), kept
 * when it is confirmed and when it ends.  web_mails holds every
 * confirmation mail: the abuse limits count them, the mail thread sends
 * the rows not yet sent, and an unsubscribe confirmation is used once.
 */
static const char schema_v3[] =
    "CREATE TABLE subscriptions(id INTEGER PRIMARY KEY,"
    " list TEXT NOT NULL, email TEXT NOT NULL, name TEXT,"
    " submitted_at INTEGER NOT NULL, confirmed_at INTEGER,"
    " ended_at INTEGER, end_reason TEXT, ip TEXT, form TEXT NOT NULL);"
    "CREATE INDEX subscriptions_addr ON subscriptions(list, email);"
    "CREATE TABLE web_mails(id INTEGER PRIMARY KEY, kind TEXT NOT NULL"
    " CHECK(kind IN ('subscribe','unsubscribe')), list TEXT NOT NULL,"
    " email TEXT NOT NULL, ip TEXT, subscription INTEGER"
    " REFERENCES subscriptions(id), at INTEGER NOT NULL,"
    " sent_at INTEGER, used_at INTEGER);"
    "CREATE INDEX web_mails_email ON web_mails(email, at);"
    "CREATE INDEX web_mails_ip ON web_mails(ip, at);"
    "CREATE INDEX web_mails_unsent ON web_mails(id) WHERE sent_at IS NULL;";

/*
 * Version 4: what messages without a valid VERP token claimed, kept as
 * unverified evidence: they suppress nobody (a forged report must not),
 * but the claim stays on record.
 */
static const char schema_v4[] =
    "CREATE TABLE unverified(source_key TEXT NOT NULL, email TEXT NOT NULL,"
    " kind TEXT NOT NULL, class TEXT, status TEXT, reason TEXT,"
    " returned_message_id TEXT, at INTEGER NOT NULL,"
    " PRIMARY KEY(source_key, email));";

/* Version 5: the relay that took a sent message (its URL, no credentials). */
static const char schema_v5[] =
    "ALTER TABLE recipients ADD COLUMN relay TEXT;";

/*
 * Version 6: suppressions lifted by hand (mailer suppress --lift), kept
 * as a record; the bounce policy counts only the events recorded after
 * the newest lift of the address on the list (after_event: the newest
 * event id then; ids, unlike clocks, never tie).
 */
static const char schema_v6[] =
    "CREATE TABLE lifts(id INTEGER PRIMARY KEY, list TEXT NOT NULL,"
    " email TEXT NOT NULL, reason TEXT NOT NULL,"
    " suppressed_at INTEGER NOT NULL, at INTEGER NOT NULL,"
    " after_event INTEGER NOT NULL);"
    "CREATE INDEX lifts_addr ON lifts(email, list);";

/*
 * Version 7: one address, whatever the case of its local part.  list.c
 * refuses Bob@x and bob@x as duplicate rows, so every query that matches
 * an address across sources (CSV rows, web subscriptions, suppressions,
 * unsubscribes, typed forms) compares it COLLATE NOCASE (ASCII, like
 * strset's NOCASE sets); these indexes serve those comparisons.  Rows
 * keep the address as it was written: that is the address mailed.
 */
static const char schema_v7[] =
    "DROP INDEX recipients_addr;"
    "CREATE INDEX recipients_addr ON recipients(list, email COLLATE NOCASE);"
    "DROP INDEX events_addr;"
    "CREATE INDEX events_addr ON events(email COLLATE NOCASE, list);"
    "CREATE INDEX suppressions_addr ON suppressions(email COLLATE NOCASE);"
    "CREATE INDEX unsubscribes_addr ON unsubscribes(email COLLATE NOCASE);"
    "DROP INDEX subscriptions_addr;"
    "CREATE INDEX subscriptions_addr"
    " ON subscriptions(list, email COLLATE NOCASE);"
    "DROP INDEX web_mails_email;"
    "CREATE INDEX web_mails_email ON web_mails(email COLLATE NOCASE, at);"
    "DROP INDEX lifts_addr;"
    "CREATE INDEX lifts_addr ON lifts(email COLLATE NOCASE, list);";

/*
 * Version 8: when a deferred recipient was first deferred (NULL: it is
 * not deferred), for transport.give_up_after.
 */
static const char schema_v8[] =
    "ALTER TABLE recipients ADD COLUMN deferred_since INTEGER;";

/*
 * Version 9: lists renamed (mailer lists rename); done_at NULL while the
 * rows have moved and the files not yet (journal_rename.c).
 */
static const char schema_v9[] =
    "CREATE TABLE list_renames(id INTEGER PRIMARY KEY, old TEXT NOT NULL,"
    " new TEXT NOT NULL, at INTEGER NOT NULL, done_at INTEGER);";

static const char *const sql[Q_COUNT] = {
	/* prepared once: send begins and commits one per message */
	[Q_BEGIN] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
};

const char *const journal_state_names[] = {
	"pending", "sent", "deferred", "failed", "suppressed"
};
const char *const journal_event_names[] = {
	"bounce", "delay", "autoreply", "complaint", "unsubscribe", "failed"
};
const char *const journal_class_names[] = { NULL, "hard", "soft" };

/* SQLite's primary code of the last failure reported, for the exit code */
static atomic_int last_failure;

/* What the operator does about a failure, by SQLite's primary code. */
static const char *
failure_hint(int code)
{
	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return "another process held the journal's write lock for "
		    "10 s (a sqlite3 shell, a backup?); nothing more was "
		    "written: run again once it ends";
	case SQLITE_FULL:
		return "its file system is full: free space there and run "
		    "again (what was written is kept)";
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_IOERR:
		return "it and its folder must be writable by this user "
		    "(not a directory, not on a read-only mount)";
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return "the journal is damaged: restore it from a backup "
		    "(or try sqlite3's .recover on a copy)";
	}
	return NULL;
}

int
journal_fail(struct journal *j, const char *what)
{
	int code = sqlite3_extended_errcode(j->db) & 0xff;
	const char *hint;

	/* a write the OS refused for space: an I/O error to SQLite */
	if ((code == SQLITE_IOERR || code == SQLITE_CANTOPEN) &&
	    (sqlite3_system_errno(j->db) == ENOSPC ||
	    sqlite3_system_errno(j->db) == EDQUOT))
		code = SQLITE_FULL;
	hint = failure_hint(code);

	journal_forget_sent(j);	/* the transaction may be undone */
	/* out of memory is 71 wherever it happens, not a journal error (70) */
	if (code == SQLITE_NOMEM)
		util_oom("sqlite");
	atomic_store(&last_failure, code);
	warnx("%s: %s: %s%s%s", j->path, what, sqlite3_errmsg(j->db),
	    hint ? ": " : "", hint ? hint : "");
	return -1;
}

int
journal_exit_code(int rc)
{
	if (rc != EXIT_SOFTWARE && rc != EXIT_CANTCREAT)
		return rc;
	switch (atomic_load(&last_failure)) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return EXIT_TEMPFAIL;
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_IOERR:
		return EXIT_CANTCREAT;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return EXIT_SOFTWARE;
	}
	return rc;
}

static int
exec(struct journal *j, const char *s)
{
	if (sqlite3_exec(j->db, s, NULL, NULL, NULL) != SQLITE_OK)
		return journal_fail(j, s);
	return 0;
}

static sqlite3_stmt *
prep(struct journal *j, const char *const *table, enum journal_stmt q,
    int n, sqlite3_destructor_type keep, va_list ap)
{
	sqlite3_stmt *st = j->st[q];

	if (!st && sqlite3_prepare_v3(j->db, table[q], -1,
	    SQLITE_PREPARE_PERSISTENT, &j->st[q], NULL) != SQLITE_OK) {
		journal_fail(j, "prepare");
		return NULL;
	}
	st = j->st[q];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 1; i <= n; i++)
		sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, keep);
	return st;
}

sqlite3_stmt *
journal_prep(struct journal *j, const char *const *table,
    enum journal_stmt q, int n, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, n);
	st = prep(j, table, q, n, SQLITE_TRANSIENT, ap);
	va_end(ap);
	return st;
}

/*
 * Copying and freeing the strings of the two statements a message (a
 * recipient added, then marked) cost some 5,700 of the sending thread's
 * 86,000 instructions a message (callgrind, 2,000 into smtp-sink).
 */
sqlite3_stmt *
journal_prep_static(struct journal *j, const char *const *table,
    enum journal_stmt q, int n, ...)
{
	sqlite3_stmt *st;
	va_list ap;

	va_start(ap, n);
	st = prep(j, table, q, n, SQLITE_STATIC, ap);
	va_end(ap);
	return st;
}

int
journal_run(struct journal *j, sqlite3_stmt *st, const char *what)
{
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : journal_fail(j, what);
}

long long
journal_scalar(struct journal *j, sqlite3_stmt *st, const char *what)
{
	long long v;

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return journal_fail(j, what);
	}
	v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

/*
 * Rewrites an older journal's STATE_CHECK_IN as STATE_CHECK.  Both allow
 * the same five values, so no row breaks the new one and nothing stored
 * changes: sqlite documents this edit of sqlite_schema for a CHECK
 * (https://sqlite.org/lang_altertable.html, section 7), and bumping
 * schema_version makes every open connection read the new text.
 * user_version stays, so an older mailer opens the journal as before.  A
 * journal busy or read-only now keeps the old text (slower, still right)
 * and is rewritten by a later open.
 */
static int
state_check_old(struct journal *j)
{
	static const char q[] = "SELECT instr(sql, ?1) > 0 FROM sqlite_schema"
	    " WHERE type = 'table' AND name = 'recipients'";
	sqlite3_stmt *st;
	int old = 0;

	if (sqlite3_prepare_v2(j->db, q, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, STATE_CHECK_IN, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return old;
}

static void
state_check(struct journal *j)
{
	static const char edit[] = "UPDATE sqlite_schema"
	    " SET sql = replace(sql, ?1, ?2)"
	    " WHERE type = 'table' AND name = 'recipients'"
	    " AND instr(sql, ?1) > 0";
	sqlite3_stmt *st = NULL;
	long long cookie = -1;
	int changed = 0;
	char bump[64];

	if (!state_check_old(j) || sqlite3_exec(j->db, "BEGIN IMMEDIATE",
	    NULL, NULL, NULL) != SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(j->db, "PRAGMA schema_version", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		cookie = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	/* another open may have rewritten it first: then changes is 0 */
	if (cookie >= 0 && sqlite3_exec(j->db, "PRAGMA writable_schema = ON",
	    NULL, NULL, NULL) == SQLITE_OK && sqlite3_prepare_v2(j->db, edit,
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, STATE_CHECK_IN, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, STATE_CHECK, -1, SQLITE_STATIC);
		changed = sqlite3_step(st) == SQLITE_DONE &&
		    sqlite3_changes(j->db) == 1;
	}
	sqlite3_finalize(st);
	snprintf(bump, sizeof bump, "PRAGMA schema_version = %lld",
	    cookie + 1);
	if (changed && sqlite3_exec(j->db, bump, NULL, NULL, NULL) !=
	    SQLITE_OK)
		changed = 0;
	sqlite3_exec(j->db, "PRAGMA writable_schema = OFF", NULL, NULL,
	    NULL);
	sqlite3_exec(j->db, changed ? "COMMIT" : "ROLLBACK", NULL, NULL,
	    NULL);
	if (!sqlite3_get_autocommit(j->db))
		sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
setup(struct journal *j)
{
	sqlite3_stmt *st;
	int version;

	sqlite3_busy_timeout(j->db, BUSY_MS);
	/*
	 * WAL with synchronous=NORMAL: every commit is in the log before the
	 * next message starts, so a killed process (SIGKILL, OOM, crash)
	 * loses no outcome.  The log is fsynced at checkpoints, not at every
	 * commit: only a power loss can undo the last 'sent' rows, and then
	 * those messages are sent again (a duplicate, never a loss: a row
	 * says 'sent' only after the relay's 250, and the relay has synced
	 * its queue file before saying it).  FULL cost a quarter of the
	 * sending rate here (bench/send.sh: 0.56 against 0.76 of the bare
	 * libcurl loop).
	 */
	if (exec(j, "PRAGMA journal_mode = WAL") == -1 ||
	    exec(j, "PRAGMA synchronous = NORMAL") == -1 ||
	    exec(j, "PRAGMA foreign_keys = ON") == -1)
		return -1;
	if (sqlite3_prepare_v2(j->db, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return journal_fail(j, "reading the schema version");
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == SCHEMA_VERSION) {
		state_check(j);
		return 0;
	}
	if (version > SCHEMA_VERSION) {
		warnx("%s: schema version %d, written by a newer mailer "
		    "(this one knows %d): run that one, or restore a journal "
		    "this one wrote", j->path, version, SCHEMA_VERSION);
		return -1;
	}
	if (exec(j, "BEGIN IMMEDIATE") == -1)
		return -1;
	if ((version == 0 && exec(j, schema) == -1) ||
	    (version < 2 && exec(j, schema_v2) == -1) ||
	    (version < 3 && exec(j, schema_v3) == -1) ||
	    (version < 4 && exec(j, schema_v4) == -1) ||
	    (version < 5 && exec(j, schema_v5) == -1) ||
	    (version < 6 && exec(j, schema_v6) == -1) ||
	    (version < 7 && exec(j, schema_v7) == -1) ||
	    (version < 8 && exec(j, schema_v8) == -1) ||
	    (version < 9 && exec(j, schema_v9) == -1) ||
	    exec(j, "PRAGMA user_version = 9") == -1) {
		sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (exec(j, "COMMIT") == -1)
		return -1;
	state_check(j);
	return 0;
}

/*
 * 1 after saying so when the journal belongs to another user that mailer
 * cannot write as (root ran it first, cron runs it as its own user):
 * sqlite only says "unable to open database file".
 */
static int
not_ours(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1 || st.st_uid == geteuid() ||
	    access(path, R_OK | W_OK) == 0 || errno != EACCES)
		return 0;
	warn_not_ours("journal", path, &st, " (and its -wal and -shm files, "
	    "if any), mode 600 stays");
	return 1;
}

struct journal *
journal_open(const char *path)
{
	struct journal *j = xcalloc(1, sizeof *j);
	mode_t old = umask(077);	/* the -wal and -shm files, too */
	int rc;

	j->path = xstrdup(path);
	rc = sqlite3_open_v2(path, &j->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (not_ours(path))
			;
		else if (j->db)
			journal_fail(j, "open");
		else
			warnx("%s: open: %s", path, sqlite3_errstr(rc));
		umask(old);
		journal_close(j);
		return NULL;
	}
	rc = setup(j);
	umask(old);
	if (rc == -1 || chmod(path, 0600) == -1) {
		if (rc != -1)
			warn("%s", path);
		journal_close(j);
		return NULL;
	}
	return j;
}

void
journal_close(struct journal *j)
{
	if (!j)
		return;
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(j->st[i]);
	if (j->db && sqlite3_close(j->db) != SQLITE_OK)
		journal_fail(j, "close");
	free(j->path);
	free(j->add_issue);
	free(j->add_list);
	free(j->stopped_list);
	journal_forget_sent(j);
	free(j);
}

int
journal_begin(struct journal *j)
{
	return journal_run(j, journal_prep(j, sql, Q_BEGIN, 0),
	    "BEGIN IMMEDIATE");
}

int
journal_commit(struct journal *j)
{
	return journal_run(j, journal_prep(j, sql, Q_COMMIT, 0), "COMMIT");
}

void
journal_forget_sent(struct journal *j)
{
	free(j->sent_issue);
	free(j->sent_list);
	j->sent_issue = j->sent_list = NULL;
}

void
journal_rollback(struct journal *j)
{
	journal_forget_sent(j);
	if (!sqlite3_get_autocommit(j->db))
		sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
}

int
journal_tx_start(struct journal *j, int *own)
{
	*own = sqlite3_get_autocommit(j->db);
	return *own ? journal_begin(j) : 0;
}

int
journal_tx_end(struct journal *j, int own, int rc)
{
	if (!own)
		return rc;
	if (rc == 0)
		return journal_commit(j);
	journal_rollback(j);
	return -1;
}

const char *
journal_state_name(enum jstate st)
{
	return journal_state_names[st];
}

int
journal_name_index(const char *const *names, int n, const char *s, int dflt)
{
	for (int i = 0; s && i < n; i++)
		if (names[i] && !strcmp(s, names[i]))
			return i;
	return dflt;
}

int
journal_checkpoint_elsewhere(struct journal *j)
{
	return sqlite3_wal_autocheckpoint(j->db, 0) == SQLITE_OK ? 0 :
	    journal_fail(j, "turning off automatic checkpoints");
}

int
journal_checkpoint(struct journal *j, int *pages, int *copied)
{
	int rc = sqlite3_wal_checkpoint_v2(j->db, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, pages, copied);

	return rc == SQLITE_OK || rc == SQLITE_BUSY ? 0 :
	    journal_fail(j, "checkpoint");
}

int
journal_wal_reset(struct journal *j, int truncate, int wait_ms)
{
	int rc;

	/* the caller holds its writers: wait only for other processes */
	sqlite3_busy_timeout(j->db, wait_ms);
	rc = sqlite3_wal_checkpoint_v2(j->db, NULL, truncate ?
	    SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	sqlite3_busy_timeout(j->db, BUSY_MS);
	if (rc == SQLITE_BUSY)
		return 1;
	return rc == SQLITE_OK ? 0 : journal_fail(j, "resetting the log");
}
