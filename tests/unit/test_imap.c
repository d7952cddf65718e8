/* Unit tests for imap.c: folder names in modified UTF-7 (RFC 3501). */
#include <stdlib.h>
#include <string.h>

#include "imap.h"
#include "unit.h"

/*
 * RFC 3501 5.1.3: printable ASCII stands for itself but "&" ("&-");
 * anything else is UTF-16 in base64 with "," for "/", between "&" and
 * "-", unpadded.  The RFC's own example, the names mail clients make and
 * a character beyond the BMP (a surrogate pair).
 */
START_TEST(test_mutf7)
{
	static const char *const cases[][2] = {
		{ "INBOX", "INBOX" },
		{ "Processed", "Processed" },
		{ "Tom & Jerry", "Tom &- Jerry" },
		{ "&", "&-" },
		{ "~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac"
		    "\xe8\xaa\x9e", "~peter/mail/&U,BTFw-/&ZeVnLIqe-" },
		{ "\xe9\x80\x80\xe4\xbf\xa1/\xe5\xb7\xb2\xe5\xa4\x84\xe7\x90"
		    "\x86", "&kABP4Q-/&XfJZBHQG-" },
		{ "Entw\xc3\xbc" "rfe", "Entw&APw-rfe" },
		{ "\xd0\x9e\xd1\x82\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xbb"
		    "\xd0\xb5\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb5",
		    "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-" },
		{ "a\tb", "a&AAk-b" },
		{ "\xf0\x9f\x93\xac", "&2D3c7A-" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = imap_mutf7(cases[i][0]);

		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, cases[i][1]);
		free(got);
	}
}
END_TEST

/* Not UTF-8 (Latin-1, a lone continuation byte, a cut sequence, an
 * overlong form, a surrogate): NULL, for the caller to report. */
START_TEST(test_mutf7_bad)
{
	static const char *const bad[] = {
		"Entw\xfc" "rfe", "\x80", "\xe9\x80", "\xc0\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_ptr_null(imap_mutf7(bad[i]));
}
END_TEST

static Suite *
imap_suite(void)
{
	Suite *s = suite_create("imap");
	TCase *tc = tcase_create("imap");

	tcase_add_test(tc, test_mutf7);
	tcase_add_test(tc, test_mutf7_bad);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(imap_suite)
