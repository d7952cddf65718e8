/* Unit tests for throttle.c: per-domain connections, rate, cool-down. */
#include <stdio.h>

#include "throttle.h"
#include "unit.h"

START_TEST(test_unlimited)
{
	struct throttle *t = throttle_new(0, 0);
	double at;

	for (int i = 0; i < 1000; i++) {
		ck_assert_int_eq(throttle_may_start(t, "a.test", 5, &at), 1);
		throttle_start(t, "a.test", 5);
	}
	for (int i = 0; i < 1000; i++)
		throttle_end(t, "a.test", 5, 250);
	throttle_free(t);
}
END_TEST

START_TEST(test_connections)
{
	struct throttle *t = throttle_new(2, 0);
	double at = -1;

	ck_assert_int_eq(throttle_may_start(t, "a.test", 0, &at), 1);
	throttle_start(t, "a.test", 0);
	throttle_start(t, "A.TEST", 0);	/* the same domain */
	ck_assert_int_eq(throttle_may_start(t, "a.test", 0, &at), 0);
	ck_assert(at == 0);		/* waits for a message to end */
	ck_assert_int_eq(throttle_may_start(t, "b.test", 0, &at), 1);
	throttle_end(t, "a.test", 1, 250);
	ck_assert_int_eq(throttle_may_start(t, "a.test", 1, &at), 1);
	throttle_free(t);
}
END_TEST

START_TEST(test_rate)
{
	struct throttle *t = throttle_new(0, 30);	/* one every 2 s */
	double at, now = 100;
	int started = 0;

	/* over 60 s of asking every 10 ms: 30 starts, 2 s apart */
	for (int i = 0; i < 6000; i++, now += 0.01) {
		if (throttle_may_start(t, "a.test", now, &at)) {
			throttle_start(t, "a.test", now);
			started++;
			throttle_end(t, "a.test", now, 250);
		} else {
			ck_assert(at > now && at <= now + 2.0 + 1e-9);
		}
		ck_assert_int_eq(throttle_may_start(t, "b.test", now, &at),
		    1);
	}
	ck_assert_int_eq(started, 30);
	throttle_free(t);
}
END_TEST

START_TEST(test_cooldown)
{
	struct throttle *t = throttle_new(0, 0);
	double at;

	/* a 421 cools the domain down at once, for 1 s, then 2 s */
	throttle_start(t, "a.test", 10);
	throttle_end(t, "a.test", 10, 421);
	ck_assert_int_eq(throttle_may_start(t, "a.test", 10.5, &at), 0);
	ck_assert(at == 10 + THROTTLE_COOL_MIN);
	ck_assert_int_eq(throttle_may_start(t, "b.test", 10.5, &at), 1);
	ck_assert_int_eq(throttle_may_start(t, "a.test", 11, &at), 1);
	throttle_end(t, "a.test", 11, 421);
	ck_assert(throttle_may_start(t, "a.test", 11, &at) == 0 &&
	    at == 11 + 2 * THROTTLE_COOL_MIN);

	/* a 250 ends it; then 4xx only after THROTTLE_STREAK in a row */
	throttle_end(t, "a.test", 13, 250);
	for (int i = 1; i < THROTTLE_STREAK; i++) {
		throttle_end(t, "a.test", 13, 451);
		ck_assert_int_eq(throttle_may_start(t, "a.test", 13, &at), 1);
	}
	throttle_end(t, "a.test", 13, 250);	/* breaks the run */
	throttle_end(t, "a.test", 13, 451);
	ck_assert_int_eq(throttle_may_start(t, "a.test", 13, &at), 1);
	for (int i = 1; i < THROTTLE_STREAK; i++)
		throttle_end(t, "a.test", 13, 450);
	ck_assert_int_eq(throttle_may_start(t, "a.test", 13, &at), 0);
	ck_assert(at == 13 + THROTTLE_COOL_MIN);	/* reset by the 250 */

	/* doubling stops at the maximum */
	for (int i = 0; i < 20; i++)
		throttle_end(t, "a.test", 100, 421);
	throttle_may_start(t, "a.test", 100, &at);
	ck_assert(at == 100 + THROTTLE_COOL_MAX);
	throttle_free(t);
}
END_TEST

START_TEST(test_forgets_idle)
{
	struct throttle *t = throttle_new(1, 600);
	char d[32];
	double at;

	/* 100,000 domains, each once: idle ones are pruned as it goes */
	for (int i = 0; i < 100000; i++) {
		snprintf(d, sizeof d, "d%d.test", i);
		ck_assert_int_eq(throttle_may_start(t, d, i, &at), 1);
		throttle_start(t, d, i);
		throttle_end(t, d, i, 250);
	}
	/* a busy domain is kept through pruning */
	throttle_start(t, "busy.test", 200000);
	for (int i = 0; i < 5000; i++) {
		snprintf(d, sizeof d, "e%d.test", i);
		throttle_start(t, d, 200000 + i);
		throttle_end(t, d, 200000 + i, 250);
	}
	ck_assert_int_eq(throttle_may_start(t, "busy.test", 300000, &at), 0);
	throttle_free(t);
}
END_TEST

static Suite *
throttle_suite(void)
{
	Suite *s = suite_create("throttle");
	TCase *tc = tcase_create("throttle");

	tcase_add_test(tc, test_unlimited);
	tcase_add_test(tc, test_connections);
	tcase_add_test(tc, test_rate);
	tcase_add_test(tc, test_cooldown);
	tcase_add_test(tc, test_forgets_idle);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(throttle_suite)
