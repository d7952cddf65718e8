/*
 * journal: the sending state in one SQLite file (WAL, synchronous=NORMAL:
 * a killed process loses no commit; a power loss may undo the last ones,
 * which are then sent again, see setup() in journal.c).
 *
 * It records, per (issue, list, email), whether the message was sent, and
 * commits each outcome before the next message starts: a message counts as
 * sent only when the server answered 250 to its DATA and that answer is
 * committed.  It also holds the bounce ledger (events, idempotent by source
 * key), suppressions and unsubscribes, and the suppression policy.
 *
 * One interface, several modules: journal.c (the file, schema, statement
 * cache, transactions, checkpoints), journal_send.c (editions and
 * recipients), journal_ledger.c (bounce ledger, suppressions, policy),
 * journal_report.c (report queries) and journal_web.c (subscriptions and
 * confirmation mails).  They share the SQLite handle through journal_int.h,
 * which no other file includes.
 */
#ifndef MAILER_JOURNAL_H
#define MAILER_JOURNAL_H

#include <time.h>

struct journal;

enum jstate { JS_PENDING, JS_SENT, JS_DEFERRED, JS_FAILED, JS_SUPPRESSED };
enum jevent { JE_BOUNCE, JE_DELAY, JE_AUTOREPLY, JE_COMPLAINT,
	JE_UNSUBSCRIBE, JE_FAILED };
enum jclass { JC_NONE, JC_HARD, JC_SOFT };

/*
 * Opens (creating, mode 0600) the journal at path.  Returns NULL after
 * reporting.  journal_close accepts NULL.
 */
struct journal *journal_open(const char *path);
void journal_close(struct journal *j);

/*
 * A command's exit code rc (exitcode.h) once the journal has failed: a
 * journal that stopped the command (rc EXIT_SOFTWARE or EXIT_CANTCREAT)
 * ends it as its last failure asks: EXIT_TEMPFAIL when another process
 * held the write lock, EXIT_CANTCREAT when the file could not be written
 * (a full or read-only file system), EXIT_SOFTWARE when it is damaged.
 * Any other rc, or no journal failure, is returned as it is.
 */
int journal_exit_code(int rc);

/*
 * WAL checkpoints copy the log into the database and fsync it; SQLite runs
 * them inside whichever commit fills the log past 1,000 pages.  A
 * connection that must answer quickly (mailer serve's request handlers)
 * turns that off with journal_checkpoint_elsewhere, and another of its
 * connections calls journal_checkpoint (passive: it never waits for
 * readers or writers) now and then; *pages and *copied (NULL: not wanted)
 * are then the log's length and how much of it is in the database, in
 * pages (-1 when it could not run).  0 / -1.
 *
 * A passive checkpoint never rewinds the log while writes keep coming (the
 * log restarts only when a write begins with every page copied back), so
 * under sustained writes it grows without end.  journal_wal_reset copies
 * the rest and has the next write start the log over (truncate: empties
 * the file too, which takes long for a large one); it waits for writers
 * and readers, so the caller first holds back its own, and waits at most
 * wait_ms for other processes'.  0; 1 when they kept it busy; -1.
 */
int journal_checkpoint_elsewhere(struct journal *j);
int journal_checkpoint(struct journal *j, int *pages, int *copied);
int journal_wal_reset(struct journal *j, int truncate, int wait_ms);

/* Group many writes (the pending inserts) in one transaction.  0 / -1. */
int journal_begin(struct journal *j);
int journal_commit(struct journal *j);
/* Undoes the open transaction, if any (after an error). */
void journal_rollback(struct journal *j);

/*
 * Records digest for the edition (issue, list).  *changed is 1 when another
 * digest was stored and a message of the edition was already sent (the
 * digest is then kept); otherwise the new digest is stored.  0 / -1.
 */
int journal_edition_check(struct journal *j, const char *issue,
    const char *list, const char *digest, int *changed);
/*
 * The same question without writing (send --dry-run): *changed is 1 when
 * another digest is stored and a message of the edition was sent.  0 / -1.
 */
int journal_edition_changed(struct journal *j, const char *issue,
    const char *list, const char *digest, int *changed);

/*
 * Adds a pending recipient unless present.  Returns 0 when added (its state
 * is then pending, no attempts), 1 when it was present, -1 on error.
 */
int journal_add(struct journal *j, const char *issue, const char *list,
    const char *email, const char *token_id);

