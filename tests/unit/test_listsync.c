/*
 * Unit tests for listsync.c (the write-back plan of mailer lists sync) and
 * list.c's CSV writing half: byte-exact files and diffs, idempotence, the
 * files it refuses.
 */
#include <string.h>

#include "list.h"
#include "listsync.h"
#include "unit.h"
#include "util.h"

/* who leaves: "email" -> date, reason */
struct gone {
	const char *email, *date, *reason;
};

static int
leaves(void *arg, const char *email, const char **date, const char **reason)
{
	for (const struct gone *g = arg; g->email; g++)
		if (!strcmp(g->email, email)) {
			*date = g->date;
			*reason = g->reason;
			return 1;
		}
	return 0;
}

static const struct gone nobody[] = { { NULL, NULL, NULL } };

static int
make(const char *csv, const char *rm, const struct gone *g, size_t nadd,
    const char *const *emails, const char *const *names,
    struct listsync_plan *p)
{
	struct listsync_in in = { "lists/x.csv", csv, strlen(csv),
		"lists/x.csv", "lists/x.removed.csv", rm, rm ? strlen(rm) : 0,
		"lists/x.removed.csv", leaves, (void *)g, nadd, emails,
		names };

	return listsync_make(&in, p);
}

START_TEST(test_field_quoting)
{
	static const char *const t[][2] = {
		{ "plain", "plain" }, { "", "" }, { "a,b", "\"a,b\"" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"" }, { " lead", "\" lead\"" },
		{ "trail\t", "\"trail\t\"" }, { "in side", "in side" },
		{ "二,三", "\"二,三\"" }, { "a\nb", "\"a\nb\"" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct buf b = BUF_INIT;

		list_csv_field(&b, t[i][0]);
		buf_adds(&b, "");
		ck_assert_str_eq(b.data, t[i][1]);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_lf_remove_and_add)
{
	static const struct gone g[] = {
		{ "b@x.example", "2026-01-02", "unsubscribed" },
		{ "d@x.example", "2026-01-03", "1 hard bounce(s)" },
		{ NULL, NULL, NULL } };
	const char *emails[] = { "new@x.example", "A@X.example" };
	const char *names[] = { "Wu, \"Jr\"", NULL };
	struct listsync_plan p;

	ck_assert_int_eq(make("email,name,city\n"
	    "a@x.example,\"A\",成都\n"
	    "b@x.example,B,\"Mian, yang\"\n"
	    "\n"
	    "c@x.example,C,\n"
	    "d@x.example,D,雅安", NULL, g, 2, emails, names, &p), 0);
	ck_assert_uint_eq(p.removed, 2);
	ck_assert_uint_eq(p.added, 1);	/* A@X is row a@x, any case */
	ck_assert(p.csv_changed && p.rm_changed);
	ck_assert_str_eq(p.csv.data, "email,name,city\n"
	    "a@x.example,\"A\",成都\n"
	    "\n"
	    "c@x.example,C,\n"
	    "new@x.example,\"Wu, \"\"Jr\"\"\",\n");
	ck_assert_str_eq(p.rm.data, "email,name,city,removed,reason\n"
	    "b@x.example,B,\"Mian, yang\",2026-01-02,unsubscribed\n"
	    "d@x.example,D,雅安,2026-01-03,1 hard bounce(s)\n");
	ck_assert_str_eq(p.diff.data,
	    "--- /dev/null\n+++ lists/x.removed.csv\n@@ -0,0 +1,3 @@\n"
	    "+email,name,city,removed,reason\n"
	    "+b@x.example,B,\"Mian, yang\",2026-01-02,unsubscribed\n"
	    "+d@x.example,D,雅安,2026-01-03,1 hard bounce(s)\n"
	    "--- lists/x.csv\n+++ lists/x.csv\n"
	    "@@ -3 +2,0 @@\n"
	    "-b@x.example,B,\"Mian, yang\"\n"
	    "@@ -6 +5 @@\n"
	    "-d@x.example,D,雅安\n"
	    "\\ No newline at end of file\n"
	    "+new@x.example,\"Wu, \"\"Jr\"\"\",\n");
	listsync_plan_free(&p);
}
END_TEST

START_TEST(test_crlf_and_existing_removed)
{
	static const struct gone g[] = {
		{ "a@x.example", "2026-02-01", "complaint" },
		{ "c@x.example", "2026-02-02", "unsubscribed" },
		{ NULL, NULL, NULL } };
	/* its columns in another order, one more, a line already moved */
	const char *rm = "reason,removed,note,name,email\r\n"
	    "unsubscribed,2026-02-02,,C,c@x.example\r\n";
	const char *emails[] = { "n@x.example" };
	const char *names[] = { "新" };
	struct listsync_plan p;

	ck_assert_int_eq(make("\"email\",\"name\"\r\n"
	    "\"a@x.example\",\"A\"\r\n"
	    "b@x.example,B\r\n"
	    "c@x.example,C\r\n", rm, g, 1, emails, names, &p), 0);
	ck_assert_uint_eq(p.removed, 2);
	ck_assert_str_eq(p.csv.data, "\"email\",\"name\"\r\n"
	    "b@x.example,B\r\n"
	    "n@x.example,新\r\n");
	ck_assert_str_eq(p.rm.data, "reason,removed,note,name,email\r\n"
	    "unsubscribed,2026-02-02,,C,c@x.example\r\n"
	    "complaint,2026-02-01,,A,a@x.example\r\n");
	ck_assert_str_eq(p.diff.data,
	    "--- lists/x.removed.csv\n+++ lists/x.removed.csv\n"
	    "@@ -2,0 +3 @@\n"
	    "+complaint,2026-02-01,,A,a@x.example\r\n"
	    "--- lists/x.csv\n+++ lists/x.csv\n"
	    "@@ -2 +1,0 @@\n"
	    "-\"a@x.example\",\"A\"\r\n"
	    "@@ -4 +3 @@\n"
	    "-c@x.example,C\r\n"
	    "+n@x.example,新\r\n");
	listsync_plan_free(&p);
}
END_TEST

/* The plan's files given back to it change nothing. */
START_TEST(test_second_sync_is_noop)
{
	static const struct gone g[] = {
		{ "b@x.example", "2026-01-02", "unsubscribed" },
		{ NULL, NULL, NULL } };
	const char *emails[] = { "new@x.example" };
	const char *names[] = { " spaced " };
	struct listsync_plan p, q;
	char *csv, *rm;

	ck_assert_int_eq(make("email,name\na@x.example,A\nb@x.example,B\n",
	    NULL, g, 1, emails, names, &p), 0);
	csv = xstrdup(p.csv.data);
	rm = xstrdup(p.rm.data);
	ck_assert_str_eq(csv, "email,name\na@x.example,A\n"
	    "new@x.example,\" spaced \"\n");
	ck_assert_int_eq(make(csv, rm, g, 1, emails, names, &q), 0);
	ck_assert(!q.csv_changed && !q.rm_changed);
	ck_assert_uint_eq(q.removed + q.added, 0);
	ck_assert_uint_eq(q.diff.len, 0);
	listsync_plan_free(&p);
	listsync_plan_free(&q);
	free(csv);
	free(rm);
}
END_TEST

/* Killed after removed.csv, before the CSV: the rerun does not repeat. */
START_TEST(test_rerun_after_half)
{
	static const struct gone g[] = {
		{ "b@x.example", "2026-01-02", "unsubscribed" },
		{ NULL, NULL, NULL } };
	const char *csv = "email,name\na@x.example,A\nb@x.example,B\n";
	struct listsync_plan p, q;
	char *rm;

	ck_assert_int_eq(make(csv, NULL, g, 0, NULL, NULL, &p), 0);
	rm = xstrdup(p.rm.data);
	ck_assert_int_eq(make(csv, rm, g, 0, NULL, NULL, &q), 0);
	ck_assert(q.csv_changed && !q.rm_changed);
	ck_assert_str_eq(q.csv.data, p.csv.data);
	listsync_plan_free(&p);
	listsync_plan_free(&q);
	free(rm);
}
END_TEST

START_TEST(test_nothing_to_do)
{
	struct listsync_plan p;
	const char *csv = "email,name\na@x.example,A";

	ck_assert_int_eq(make(csv, NULL, nobody, 0, NULL, NULL, &p), 0);
	ck_assert(!p.csv_changed && !p.rm_changed);
	ck_assert_uint_eq(p.diff.len, 0);
	listsync_plan_free(&p);
}
END_TEST

/* Appending to a file whose last line has no LF gives it one. */
START_TEST(test_append_without_final_newline)
{
	const char *emails[] = { "n@x.example" };
	const char *names[] = { "N" };
	struct listsync_plan p;

	ck_assert_int_eq(make("email,name\na@x.example,A", NULL, nobody, 1,
	    emails, names, &p), 0);
	ck_assert_str_eq(p.csv.data, "email,name\na@x.example,A\n"
	    "n@x.example,N\n");
	ck_assert_str_eq(p.diff.data, "--- lists/x.csv\n+++ lists/x.csv\n"
	    "@@ -2 +2,2 @@\n-a@x.example,A\n"
	    "\\ No newline at end of file\n"
	    "+a@x.example,A\n+n@x.example,N\n");
	ck_assert(!p.rm_changed);
	listsync_plan_free(&p);
}
END_TEST

START_TEST(test_refusals)
{
	static const struct gone g[] = {
		{ "a@x.example", "2026-01-02", "unsubscribed" },
		{ NULL, NULL, NULL } };
	static char long_name[5000];
	const char *bad_name[] = { long_name };
	const char *emails[] = { "n@x.example" };
	struct listsync_plan p;

	memset(long_name, 'n', sizeof long_name - 1);

	/* bare CR line endings */
	ck_assert_int_eq(make("email,name\ra@x.example,A\r", NULL, g, 0,
	    NULL, NULL, &p), -1);
	listsync_plan_free(&p);
	/* an invalid row: the CSV must be valid to be rewritten */
	ck_assert_int_eq(make("email,name\na@x.example,A\nnot-an-address,B\n",
	    NULL, g, 0, NULL, NULL, &p), -1);
	listsync_plan_free(&p);
	/* removed.csv without a column of the CSV */
	ck_assert_int_eq(make("email,name,city\na@x.example,A,C\n",
	    "email,name,removed,reason\n", g, 0, NULL, NULL, &p), -1);
	listsync_plan_free(&p);
	/* a column the new removed.csv would add twice */
	ck_assert_int_eq(make("email,name,reason\na@x.example,A,C\n", NULL, g,
	    0, NULL, NULL, &p), -1);
	listsync_plan_free(&p);
	/* a row that would not read back (its field too long) is not written */
	ck_assert_int_eq(make("email,name\nb@x.example,B\n", NULL, nobody, 1,
	    emails, bad_name, &p), -1);
	listsync_plan_free(&p);
}
END_TEST

/*
 * A journal name with a line break, ESC or a bidi control is left out,
 * not cut: the row is appended whole with an empty name.
 */
START_TEST(test_name_controls)
{
	static const char *const names[] = { "two\nlines", "Eve\x1b[2J",
		"\xe7\x8e\x8b\xe2\x80\xae" "gnp.exe", "Bob\xc2\x9b" "31m",
		"\xe6\x9d\x8e\xe6\x98\x8e" };
	static const char *const emails[] = { "a@x.example", "b@x.example",
		"c@x.example", "d@x.example", "e@x.example" };
	struct listsync_plan p;

	ck_assert_int_eq(make("email,name\n", NULL, nobody, 5, emails, names,
	    &p), 0);
	buf_adds(&p.csv, "");
	ck_assert_str_eq(p.csv.data, "email,name\na@x.example,\n"
	    "b@x.example,\nc@x.example,\nd@x.example,\n"
	    "e@x.example,\xe6\x9d\x8e\xe6\x98\x8e\n");
	ck_assert_uint_eq(p.added, 5);
	listsync_plan_free(&p);
}
END_TEST

/* What a spreadsheet would take for a formula, and what it would not. */
START_TEST(test_formula)
{
	static const char *const yes[] = { "=1+1", "+1", "-2", "@SUM(1)",
		"\tx", "\rx", "  =x", " @", "=",
		/* full-width, as LibreOffice and East Asian Excel read them */
		"＝1+1", "＋1", "－2", "＠SUM(1)", " ＝x", "＠",
		/* after a no-break or an ideographic space */
		"\xc2\xa0=x", "\xe3\x80\x80=x", "\xe3\x80\x80 \xc2\xa0＝x" };
	static const char *const no[] = { "", "李明", "Jean-Pierre",
		"a=b", "x+y@z", "\"=x\"", "'=x", "李＝明", "～1", "（1）",
		"\xef\xbc", "\xc2\xa0李明", "\xe3\x80\x80李明", "\xe3\x80", "\xc2" };

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(list_csv_formula(yes[i]), "%s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!list_csv_formula(no[i]), "%s", no[i]);
}
END_TEST

/*
 * Web subscribers whose address or name starts like a formula: such an
 * address is not appended, such a name is left out; the plan is still a
 * fixed point.
 */
START_TEST(test_formula_not_written)
{
	const char *emails[] = { "a@x.example", "-b@x.example",
		"c@x.example", "d@x.example" };
	const char *names[] = { "=HYPERLINK(\"http://e.example\",\"x\")",
		"B", "欧阳-娜娜", "+1" };
	struct listsync_plan p, q;
	char *csv;

	ck_assert_int_eq(make("email,name\no@x.example,@own\n", NULL, nobody,
	    4, emails, names, &p), 0);
	ck_assert_uint_eq(p.added, 3);
	ck_assert_str_eq(p.csv.data, "email,name\no@x.example,@own\n"
	    "a@x.example,\nc@x.example,欧阳-娜娜\nd@x.example,\n");
	csv = xstrdup(p.csv.data);
	ck_assert_int_eq(make(csv, NULL, nobody, 4, emails, names, &q), 0);
	ck_assert(!q.csv_changed && !q.rm_changed && q.diff.len == 0);
	listsync_plan_free(&p);
	listsync_plan_free(&q);
	free(csv);
}
END_TEST

START_TEST(test_header)
{
	char **keys;
	size_t n;
	const char *csv = "email,\"na,me\",name";

	ck_assert_int_eq(list_csv_header("x", csv, strlen(csv), &keys, &n),
	    0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(keys[1], "na,me");
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	ck_assert_int_eq(list_csv_header("x", "mail,name\n", 10, &keys, &n),
	    -1);
	ck_assert_int_eq(list_csv_header("x", "", 0, &keys, &n), -1);
}
END_TEST

/*
 * Excel's "CSV UTF-8" starts the file with a byte order mark: the header
 * still names "email" (quoted or not), the mark stays in the CSV, and
 * removed.csv's header, written from the keys, has none.
 */
START_TEST(test_bom)
{
	static const struct gone g[] = {
		{ "b@x.example", "2026-01-02", "unsubscribed" },
		{ NULL, NULL, NULL } };
	const char *bom = "\xef\xbb\xbf\"email\",\"name\"\r\n"
	    "\"a@x.example\",\"A\"\r\n";
	struct listsync_plan p;
	char **keys;
	size_t n;

	ck_assert_int_eq(list_csv_header("x", bom, strlen(bom), &keys, &n),
	    0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(keys[0], "email");
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	ck_assert_int_eq(make("\xef\xbb\xbf" "email,name\r\n"
	    "a@x.example,A\r\n"
	    "b@x.example,B\r\n", NULL, g, 0, NULL, NULL, &p), 0);
	ck_assert_uint_eq(p.removed, 1);
	ck_assert_str_eq(p.csv.data, "\xef\xbb\xbf" "email,name\r\n"
	    "a@x.example,A\r\n");
	ck_assert_str_eq(p.rm.data, "email,name,removed,reason\r\n"
	    "b@x.example,B,2026-01-02,unsubscribed\r\n");
	listsync_plan_free(&p);
	/* only at the file's start: one further on is in a column's name */
	ck_assert_int_eq(list_csv_header("x", "\n\xef\xbb\xbf" "email,name\n",
	    13, &keys, &n), -1);
}
END_TEST

static Suite *
listsync_suite(void)
{
	Suite *s = suite_create("listsync");
	TCase *tc = tcase_create("listsync");

	tcase_add_test(tc, test_field_quoting);
	tcase_add_test(tc, test_lf_remove_and_add);
	tcase_add_test(tc, test_crlf_and_existing_removed);
	tcase_add_test(tc, test_second_sync_is_noop);
	tcase_add_test(tc, test_rerun_after_half);
	tcase_add_test(tc, test_nothing_to_do);
	tcase_add_test(tc, test_append_without_final_newline);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_name_controls);
	tcase_add_test(tc, test_formula);
	tcase_add_test(tc, test_formula_not_written);
	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_bom);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(listsync_suite)
