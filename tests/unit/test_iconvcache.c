/*
 * Unit tests for iconvcache.c: every conversion through the kept-open
 * descriptors gives what libetpan's own iconv path gives (the reference,
 * run with the hook unset), byte for byte.
 */
#include <string.h>

#include <libetpan/libetpan.h>

#include "iconvcache.h"
#include "unit.h"

struct conv {
	int rc;
	char *out;
	size_t len;
};

/* charconv_buffer through libetpan's own path (hook 0) or ours (1). */
static struct conv
convert(int hooked, const char *from, const char *s, size_t n)
{
	struct conv c = { 0, NULL, 0 };
	char *out = NULL;

	extended_charconv = hooked ? iconvcache_conv : NULL;
	c.rc = charconv_buffer("utf-8", from, s, n, &out, &c.len);
	extended_charconv = NULL;
	if (c.rc == MAIL_CHARCONV_NO_ERROR) {
		c.out = xmalloc(c.len + 1);
		memcpy(c.out, out, c.len);
		c.out[c.len] = '\0';
		charconv_buffer_free(out);
	}
	return c;
}

/* Ours against libetpan's on one input; returns ours (to be freed). */
static char *
same(const char *from, const char *s, size_t n)
{
	struct conv ref = convert(0, from, s, n);
	struct conv got = convert(1, from, s, n);

	ck_assert_msg(got.rc == ref.rc, "%s: rc %d, libetpan %d", from,
	    got.rc, ref.rc);
	ck_assert_msg(got.len == ref.len && (!ref.len ||
	    !memcmp(got.out, ref.out, ref.len)), "%s: \"%s\", libetpan \"%s\"",
	    from, got.out ? got.out : "", ref.out ? ref.out : "");
	free(ref.out);
	return got.out;
}

#define SAME(from, lit) free(same(from, lit, sizeof lit - 1))

START_TEST(test_charsets)
{
	SAME("iso-8859-1", "Empf\xe4nger unbekannt");
	SAME("windows-1252", "\x93quoted\x94 \x80 5");
	SAME("gb18030", "\xd3\xc3\xbb\xa7\xb2\xbb\xb4\xe6\xd4\xda");
	SAME("gb2312", "\xd3\xc3\xbb\xa7");	/* libetpan reads it as GBK */
	SAME("shift_jis", "\x88\xb6\x90\xe6\x95\x73\x96\xbe");
	SAME("koi8-r", "\xf0\xd2\xc9\xd7\xc5\xd4");
	SAME("utf-8", "plain");
	SAME("us-ascii", "plain");
}
END_TEST

/* 7-bit text is copied, not converted: the same bytes as iconv's. */
START_TEST(test_ascii_copy)
{
	SAME("US-ASCII", "multipart/report; report-type=delivery-status");
	SAME("utf-8", "tab\tcr\rlf\n\x01\x1b$B\x7f end");
	SAME("us-ascii", "nul\0inside");
	SAME("utf-8", "");
	/* looks like ASCII, is not: decoded by iconv */
	SAME("unicode-1-1-utf-7", "a+AGEA-b");
	SAME("iso-2022-jp", "\x1b$B$3$s\x1b(B ok");
	/* an output too small takes what fits, copied as converted */
	for (int copy = 0; copy < 2; copy++) {
		char out[8] = "";
		size_t len = 3;

		ck_assert_int_eq(iconvcache_conv("utf-8", copy ? "us-ascii" :
		    "iso-8859-1", "abcdef", 6, out, &len),
		    MAIL_CHARCONV_NO_ERROR);
		ck_assert_uint_eq(len, 3);
		ck_assert_str_eq(out, "abc");
	}
}
END_TEST

/* Each byte iconv cannot take is one "?", and the text goes on. */
START_TEST(test_bad_bytes)
{
	char *s;

	SAME("shift_jis", "ab\xff\xff" "cd\x88\xb6");
	SAME("utf-8", "a\xc3(b\xe2\x82z");
	s = same("us-ascii", "a\x80" "b", 3);
	ck_assert_str_eq(s, "a?b");
	free(s);
}
END_TEST

/* A sequence cut off at the end stops the text there, as libetpan's. */
START_TEST(test_cut_off)
{
	SAME("gb18030", "ab\xd3");
	SAME("utf-8", "ab\xe4\xb8");
	SAME("shift_jis", "x\x88");
}
END_TEST

/*
 * ISO-2022-JP keeps a state: a text that ends shifted into JIS X 0208 must
 * not leave the next one read as kanji.
 */
START_TEST(test_state_reset)
{
	char *s;

	SAME("iso-2022-jp", "\x1b$B8=:_\x1b(B ok");
	free(same("iso-2022-jp", "\x1b$B8=:_", 7));	/* left shifted */
	s = same("iso-2022-jp", "abc", 3);
	ck_assert_str_eq(s, "abc");
	free(s);
}
END_TEST

START_TEST(test_unknown_charset)
{
	SAME("x-no-such-charset", "abc");
	SAME("", "abc");
}
END_TEST

/* More charsets than descriptors kept: each still converts right. */
START_TEST(test_many_charsets)
{
	static const char *const cs[] = { "iso-8859-1", "iso-8859-2",
		"iso-8859-5", "iso-8859-7", "iso-8859-15", "windows-1250",
		"windows-1251", "koi8-r", "koi8-u", "big5", "euc-kr",
		"euc-jp" };

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++)
			SAME(cs[i], "x\xe4\xc1y");
}
END_TEST

static Suite *
iconvcache_suite(void)
{
	Suite *s = suite_create("iconvcache");
	TCase *tc = tcase_create("iconvcache");

	tcase_add_test(tc, test_charsets);
	tcase_add_test(tc, test_ascii_copy);
	tcase_add_test(tc, test_bad_bytes);
	tcase_add_test(tc, test_cut_off);
	tcase_add_test(tc, test_state_reset);
	tcase_add_test(tc, test_unknown_charset);
	tcase_add_test(tc, test_many_charsets);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(iconvcache_suite)
