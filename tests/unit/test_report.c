/*
 * Unit tests for report.c and the journal's read-only report queries:
 * sends per hour, event counts by kind and class, failures; the HTML is
 * self-contained and escapes what the servers said.
 */
#include <string.h>

#include "config.h"
#include "journal.h"
#include "report.h"
#include "unit.h"
#include "util.h"

static char dir[] = "/tmp/reportXXXXXX";
static char *path;
static struct journal *j;
/* the shipped template and sample lists, from the project root */
static struct config cfg = { .templates_dir = (char *)"templates",
    .lists_dir = (char *)"lists" };

static void
setup(void)
{
	const char *emails[] = { "a@x.example", "b@x.example", "c@x.example",
	    "d@x.example" };
	char tok[16];

	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = path_join(dir, "state.db");
	j = journal_open(path);
	ck_assert_ptr_nonnull(j);
	for (int i = 0; i < 4; i++) {
		snprintf(tok, sizeof tok, "tok%d", i);
		ck_assert_int_eq(journal_add(j, "2021-01", i < 3 ? "aba" :
		    "zigong", emails[i], tok), 0);
	}
	ck_assert_int_eq(journal_add(j, "2020-12", "aba", "a@x.example",
	    "old"), 0);
	ck_assert_int_eq(journal_mark(j, "2021-01", "aba", "a@x.example",
	    JS_SENT, "250 ok", 0), 0);
	ck_assert_int_eq(journal_mark(j, "2021-01", "zigong", "d@x.example",
	    JS_SENT, "250 ok", 0), 0);
	ck_assert_int_eq(journal_mark(j, "2021-01", "aba", "b@x.example",
	    JS_FAILED, "550 5.1.1 <b@x.example>: no such user & \"gone\"",
	    0), 0);
	ck_assert_int_eq(journal_mark(j, "2021-01", "aba", "c@x.example",
	    JS_DEFERRED, "451 try later", time(NULL) + 600), 0);
	ck_assert_int_eq(journal_mark(j, "2020-12", "aba", "a@x.example",
	    JS_SENT, "250 ok", 0), 0);
}

static void
teardown(void)
{
	journal_close(j);
	rm_rf(dir);
	free(path);
}

static int
event(enum jevent kind, const char *list, const char *email,
    enum jclass cls, const char *key)
{
	struct journal_event ev = { kind, "2021-01", list, email, cls, NULL,
	    NULL, time(NULL), key };
	int is_new;

	ck_assert_int_eq(journal_event_add(j, &ev, &is_new), 0);
	return is_new;
}

static void
sum_hours(void *arg, time_t hour, long n)
{
	long *v = arg;

	ck_assert_int_eq(hour % 3600, 0);
	v[0] += n;
	v[1]++;
}

START_TEST(test_sent_per_hour)
{
	long v[2] = { 0, 0 };

	ck_assert_int_eq(journal_sent_per_hour(j, "2021-01", sum_hours, v), 0);
	ck_assert_int_eq(v[0], 2);
	v[0] = v[1] = 0;
	ck_assert_int_eq(journal_sent_per_hour(j, NULL, sum_hours, v), 0);
	ck_assert_int_eq(v[0], 3);	/* both issues */
}
END_TEST

struct evsum {
	long hard, soft, complaint, unsub, unknown_list;
};

static void
sum_events(void *arg, const struct journal_event_count *c)
{
	struct evsum *s = arg;

	if (!c->list)
		s->unknown_list += c->n;
	else if (c->kind == JE_BOUNCE && c->cls == JC_HARD)
		s->hard += c->n;
	else if (c->kind == JE_BOUNCE && c->cls == JC_SOFT)
		s->soft += c->n;
	else if (c->kind == JE_COMPLAINT)
		s->complaint += c->n;
	else if (c->kind == JE_UNSUBSCRIBE)
		s->unsub += c->n;
}

START_TEST(test_event_counts)
{
	struct evsum s = { 0 };

	ck_assert_int_eq(event(JE_BOUNCE, "aba", "a@x.example", JC_HARD,
	    "k1"), 1);
	ck_assert_int_eq(event(JE_BOUNCE, "aba", "a@x.example", JC_SOFT,
	    "k2"), 1);
	ck_assert_int_eq(event(JE_BOUNCE, "zigong", "d@x.example", JC_SOFT,
	    "k3"), 1);
	ck_assert_int_eq(event(JE_COMPLAINT, NULL, "d@x.example", JC_NONE,
	    "k4"), 1);
	ck_assert_int_eq(event(JE_UNSUBSCRIBE, "aba", "a@x.example", JC_NONE,
	    "k5"), 1);
	ck_assert_int_eq(journal_event_counts(j, "2021-01", sum_events, &s),
	    0);
	ck_assert_int_eq(s.hard, 1);
	ck_assert_int_eq(s.soft, 2);
	ck_assert_int_eq(s.unsub, 1);
	ck_assert_int_eq(s.unknown_list, 1);
}
END_TEST

