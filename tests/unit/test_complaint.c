/*
 * Unit tests for complaint.c (and journal_complaint_counts): thresholds,
 * rate text, and the rates read from a journal where bounces lower the
 * delivered count and a second report about one address counts once.
 */
#include <string.h>

#include "complaint.h"
#include "journal.h"
#include "unit.h"
#include "util.h"

START_TEST(test_levels)
{
	static const struct {
		long complaints, delivered;
		enum complaint_level want;
	} t[] = {
		{ 0, 0, COMPLAINT_OK },
		{ 0, 100, COMPLAINT_OK },
		{ 9, 10000, COMPLAINT_OK },
		{ 10, 10000, COMPLAINT_WARNING },	/* 0.1 % exactly */
		{ 1, 1000, COMPLAINT_WARNING },
		{ 1, 1001, COMPLAINT_OK },
		{ 29, 10000, COMPLAINT_WARNING },
		{ 30, 10000, COMPLAINT_LIMIT },		/* 0.3 % exactly */
		{ 3, 1000, COMPLAINT_LIMIT },
		{ 1, 78, COMPLAINT_LIMIT },
		{ 1, 0, COMPLAINT_LIMIT },
		{ 1000, 1000000, COMPLAINT_WARNING },
		{ 2999, 1000000, COMPLAINT_WARNING },
		{ 3000, 1000000, COMPLAINT_LIMIT },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_msg(complaint_level(t[i].complaints,
		    t[i].delivered) == t[i].want, "%ld / %ld", t[i].complaints,
		    t[i].delivered);
	ck_assert_str_eq(complaint_level_name(COMPLAINT_OK), "ok");
	ck_assert_str_eq(complaint_level_name(COMPLAINT_WARNING), "warning");
	ck_assert_str_eq(complaint_level_name(COMPLAINT_LIMIT), "limit");
}
END_TEST

START_TEST(test_text)
{
	char s[32];

	complaint_rate_text(3, 78, s, sizeof s);
	ck_assert_str_eq(s, "3.85 %");
	complaint_rate_text(0, 5, s, sizeof s);
	ck_assert_str_eq(s, "0.00 %");
	complaint_rate_text(1, 0, s, sizeof s);
	ck_assert_str_eq(s, "-");
	ck_assert(complaint_rate(1, 0) < 0);
	ck_assert(complaint_rate(1, 4) == 0.25);
}
END_TEST

static char dir[] = "/tmp/complaintXXXXXX";

static void
add(struct journal *j, const char *list, const char *email, enum jstate st)
{
	char tok[64];

	snprintf(tok, sizeof tok, "t-%s-%s", list, email);
	ck_assert_int_eq(journal_add(j, "2021-01", list, email, tok), 0);
	ck_assert_int_eq(journal_mark(j, "2021-01", list, email, st, NULL, 0),
	    0);
}

static void
event(struct journal *j, enum jevent kind, const char *issue,
    const char *list, const char *email, const char *key)
{
	struct journal_event ev = { kind, issue, list, email,
	    kind == JE_BOUNCE ? JC_HARD : JC_NONE, NULL, NULL, 1, key };
	int is_new;

	ck_assert_int_eq(journal_event_add(j, &ev, &is_new), 0);
	ck_assert_int_eq(is_new, 1);
}

struct seen {
	char text[16][96];
	size_t n;
};

static void
on_rate(void *arg, const struct complaint_rate *r)
{
	struct seen *s = arg;

	ck_assert_uint_lt(s->n, 16);
	snprintf(s->text[s->n++], sizeof s->text[0], "%s %s %ld/%ld %s",
	    r->issue ? r->issue : "-", r->list ? r->list : "*",
	    r->complaints, r->delivered, complaint_level_name(r->level));
}

START_TEST(test_journal_rates)
{
	static const char *const want[] = {
		"2021-01 aba 2/3 limit",
		"2021-01 bazhong 0/2 ok",
		"2021-01 * 2/5 limit",
		"2021-02 aba 0/1 ok",
		"2021-02 * 0/1 ok",
		"- * 1/0 limit",
	};
	struct seen s = { .n = 0 };
	struct journal *j;
	char *path;

	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = path_join(dir, "state.db");
	ck_assert_ptr_nonnull(j = journal_open(path));
	add(j, "aba", "a@x.example", JS_SENT);
	add(j, "aba", "b@x.example", JS_SENT);
	add(j, "aba", "c@x.example", JS_SENT);
	add(j, "aba", "d@x.example", JS_SENT);
	add(j, "aba", "e@x.example", JS_FAILED);
	add(j, "bazhong", "a@x.example", JS_SENT);
	add(j, "bazhong", "f@x.example", JS_SENT);
	ck_assert_int_eq(journal_add(j, "2021-02", "aba", "a@x.example",
	    "t2"), 0);
	ck_assert_int_eq(journal_mark(j, "2021-02", "aba", "a@x.example",
	    JS_SENT, NULL, 0), 0);
	/* two reports about a@, one of b@; d@ bounced: 2 of 3 delivered */
	event(j, JE_COMPLAINT, "2021-01", "aba", "a@x.example", "k1");
	event(j, JE_COMPLAINT, "2021-01", "aba", "a@x.example", "k2");
	event(j, JE_COMPLAINT, "2021-01", "aba", "b@x.example", "k3");
	event(j, JE_BOUNCE, "2021-01", "aba", "d@x.example", "k4");
	event(j, JE_BOUNCE, "2021-01", "aba", "d@x.example", "k5");
	/* a refusal at RCPT is no bounce of a sent message */
	event(j, JE_FAILED, "2021-01", "aba", "e@x.example", "k6");
	event(j, JE_COMPLAINT, NULL, NULL, "z@x.example", "k7");
	ck_assert_int_eq(complaint_rates(j, NULL, on_rate, &s), 0);
	ck_assert_uint_eq(s.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < s.n; i++)
		ck_assert_str_eq(s.text[i], want[i]);
	s.n = 0;
	ck_assert_int_eq(complaint_rates(j, "2021-02", on_rate, &s), 0);
	ck_assert_uint_eq(s.n, 2);	/* no untraced row for one issue */
	ck_assert_str_eq(s.text[1], "2021-02 * 0/1 ok");
	/* per recipient domain, as complaint_rates' rows: domains with
	 * complaints only, the untraced one in none */
	s.n = 0;
	ck_assert_int_eq(complaint_domain_rates(j, NULL, on_rate, &s), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.text[0], "2021-01 x.example 2/5 limit");
	journal_close(j);
	rm_rf(dir);
	free(path);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("complaint");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_journal_rates);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
