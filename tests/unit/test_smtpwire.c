/*
 * Unit tests for smtpwire.c: the commands of a transaction, dot-stuffing
 * across pieces (RFC 5321, 4.5.2), where a reply ends, EHLO keywords.
 * The stuffed output is checked by undoing it as a server does.
 */
#include <string.h>

#include "smtpwire.h"
#include "unit.h"

/* What a server stores: lines up to ".", each leading "." removed. */
static char *
unstuff(const char *p, size_t n, int *ended)
{
	struct buf out = BUF_INIT;
	const char *end = p + n;

	*ended = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl + 1 - p) : (size_t)(end - p);

		if (len == 3 && !memcmp(p, ".\r\n", 3)) {
			*ended = p + 3 == end;
			break;
		}
		if (*p == '.') {
			p++;
			len--;
		}
		buf_add(&out, p, len);
		p += len;
	}
	return buf_detach(&out);
}

START_TEST(test_commands)
{
	struct buf b = BUF_INIT;
	size_t cut[2];

	smtpwire_commands(&b, "bounces+x@example.org", "a@example.net", 0, NULL,
	    cut);
	ck_assert_str_eq(b.data, "MAIL FROM:<bounces+x@example.org>\r\n"
	    "RCPT TO:<a@example.net>\r\nDATA\r\n");
	ck_assert_uint_eq(cut[0], strlen("MAIL FROM:<bounces+x@example.org>"
	    "\r\n"));
	ck_assert_uint_eq(cut[1], cut[0] + strlen("RCPT TO:<a@example.net>"
	    "\r\n"));
	buf_reset(&b);
	smtpwire_commands(&b, "", "李四@example.net", 1, NULL, cut);
	ck_assert_str_eq(b.data, "MAIL FROM:<> SMTPUTF8\r\n"
	    "RCPT TO:<李四@example.net>\r\nDATA\r\n");
	buf_reset(&b);
	smtpwire_commands(&b, "b@x.org", "a@y.net", 0, "tok2abc", cut);
	ck_assert_str_eq(b.data, "MAIL FROM:<b@x.org> ENVID=tok2abc\r\n"
	    "RCPT TO:<a@y.net>\r\nDATA\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(test_stuff_pieces)
{
	static const char *head = ".starts the head\r\nX: y\r\n";
	static const char *data = ".starts the data\r\nmid . dot\r\n"
	    "..two\r\n.\r\nlast\r\n";
	struct buf b = BUF_INIT;
	int bol = 1, ended;
	char *back;

	smtpwire_stuff(&b, head, strlen(head), &bol);
	ck_assert_int_eq(bol, 1);
	smtpwire_stuff(&b, data, strlen(data), &bol);
	smtpwire_end(&b, bol);
	ck_assert_ptr_nonnull(strstr(b.data, "\r\n..starts the data\r\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "\r\n...two\r\n..\r\nlast"));
	ck_assert(!strncmp(b.data, "..starts the head", 17));
	back = unstuff(b.data, b.len, &ended);
	ck_assert_int_eq(ended, 1);
	ck_assert_str_eq(back, ".starts the head\r\nX: y\r\n.starts the data"
	    "\r\nmid . dot\r\n..two\r\n.\r\nlast\r\n");
	free(back);
	buf_free(&b);
}
END_TEST

/* A piece that ends mid-line: the next starts no line. */
START_TEST(test_stuff_split_line)
{
	struct buf b = BUF_INIT;
	int bol = 1, ended;
	char *back;

	smtpwire_stuff(&b, "abc", 3, &bol);
	ck_assert_int_eq(bol, 0);
	smtpwire_stuff(&b, ".def\r\n.", 7, &bol);
	ck_assert_int_eq(bol, 0);
	smtpwire_end(&b, bol);
	ck_assert_str_eq(b.data, "abc.def\r\n..\r\n.\r\n");
	back = unstuff(b.data, b.len, &ended);
	ck_assert_int_eq(ended, 1);
	ck_assert_str_eq(back, "abc.def\r\n.\r\n");
	free(back);
	buf_free(&b);
}
END_TEST

START_TEST(test_stuff_bare_lf)
{
	struct buf b = BUF_INIT;
	int bol = 1;

	smtpwire_stuff(&b, "a\n.b\n", 5, &bol);
	ck_assert_str_eq(b.data, "a\n..b\n");
	buf_free(&b);
}
END_TEST

START_TEST(test_reply)
{
	static const char *two = "250 2.1.0 Ok\r\n250-2.1.5 first\r\n"
	    "250 2.1.5 Ok\r\n354 go\r\n";
	size_t n, at = 0;
	int code = 0;

	n = smtpwire_reply(two, strlen(two), &code);
	ck_assert_uint_eq(n, strlen("250 2.1.0 Ok\r\n"));
	ck_assert_int_eq(code, 250);
	at += n;
	n = smtpwire_reply(two + at, strlen(two) - at, &code);
	ck_assert_uint_eq(n, strlen("250-2.1.5 first\r\n250 2.1.5 Ok\r\n"));
	at += n;
	n = smtpwire_reply(two + at, strlen(two) - at, &code);
	ck_assert_int_eq(code, 354);
	ck_assert_uint_eq(at + n, strlen(two));
	/* incomplete: a continuation line, a line without its LF */
	ck_assert_uint_eq(smtpwire_reply("250-a\r\n", 7, &code), 0);
	ck_assert_uint_eq(smtpwire_reply("250 a", 5, &code), 0);
	ck_assert_uint_eq(smtpwire_reply("", 0, &code), 0);
	/* a bare code, and LF without CR */
	ck_assert_uint_eq(smtpwire_reply("221\r\n", 5, &code), 5);
	ck_assert_int_eq(code, 221);
	ck_assert_uint_eq(smtpwire_reply("451 x\n", 6, &code), 6);
	ck_assert_int_eq(code, 451);
	/* no code: malformed, the line taken */
	ck_assert_uint_eq(smtpwire_reply("hello\r\n", 7, &code), 7);
	ck_assert_int_eq(code, -1);
	ck_assert_uint_eq(smtpwire_reply("25 x\r\n", 6, &code), 6);
	ck_assert_int_eq(code, -1);
	ck_assert_uint_eq(smtpwire_reply("250x\r\n", 6, &code), 6);
	ck_assert_int_eq(code, -1);
}
END_TEST

START_TEST(test_ehlo_has)
{
	ck_assert(smtpwire_ehlo_has("250-PIPELINING\r\n", 16, "PIPELINING"));
	ck_assert(smtpwire_ehlo_has("250 pipelining", 14, "PIPELINING"));
	ck_assert(smtpwire_ehlo_has("250-SIZE 1000", 13, "SIZE"));
	ck_assert(!smtpwire_ehlo_has("250-PIPELININGX", 15, "PIPELINING"));
	ck_assert(!smtpwire_ehlo_has("250-X-PIPELINING", 16, "PIPELINING"));
	ck_assert(!smtpwire_ehlo_has("550 PIPELINING", 14, "PIPELINING"));
	ck_assert(!smtpwire_ehlo_has("250-SMTP", 8, "SMTPUTF8"));
	ck_assert(smtpwire_ehlo_has("250 SMTPUTF8\n", 13, "SMTPUTF8"));
}
END_TEST

/* RFC 3461, 4: xtext, and back */
START_TEST(test_xtext)
{
	struct buf b = BUF_INIT, back = BUF_INIT;
	static const char *s = "a+b=c d\x7f\xc3\xa9~!";

	smtpwire_xtext(&b, s);
	ck_assert_str_eq(b.data, "a+2Bb+3Dc+20d+7F+C3+A9~!");
	smtpwire_unxtext(&back, b.data, b.len);
	ck_assert_str_eq(back.data, s);
	/* lower-case hex read too; a "+" without two hex digits kept */
	smtpwire_unxtext(&back, "x+2by+4", 7);
	ck_assert_str_eq(back.data, "x+y+4");
	smtpwire_unxtext(&back, "+zz+", 4);
	ck_assert_str_eq(back.data, "+zz+");
	smtpwire_unxtext(&back, "", 0);
	ck_assert_str_eq(back.data, "");
	buf_free(&b);
	buf_free(&back);
}
END_TEST

static Suite *
smtpwire_suite(void)
{
	Suite *s = suite_create("smtpwire");
	TCase *tc = tcase_create("smtpwire");

	tcase_add_test(tc, test_commands);
	tcase_add_test(tc, test_stuff_pieces);
	tcase_add_test(tc, test_stuff_split_line);
	tcase_add_test(tc, test_stuff_bare_lf);
	tcase_add_test(tc, test_reply);
	tcase_add_test(tc, test_ehlo_has);
	tcase_add_test(tc, test_xtext);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(smtpwire_suite)
