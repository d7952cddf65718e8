/* Shared glue for the Check unit tests: one executable per module. */
#ifndef MAILER_UNIT_H
#define MAILER_UNIT_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

/* ../shared from the project root, or $MAILER_SHARED; NULL when absent. */
static inline const char *
unit_shared(void)
{
	const char *s = getenv("MAILER_SHARED");

	if (!s)
		s = "../shared";
	return access(s, R_OK) == 0 ? s : NULL;
}

/*
 * Check has no skip: a test that returns early counts as a pass.  A test
 * whose prerequisite is missing is therefore not registered at all; it is
 * named on stdout as skipped, with the reason, and counted in the
 * summary line.
 */
static int unit_nskipped;
#define UNIT_ADD_TEST_IF(tc, test, cond, why)                                \
	do {                                                                 \
		if (cond) {                                                  \
			tcase_add_test(tc, test);                            \
		} else {                                                     \
			unit_nskipped++;                                     \
			printf("SKIP %s: %s\n", #test, why);                 \
		}                                                            \
	} while (0)

/*
 * stderr goes to a temporary file from unit_capture() on (each test runs
 * in its own process, so it is not restored) ...
 */
static FILE *unit_cap;

static inline void
unit_capture(void)
{
	fflush(stderr);
	unit_cap = tmpfile();
	ck_assert_ptr_nonnull(unit_cap);
	dup2(fileno(unit_cap), 2);
}

/* ... and this returns all written since (caller frees); repeatable. */
static inline char *
unit_captured(void)
{
	struct buf b = BUF_INIT;
	char chunk[512];
	size_t n;

	fflush(stderr);
	rewind(unit_cap);
	while ((n = fread(chunk, 1, sizeof chunk, unit_cap)) > 0)
		buf_add(&b, chunk, n);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

#define UNIT_MAIN(suite_fn)                                                  \
	int main(void)                                                       \
	{                                                                    \
		SRunner *sr = srunner_create(suite_fn());                    \
		int nf;                                                      \
		srunner_run_all(sr, CK_NORMAL);                              \
		nf = srunner_ntests_failed(sr);                              \
		srunner_free(sr);                                            \
		if (unit_nskipped)                                           \
			printf("%d test(s) skipped\n", unit_nskipped);        \
		return nf ? EXIT_FAILURE : EXIT_SUCCESS;                     \
	}

#endif
