/*
 * state: what send, bounces and run share to touch the state: the lock
 * (one run at a time), the journal and the token key.
 */
#ifndef MAILER_STATE_H
#define MAILER_STATE_H

#include <stddef.h>

struct config;
struct journal;

struct state {
	int lockfd;		/* -1 when the caller holds the lock */
	struct journal *jn;
	unsigned char *key;	/* HMAC key for VERP and unsubscribe tokens */
	size_t keylen;
};

/*
 * Creates the state folder, takes the lock unless locked (another holder:
 * message naming its pid, EXIT_TEMPFAIL), opens the journal and loads the
 * token key (created first when create_key and absent).  Returns 0 or a
 * code of exitcode.h after reporting; st is then closed already.
 */
int state_open(const struct config *c, int locked, int create_key,
    struct state *st);
/*
 * Only the first step of state_open: creates the state folder and takes the
 * lock (mailer run holds it over every issue and the bounces, which then
 * open the rest with locked set).  Returns 0 or a code after reporting.
 * With quiet_busy, another mailer that took the lock less than
 * STATE_BUSY_QUIET seconds ago is no message (cron's overlapping runs):
 * EXIT_TEMPFAIL alone.
 */
#define STATE_BUSY_QUIET (24 * 60 * 60)
int state_lock(const struct config *c, int quiet_busy, struct state *st);

/* Closes the journal, wipes the key, releases the lock.  Idempotent. */
void state_close(struct state *st);

#endif
