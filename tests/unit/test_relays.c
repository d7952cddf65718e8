/*
 * Unit tests for relays.c (which relay a connection goes to, names without
 * credentials) and for transport.relays / relay_mode in config.c.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "relays.h"
#include "unit.h"

/* How many of conns connections each relay gets. */
static void
tally(enum relay_mode m, const long *w, const int *up, size_t n, long conns,
    long *got)
{
	for (size_t i = 0; i < n; i++)
		got[i] = 0;
	for (long k = 0; k < conns; k++) {
		long r = relays_pick(m, w, up, n, k);

		ck_assert(r >= 0 && (size_t)r < n);
		ck_assert_msg(up[r], "connection %ld sent to relay %ld, "
		    "which is down", k, r);
		got[r]++;
	}
}

START_TEST(test_equal_by_default)
{
	int up[2] = { 1, 1 };
	long got[2];

	tally(RELAY_SPREAD, NULL, up, 2, 4, got);
	ck_assert_int_eq(got[0], 2);
	ck_assert_int_eq(got[1], 2);
	/* interleaved: two connections already use both relays */
	ck_assert_int_ne(relays_pick(RELAY_SPREAD, NULL, up, 2, 0),
	    relays_pick(RELAY_SPREAD, NULL, up, 2, 1));
	/* one connection uses the first */
	ck_assert_int_eq(relays_pick(RELAY_SPREAD, NULL, up, 2, 0), 0);
}
END_TEST

START_TEST(test_weights)
{
	long w[3] = { 1, 3, 4 };
	int up[3] = { 1, 1, 1 };
	long got[3];

	tally(RELAY_SPREAD, w, up, 3, 16, got);
	ck_assert_int_eq(got[0], 2);
	ck_assert_int_eq(got[1], 6);
	ck_assert_int_eq(got[2], 8);
	/* every prefix of the connections is close to the proportions */
	for (long conns = 1; conns <= 16; conns++) {
		tally(RELAY_SPREAD, w, up, 3, conns, got);
		for (int i = 0; i < 3; i++)
			ck_assert_msg(labs(got[i] * 8 - conns * w[i]) <= 8,
			    "%ld connections: relay %d has %ld", conns, i,
			    got[i]);
	}
}
END_TEST

START_TEST(test_down_moves_share)
{
	long w[3] = { 2, 1, 1 };
	int up[3] = { 1, 0, 1 };
	long got[3];

	tally(RELAY_SPREAD, w, up, 3, 6, got);
	ck_assert_int_eq(got[1], 0);
	ck_assert_int_eq(got[0], 4);
	ck_assert_int_eq(got[2], 2);
	up[0] = up[2] = 0;
	ck_assert_int_eq(relays_pick(RELAY_SPREAD, w, up, 3, 0), -1);
	ck_assert_int_eq(relays_pick(RELAY_FAILOVER, w, up, 3, 0), -1);
	/* back up: the old division again */
	up[0] = up[1] = up[2] = 1;
	tally(RELAY_SPREAD, w, up, 3, 8, got);
	ck_assert_int_eq(got[0], 4);
	ck_assert_int_eq(got[1], 2);
	ck_assert_int_eq(got[2], 2);
}
END_TEST

START_TEST(test_failover)
{
	long w[3] = { 1, 5, 5 };
	int up[3] = { 1, 1, 1 };
	long got[3];

	tally(RELAY_FAILOVER, w, up, 3, 8, got);
	ck_assert_int_eq(got[0], 8);
	up[0] = 0;
	tally(RELAY_FAILOVER, w, up, 3, 8, got);
	ck_assert_int_eq(got[1], 8);
}
END_TEST

