/* workq: worker threads over submitted jobs.  See workq.h. */
#include "workq.h"

#include <err.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define WORKQ_MAX_THREADS 16

/* A FIFO of pointers: a growable ring. */
struct fifo {
	void **v;
	size_t head, n, cap;
};

struct workq {
	pthread_mutex_t mu;
	pthread_cond_t work;	/* todo grew, or stopping */
	pthread_cond_t idle;	/* a job finished */
	struct fifo todo, done;
	size_t running;		/* jobs taken by a worker, not yet done */
	size_t pending;		/* owner's count: submitted, not collected */
	int stop;
	workq_fn fn;
	void *arg;
	workq_wake_fn wake;
	void *wake_arg;
	pthread_t threads[WORKQ_MAX_THREADS];
	int nthreads;
};

static void
fifo_push(struct fifo *f, void *p)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		void **v = xcalloc(cap, sizeof *v);

		for (size_t i = 0; i < f->n; i++)
			v[i] = f->v[(f->head + i) % f->cap];
		free(f->v);
		f->v = v;
		f->head = 0;
		f->cap = cap;
	}
	f->v[(f->head + f->n++) % f->cap] = p;
}

static void *
fifo_pop(struct fifo *f)
{
	void *p;

	if (f->n == 0)
		return NULL;
	p = f->v[f->head];
	f->head = (f->head + 1) % f->cap;
	f->n--;
	return p;
}

static void *
worker(void *a)
{
	struct workq *q = a;
	sigset_t all;
	void *job;
	int wake;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->stop && q->todo.n == 0)
			pthread_cond_wait(&q->work, &q->mu);
		if (!(job = fifo_pop(&q->todo)))
			break;	/* stopping, and nothing is left */
		q->running++;
		pthread_mutex_unlock(&q->mu);
		q->fn(job, q->arg);
		pthread_mutex_lock(&q->mu);
		q->running--;
		/*
		 * Only the first of a batch wakes the owner: it empties the
		 * done queue whenever it looks, so the rest are seen then.
		 */
		wake = q->wake && q->done.n == 0;
		fifo_push(&q->done, job);
		pthread_cond_broadcast(&q->idle);
		if (wake) {
			pthread_mutex_unlock(&q->mu);
			q->wake(q->wake_arg);
			pthread_mutex_lock(&q->mu);
		}
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

struct workq *
workq_new(int n, workq_fn fn, void *arg, workq_wake_fn wake, void *wake_arg)
{
	struct workq *q = xcalloc(1, sizeof *q);
	int e;

	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->idle, NULL);
	q->fn = fn;
	q->arg = arg;
	q->wake = wake;
	q->wake_arg = wake_arg;
	if (n < 1)
		n = 1;
	if (n > WORKQ_MAX_THREADS)
		n = WORKQ_MAX_THREADS;
	for (int i = 0; i < n; i++) {
		if ((e = pthread_create(&q->threads[i], NULL, worker, q))) {
			if (q->nthreads == 0) {
				warnx("cannot start a worker thread: %s",
				    strerror(e));
				workq_free(q);
				return NULL;
			}
			break;	/* fewer workers do the same work */
		}
		q->nthreads++;
	}
	return q;
}

void
workq_submit(struct workq *q, void *job)
{
	pthread_mutex_lock(&q->mu);
	fifo_push(&q->todo, job);
	pthread_cond_signal(&q->work);
	pthread_mutex_unlock(&q->mu);
	q->pending++;
}

void *
workq_done(struct workq *q)
{
	void *job;

	pthread_mutex_lock(&q->mu);
	job = fifo_pop(&q->done);
	pthread_mutex_unlock(&q->mu);
	if (job)
		q->pending--;
	return job;
}

void
workq_wait(struct workq *q)
{
	pthread_mutex_lock(&q->mu);
	while (q->todo.n || q->running)
		pthread_cond_wait(&q->idle, &q->mu);
	pthread_mutex_unlock(&q->mu);
}

size_t
workq_pending(const struct workq *q)
{
	return q->pending;
}

void
workq_free(struct workq *q)
{
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->stop = 1;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->mu);
	for (int i = 0; i < q->nthreads; i++)
		pthread_join(q->threads[i], NULL);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->work);
	pthread_cond_destroy(&q->idle);
	free(q->todo.v);
	free(q->done.v);
	free(q);
}

int
workq_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > WORKQ_MAX_THREADS ? WORKQ_MAX_THREADS : (int)n;
}
