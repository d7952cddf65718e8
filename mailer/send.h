/*
 * send: delivers an issue's editions to the subscribers of the selected
 * lists under the journal: each recipient's outcome is committed before
 * the next message on that connection starts, so a rerun sends only what
 * was not sent.  The messages go through transport.h (SMTP relays, a
 * Maildir or a dry run): send.c's on_next() is the one place where a
 * message meets its transport.
 */
#ifndef MAILER_SEND_H
#define MAILER_SEND_H

#include <signal.h>

struct job;

struct send_opts {
	const char *to;		/* test send to one address, no journal */
	int dry_run;
	int respect_backoff;	/* deferred wait for next_attempt (cron) */
	/* send an edition changed since sending began */
	int resend_changed;
	int verbose, quiet;
	int locked;		/* the caller holds the state lock (run) */
	int run;		/* mailer run: a hint names mailer send */
	volatile sig_atomic_t *stop;
};

struct send_stats {
	long sent, deferred, failed, suppressed, already, skipped_bad;
	long editions, signatures;
	int unreachable;	/* no relay gave a session */
	int tlsfail;		/* ... the last one because it refused TLS */
	int authfail;		/* a relay refused the credentials */
	int localfail;		/* the Maildir could not be written */
	int toobig;		/* the relay refused an edition's size */
	int stopped;		/* one of the first three, or the journal or
				   a message failed: the rest is pending */
};

/*
 * Sends j's issue.  Returns a code of exitcode.h: 0 all sent; EXIT_TEMPFAIL
 * when some are deferred, the run was stopped by a signal or the state is
 * locked; EXIT_UNAVAILABLE when no relay could be reached and nothing was
 * sent (EXIT_TLS when the relay refused TLS); EXIT_LOGIN when a relay
 * refused the credentials; EXIT_CONFIG, EXIT_DATAERR, EXIT_CANTCREAT,
 * EXIT_SOFTWARE after reporting.
 */
int send_issue(struct job *j, const struct send_opts *o,
    struct send_stats *st);

#endif
