/* Unit tests for form.c and webtoken.c: form decoding, confirmation tokens. */
#include <string.h>

#include "form.h"
#include "unit.h"
#include "util.h"
#include "web.h"
#include "webtoken.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
#define KL (sizeof key - 1)

static char *
fv(const char *body, const char *name, size_t *len)
{
	return form_value(body, strlen(body), name, len);
}

START_TEST(test_form)
{
	static const struct {
		const char *body, *name, *want;	/* want NULL: absent */
	} cases[] = {
		{ "List-Unsubscribe=One-Click", "List-Unsubscribe", "One-Click" },
		{ "a=1&b=2", "b", "2" },
		{ "a=1&b=2", "c", NULL },
		{ "name=%E6%96%B0+%E8%AF%BB%E8%80%85", "name", "新 读者" },
		{ "x=%zz%4", "x", "%zz%4" },		/* bad escapes kept */
		{ "x", "x", "" },			/* no '=' */
		{ "x=&y=2", "x", "" },
		{ "%78=1", "x", "1" },			/* names are decoded */
		{ "a=1&&x=3", "x", "3" },
		{ "name=A%0D%0ABcc:+e", "name", "A\r\nBcc: e" },
		{ "", "x", NULL },
		{ "x=1&x=2", "x", "1" },		/* the first one */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = 99;
		char *v = fv(cases[i].body, cases[i].name, &len);

		if (!cases[i].want) {
			ck_assert_msg(v == NULL, "case %zu", i);
			continue;
		}
		ck_assert_msg(v != NULL, "case %zu", i);
		ck_assert_str_eq(v, cases[i].want);
		ck_assert_uint_eq(len, strlen(cases[i].want));
		free(v);
	}
}
END_TEST

