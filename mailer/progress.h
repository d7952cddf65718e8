/*
 * progress: what a send says while it runs.  On a terminal, one live line
 * (sent / deferred / failed, messages per second, elapsed); elsewhere
 * (cron) timestamped log lines and a one-line summary.  Quiet mode prints
 * only problems.  Never prints passwords or tokens: callers pass neither.
 */
#ifndef MAILER_PROGRESS_H
#define MAILER_PROGRESS_H

struct progress;

/* What the summary line reports (send.c fills it from its send_stats). */
struct progress_summary {
	long sent, deferred, failed, suppressed, already;
	long editions, signatures;
	int stopped_short;	/* send_stats.stopped */
};

struct progress *progress_new(const char *issue, int quiet, int verbose);
void progress_update(struct progress *p, long sent, long deferred,
    long failed);
void progress_log(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A problem (a deferral, a failure): printed even when quiet. */
void progress_warn(struct progress *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* One message sent through relay (NULL: none, e.g. a Maildir). */
void progress_relay(struct progress *p, const char *relay);
/*
 * The summary line (not when quiet): a real send, a test send, a dry run;
 * with the messages sent through each relay.
 */
#define PROGRESS_TEST 1
#define PROGRESS_DRY_RUN 2
void progress_done(struct progress *p, const struct progress_summary *st,
    int mode);
void progress_free(struct progress *p);

#endif