START_TEST(test_label)
{
	static const char *const cases[][2] = {
		{ "smtp://relay.example.org:587", "smtp://relay.example.org:587" },
		{ "smtp://u:secret@relay.example.org:587",
		    "smtp://relay.example.org:587" },
		{ "smtps://a@b:p@ss@h:465/x", "smtps://h:465/x" },
		{ "smtp://h:25/path@x", "smtp://h:25/path@x" },
		{ "maildir:/var/out", "maildir:/var/out" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *l = relays_label(cases[i][0]);

		ck_assert_str_eq(l, cases[i][1]);
		free(l);
	}
}
END_TEST

static struct config *
parse(const char *transport)
{
	char *y;
	struct config *c;
	int n = asprintf(&y, "sender:\n  name: T\n  address: t@example.org\n"
	    "transport:\n%s", transport);

	ck_assert_int_gt(n, 0);
	c = config_parse("/tmp/relays-test.yaml", y, strlen(y));
	free(y);
	return c;
}

START_TEST(test_config_forms)
{
	struct config *c;

	/* the old forms: one string, a list of strings */
	c = parse("  relays: smtp://a:25\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->relays.n, 1);
	ck_assert_str_eq(c->relays.v[0], "smtp://a:25");
	ck_assert_int_eq(c->relay_weights[0], 1);
	ck_assert_ptr_null(c->relay_mode);
	config_free(c);
	c = parse("  relays: [\"smtp://a:25\", \"smtp://b:25\"]\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->relays.n, 2);
	ck_assert_str_eq(c->relays.v[1], "smtp://b:25");
	config_free(c);
	/* mappings with weights, mixed with strings */
	c = parse("  relays:\n    - smtp://a:25\n    - url: smtp://b:25\n"
	    "      weight: 3\n  relay_mode: failover\n");
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->relays.n, 2);
	ck_assert_str_eq(c->relays.v[1], "smtp://b:25");
	ck_assert_int_eq(c->relay_weights[0], 1);
	ck_assert_int_eq(c->relay_weights[1], 3);
	ck_assert_str_eq(c->relay_mode, "failover");
	config_free(c);
	/* no transport section: the default Maildir */
	c = config_parse("/tmp/relays-test.yaml", "sender:\n  name: T\n"
	    "  address: t@example.org\n", 40);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->relays.n, 1);
	ck_assert(!strncmp(c->relays.v[0], "maildir:", 8));
	config_free(c);
}
END_TEST

START_TEST(test_idle)
{
	long w[3] = { 3, 1, 1 }, w2[2] = { 4, 1 };
	size_t idle[3];

	/* three relays, two connections: the third gets none */
	ck_assert_uint_eq(relays_idle(RELAY_SPREAD, NULL, 3, 2, idle), 1);
	ck_assert_uint_eq(idle[0], 2);
	/* weights 4:1 over 2 connections: both go to the first */
	ck_assert_uint_eq(relays_idle(RELAY_SPREAD, w2, 2, 2, idle), 1);
	ck_assert_uint_eq(idle[0], 1);
	ck_assert_uint_eq(relays_idle(RELAY_SPREAD, w2, 2, 3, idle), 0);
	/* 3:1:1 over 5: every relay has one */
	ck_assert_uint_eq(relays_idle(RELAY_SPREAD, w, 3, 5, idle), 0);
	/* failover keeps the others idle on purpose */
	ck_assert_uint_eq(relays_idle(RELAY_FAILOVER, NULL, 3, 1, idle), 0);
}
END_TEST

START_TEST(test_config_errors)
{
	static const char *const bad[] = {
		"  relays:\n    - url: smtp://a:25\n      weight: 0\n",
		"  relays:\n    - url: smtp://a:25\n      weight: 2.5\n",
		"  relays:\n    - url: smtp://a:25\n      weight: \"2\"\n",
		"  relays:\n    - url: smtp://a:25\n      weight: 1001\n",
		"  relays:\n    - url: smtp://a:25\n      wieght: 2\n",
		"  relays:\n    - weight: 2\n",
		"  relays:\n    - url: [smtp://a:25]\n",
		"  relays:\n    - [smtp://a:25]\n",
		"  relays: []\n",
		"  relays:\n    - url: ftp://a:25\n",
		"  relays: smtp://a:25\n  relay_mode: roundrobin\n",
		"  relays:\n    - smtp://a:25\n    - url: smtp://a:25\n"
		    "      weight: 2\n",
		"  relays: [smtp://a:25, \"smtp://u:p@a:25\"]\n",
		"  relays: [smtp://a:25, maildir:out]\n",
		"  relays: [maildir:out, smtp://a:25]\n",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct config *c = parse(bad[i]);

		ck_assert_msg(c == NULL, "accepted: %s", bad[i]);
	}
}
END_TEST

static Suite *
relays_suite(void)
{
	Suite *s = suite_create("relays");
	TCase *tc = tcase_create("relays");

	tcase_add_test(tc, test_equal_by_default);
	tcase_add_test(tc, test_weights);
	tcase_add_test(tc, test_down_moves_share);
	tcase_add_test(tc, test_failover);
	tcase_add_test(tc, test_label);
	tcase_add_test(tc, test_config_forms);
	tcase_add_test(tc, test_idle);
	tcase_add_test(tc, test_config_errors);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(relays_suite)