/*
 * journal_add for send, one recipient whatever the case of its address's
 * local part.  When the issue and list had recipients before this handle
 * added any (a rerun) and one of them is email in another case (an editor
 * changed the row's case meanwhile), nothing is added and 1 is returned
 * with the spelling on record in spelled: the issue goes on with it (its
 * token is that row's).  Otherwise as journal_add, spelled "".  Only a
 * recipient new to the journal in a rerun costs a query more.
 */
#define JOURNAL_EMAIL_MAX 256	/* addresses are at most 254 bytes */
int journal_add_any_case(struct journal *j, const char *issue,
    const char *list, const char *email, const char *token_id,
    char spelled[JOURNAL_EMAIL_MAX]);

/*
 * The spelling on record of email in another case among the recipients of
 * (issue, list), copied into spelled: 1 when there is one, 0 when not
 * (spelled ""), -1 on error.  send --dry-run reads with it what
 * journal_add_any_case would find, adding nothing.
 */
int journal_other_case(struct journal *j, const char *issue,
    const char *list, const char *email, char spelled[JOURNAL_EMAIL_MAX]);

/*
 * Reads a recipient's state; attempts and next_attempt may be NULL.
 * Returns 0, 1 when the recipient is not in the journal, -1 on error.
 */
int journal_state(struct journal *j, const char *issue, const char *list,
    const char *email, enum jstate *st, int *attempts, time_t *next_attempt);

/*
 * Sets a recipient's state and the server's reply (may be NULL), and
 * commits at once (unless inside journal_begin).  SENT, DEFERRED and FAILED
 * count an attempt.  Returns 0 / -1; marking an unknown recipient is an
 * error.
 */
int journal_mark(struct journal *j, const char *issue, const char *list,
    const char *email, enum jstate st, const char *reply,
    time_t next_attempt)
    __attribute__((warn_unused_result));

/*
 * journal_mark to JS_SENT, also recording relay, the relay that took it
 * (its name without credentials; NULL: none, e.g. a Maildir).
 */
int journal_mark_sent(struct journal *j, const char *issue, const char *list,
    const char *email, const char *reply, const char *relay);

/*
 * Maps a VERP token id back to its recipient; the strings are malloc'd and
 * the caller frees them.  Returns 0, 1 when unknown, -1 on error.
 */
int journal_lookup_token(struct journal *j, const char *token_id,
    char **issue, char **list, char **email);

struct journal_event {
	enum jevent kind;
	const char *issue;	/* may be NULL when unknown */
	const char *list;	/* may be NULL when unknown */
	const char *email;
	enum jclass cls;
	const char *status;	/* "5.1.1"; may be NULL */
	const char *reason;	/* may be NULL */
	time_t at;
	const char *source_key;	/* "imap:UIDVALIDITY:UID", "msgid:<..>" */
};

/*
 * Adds an event unless one with the same source key exists; *is_new tells
 * which.  Complaints and unsubscribes also suppress at once.  0 / -1.
 */
int journal_event_add(struct journal *j, const struct journal_event *ev,
    int *is_new);

/*
 * 1 when email is unsubscribed from list (NULL: from every list) or from
 * every list, 0, or -1.
 */
int journal_unsubscribed(struct journal *j, const char *list,
    const char *email);
/* Returns 1 when (list, email) is suppressed or unsubscribed, 0, or -1. */
int journal_suppressed(struct journal *j, const char *list,
    const char *email);

/*
 * Calls fn once per address suppressed or unsubscribed for list, directly
 * or for every list (the addresses journal_suppressed says 1 for); email is
 * valid during the call only.  0 / -1.
 */
int journal_suppressed_each(struct journal *j, const char *list,
    void (*fn)(void *arg, const char *email), void *arg);

/*
 * Suppresses (list, email) after hard_limit hard failures, or soft_limit
 * soft bounces within soft_window_days.  A successful delivery resets the
 * soft count: soft bounces older than the newest message that was sent and
 * has no bounce or failure of its own (same issue) do not count.  Relay
 * acceptance alone is no success: every bounced message was accepted first.
 * A limit of 0 disables its rule.  Returns 1 when the address is suppressed
 * (now or before), 0, or -1.
 */
int journal_apply_policy(struct journal *j, const char *list,
    const char *email, long hard_limit, long soft_limit,
    long soft_window_days);