/* multipart/form-data (RFC 7578), as RFC 8058 asks one-click POSTs to be */
START_TEST(test_form_multipart)
{
	static const char ex[] = "--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
	static const char two[] = "preamble\r\n--b\r\nContent-Disposition: "
	    "form-data; name=\"name\"\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\n\r\n新读者\r\nline 2\r\n--b\r\n"
	    "content-disposition: form-data; name=email\r\n\r\n"
	    "a@example.org\r\n--b--";
	static const struct {
		const char *ct, *body, *name, *want;
	} cases[] = {
		{ "multipart/form-data; boundary=XyZ", ex, "List-Unsubscribe",
		    "One-Click" },
		{ "multipart/form-data, boundary=XyZ", ex, "List-Unsubscribe",
		    "One-Click" },			/* RFC 8058's comma */
		{ "Multipart/Form-Data; BOUNDARY=\"XyZ\"", ex,
		    "List-Unsubscribe", "One-Click" },
		{ "multipart/form-data; charset=x; boundary=XyZ", ex,
		    "List-Unsubscribe", "One-Click" },
		{ "multipart/form-data; boundary=b", two, "name",
		    "新读者\r\nline 2" },
		{ "multipart/form-data; boundary=b", two, "email",
		    "a@example.org" },
		{ "multipart/form-data; boundary=b", two, "emai", NULL },
		{ "multipart/form-data; boundary=b", two, "nam", NULL },
		{ "multipart/form-data; boundary=Q", ex, "List-Unsubscribe",
		    NULL },			/* another boundary */
		{ "multipart/form-data", ex, "List-Unsubscribe", NULL },
		{ "multipart/form-data; boundary=XyZ",
		    "--XyZ\r\nContent-Disposition: form-data; "
		    "name=\"List-Unsubscribe\"\r\n\r\nOne-Click",
		    "List-Unsubscribe", NULL },	/* no closing delimiter */
		{ "multipart/form-data; boundary=XyZ",
		    "--XyZ\r\nContent-Disposition: form-data; name=\"x\"",
		    "x", NULL },		/* headers never end */
		{ "multipart/form-data; boundary=XyZ", "--XyZ--\r\n", "x",
		    NULL },
		{ "application/x-www-form-urlencoded",
		    "List-Unsubscribe=One-Click", "List-Unsubscribe",
		    "One-Click" },
		{ NULL, "a=1", "a", "1" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = 99;
		char *v = form_field(cases[i].ct, cases[i].body,
		    strlen(cases[i].body), cases[i].name, &len);

		if (!cases[i].want) {
			ck_assert_msg(v == NULL, "case %zu: %s", i, v);
			continue;
		}
		ck_assert_msg(v != NULL, "case %zu", i);
		ck_assert_str_eq(v, cases[i].want);
		ck_assert_uint_eq(len, strlen(cases[i].want));
		free(v);
	}
}
END_TEST

START_TEST(test_form_nul)
{
	size_t len;
	char *v = fv("name=a%00b", "name", &len);

	ck_assert_uint_eq(len, 3);		/* the caller sees the NUL */
	ck_assert_uint_eq(strlen(v), 1);
	free(v);
	ck_assert_ptr_null(fv("na%00me=1", "na", &len));
}
END_TEST

/* "中文 · English" split so a page marks the English lang="en" */
START_TEST(test_bilingual)
{
	json_t *o = json_object();

	web_set_bilingual(o, "title", "订阅 · Subscribe");
	ck_assert_str_eq(json_string_value(json_object_get(o, "title")),
	    "订阅 · Subscribe");
	ck_assert_str_eq(json_string_value(json_object_get(o, "title_zh")),
	    "订阅");
	ck_assert_str_eq(json_string_value(json_object_get(o, "title_en")),
	    "Subscribe");
	web_set_bilingual(o, "error", "只有中文");
	ck_assert_str_eq(json_string_value(json_object_get(o, "error_zh")),
	    "只有中文");
	ck_assert_ptr_null(json_object_get(o, "error_en"));
	json_decref(o);
}
END_TEST

START_TEST(test_token)
{
	char t[WEBTOKEN_MAX], bad[2 * WEBTOKEN_MAX];
	long long id = 0;
	time_t now = 1700000000;

	webtoken_make(key, KL, 's', "aba", 42, now + 60, t);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", t, now, &id),
	    WT_OK);
	ck_assert_int_eq(id, 42);
	/* another purpose, list, key, or time */
	ck_assert_int_eq(webtoken_check(key, KL, 'u', "aba", t, now, &id),
	    WT_BAD);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "ab", t, now, &id),
	    WT_BAD);
	ck_assert_int_eq(webtoken_check((const unsigned char *)"x", 1, 's',
	    "aba", t, now, &id), WT_BAD);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", t, now + 61,
	    &id), WT_EXPIRED);
	/* any changed character, a shorter or a longer token */
	for (size_t i = 0; t[i]; i++) {
		memcpy(bad, t, sizeof t);
		bad[i] = bad[i] == '1' ? '2' : '1';
		ck_assert_msg(webtoken_check(key, KL, 's', "aba", bad, now,
		    &id) == WT_BAD, "position %zu", i);
	}
	memcpy(bad, t, sizeof t);
	bad[strlen(bad) - 1] = '\0';
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", bad, now, &id),
	    WT_BAD);
	snprintf(bad, sizeof bad, "%s0", t);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", bad, now, &id),
	    WT_BAD);
	/* a later expiry cannot be written in: the MAC covers it */
	snprintf(bad, sizeof bad, "s42-%lld-%s", (long long)now + 999,
	    strrchr(t, '-') + 1);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", bad, now, &id),
	    WT_BAD);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", NULL, now, &id),
	    WT_BAD);
	ck_assert_int_eq(webtoken_check(key, KL, 's', "aba", "s042-1-00",
	    now, &id), WT_BAD);
}
END_TEST

/* A confirmation mail's Message-ID digits: the key's, per list and row. */
START_TEST(test_msgid)
{
	char a[WEBTOKEN_MSGID_HEX + 1], b[WEBTOKEN_MSGID_HEX + 1];

	webtoken_msgid(key, KL, "aba", 42, a);
	ck_assert_uint_eq(strlen(a), WEBTOKEN_MSGID_HEX);
	ck_assert_uint_eq(strspn(a, "0123456789abcdef"), WEBTOKEN_MSGID_HEX);
	webtoken_msgid(key, KL, "aba", 42, b);
	ck_assert_str_eq(a, b);
	webtoken_msgid(key, KL, "aba", 43, b);
	ck_assert_str_ne(a, b);
	webtoken_msgid(key, KL, "ab", 42, b);
	ck_assert_str_ne(a, b);
	webtoken_msgid((const unsigned char *)"x", 1, "aba", 42, b);
	ck_assert_str_ne(a, b);
}
END_TEST

static Suite *
web_suite(void)
{
	Suite *s = suite_create("web");
	TCase *tc = tcase_create("web");

	tcase_add_test(tc, test_form);
	tcase_add_test(tc, test_form_nul);
	tcase_add_test(tc, test_form_multipart);
	tcase_add_test(tc, test_token);
	tcase_add_test(tc, test_msgid);
	tcase_add_test(tc, test_bilingual);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(web_suite)
