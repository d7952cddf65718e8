/*
 * lists sync's plan (listsync.c): the input is a CSV, then, after a NUL
 * byte when there is one, a removed.csv.  Addresses of odd length leave,
 * two web subscribers are appended.  A plan that succeeds must be a fixed
 * point: planned again over its own output it changes nothing.
 */
#include "fuzz.h"
#include "listsync.h"

static int
leaves(void *arg, const char *email, const char **date, const char **reason)
{
	(void)arg;
	*date = "2030-01-02";
	*reason = "1 hard bounce(s)";
	return strlen(email) % 2;
}

static const char *const emails[] = { "new@x.example", "Old@x.example" };
static const char *const names[] = { " Wu, \"Jr\" ", NULL };

static int
plan(const char *csv, size_t csvlen, const char *rm, size_t rmlen,
    struct listsync_plan *p)
{
	struct listsync_in in = { "l.csv", csv, csvlen, "l.csv",
		"l.removed.csv", rm, rmlen, "l.removed.csv", leaves, NULL, 2,
		emails, names };

	return listsync_make(&in, p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nul = memchr(s, '\0', size);
	size_t csvlen = nul ? (size_t)(nul - s) : size;
	const char *rm = nul ? nul + 1 : NULL;
	size_t rmlen = nul ? size - csvlen - 1 : 0;
	struct listsync_plan p, q;

	if (plan(s, csvlen, rm, rmlen, &p) == 0) {
		const char *rm2 = p.rm_changed ? p.rm.data : rm;
		size_t rm2len = p.rm_changed ? p.rm.len : rmlen;

		/* the plan's files must plan to nothing */
		FUZZ_ASSERT(plan(p.csv.data, p.csv.len, rm2, rm2len, &q) == 0);
		FUZZ_ASSERT(!q.csv_changed && !q.rm_changed && q.diff.len == 0);
		FUZZ_ASSERT(!p.csv_changed || p.csv.len != csvlen ||
		    memcmp(p.csv.data, s, csvlen));
		listsync_plan_free(&q);
	}
	listsync_plan_free(&p);
	return 0;
}