/*
 * Which lists mailer run owes an issue (owed.h).  run takes an issue as
 * sent once the recipients the journal has are done, so a list the
 * journal lacks is normally one added after the issue went out (it gets
 * no back issue).  But the first send of an issue may reach only some
 * lists (send --list, a run stopped between lists): journal_owed_begin,
 * called by every journaled send, marks the issue owed to every list when
 * the journal has no recipient of it yet (else it does nothing);
 * journal_owed says 1 while it is marked (0 not, -1 error);
 * journal_owed_end unmarks it once every list has its edition.  0 / -1.
 */
int journal_owed_begin(struct journal *j, const char *issue);
int journal_owed(struct journal *j, const char *issue);
int journal_owed_end(struct journal *j, const char *issue);
/* 1 when a journaled send reached (issue, list): its edition is stored. */
int journal_edition_has(struct journal *j, const char *issue,
    const char *list);

/*
 * When the first message of issue (NULL: of any issue) was sent (the
 * earliest edition's), in *t; 0 when none was.  0 / -1.
 */
int journal_first_sent(struct journal *j, const char *issue, time_t *t);

/*
 * When a deferred recipient was first deferred, in *since (0: unknown, a
 * journal from before version 8 until its next deferral), and its last
 * reply in *last_reply (malloc'd, "" when none; the caller frees it).
 * 0 / -1.
 */
int journal_deferred(struct journal *j, const char *issue, const char *list,
    const char *email, time_t *since, char **last_reply)
    __attribute__((warn_unused_result));

struct journal_count {
	const char *issue, *list;
	long pending, sent, deferred, failed, suppressed;
	long unsubscribed;	/* addresses that unsubscribed from a copy */
	long bounced;		/* addresses whose copy bounced (hard or
				   soft; not a delay), each once */
};

/*
 * Calls fn once per (issue, list), ordered, restricted to issue unless it
 * is NULL.  0 / -1.
 */
int journal_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_count *c), void *arg)
    __attribute__((warn_unused_result));

/* Sent messages per (issue, list, relay) that recorded a relay. */
struct journal_relay_count {
	const char *issue, *list, *relay;
	long sent;
};

/* Calls fn per row, issue NULL: every issue; ordered.  Returns 0 / -1. */
int journal_relay_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_relay_count *c), void *arg);

/*
 * The bounce mailbox's messages already processed, by source key
 * ("imap:UIDVALIDITY:UID") and by Message-ID (may be NULL), so a message
 * delivered again under another UID is not counted twice.
 * journal_message_seen returns 2 when source_key itself is recorded (the
 * message was processed under this UID: a move of it may have been cut
 * short), 1 when only message_id is, 0, or -1; journal_message_add
 * returns 0 / -1.
 */
int journal_message_seen(struct journal *j, const char *source_key,
    const char *message_id);
int journal_message_add(struct journal *j, const char *source_key,
    const char *message_id, const char *kind);

/*
 * Keeps what a message without a valid VERP token claimed about ev->email
 * (kind, class, status, reason; ev->issue and ev->list are not kept) as
 * unverified evidence, with the returned original's Message-ID (may be
 * NULL): no suppression, no count.  Once per (source key, email).  0 / -1.
 */
int journal_unverified_add(struct journal *j, const struct journal_event *ev,
    const char *returned_message_id);

struct journal_suppression {
	const char *list;	/* "*": every list */
	const char *email;
	const char *reason;	/* "unsubscribed" for unsubscribes */
	time_t at;
};

/* Calls fn per suppression and unsubscribe, by list and email.  0 / -1. */
int journal_suppressions(struct journal *j,
    void (*fn)(void *arg, const struct journal_suppression *s), void *arg);

/*
 * A list's new id (journal_rename.c).  journal_list_known: 1 when any
 * row is under list.  journal_list_busy: 1 with *issue (to free) when
 * list has recipients still pending or deferred.  journal_list_rename
 * moves every row of from to to in one transaction and records the
 * rename, not yet done; journal_list_renamed marks it done once the
 * files have followed; journal_rename_pending: 1 with *from and *to (to
 * free) for a rename whose files may not have; journal_rename_next: 1
 * with *r (journal_rename_clear it) the latest rename of list, 0 when it
 * never was; journal_rename_last: the id of the latest rename done (0:
 * none).  All -1 on error, reported.
 */
struct journal_rename {
	char *old, *new;
	long long id;		/* the record's: later renames have larger */
	int done;		/* the files followed */
};
int journal_list_known(struct journal *j, const char *list);
int journal_list_busy(struct journal *j, const char *list, char **issue);
int journal_list_rename(struct journal *j, const char *from, const char *to);
int journal_list_renamed(struct journal *j, const char *from,
    const char *to);
