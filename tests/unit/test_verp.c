/* Unit tests for verp.c: token round trip, tampering, length, keys. */
#include <string.h>
#include <sys/stat.h>

#include "unit.h"
#include "util.h"
#include "verp.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";
#define KL (sizeof key - 1)

START_TEST(test_round_trip)
{
	char tok[64], id[16], want[VERP_ID_LEN + 1];

	ck_assert_int_eq(verp_token(key, KL, "2021-01", "chengdu",
	    "li.wei@example.cn", tok, sizeof tok), 0);
	ck_assert_uint_eq(strlen(tok), VERP_TOKEN_LEN);
	ck_assert_uint_le(strlen("bounces+") + strlen(tok), 64);
	ck_assert_int_eq(strspn(tok, "abcdefghijklmnopqrstuvwxyz234567"),
	    VERP_TOKEN_LEN);
	ck_assert_int_eq(verp_check(key, KL, tok, id, sizeof id), 0);
	verp_id("2021-01", "chengdu", "li.wei@example.cn", want);
	ck_assert_str_eq(id, want);
	for (char *p = tok; *p; p++)	/* an MTA folded the case */
		if (*p >= 'a' && *p <= 'z')
			*p -= 32;
	ck_assert_int_eq(verp_check(key, KL, tok, id, sizeof id), 0);
	ck_assert_str_eq(id, want);
}
END_TEST

/*
 * A key made ready once gives the tokens verp_token gives, for keys
 * shorter and longer than SHA-256's block (HMAC hashes a long one first),
 * and the same key serves many tokens.
 */
START_TEST(test_token_mac)
{
	static const char *const addr[] = { "li.wei@example.cn", "a@b.example",
	    "Bob.Smith@Example.ORG", "x" };
	unsigned char big[200];
	const unsigned char *keys[] = { key, big };
	size_t lens[] = { KL, sizeof big };
	char tok[64], want[64], id[VERP_ID_LEN + 1];

	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 7 + 1);
	for (size_t k = 0; k < 2; k++) {
		struct verp_mac *m = verp_mac_new(keys[k], lens[k]);

		for (int round = 0; round < 2; round++)
			for (size_t a = 0; a < 4; a++) {
				verp_id("2021-01", "chengdu", addr[a], id);
				ck_assert_int_eq(verp_token_mac(m, id, tok,
				    sizeof tok), 0);
				ck_assert_int_eq(verp_token(keys[k], lens[k],
				    "2021-01", "chengdu", addr[a], want,
				    sizeof want), 0);
				ck_assert_str_eq(tok, want);
			}
		ck_assert_int_eq(verp_token_mac(m, id, tok, VERP_TOKEN_LEN),
		    -1);
		ck_assert_int_eq(verp_token_mac(m, "short", tok, sizeof tok),
		    -1);
		ck_assert_int_eq(verp_token_mac(m, "0000000000000", tok,
		    sizeof tok), -1);	/* 0 is no base32 letter */
		verp_mac_free(m);
	}
	verp_mac_free(NULL);
}
END_TEST

START_TEST(test_tamper)
{
	char tok[64], bad[64], id[16];

	verp_token(key, KL, "2021-01", "chengdu", "a@b.example", tok,
	    sizeof tok);
	for (size_t i = 0; i < VERP_TOKEN_LEN; i++) {
		memcpy(bad, tok, sizeof tok);
		bad[i] = bad[i] == 'a' ? 'b' : 'a';
		ck_assert_int_eq(verp_check(key, KL, bad, id, sizeof id), -1);
	}
	ck_assert_int_eq(verp_check(key, KL, "", id, sizeof id), -1);
	ck_assert_int_eq(verp_check(key, KL, "bounces", id, sizeof id), -1);
	memcpy(bad, tok, sizeof tok);
	bad[3] = '\x12';	/* would fold onto a digit */
	ck_assert_int_eq(verp_check(key, KL, bad, id, sizeof id), -1);
	ck_assert_int_eq(verp_check((const unsigned char *)"another key 1234",
	    16, tok, id, sizeof id), -1);
	ck_assert_int_eq(verp_token(key, KL, "i", "l", "e", tok, 29), -1);
}
END_TEST

/*
 * verp_token_form: a token of ours in form, MAC right or wrong, either
 * case; not a subaddress of another kind, nor a token cut or lengthened.
 */
START_TEST(test_token_form)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1 },
		{ "AAAAAAAAAAAAAAAAAAAAAAAAA2345", 1 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
		/* 0, 1, 8 and 9 are no base32 digits */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaa1", 0 },
		{ "shop-orders", 0 },
		{ "", 0 },
	};
	const char *plus = "shop+aaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
	char tok[64];

	verp_token(key, KL, "2021-01", "chengdu", "a@b.example", tok,
	    sizeof tok);
	ck_assert_int_eq(verp_token_form(tok, strlen(tok)), 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(verp_token_form(cases[i].s, strlen(cases[i].s)) ==
		    cases[i].want, "%s", cases[i].s);
	/* n, not the NUL, ends it; a NUL within n ends it short */
	ck_assert_int_eq(verp_token_form(plus, strlen(plus)), 0);
	ck_assert_int_eq(verp_token_form(plus + 5, 29), 1);
	ck_assert_int_eq(verp_token_form("aaaa", 29), 0);
}
END_TEST

