/*
 * Unit tests for workq.c: every job runs once and comes back once, the
 * wake callback comes when a finished job meets an empty done queue (at
 * least once, at most once a job, and again after each collection),
 * workq_wait waits for running jobs, the workers block signals, and
 * freeing with jobs uncollected is clean.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "workq.h"

struct job {
	int runs;
	int sigint_blocked;
	pthread_t by;
};

static atomic_int wakes;

static void
run(void *j, void *arg)
{
	struct job *job = j;
	sigset_t cur;

	(void)arg;
	job->runs++;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	job->sigint_blocked = sigismember(&cur, SIGINT);
	job->by = pthread_self();
}

static void
wake(void *arg)
{
	(void)arg;
	atomic_fetch_add(&wakes, 1);
}

#define NJOBS 2000

START_TEST(test_all_once)
{
	static struct job jobs[NJOBS];
	struct workq *q = workq_new(2, run, NULL, wake, NULL);
	size_t back = 0;
	struct job *j;

	ck_assert_ptr_nonnull(q);
	for (int i = 0; i < NJOBS; i++)
		workq_submit(q, &jobs[i]);
	ck_assert_uint_eq(workq_pending(q), NJOBS);
	while (back < NJOBS) {
		if ((j = workq_done(q)) != NULL) {
			ck_assert_int_eq(j->runs, 1);
			back++;
		} else {
			workq_wait(q);
		}
	}
	ck_assert_ptr_null(workq_done(q));
	ck_assert_uint_eq(workq_pending(q), 0);
	for (int i = 0; i < NJOBS; i++) {
		ck_assert_int_eq(jobs[i].runs, 1);
		ck_assert_int_eq(jobs[i].sigint_blocked, 1);
		ck_assert(!pthread_equal(jobs[i].by, pthread_self()));
	}
	workq_free(q);	/* joined: the last wake has been called too */
	ck_assert_int_ge(atomic_load(&wakes), 1);
	ck_assert_int_le(atomic_load(&wakes), NJOBS);
}
END_TEST

/* one job at a time, each collected before the next: a wake for each */
START_TEST(test_wake_after_collect)
{
	struct job jobs[20];
	struct workq *q = workq_new(2, run, NULL, wake, NULL);

	memset(jobs, 0, sizeof jobs);
	atomic_store(&wakes, 0);
	for (int i = 0; i < 20; i++) {
		workq_submit(q, &jobs[i]);
		workq_wait(q);
		ck_assert_ptr_eq(workq_done(q), &jobs[i]);
		ck_assert_ptr_null(workq_done(q));
	}
	workq_free(q);
	ck_assert_int_eq(atomic_load(&wakes), 20);
}
END_TEST

static void
slow(void *j, void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	((struct job *)j)->runs++;
}

/* workq_wait returns only once the slow jobs have run */
START_TEST(test_wait)
{
	struct job jobs[6];
	struct workq *q = workq_new(2, slow, NULL, NULL, NULL);

	memset(jobs, 0, sizeof jobs);
	for (int i = 0; i < 6; i++)
		workq_submit(q, &jobs[i]);
	workq_wait(q);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(jobs[i].runs, 1);
	for (int i = 0; i < 6; i++)
		ck_assert_ptr_nonnull(workq_done(q));
	workq_free(q);
}
END_TEST

/* freed with queued and uncollected jobs: they run, nothing leaks */
START_TEST(test_free_busy)
{
	struct job jobs[10];
	struct workq *q = workq_new(3, slow, NULL, NULL, NULL);

	memset(jobs, 0, sizeof jobs);
	for (int i = 0; i < 10; i++)
		workq_submit(q, &jobs[i]);
	workq_free(q);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(jobs[i].runs, 1);
	workq_free(NULL);
	ck_assert_int_ge(workq_cpus(), 1);
}
END_TEST

static Suite *
workq_suite(void)
{
	Suite *s = suite_create("workq");
	TCase *tc = tcase_create("workq");

	tcase_add_test(tc, test_all_once);
	tcase_add_test(tc, test_wake_after_collect);
	tcase_add_test(tc, test_wait);
	tcase_add_test(tc, test_free_busy);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(workq_suite)