int journal_rename_pending(struct journal *j, char **from, char **to);
int journal_rename_next(struct journal *j, const char *list,
    struct journal_rename *r);
int journal_rename_last(struct journal *j, long long *id);
void journal_rename_clear(struct journal_rename *r);

/*
 * Lifts the suppressions of email on list (NULL: on every list, "*"
 * included) at time at, in one transaction: a bounce suppression always,
 * a complaint only with force; an unsubscribe never (it is not a
 * suppression: only a new confirmed subscription undoes it).  Each lift
 * is recorded, and the bounce policy then counts only the bounces
 * recorded after it.
 * Calls fn per suppression found, lifted 1 or 0 (a complaint kept).
 * 0 / -1 (nothing changed then).
 */
int journal_lift(struct journal *j, const char *list, const char *email,
    int force, time_t at,
    void (*fn)(void *arg, const struct journal_suppression *s, int lifted),
    void *arg);

/*
 * Read-only queries for reports.  Each calls fn once per row, restricted
 * to issue unless it is NULL; the strings are valid during the call only.
 * 0 / -1.
 */

/* Recipients sent, by the UTC hour (a multiple of 3600) they were sent. */
int journal_sent_per_hour(struct journal *j, const char *issue,
    void (*fn)(void *arg, time_t hour, long sent), void *arg);

struct journal_event_count {
	const char *list;	/* NULL when the event's list is unknown */
	enum jevent kind;
	enum jclass cls;
	long n;
};

/* Events of the ledger counted by (list, kind, class), ordered. */
int journal_event_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_event_count *c), void *arg);

struct journal_failure {
	const char *issue, *list, *email;
	enum jstate state;	/* JS_FAILED or JS_DEFERRED */
	int attempts;
	const char *reply;	/* the server's last reply; may be NULL */
	time_t updated_at, next_attempt;
};

/* Recipients failed or deferred, ordered by issue, list, email. */
int journal_failures(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_failure *f), void *arg);

struct journal_complaints {
	const char *issue, *list;	/* both NULL: complaints of no issue */
	long sent;		/* recipients sent */
	long bounced;		/* of those, addresses that bounced since */
	long complaints;	/* addresses that complained */
};

/*
 * Per (issue, list), ordered: what a complaint rate is made of.  Unless
 * issue is given, a last row with issue and list NULL counts the
 * complaints that named no issue (no VERP token), when there are any.
 * 0 / -1.
 */
int journal_complaint_counts(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_complaints *c), void *arg);

/* One issue's complaints from one recipient domain. */
struct journal_domain_complaints {
	const char *issue, *domain;	/* domain: lowercase */
	long sent;		/* recipients at the domain sent */
	long bounced;		/* of those, addresses that bounced since */
	long complaints;	/* addresses at the domain that complained */
};

/*
 * Per (issue, recipient domain) with complaints, ordered as the issues
 * went out, then by domain: each provider counts the complaints of its
 * own users over the mail delivered to them.  0, or -1 (reported).
 */
int journal_complaint_domains(struct journal *j, const char *issue,
    void (*fn)(void *arg, const struct journal_domain_complaints *c),
    void *arg);

const char *journal_state_name(enum jstate st);

/*
 * Addresses that stopped receiving a list while a send runs: unsubscribes
 * and complaints for the list or for every list, as events in id order
 * (events are never deleted, so ids only grow).  journal_stopped_mark
 * stores the newest event id; journal_stopped_since calls fn for each
 * such event after *mark and advances *mark.  A reader outside any
 * transaction sees what other processes (mailer serve) committed.  0 / -1;
 * journal_stopped_since returns 1 without reading when nothing can be new
 * (the same list and *mark as its last read, no commit since by another
 * connection, no event added through this handle).
 */
int journal_stopped_mark(struct journal *j, long long *mark);
int journal_stopped_since(struct journal *j, const char *list,
    long long *mark, void (*fn)(void *arg, const char *email), void *arg);

/*
 * Web subscriptions: consent records.  One row per form submitted; it is
 * confirmed once (the confirmation mail's token names it) and ends when
 * the address unsubscribes from the list or complains (the row stays).
 */