static void
collect_failures(void *arg, const struct journal_failure *f)
{
	struct buf *b = arg;

	buf_printf(b, "%s %s %s %d %s|", f->list, f->email,
	    journal_state_name(f->state), f->attempts, f->reply);
}

START_TEST(test_failures)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(journal_failures(j, "2021-01", collect_failures, &b),
	    0);
	ck_assert_str_eq(b.data, "aba b@x.example failed 1 550 5.1.1 "
	    "<b@x.example>: no such user & \"gone\"|aba c@x.example deferred 1 "
	    "451 try later|");
	buf_free(&b);
}
END_TEST

START_TEST(test_html)
{
	struct buf b = BUF_INIT;

	ck_assert_int_eq(event(JE_BOUNCE, "aba", "a@x.example", JC_HARD,
	    "k1"), 1);
	ck_assert_int_eq(event(JE_COMPLAINT, "zigong", "d@x.example", JC_NONE,
	    "k2"), 1);
	ck_assert_int_eq(report_html(j, &cfg, "2021-01", "标题 <1>", &b), 0);
	/* aba's one sent message bounced: nothing delivered, no rate */
	ck_assert_ptr_nonnull(strstr(b.data, "<tr class=\"complaint-rate ok\" "
	    "data-list=\"aba\" data-complaints=\"0\" data-delivered=\"0\" "
	    "data-level=\"ok\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "<tr class=\"complaint-rate "
	    "limit\" data-list=\"zigong\" data-complaints=\"1\" "
	    "data-delivered=\"1\" data-level=\"limit\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "<td class=\"rate\">-</td>"));
	ck_assert_ptr_nonnull(strstr(b.data, "<td class=\"rate\">100.00 %"
	    "</td>"));
	ck_assert_ptr_nonnull(strstr(b.data, "total limit\" data-list=\"\" "
	    "data-complaints=\"1\" data-delivered=\"1\""));
	ck_assert_ptr_nonnull(strstr(b.data, "<line class=\"threshold "
	    "warning\" data-rate=\"0.1 %\" x1=\"40.00\""));
	ck_assert_ptr_nonnull(strstr(b.data, "<html lang=\"zh-CN\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "<meta charset=\"utf-8\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "标题 &lt;1&gt;"));
	ck_assert_ptr_nonnull(strstr(b.data, "<tr class=\"list\" "
	    "data-list=\"aba\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "<tr class=\"list\" "
	    "data-list=\"zigong\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "data-kind=\"sent\">2<"));
	ck_assert_ptr_nonnull(strstr(b.data, "data-kind=\"hard\">1<"));
	ck_assert_ptr_nonnull(strstr(b.data, "<svg class=\"timeline\""));
	ck_assert_ptr_nonnull(strstr(b.data, "&lt;b@x.example&gt;: no such "
	    "user &amp; &quot;gone&quot;"));
	ck_assert_ptr_null(strstr(b.data, "<b@x.example>"));
	ck_assert_ptr_null(strstr(b.data, "http"));
	ck_assert_ptr_null(strstr(b.data, "<script"));
	buf_free(&b);
}
END_TEST

START_TEST(test_html_empty)
{
	struct buf b = BUF_INIT;

	/* no journal yet: a page that says so, not an error */
	ck_assert_int_eq(report_html(NULL, &cfg, "2021-02", NULL, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "Delivery report: 2021-02"));
	ck_assert_ptr_nonnull(strstr(b.data, "Nothing sent yet."));
	ck_assert_ptr_null(strstr(b.data, "class=\"list\""));
	buf_free(&b);
}
END_TEST

START_TEST(test_html_no_template)
{
	struct config none = { .templates_dir = dir, .lists_dir = dir };
	struct buf b = BUF_INIT;

	ck_assert_int_eq(report_html(j, &none, "2021-01", NULL, &b),
	    REPORT_TEMPLATE);
	buf_free(&b);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sent_per_hour);
	tcase_add_test(tc, test_event_counts);
	tcase_add_test(tc, test_failures);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_html_empty);
	tcase_add_test(tc, test_html_no_template);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(report_suite)
