/*
 * Unit tests for srs.c: the address inside SRS0 and SRS1 addresses as
 * libsrs2, postsrsd and Mail::SRS write them, and what is none.
 */
#include <string.h>

#include "srs.h"
#include "unit.h"

static void
expect(const char *addr, const char *want)
{
	char *got = srs_original(addr, strlen(addr));

	if (!want)
		ck_assert_msg(!got, "%s: \"%s\", want none", addr, got);
	else
		ck_assert_msg(got && !strcmp(got, want), "%s: \"%s\", want "
		    "\"%s\"", addr, got ? got : "(none)", want);
	free(got);
}

START_TEST(test_srs0)
{
	expect("SRS0=HHH=TT=bounce.test=bounces+tok@fwd.test",
	    "bounces+tok@bounce.test");
	expect("<SRS0=Ab1c=2K=bounce.test=bounces+tok@fwd.test>",
	    "bounces+tok@bounce.test");
	expect("  <srs0+Ab1c=2K=Bounce.Test=Bounces+TOK@fwd.test>",
	    "Bounces+TOK@Bounce.Test");
	expect("SRS0-x=yy=bounce.test=bounces+tok@fwd.test",
	    "bounces+tok@bounce.test");
	/* the original local part may itself hold '=' and '@' is the last */
	expect("SRS0=h=tt=d.test=a=b@fwd.test", "a=b@d.test");
	expect("SRS0=h=tt=d.test=x@y@fwd.test", "x@y@d.test");
}
END_TEST

START_TEST(test_srs1)
{
	expect("SRS1=XXXX=fwd1.test==HHH=TT=bounce.test=bounces+tok@"
	    "fwd2.test", "bounces+tok@bounce.test");
	expect("<srs1=XXXX=fwd1.test=+HHH=TT=bounce.test=bounces+tok@"
	    "fwd3.test>", "bounces+tok@bounce.test");
	expect("SRS1+XXXX=fwd1.test=-HHH=TT=bounce.test=bounces+tok@"
	    "fwd2.test", "bounces+tok@bounce.test");
}
END_TEST

START_TEST(test_not_srs)
{
	static const char *const none[] = {
		"bounces+tok@bounce.test",
		"<>",
		"",
		"SRS0=HHH=TT=bounce.test=bounces+tok",		/* no '@' */
		"SRS0=HHH=TT=bounce.test=@fwd.test",		/* no local */
		"SRS0=HHH=TT=bounce.test@fwd.test",
		"SRS0=HHH=TT==bounces+tok@fwd.test",		/* no domain */
		"SRS0==TT=bounce.test=bounces+tok@fwd.test",	/* no hash */
		"SRS0=HHH==bounce.test=bounces+tok@fwd.test",	/* no time */
		"SRS0HHH=TT=bounce.test=bounces+tok@fwd.test",
		"SRS0_HHH=TT=bounce.test=bounces+tok@fwd.test",
		"SRS2=HHH=TT=bounce.test=bounces+tok@fwd.test",
		"xSRS0=HHH=TT=bounce.test=bounces+tok@fwd.test",
		"SRS1=XXXX=fwd1.test=HHH=TT=bounce.test=bounces+tok@f.test",
		"SRS1=XXXX==HHH=TT=bounce.test=bounces+tok@fwd2.test",
		"SRS1=XXXX=fwd1.test=@fwd2.test",
		"SRS1=XXXX=fwd1.test==HHH=TT=bounce.test=@fwd2.test",
		"SRS0=HHH=TT=bounce.test=bounces+tok @fwd.test",
	};

	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		expect(none[i], NULL);
}
END_TEST

/* Only addr[0..n) is read: what follows the length given is not. */
START_TEST(test_length)
{
	static const char a[] = "SRS0=HHH=TT=bounce.test=bounces+tok@fwd.test";
	char *got = srs_original(a, strlen("SRS0=HHH=TT=bounce.test=bounces"));

	ck_assert_ptr_null(got);
	got = srs_original(a, sizeof a - 1);
	ck_assert_str_eq(got, "bounces+tok@bounce.test");
	free(got);
}
END_TEST

static Suite *
srs_suite(void)
{
	Suite *s = suite_create("srs");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_srs0);
	tcase_add_test(tc, test_srs1);
	tcase_add_test(tc, test_not_srs);
	tcase_add_test(tc, test_length);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(srs_suite)
