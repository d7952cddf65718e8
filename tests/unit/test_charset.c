/*
 * Unit tests for charset.c: the decoder each declared label stands for,
 * and the guess for labels iconv does not know.
 */
#include <string.h>

#include "charset.h"
#include "unit.h"

START_TEST(test_decoder)
{
	static const struct {
		const char *label, *decoder;
	} t[] = {
		{ "x-gbk", "GB18030" }, { "GB2312", "GB18030" },
		{ "windows-936", "GB18030" }, { "x-big5", "BIG5-HKSCS" },
		{ "ks_c_5601-1987", "CP949" }, { "EUC-KR", "CP949" },
		{ "x-sjis", "CP932" }, { "Shift_JIS", "CP932" },
		{ "x-euc-jp", "EUC-JP" }, { "iso-8859-1", "WINDOWS-1252" },
		{ "utf8", "UTF-8" }, { "eucgb2312_cn", "GB18030" },
		{ "big5_tw", "BIG5-HKSCS" },
		{ "x-cp1251", "WINDOWS-1251" }, { "win-1250", "WINDOWS-1250" },
		{ "cp-1252", "WINDOWS-1252" },
		/* labels iconv knows as they are */
		{ "koi8-u", "koi8-u" }, { "iso-2022-jp", "iso-2022-jp" },
		{ "windows-1251", "windows-1251" }, { "big5-hkscs", "big5-hkscs" },
		/* no windows code page: left alone */
		{ "x-cp12345", "x-cp12345" }, { "x-cp437", "x-cp437" },
		{ "x-cp1259", "x-cp1259" }, { "win-125x", "win-125x" },
		/* shorter than a prefix: nothing read past the label's end */
		{ "x", "x" }, { "", "" }, { "cp", "cp" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_str_eq(charset_decoder(t[i].label), t[i].decoder);
}
END_TEST

START_TEST(test_unknown)
{
	ck_assert_str_eq(charset_unknown("Empf\xc3\xa4nger", 10), "UTF-8");
	ck_assert_str_eq(charset_unknown("plain", 5), "UTF-8");
	ck_assert_str_eq(charset_unknown("Empf\xe4nger", 9), "WINDOWS-1252");
	ck_assert_str_eq(charset_unknown("\xc3", 1), "WINDOWS-1252");
	/* a UTF-16 surrogate and an overlong form are not UTF-8 (RFC 3629) */
	ck_assert_str_eq(charset_unknown("\xed\xa0\x80", 3), "WINDOWS-1252");
	ck_assert_str_eq(charset_unknown("\xe0\x80\xaf", 3), "WINDOWS-1252");
	/* past the eight-byte ASCII runs, and a character across them */
	ck_assert_str_eq(charset_unknown("0123456789abcdef\xe4", 17),
	    "WINDOWS-1252");
	ck_assert_str_eq(charset_unknown("0123456\xc3\xa4" "9abcdefgh", 18),
	    "UTF-8");
	ck_assert_str_eq(charset_unknown("0123456\xc3", 8), "WINDOWS-1252");
}
END_TEST

static Suite *
charset_suite(void)
{
	Suite *s = suite_create("charset");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_decoder);
	tcase_add_test(tc, test_unknown);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(charset_suite)