struct journal_subscription {
	long long id;
	const char *list, *email;
	const char *name;	/* may be NULL */
	time_t submitted_at;
	time_t confirmed_at;	/* 0: not confirmed */
	time_t ended_at;	/* 0: not ended */
	const char *end_reason;	/* "unsubscribe", "complaint"; may be NULL */
	const char *ip;		/* the submitter's, may be NULL */
	const char *form;	/* the text of the form the submitter saw */
};

/* Records a submitted (unconfirmed) subscription; *id names it.  0 / -1. */
int journal_sub_add(struct journal *j, const struct journal_subscription *s,
    long long *id);
/* Calls fn with subscription id.  0, 1 when there is none, -1. */
int journal_sub_get(struct journal *j, long long id,
    void (*fn)(void *arg, const struct journal_subscription *s), void *arg);
/*
 * Confirms subscription id (of list, email) at time at and lifts an
 * unsubscribe of that address from that list, and its complaint or bounce
 * suppressions there (recorded in lifts, as journal_lift records them:
 * the bounce policy counts only later bounces).  *done is 0 when it was
 * confirmed already (a replay): nothing changes then.  0 / -1.
 */
int journal_sub_confirm(struct journal *j, long long id, const char *list,
    const char *email, time_t at, int *done);
/*
 * The confirmed subscribers of list whose subscription has not ended, one
 * call per address (its newest name), in order of subscription.  fn
 * returning -1 stops the walk and makes it return -1.  Suppressions are
 * not applied here.  0 / -1.
 */
int journal_subscribers_each(struct journal *j, const char *list,
    int (*fn)(void *arg, const char *email, const char *name), void *arg);
/*
 * 1 when email had a confirmed subscription to list ("*": to any list)
 * that reason ("complaint", "unsubscribe") ended and none has followed
 * it; 0 when not; -1.
 */
int journal_sub_ended_by(struct journal *j, const char *list,
    const char *email, const char *reason);

/*
 * 1 when email was sent an issue of list or is its confirmed web
 * subscriber (the addresses a manage page may mail), 0, or -1.
 */
int journal_on_list(struct journal *j, const char *list, const char *email);

/* Confirmation mails sent by mailer serve. */
enum jwebmail { JW_SUBSCRIBE, JW_UNSUBSCRIBE };
struct journal_webmail {
	long long id;
	enum jwebmail kind;
	const char *list, *email;
	const char *ip;		/* may be NULL */
	long long subscription;	/* JW_SUBSCRIBE: the record; else 0 */
	time_t at, sent_at, used_at;	/* 0: not yet */
};

/* Records a mail to send (sent_at and used_at unset); *id.  0 / -1. */
int journal_webmail_add(struct journal *j, const struct journal_webmail *m,
    long long *id);
/*
 * Mails of kind recorded after email_since for email's mailbox (the
 * address and its subaddresses: a +detail taken off, RFC 5233), and mails
 * of any kind recorded after ip_since for ip.
 */
int journal_webmail_counts(struct journal *j, enum jwebmail kind,
    const char *email, time_t email_since, const char *ip, time_t ip_since,
    long *by_email, long *by_ip);
/*
 * *n: the subscribe confirmation mails of the whole server recorded
 * after since, counted up to cap (the newest cap of them are read, so
 * the cost stays bounded however many the table holds).  0 / -1.
 */
int journal_webmail_recent(struct journal *j, time_t since, long cap,
    long *n);
/*
 * 1 when mailer bounces kept, after since, a complaint (a spam report)
 * from email's mailbox (the address or a +detail of it) about a
 * confirmation mail serve sent to that address (its returned Message-ID
 * <web.N...>, row N) that genuine accepts (called with row N, its list
 * and the Message-ID without its "<"; 1 to accept); 0 when none; -1.
 */
int journal_webmail_complained(struct journal *j, const char *email,
    time_t since, int (*genuine)(void *arg, long long id, const char *list,
    const char *message_id), void *arg);
/* Calls fn with mail id / the oldest mail not sent.  0, 1 none, -1. */
int journal_webmail_get(struct journal *j, long long id,
    void (*fn)(void *arg, const struct journal_webmail *m), void *arg);
int journal_webmail_unsent(struct journal *j,
    void (*fn)(void *arg, const struct journal_webmail *m), void *arg);
int journal_webmail_sent(struct journal *j, long long id, time_t at);
/* Marks mail id used; 0, 1 when it was used already, -1. */
int journal_webmail_use(struct journal *j, long long id, time_t at);

#endif
