/* ckpt: WAL checkpoints from a background thread.  See ckpt.h. */
#include "ckpt.h"

#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "journal.h"
#include "util.h"

#define RESET_PAGES 1000	/* a shorter log is truncated: SQLite's size */
#define RESET_LEFT 256		/* what the reset may copy, holding writers */
#define CATCH_UP 8		/* passive passes to bring it down to that */
#define RESET_WAIT_MS 50	/* for other processes' readers and writers */

struct ckpt {
	struct journal *jn;	/* the thread's own connection */
	pthread_mutex_t *writers;
	int interval_ms;
	int reset_pages;	/* a log this long is reset */
	int log_pages;		/* the log's length at the last tick */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop, started;
};

/*
 * Passive checkpoints copy the bulk of the log, each what came during the
 * one before.  A log of reset_pages or more is then reset with the
 * writers held back, only to copy the little that is left (about 20 ms at
 * 9,000 serve POSTs/s): it is written again from its start, the file
 * keeping its size.  A short one, or one no write touched since the last
 * tick, is truncated: emptying a file of hundreds of MB took 100-500 ms,
 * too long under load.
 */
static void
checkpoint(struct ckpt *k)
{
	int pages, copied;

	for (int i = 0; i < CATCH_UP; i++) {
		if (journal_checkpoint(k->jn, &pages, &copied) == -1 ||
		    pages <= 0)
			return;
		if (pages - copied <= RESET_LEFT)
			break;
	}
	/* the next write after a reset fsyncs the log's new header */
	if (pages < k->reset_pages && pages != k->log_pages) {
		k->log_pages = pages;
		return;
	}
	pthread_mutex_lock(k->writers);
	journal_wal_reset(k->jn, pages < RESET_PAGES || pages == k->log_pages,
	    RESET_WAIT_MS);
	pthread_mutex_unlock(k->writers);
	k->log_pages = pages;
}

static void *
run(void *arg)
{
	struct ckpt *k = arg;
	struct timespec until;

	pthread_mutex_lock(&k->mu);
	while (!k->stop) {
		pthread_mutex_unlock(&k->mu);
		checkpoint(k);
		pthread_mutex_lock(&k->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += k->interval_ms * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!k->stop && pthread_cond_timedwait(&k->cv, &k->mu,
		    &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

struct ckpt *
ckpt_start(const char *path, pthread_mutex_t *writers, int interval_ms,
    int reset_pages)
{
	struct ckpt *k = xcalloc(1, sizeof *k);

	k->writers = writers;
	k->interval_ms = interval_ms;
	k->reset_pages = reset_pages;
	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	if (!(k->jn = journal_open(path))) {
		ckpt_stop(k);
		return NULL;
	}
	if (pthread_create(&k->thread, NULL, run, k) != 0) {
		warnx("%s: cannot start the checkpoint thread", path);
		ckpt_stop(k);
		return NULL;
	}
	k->started = 1;
	return k;
}

void
ckpt_stop(struct ckpt *k)
{
	if (!k)
		return;
	if (k->started) {
		pthread_mutex_lock(&k->mu);
		k->stop = 1;
		pthread_cond_signal(&k->cv);
		pthread_mutex_unlock(&k->mu);
		pthread_join(k->thread, NULL);
	}
	journal_close(k->jn);
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	free(k);
}
