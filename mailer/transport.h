/*
 * transport: where a message meets its delivery.  One interface, three
 * back ends, chosen from the config by transport_open:
 *   smtp     the smtp:// and smtps:// relays of transport.relays, through
 *            libcurl (smtp.c): up to max_connections sessions at once;
 *   maildir  the first relay is maildir:PATH: each message is written
 *            into that Maildir (maildir.c), one at a time;
 *   dry-run  nothing leaves: each message is reported delivered.
 *
 * The sender streams messages in through next() and hears each outcome
 * through done().  It commits the outcomes heard to its journal whenever
 * next() or sync() is called: the local back ends ask next() again only
 * after done(); the SMTP back end calls sync() before a connection can
 * end another message (transport_sync_fn).  So no outcome is lost and
 * none is written twice, whatever the back end.
 *
 * A message is two pieces, head then data, so a body shared by every
 * recipient of an edition is never copied per message: the back ends read
 * both pieces in place (SMTP streams them, Maildir writes them).
 *
 * Built to carry what comes next:
 * - per-message work before submission (DKIM: a header hash and a
 *   signature per recipient, on worker threads) belongs to the sender, not
 *   to the transport: a message is offered through next() only when it is
 *   complete, and the sender, whose next() said TRANSPORT_NEXT_LATER while
 *   messages were being prepared, calls transport_wakeup() (from any
 *   thread) when one becomes ready, so the transport asks next() again at
 *   once instead of after its poll interval.  head may be rewritten until
 *   the message is offered; data (the edition's body) never is.
 * - several relays: the SMTP back end holds the relay set; which relay a
 *   new session goes to (weighted, with a cool-down after a failure;
 *   relays.h) is decided inside smtp.c, not by the sender, which hears
 *   only where each message went (msg->relay).
 */
#ifndef MAILER_TRANSPORT_H
#define MAILER_TRANSPORT_H

#include <signal.h>
#include <stddef.h>

struct config;
struct transport;

enum transport_result {
	TRANSPORT_OK,		/* delivered: the relay or the Maildir has it */
	/* 4xx, or the connection broke mid-transaction */
	TRANSPORT_TEMPFAIL,
	/*
	 * the message's end (the final ".") went out and no reply came: the
	 * connection broke, or transport.timeout passed.  The relay may have
	 * taken it, so each try may be one more copy: not retried at once
	 */
	TRANSPORT_NOREPLY,
	TRANSPORT_PERMFAIL,	/* 5xx to RCPT or to the end of DATA */
	TRANSPORT_CONNFAIL,	/* no session: connect failed or MAIL refused */
	TRANSPORT_TLSFAIL,	/* no session: no STARTTLS where required, the
				   handshake failed or the certificate is
				   untrusted */
	TRANSPORT_AUTHFAIL,	/* the relay refused the username or password */
	TRANSPORT_LOCALFAIL,	/* the Maildir could not be written */
	TRANSPORT_UNSENT,	/* handed over ahead and given back unstarted
				   (a stop, or no relay left): nothing of it
				   left this machine */
	TRANSPORT_HELD		/* an internationalised recipient (RFC 6531)
				   and no relay announcing SMTPUTF8: not
				   sent, owed to a later run */
};

struct transport_msg {
	const char *from;	/* envelope sender; "" for the null path */
	const char *rcpt;	/* one recipient */
	/*
	 * An id for DSNs (RFC 3461 ENVID), or NULL: a relay that announces
	 * DSN hands it back as Original-Envelope-Id in the report it writes
	 * about this message, its returned copy or not.
	 */
	const char *envid;
	/*
	 * CRLF lines, unstuffed, valid until done.  head may be NULL with
	 * head_len 0.
	 */
	const char *head;
	size_t head_len;
	const char *data;
	size_t len;
	void *arg;		/* the sender's, handed back to done */
	const char *relay;	/* set for done: where it went (the SMTP relay
				   last tried, named without credentials;
				   NULL for maildir and dry-run) */
};

