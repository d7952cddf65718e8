/*
 * Unit tests for transport.c's local back ends: the choice from the config,
 * one outcome per message before the next is asked for, head and data
 * written without a copy made first, and transport_wakeup() ending a wait
 * (the hook DKIM's worker threads use).
 */
#include <dirent.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "transport.h"
#include "unit.h"
#include "util.h"

struct feed {
	int n, given, done, ok, asked_in_flight, later, woken;
	struct transport *t;
};

static const char head[] = "Subject: t\r\n\r\n", body[] = "body\r\n";

static enum transport_next
next(void *arg, struct transport_msg *m, long *wait_ms)
{
	struct feed *f = arg;

	if (f->given > f->done)
		f->asked_in_flight = 1;
	if (f->later) {
		/* once: nothing ready now, and a wait no test would sit out */
		f->later = 0;
		*wait_ms = 600000;
		return TRANSPORT_NEXT_LATER;
	}
	if (f->given == f->n)
		return TRANSPORT_NEXT_END;
	m->from = "bounces@example.org";
	m->rcpt = "reader@example.org";
	m->head = head;
	m->head_len = sizeof head - 1;
	m->data = body;
	m->len = sizeof body - 1;
	m->arg = f;
	f->given++;
	return TRANSPORT_NEXT_MSG;
}

static void
done(void *arg, const struct transport_msg *m, enum transport_result r,
    const char *reply)
{
	struct feed *f = arg;

	(void)reply;
	ck_assert_ptr_eq(m->arg, f);
	f->done++;
	f->ok += r == TRANSPORT_OK;
}

static struct config *
config_for(const char *relay)
{
	char *y = xasprintf("sender:\n  name: T\n  address: t@example.org\n"
	    "transport:\n  relays: [\"%s\"]\n", relay);
	struct config *c = config_parse("/tmp/config.yaml", y, strlen(y));

	free(y);
	ck_assert_ptr_nonnull(c);
	return c;
}

static int
files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

START_TEST(test_maildir_and_dry_run)
{
	char tmp[] = "/tmp/transportXXXXXX";
	char *relay, *newdir, *file;
	struct config *c;
	struct transport *t;
	struct feed f = { 3, 0, 0, 0, 0, 0, 0, NULL };
	struct buf b = BUF_INIT;
	DIR *d;
	struct dirent *e;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	relay = xasprintf("maildir:%s/box", tmp);
	c = config_for(relay);
	ck_assert_int_eq(transport_open(c, 0, &t), 0);
	ck_assert_str_eq(transport_name(t), "maildir");
	ck_assert_int_eq(transport_remote(t), 0);
	ck_assert_int_eq(transport_run(t, next, done, NULL, &f, NULL, 0), 0);
	ck_assert_int_eq(f.done, 3);
	ck_assert_int_eq(f.ok, 3);
	ck_assert_int_eq(f.asked_in_flight, 0);
	transport_close(t);
	newdir = xasprintf("%s/box/new", tmp);
	ck_assert_int_eq(files_in(newdir), 3);
	d = opendir(newdir);
	while ((e = readdir(d)) && e->d_name[0] == '.')
		;
	file = xasprintf("%s/%s", newdir, e->d_name);
	closedir(d);
	ck_assert_int_eq(slurp_file(file, 1 << 20, &b), 0);
	ck_assert_str_eq(b.data, "Return-Path: <bounces@example.org>\n"
	    "Delivered-To: reader@example.org\nSubject: t\n\nbody\n");

	/* the same config with dry_run: nothing written, all "delivered" */
	memset(&f, 0, sizeof f);
	f.n = 2;
	ck_assert_int_eq(transport_open(c, 1, &t), 0);
	ck_assert_str_eq(transport_name(t), "dry-run");
	ck_assert_int_eq(transport_run(t, next, done, NULL, &f, NULL,
	    TRANSPORT_RUN_PUMP), 0);
	ck_assert_int_eq(f.done, 1);	/* the pump returns after one */
	ck_assert_int_eq(transport_run(t, next, done, NULL, &f, NULL, 0), 0);
	ck_assert_int_eq(f.ok, 2);
	transport_close(t);
	ck_assert_int_eq(files_in(newdir), 3);
	buf_free(&b);
	free(file);
	free(newdir);
	free(relay);
	config_free(c);
	rm_rf(tmp);
}
END_TEST

static void *
wake_later(void *arg)
{
	struct feed *f = arg;
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	f->woken = 1;
	transport_wakeup(f->t);
	return NULL;
}

/*
 * next() says "later, in ten minutes"; another thread's wakeup must make
 * the transport ask again at once: without it this test runs into its
 * timeout.
 */
START_TEST(test_wakeup_ends_a_wait)
{
	struct config *c = config_for("maildir:/tmp/unused");
	struct feed f = { 1, 0, 0, 0, 0, 1, 0, NULL };
	pthread_t th;

	ck_assert_int_eq(transport_open(c, 1, &f.t), 0);
	ck_assert_int_eq(pthread_create(&th, NULL, wake_later, &f), 0);
	ck_assert_int_eq(transport_run(f.t, next, done, NULL, &f, NULL, 0), 0);
	pthread_join(th, NULL);
	ck_assert_int_eq(f.woken, 1);
	ck_assert_int_eq(f.ok, 1);
	transport_close(f.t);
	config_free(c);
}
END_TEST

static Suite *
transport_suite(void)
{
	Suite *s = suite_create("transport");
	TCase *tc = tcase_create("transport");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_maildir_and_dry_run);
	tcase_add_test(tc, test_wakeup_ends_a_wait);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(transport_suite)
