/*
 * workq: a few worker threads running one function over jobs that one
 * owner thread submits and collects.  send uses it to make DKIM signatures
 * off the event loop: the owner keeps building messages and driving the
 * connections while the workers sign the ones built ahead.
 *
 * Jobs are the owner's pointers; a job belongs to the workers from
 * workq_submit until workq_done hands it back.  Workers block every
 * signal, so SIGINT and SIGTERM keep reaching the owner.
 */
#ifndef MAILER_WORKQ_H
#define MAILER_WORKQ_H

#include <stddef.h>

struct workq;

/* Runs on a worker thread: works on job (shared data read-only). */
typedef void (*workq_fn)(void *job, void *arg);
/* Runs on a worker thread (see workq_new): must be thread-safe. */
typedef void (*workq_wake_fn)(void *arg);

/*
 * Starts n worker threads (n >= 1) running fn(job, arg).  wake(wake_arg),
 * when not NULL, is called when a job finishes and no other finished job
 * was waiting to be collected, so an owner sleeping in a poll can be
 * woken: once per batch, since the owner, once woken, collects with
 * workq_done until it returns NULL.  Returns NULL after reporting (no
 * thread could be started).
 */
struct workq *workq_new(int n, workq_fn fn, void *arg, workq_wake_fn wake,
    void *wake_arg);

/* Queues job for the workers (first in, first started). */
void workq_submit(struct workq *q, void *job);

/* A finished job, handed back to the owner, or NULL when none is. */
void *workq_done(struct workq *q);

/* Blocks until every submitted job has finished (they stay collectable). */
void workq_wait(struct workq *q);

/* Jobs submitted and not yet handed back by workq_done. */
size_t workq_pending(const struct workq *q);

/*
 * Stops the workers once the queued jobs are done, joins them and frees
 * q; jobs not collected are dropped (the owner still owns them).  Accepts
 * NULL.
 */
void workq_free(struct workq *q);

/* The number of online processors, at least 1: a default for n. */
int workq_cpus(void);

#endif