enum transport_next {
	TRANSPORT_NEXT_END,	/* nothing more, ever: run stops asking */
	TRANSPORT_NEXT_MSG,	/* *msg is filled */
	TRANSPORT_NEXT_LATER	/* nothing now: ask again after a message
				   ends, a wakeup or *wait_ms */
};

/*
 * Fills *msg, or says why not.  With TRANSPORT_NEXT_LATER it may lower
 * *wait_ms to be asked again that soon even if no message ends.
 */
typedef enum transport_next (*transport_next_fn)(void *arg,
    struct transport_msg *msg, long *wait_ms);

/*
 * One outcome per message.  reply is the server's whole final reply
 * ("250 2.0.0 Ok: queued as 4F2A1"; lines joined with '\n'), libcurl's or
 * the system's error text when there was none, or the local back end's
 * own words ("250 delivered to maildir", "dry run"); valid during the
 * call only.
 */
typedef void (*transport_done_fn)(void *arg, const struct transport_msg *msg,
    enum transport_result r, const char *reply);

/*
 * Makes every outcome heard through done() so far durable (the sender
 * commits its journal); 0, or -1 when it could not (the sender said why).
 * The SMTP back end hands a connection its next message while the last
 * one is still in flight, and a connection's thread starts that message
 * as soon as the last one ended, before the smtp_run thread has heard its
 * outcome: it calls sync() after hearing outcomes, and no message ends
 * (its final ".") until every earlier outcome of its connection has been
 * synced.  So a relay never holds two accepted messages of one connection
 * whose outcomes could be lost together.  May be NULL: nothing to keep.
 */
typedef int (*transport_sync_fn)(void *arg);

/*
 * Opens the back end for c: dry-run when dry_run, else maildir when the
 * first relay is maildir:PATH, else smtp (the SMTP password read here, per
 * transport.password_file or password_env).  Returns 0 with *out set, or a
 * code of exitcode.h after reporting (EXIT_CONFIG: the password cannot be
 * read; EXIT_SOFTWARE: libcurl would not start).  c must outlive the
 * transport.
 */
int transport_open(const struct config *c, int dry_run,
    struct transport **out);

/*
 * Sends until next returns TRANSPORT_NEXT_END and nothing is in flight, or
 * *stop (may be NULL) becomes nonzero and the messages in flight are
 * finished.  With TRANSPORT_RUN_PUMP it returns as soon as a message has
 * ended and the free connections got what next had, leaving the others in
 * flight: the caller adds messages and calls again, so connections never
 * wait for the slowest message of a batch.
 *
 * Returns -1 after reporting when delivery cannot go on: no relay is left
 * (each gave TRANSPORT_CONNFAIL, _TLSFAIL or _AUTHFAIL and is cooling
 * down) or the Maildir failed (TRANSPORT_LOCALFAIL); otherwise 0.
 */
#define TRANSPORT_RUN_PUMP 1
int transport_run(struct transport *t, transport_next_fn next,
    transport_done_fn done, transport_sync_fn sync, void *arg,
    volatile sig_atomic_t *stop, int flags);

/*
 * Makes a transport_run waiting for work (after TRANSPORT_NEXT_LATER) ask
 * next() again now.  Safe from any thread; a no-op when nothing waits.
 */
void transport_wakeup(struct transport *t);

/*
 * 1 when messages leave this machine (smtp), so per-destination-domain
 * limits (throttle.h) apply; 0 for maildir and dry-run.
 */
int transport_remote(const struct transport *t);

/* "smtp", "maildir" or "dry-run". */
const char *transport_name(const struct transport *t);

/* Closes the sessions (QUIT), wipes the password, frees; accepts NULL. */
void transport_close(struct transport *t);

/* "OK", "TEMPFAIL", ... for logs and tests. */
const char *transport_result_name(enum transport_result r);

#endif