START_TEST(test_distinct)
{
	char a[64], b[64], c[64];

	verp_token(key, KL, "2021-01", "chengdu", "a@b.example", a, sizeof a);
	verp_token(key, KL, "2021-01", "deyang", "a@b.example", b, sizeof b);
	verp_token(key, KL, "2021-02", "chengdu", "a@b.example", c, sizeof c);
	ck_assert_str_ne(a, b);
	ck_assert_str_ne(a, c);
	/* the separator keeps ("ab","c") and ("a","bc") apart */
	verp_token(key, KL, "i", "ab", "c", a, sizeof a);
	verp_token(key, KL, "i", "a", "bc", b, sizeof b);
	ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_keys)
{
	char path[] = "/tmp/verpkeyXXXXXX";
	unsigned char *k;
	size_t len;
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ne(fd, -1);
	close(fd);
	unlink(path);
	ck_assert_int_eq(verp_make_key(path), 0);
	ck_assert_int_eq(verp_make_key(path), 0);	/* exists: kept */
	ck_assert_int_eq(verp_load_key(path, &k, &len), 0);
	ck_assert_uint_eq(len, 32);
	free(k);
	chmod(path, 0640);
	ck_assert_int_eq(verp_load_key(path, &k, &len), -1);
	f = fopen(path, "w");
	fputs("short", f);
	fclose(f);
	chmod(path, 0600);
	ck_assert_int_eq(verp_load_key(path, &k, &len), -1);
	unlink(path);
}
END_TEST

/* The token rides at the end of a Message-ID's local part. */
START_TEST(test_msgid)
{
	static const char *const none[] = {
		NULL, "", "<a@b>", "<PREVIEW@example.org>",
		"<2021-01.aba.s.1.PREVIEW@example.org>",
		"<aaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org>",	/* no dot */
		"<x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.org>",	/* 30 */
		"<x.aaaaaaaaaaaaaaaaaaaaaaaaaaaaa>",		/* no @ */
	};
	char tok[VERP_TOKEN_LEN + 1], got[VERP_TOKEN_LEN + 1];
	char id[VERP_ID_LEN + 1], *mid;

	ck_assert_int_eq(verp_token(key, sizeof key - 1, "2021-01", "aba",
	    "a@example.net", tok, sizeof tok), 0);
	mid = xasprintf("<2021-01.aba.0123456789abcdef.12.%s@example.org>",
	    tok);
	for (char *p = mid; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');	/* case folded */
	ck_assert_int_eq(verp_token_in_msgid(mid, got, sizeof got), 0);
	ck_assert_str_eq(got, tok);
	ck_assert_int_eq(verp_check(key, sizeof key - 1, got, id, sizeof id),
	    0);
	ck_assert_int_eq(verp_token_in_msgid(mid, got, VERP_TOKEN_LEN), -1);
	free(mid);
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		ck_assert_msg(verp_token_in_msgid(none[i], got, sizeof got) ==
		    -1, "%s", none[i] ? none[i] : "NULL");
}
END_TEST

/* A relay's echo of the envelope sender shows no token. */
START_TEST(test_mask)
{
	static const char *const cases[][2] = {
		{ "553 5.7.1 <bounces+n7aj5fdwu26lwjr5g7cq7tdk6kxok@b.test>: no",
		    "553 5.7.1 <bounces+TOKEN@b.test>: no" },
		{ "550 <BOUNCES+N7AJ5FDWU26LWJR5G7CQ7TDK6KXOK@b.test> and "
		    "<unsubscribe+abcdefghijk@b.test>",
		    "550 <BOUNCES+TOKEN@b.test> and <unsubscribe+TOKEN@b.test>" },
		{ "550 <user+tag@example.org>", "550 <user+tag@example.org>" },
		{ "550 <bounces+abc@x>", "550 <bounces+abc@x>" },
		{ "550 bounces+abcdefgh", "550 bounces+abcdefgh" },
		{ "+bounces+", "+bounces+" },
	};
	char buf[128];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(buf, sizeof buf, "%s", cases[i][0]);
		verp_mask(buf);
		ck_assert_str_eq(buf, cases[i][1]);
	}
}
END_TEST

static Suite *
verp_suite(void)
{
	Suite *s = suite_create("verp");
	TCase *tc = tcase_create("verp");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_tamper);
	tcase_add_test(tc, test_token_form);
	tcase_add_test(tc, test_token_mac);
	tcase_add_test(tc, test_distinct);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_msgid);
	tcase_add_test(tc, test_mask);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(verp_suite)
