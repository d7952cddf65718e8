/*
 * throttle: per destination domain (addr_domain: after the last '@') limits
 * for sending: parallel messages, messages per minute, and a cool-down
 * after a 421 or a run of 4xx replies from that domain, so one slow or
 * refusing domain is slowed without slowing the others.
 *
 * The rate spreads a domain's messages evenly: with N per minute a new
 * message starts at most every 60/N seconds.  Pure bookkeeping on times
 * the caller passes (monotonic seconds); no I/O, no clock.  Idle domains
 * are forgotten, so memory stays bounded by the domains in flight.
 */
#ifndef MAILER_THROTTLE_H
#define MAILER_THROTTLE_H

struct throttle;

#define THROTTLE_STREAK 3	/* consecutive 4xx that start a cool-down */
#define THROTTLE_COOL_MIN 1.0	/* first cool-down, seconds; doubles */
#define THROTTLE_COOL_MAX 60.0

/*
 * max_conns: messages in flight per domain (0: no limit); per_minute:
 * message starts per domain per minute (0: no limit).
 */
struct throttle *throttle_new(long max_conns, long per_minute);
void throttle_free(struct throttle *t);

/*
 * Returns 1 when a message to domain may start at now.  Otherwise 0, and
 * *at is the time it may (a cool-down or the rate), or 0 when it waits
 * for one of the domain's messages in flight to finish.
 */
int throttle_may_start(struct throttle *t, const char *domain, double now,
    double *at);

/* Records a start (the caller asked throttle_may_start first). */
void throttle_start(struct throttle *t, const char *domain, double now);

/*
 * Records the end of a message started with throttle_start; code is the
 * server's reply code, 0 when there was none (connection lost).  A 2xx or
 * 5xx ends a 4xx run; a 421, or THROTTLE_STREAK 4xx in a row, cools the
 * domain down for a time that doubles while the refusals go on.
 */
void throttle_end(struct throttle *t, const char *domain, double now,
    int code);

#endif
