/*
 * Unit tests for util.c: buffers, HTML escaping, base64, the string set,
 * UTF-8, the out-of-memory handler.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "unit.h"
#include "util.h"

START_TEST(test_buf)
{
	struct buf b = BUF_INIT;
	char *s;

	buf_adds(&b, "ab");
	buf_addc(&b, 'c');
	buf_printf(&b, "%d-%s", 42, "x");
	ck_assert_str_eq(b.data, "abc42-x");
	ck_assert_uint_eq(b.len, 7);
	s = buf_detach(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_str_eq(s, "abc42-x");
	free(s);
}
END_TEST

/*
 * buf_printf writes into the room the buffer has and formats again only
 * when that was short: every length around the room's end (one short,
 * exact, one over) gives the same bytes as snprintf, NUL-terminated.
 */
START_TEST(test_buf_printf_room)
{
	char want[200], arg[100];

	for (size_t pre = 0; pre < 70; pre++)
		for (size_t n = 0; n < 70; n++) {
			struct buf b = BUF_INIT;

			memset(arg, 'y', n);
			arg[n] = '\0';
			for (size_t i = 0; i < pre; i++)
				buf_addc(&b, 'x');
			buf_printf(&b, "<%s>", arg);
			buf_printf(&b, "%zu", n);
			snprintf(want, sizeof want, "%.*s<%s>%zu", (int)pre,
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", arg, n);
			ck_assert_uint_eq(b.len, strlen(want));
			ck_assert_str_eq(b.data, want);
			buf_free(&b);
		}
}
END_TEST

START_TEST(test_strset)
{
	struct strset set = STRSET_INIT;
	char key[32];

	ck_assert_int_eq(strset_has(&set, "a@x"), 0);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof key, "u%d@x.test", i);
		strset_add(&set, key);
	}
	ck_assert_int_eq(strset_add(&set, "u7@x.test"), 1);	/* no copy */
	ck_assert_uint_eq(set.n, 1000);
	ck_assert_int_eq(strset_has(&set, "u999@x.test"), 1);
	ck_assert_int_eq(strset_has(&set, "U999@x.test"), 0);
	ck_assert_int_eq(strset_has(&set, "u1000@x.test"), 0);
	ck_assert_int_eq(strset_has(&set, ""), 0);
	strset_free(&set);
	ck_assert_int_eq(strset_has(&set, "u1@x.test"), 0);
	strset_free(&set);
}
END_TEST

/* The set as a map, ignoring case; deletions checked against a mirror. */
START_TEST(test_strset_map)
{
	struct strset set = STRSET_INIT_NOCASE;
	static long val[3000];
	char key[32];
	int in[3000] = { 0 };
	unsigned r = 12345;

	ck_assert_ptr_null(strset_get(&set, "x"));
	ck_assert_ptr_null(strset_del(&set, "x"));
	ck_assert_int_eq(strset_add(&set, "Example.ORG"), 0);
	ck_assert_int_eq(strset_add(&set, "example.org"), 1);
	ck_assert_int_eq(strset_has(&set, "EXAMPLE.org"), 1);
	strset_put(&set, "example.Org", &val[0]);
	ck_assert_ptr_eq(strset_get(&set, "EXAMPLE.ORG"), &val[0]);
	ck_assert_uint_eq(set.n, 1);
	ck_assert_ptr_eq(strset_del(&set, "example.org"), &val[0]);
	ck_assert_uint_eq(set.n, 0);
	/* random puts and deletions over a small key space */
	for (int step = 0; step < 200000; step++) {
		int k;

		r = r * 1103515245u + 12345u;
		k = (int)((r >> 8) % 3000);
		snprintf(key, sizeof key, "K%d.test", k);
		if ((r >> 4) & 1) {
			strset_put(&set, key, &val[k]);
			in[k] = 1;
		} else {
			ck_assert_ptr_eq(strset_del(&set, key),
			    (in[k] ? &val[k] : NULL));
			in[k] = 0;
		}
	}
	for (int k = 0; k < 3000; k++) {
		snprintf(key, sizeof key, "k%d.TEST", k);
		ck_assert_int_eq(strset_has(&set, key), in[k]);
		ck_assert_ptr_eq(strset_get(&set, key),
		    (in[k] ? &val[k] : NULL));
	}
	strset_free(&set);
}
END_TEST

START_TEST(test_html)
{
	struct buf b = BUF_INIT;

	buf_add_html(&b, "<a href=\"x\" title='y'>&</a>");
	ck_assert_str_eq(b.data, "&lt;a href=&quot;x&quot; title=&#39;y&#39;"
	    "&gt;&amp;&lt;/a&gt;");
	buf_reset(&b);
	buf_add_html(&b, NULL);
	buf_add_html_n(&b, "a\0<", 3);	/* a NUL is no end: a space */
	ck_assert_uint_eq(b.len, 6);
	ck_assert_int_eq(memcmp(b.data, "a &lt;", 7), 0);
	buf_reset(&b);
	/* no XML 1.0 document may hold C0 controls but tab, LF and CR, nor
	   U+FFFE and U+FFFF (Word's line break is a \v) */
	buf_add_html(&b, "a\vb\x01\x1f\t\n\r\x7f\xef\xbf\xbe\xef\xbf\xbf"
	    "\xef\xbf\xbd\xef\xbc\x81\xef");
	ck_assert_str_eq(b.data, "a b  \t\n\r\x7f\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbc\x81\xef");
	buf_free(&b);
}
END_TEST

/* dates and section numbers as zh-CN readers write and hear them */
START_TEST(test_zh)
{
	static const struct { const char *in, *out; } d[] = {
		{ "2021-01-20", "2021年1月20日" },
		{ "1999-12-01", "1999年12月1日" },
		{ "2021-1-20", "2021-1-20" },	/* no ISO date: as it is */
		{ "2021-13-01", "2021-13-01" },
		{ "2026-02-30", "2026-02-30" },	/* no day of the calendar */
		{ "2024-02-29", "2024年2月29日" },
		{ "2021-01-20x", "2021-01-20x" },
		{ "", "" },
	};
	static const struct { int n; const char *out; } n[] = {
		{ 1, "一" }, { 9, "九" }, { 10, "十" }, { 11, "十一" },
		{ 20, "二十" }, { 21, "二十一" }, { 99, "九十九" },
		{ 0, "0" }, { 100, "100" },
	};
	char num[16], *s;

	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		s = date_zh(d[i].in);
		ck_assert_str_eq(s, d[i].out);
		free(s);
	}
	ck_assert_ptr_null(date_zh(NULL));
	for (size_t i = 0; i < sizeof n / sizeof n[0]; i++) {
		num_zh(n[i].n, num);
		ck_assert_str_eq(num, n[i].out);
	}
}
END_TEST

/* main.c's handler, as the product has it: report and exit 71 */
static void
oom_exit_71(const char *what)
{
	fprintf(stderr, "out of memory (%s)\n", what);
	_exit(71);
}

/*
 * jansson's out of memory ends in the util_on_oom handler (exit 71 in the
 * product) instead of a NULL its callers ignored.  The allocation is too
 * large to succeed anywhere (an exit test: Check wants exit code 71).
 */
START_TEST(test_oom_jansson)
{
	util_on_oom(oom_exit_71);
	ck_assert_ptr_null(json_stringn_nocheck("x", SIZE_MAX / 2));
}
END_TEST

/* RFC 4648 section 10's vectors, appended one after another. */
/* buf_add_shell_word: a word a POSIX shell reads back as it was */
START_TEST(test_shell_word)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "/srv/news/config.yaml", "/srv/news/config.yaml" },
		{ "a@b+c=d:e,f%g_h-i.j", "a@b+c=d:e,f%g_h-i.j" },
		{ "", "''" },
		{ "/srv/News letters/x", "'/srv/News letters/x'" },
		{ "it's", "'it'\\''s'" },
		{ "$HOME/*.yaml", "'$HOME/*.yaml'" },
		{ "~/n", "'~/n'" },
		{ "新闻/2030-01", "新闻/2030-01" },
		{ "新闻 周刊", "'新闻 周刊'" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct buf b = BUF_INIT;

		buf_add_shell_word(&b, t[i].in);
		ck_assert_str_eq(b.data, t[i].out);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_base64)
{
	static const char *in[] = { "", "f", "fo", "foo", "foob", "fooba",
	    "foobar" };
	static const char *out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==",
	    "Zm9vYmE=", "Zm9vYmFy" };
	struct buf b = BUF_INIT, want = BUF_INIT;

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		buf_add_base64(&b, in[i], strlen(in[i]));
		buf_adds(&want, out[i]);
		ck_assert_uint_eq(b.len, want.len);
		ck_assert_str_eq(b.data ? b.data : "", want.data ? want.data :
		    "");
	}
	buf_reset(&b);
	buf_add_base64(&b, "\0\xff\xfe", 3);	/* bytes, not a C string */
	ck_assert_str_eq(b.data, "AP/+");
	buf_free(&b);
	buf_free(&want);
}
END_TEST

static const struct {
	const char *s;
	int ok;
	size_t bad;
} utf8_cases[] = {
	{ "plain", 1, 0 },
	{ "\xe4\xb8\xad\xe6\x96\x87", 1, 0 },		/* 中文 */
	{ "a\xe4\xb8", 0, 1 },				/* truncated */
	{ "ab\xc0\xaf", 0, 2 },				/* overlong */
	{ "\xed\xa0\x80", 0, 0 },			/* surrogate */
	{ "x\xf5\x80\x80\x80", 0, 1 },			/* > U+10FFFF */
	{ "\xf0\x9f\x98\x80", 1, 0 },			/* emoji */
	{ "\x80", 0, 0 },				/* lone continuation */
	/* around the eight-byte ASCII steps */
	{ "abcdefg\x80", 0, 7 },
	{ "abcdefgh\x80", 0, 8 },
	{ "abcdefghi\x80", 0, 9 },
	{ "abcdefghijklmnop\xff", 0, 16 },
	{ "abcdefgh\xe4\xb8\xad" "12345678\xe4\xb8", 0, 19 },
	{ "abcdefgh\xe4\xb8\xad" "12345678", 1, 0 },
};

START_TEST(test_utf8)
{
	size_t bad = 99;
	const char *s = utf8_cases[_i].s;

	ck_assert_int_eq(utf8_valid(s, strlen(s), &bad), utf8_cases[_i].ok);
	if (!utf8_cases[_i].ok)
		ck_assert_uint_eq(bad, utf8_cases[_i].bad);
}
END_TEST

START_TEST(test_ctl)
{
	ck_assert_int_eq(has_ctl_break("abc", 3), 0);
	ck_assert_int_eq(has_ctl_break("a\rb", 3), 1);
	ck_assert_int_eq(has_ctl_break("a\nb", 3), 1);
	ck_assert_int_eq(has_ctl_break("a\0b", 3), 1);
	ck_assert_uint_eq(line_of("a\nb\nc", 4), 3);
}
END_TEST

/*
 * slurp_file: a whole file of any size (empty, one byte, a multiple of the
 * read size, larger than it), appended to what the buffer holds; over the
 * limit, an error that leaves the buffer as it was.
 */
START_TEST(test_slurp)
{
	static const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 65536, 200001 };
	char path[] = "/tmp/test_slurp.XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ne(fd, -1);
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t n = sizes[k];
		char *data = malloc(n + 1);
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < n; i++)
			data[i] = (char)('a' + (i * 7 + k) % 26);
		ck_assert_int_eq(ftruncate(fd, 0), 0);
		ck_assert_int_eq(pwrite(fd, data, n, 0), (ssize_t)n);
		buf_add(&b, "head:", 5);
		ck_assert_int_eq(slurp_file(path, 1 << 20, &b), 0);
		ck_assert_uint_eq(b.len, n + 5);
		ck_assert_int_eq(memcmp(b.data, "head:", 5), 0);
		ck_assert_int_eq(memcmp(b.data + 5, data, n), 0);
		ck_assert_int_eq(b.data[b.len], '\0');
		if (n > 1) {
			ck_assert_int_eq(slurp_file(path, n - 1, &b), -1);
			ck_assert_uint_eq(b.len, n + 5);
		}
		buf_free(&b);
		ck_assert_int_eq(slurp_file(path, n, &b), 0);
		ck_assert_ptr_nonnull(b.data);
		ck_assert_uint_eq(b.len, n);
		buf_free(&b);
		if (n > 1) {
			ck_assert_int_eq(slurp_file(path, n - 1, &b), -1);
			ck_assert_ptr_null(b.data);
		}
		free(data);
	}
	close(fd);
	unlink(path);
}
END_TEST

START_TEST(test_host_port)
{
	static const struct {
		const char *in, *host;
		unsigned port;
	} good[] = {
		{ "relay.example.org", "relay.example.org", 0 },
		{ "relay.example.org:587", "relay.example.org", 587 },
		{ "127.0.0.1:5353", "127.0.0.1", 5353 },
		{ "[::1]:53", "::1", 53 },
		{ "[2001:db8::1]", "2001:db8::1", 0 },
		{ "2001:db8::1", "2001:db8::1", 0 },
		{ "h:65535", "h", 65535 },
	};
	static const char *const bad[] = { "", ":53", "h:", "h:0", "h:65536",
	    "h:+5", "h:5x", "[::1", "[::1]x", "[::1]:", "[]:53", "h:1234567" };
	char *host;
	unsigned port;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		ck_assert_int_eq(host_port_split(good[i].in,
		    strlen(good[i].in), &host, &port), 0);
		ck_assert_str_eq(host, good[i].host);
		ck_assert_uint_eq(port, good[i].port);
		free(host);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(host_port_split(bad[i], strlen(bad[i]), &host,
		    &port) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_ptr_null(host);
	}
	/* only n bytes count: a URL's path is not part of it */
	ck_assert_int_eq(host_port_split("h:25/x", 4, &host, &port), 0);
	ck_assert_str_eq(host, "h");
	ck_assert_uint_eq(port, 25);
	free(host);
}
END_TEST

/*
 * printable(): outside data shown on a terminal or in a log keeps its
 * printable UTF-8 (Chinese included) and loses every raw control.
 */
static const struct {
	const char *in, *out;
} printable_cases[] = {
	{ "plain ascii: a@b.example", "plain ascii: a@b.example" },
	{ "王小明 <wang@例子.中国>", "王小明 <wang@例子.中国>" },
	{ "\x1b[2Jwiped", "\\x1b[2Jwiped" },
	{ "\x1b]0;owned\x07", "\\x1b]0;owned\\x07" },
	{ "a\r\nmailer: sent 1", "a\\x0d\\x0amailer: sent 1" },
	{ "tab\there", "tab\\x09here" },
	{ "del\x7f", "del\\x7f" },
	{ "bad \xff\xfe utf8 \xc3", "bad \\xff\\xfe utf8 \\xc3" },
	{ "overlong \xc0\xaf", "overlong \\xc0\\xaf" },
	{ "surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80" },
	{ "c1 \xc2\x9b" "31m", "c1 <U+009B>31m" },
	{ "gpj\xe2\x80\xae" "exe", "gpj<U+202E>exe" },
	{ "iso \xe2\x81\xa6x\xe2\x81\xa9", "iso <U+2066>x<U+2069>" },
	{ "ls\xe2\x80\xa8" "next", "ls<U+2028>next" },
	/* shown as nothing: a forged address would pass for a genuine one */
	{ "unsub\xe2\x80\x8b" "scribe+", "unsub<U+200B>scribe+" },
	{ "bou\xc2\xad" "nces\xef\xbb\xbf", "bou<U+00AD>nces<U+FEFF>" },
	{ "a\xe2\x81\xa0\xe2\x81\xa4\xe1\xa0\x8e" "b",
	    "a<U+2060><U+2064><U+180E>b" },
	/* the rest of Default_Ignorable_Code_Point too: a Hangul filler,
	 * U+034F, a variation selector, a tag, an annotation mark */
	{ "boun\xe3\x85\xa4" "ces+", "boun<U+3164>ces+" },
	{ "b\xcd\x8f" "o\xef\xb8\x8f" "u\xf3\xa0\x81\xa2" "n\xef\xbf\xb9",
	    "b<U+034F>o<U+FE0F>u<U+E0062>n<U+FFF9>" },
	/* ZWNJ and ZWJ too: in a log line they only hide things */
	{ "\xd9\x81\xe2\x80\x8c\xd8\xb2\xe2\x80\x8d",
	    "\xd9\x81<U+200C>\xd8\xb2<U+200D>" },
	/* neighbours that show: a no-break, an em and an ideographic space */
	{ "\xc2\xa0\xe2\x80\x83\xe3\x80\x80\xe2\x80\x8a",
	    "\xc2\xa0\xe2\x80\x83\xe3\x80\x80\xe2\x80\x8a" },
	{ "back\\slash", "back\\slash" },
	{ "", "" },
};

START_TEST(test_printable)
{
	const char *in = printable_cases[_i].in;
	const char *got = printable(in);
	struct buf b = BUF_INIT;

	ck_assert_str_eq(got, printable_cases[_i].out);
	/* what needs nothing comes back as it is, not copied */
	if (!strcmp(in, printable_cases[_i].out))
		ck_assert_ptr_eq(got, in);
	buf_add_printable(&b, in, strlen(in));
	ck_assert_str_eq(b.data, printable_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* A NUL inside the bytes, NULL, the slots, and the cut of a long value. */
START_TEST(test_printable_edges)
{
	struct buf b = BUF_INIT;
	char big[3000];
	const char *a, *c, *s;

	buf_add_printable(&b, "x\0y", 3);
	ck_assert_str_eq(b.data, "x\\x00y");
	buf_free(&b);
	ck_assert_str_eq(printable(NULL), "(null)");
	a = printable("\x1b" "a");
	c = printable("\x1b" "c");
	ck_assert_str_eq(a, "\\x1ba");
	ck_assert_str_eq(c, "\\x1bc");
	for (int i = 0; i < PRINTABLE_SLOTS - 2; i++)
		(void)printable("\x1b");
	ck_assert_str_eq(a, "\\x1ba");
	memset(big, '\x1b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = printable(big);
	ck_assert_uint_le(strlen(s), PRINTABLE_MAX);
	ck_assert_str_eq(s + strlen(s) - 7, "\\x1b...");
	ck_assert_ptr_null(strchr(s, '\x1b'));
}
END_TEST

/*
 * buf_add_json_shown: a control, a bidi character or a line separator
 * becomes \uXXXX in a JSON text, which still parses to the same value;
 * the rest is as it was.
 */
START_TEST(test_json_shown)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "[\"a\\u001B[2J\", 1]", "[\"a\\u001B[2J\", 1]" },
		{ "\"gpj\xe2\x80\xae" "exe\"", "\"gpj\\u202Eexe\"" },
		{ "\"\xc2\x9b" "31m \xc2\xa0\xc3\xa9\"", "\"\\u009B31m \xc2\xa0\xc3\xa9\"" },
		{ "\"\xe2\x80\xa8\xe2\x80\xa9\xe2\x81\xa6\xe2\x81\xa9\"",
		    "\"\\u2028\\u2029\\u2066\\u2069\"" },
		{ "\"\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f\x7f\"",
		    "\"\\u061C\\u200E\\u200F\\u007F\"" },
		{ "\"王小明 \xe2\x80\x94 \xe2\x82\xac\"", "\"王小明 \xe2\x80\x94 \xe2\x82\xac\"" },
		/* data, not a log line: shown as nothing, kept as it is */
		{ "\"a\xe2\x80\x8b\xc2\xad\xef\xbb\xbf\"", "\"a\xe2\x80\x8b\xc2\xad\xef\xbb\xbf\"" },
	};
	json_error_t e;

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct buf b = BUF_INIT;
		json_t *x = json_loads(t[i].in, JSON_DECODE_ANY, &e);
		json_t *y;

		buf_add_json_shown(&b, t[i].in, strlen(t[i].in));
		buf_addc(&b, '\0');
		ck_assert_str_eq(b.data, t[i].out);
		y = json_loads(b.data, JSON_DECODE_ANY, &e);
		ck_assert_msg(x && y && json_equal(x, y), "%s", t[i].in);
		json_decref(x);
		json_decref(y);
		buf_free(&b);
	}
}
END_TEST

/*
 * has_hidden: a control or bidi character (a web name with one is
 * refused), not one shown as nothing that a script needs (printable()
 * still spells those out); cp_invisible: what an address scan reads as
 * part of an address.
 */
/* Notepad's "Unicode", Excel's "Unicode Text": named, never UTF-8's */
/* what is wrong with a YYYY-MM-DD date, for issue.yaml's message */
START_TEST(test_date_ymd)
{
	static const struct { const char *in; int rc; const char *why; } d[] = {
		{ "2026-02-28", 1, "" }, { "2000-02-29", 1, "" },
		{ "2026-02-30", 0, "February 2026 has days 1 to 28" },
		{ "2100-02-29", 0, "February 2100 has days 1 to 28" },
		{ "2026-13-45", 0, "there is no month 13" },
		{ "2026-04-00", 0, "April 2026 has days 1 to 30" },
		{ "0000-01-01", 0, "there is no year 0" },
		{ "2026-1-5", -1, "" }, { "2026-01-05T08", -1, "" },
		{ "2026", -1, "" }, { "", -1, "" },
	};
	char why[64];

	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		why[0] = '\0';
		ck_assert_int_eq(date_ymd_check(d[i].in, why, sizeof why),
		    d[i].rc);
		ck_assert_str_eq(why, d[i].why);
	}
}
END_TEST

/* columns in characters, as libyaml counts them */
START_TEST(test_col_of)
{
	ck_assert_uint_eq(col_of("ab\n\xe6\x9d\x8e: x", 8), 4);
	ck_assert_uint_eq(col_of("abc", 0), 1);
	ck_assert_uint_eq(col_of("a\nb", 2), 1);
}
END_TEST

START_TEST(test_foreign_bom)
{
	ck_assert_str_eq(foreign_bom("\xff\xfe" "e\0", 4), "UTF-16LE");
	ck_assert_str_eq(foreign_bom("\xfe\xff\0e", 4), "UTF-16BE");
	ck_assert_str_eq(foreign_bom("\xff\xfe\0\0e\0\0\0", 8),
	    "UTF-32LE");
	ck_assert_str_eq(foreign_bom("\0\0\xfe\xff", 4), "UTF-32BE");
	ck_assert_ptr_null(foreign_bom("\xef\xbb\xbf" "email", 8));
	ck_assert_ptr_null(foreign_bom("\xff", 1));
	ck_assert_ptr_null(foreign_bom("email,name", 10));
}
END_TEST

START_TEST(test_has_hidden)
{
	static const char *const yes[] = {
		"Eve\x1b[2J", "\xe7\x8e\x8b\xe2\x80\xae" "gnp.exe",
		"Bob\xc2\x9b" "31m", "\xe2\x81\xa6" "Ann", "a\xe2\x80\x8f",
		"x\xd8\x9c", "tab\there", "del\x7f", "bad\xff", "cut\xe2\x80",
		"ls\xe2\x80\xa8",
	};
	static const char *const no[] = {
		"", "Ann", "\xe6\x9d\x8e\xe6\x98\x8e",
		"\xd9\x85\xd8\xad\xd9\x85\xd8\xaf",
		"\xd9\x81\xe2\x80\x8c\xd8\xb2", "Jean-Pierre Lef\xc3\xa8vre",
		/* Mongolian with its vowel separator, U+180E */
		"\xe1\xa0\xa2\xe1\xa0\xa8\xe1\xa0\xa8\xe1\xa0\x8e\xe1\xa0\xa0",
	};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(has_hidden(yes[i]), "%zu", i);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!has_hidden(no[i]), "%zu", i);
	ck_assert_str_eq(printable(no[6]), "\xe1\xa0\xa2\xe1\xa0\xa8"
	    "\xe1\xa0\xa8<U+180E>\xe1\xa0\xa0");
	ck_assert(cp_invisible(0x202e) && cp_invisible(0x200b) &&
	    cp_invisible(0x85) && cp_invisible(0xad) && cp_invisible(0xfeff) &&
	    cp_invisible(0x2066) && cp_invisible(0x61c));
	ck_assert(!cp_invisible(0x2003) && !cp_invisible(0x2028) &&
	    !cp_invisible('a') && !cp_invisible(0xe9) && !cp_invisible(0x3000));
	/* the rest of what shows as nothing: a Hangul filler, a combining
	 * grapheme joiner, a tag; a variation selector is part of a glyph */
	ck_assert(cp_invisible(0x3164) && cp_invisible(0xffa0) &&
	    cp_invisible(0x34f) && cp_invisible(0xe0041) &&
	    cp_invisible(0x115f) && cp_invisible(0x2065));
	ck_assert(!cp_invisible(0xfe0f) && !cp_invisible(0xe0100) &&
	    !cp_invisible(0x180b));
}
END_TEST

/* starts_hidden: a prefix seen through format characters only. */
START_TEST(test_starts_hidden)
{
	ck_assert_int_eq(starts_hidden("bounces+x@b", "bounces+"), 1);
	ck_assert_int_eq(starts_hidden("BOUNCES+x@b", "bounces+"), 1);
	ck_assert_int_eq(starts_hidden("\xe2\x80\xae" "bounces+x", "bounces+"),
	    1);
	ck_assert_int_eq(starts_hidden("bou\xe2\x81\xa6nces\xe2\x80\x8b+x",
	    "bounces+"), 1);
	ck_assert_int_eq(starts_hidden("\xef\xbb\xbf\xc2\xad\xc2\x85"
	    "unsubscribe+", "unsubscribe+"), 1);
	ck_assert_int_eq(starts_hidden("bounces", "bounces+"), 0);
	ck_assert_int_eq(starts_hidden("bounces-x@b", "bounces+"), 0);
	ck_assert_int_eq(starts_hidden("\xc3\xa9" "bounces+", "bounces+"), 0);
	/* a joiner between ASCII letters joins nothing: shown as nothing */
	ck_assert_int_eq(starts_hidden("b\xe2\x80\x8d" "ounces+", "bounces+"),
	    1);
	ck_assert_int_eq(starts_hidden("\xe2\x80", "bounces+"), 0);
	ck_assert_int_eq(starts_hidden("", "bounces+"), 0);
}
END_TEST

/*
 * starts_hidden sees "bounces+" through each character shown as nothing
 * (cp_unseen), one that the partial list of before missed too: a
 * combining grapheme joiner, a Hangul filler, a variation selector, a
 * tag (U+E0062), an interlinear annotation mark, a shorthand format
 * control; not through a letter, a space or a combining accent.
 */
static const struct {
	const char *s;
	int want;
} disguised[] = {
	{ "b\xcd\x8f" "ounces+", 1 },			/* U+034F */
	{ "bo\xe3\x85\xa4" "unces+", 1 },		/* U+3164 */
	{ "bou\xef\xbe\xa0" "nces+", 1 },		/* U+FFA0 */
	{ "boun\xef\xb8\x8f" "ces+", 1 },		/* U+FE0F */
	{ "bounc\xf3\xa0\x81\xa2" "es+", 1 },	/* U+E0062 */
	{ "bounce\xef\xbf\xb9" "s+", 1 },		/* U+FFF9 */
	{ "bounces\xf0\x9b\xb2\xa0+", 1 },		/* U+1BCA0 */
	{ "\xe1\x85\x9f" "bounces+", 1 },		/* U+115F */
	{ "b\xe1\x9e\xb4" "ounces+", 1 },		/* U+17B4 */
	{ "b\xe1\xa0\x8b" "ounces+", 1 },		/* U+180B */
	{ "b\xe2\x81\xa4" "ounces+", 1 },		/* U+2064 */
	{ "b\xf0\x9d\x85\xb3" "ounces+", 1 },	/* U+1D173 */
	{ "b\xe2\x80\x8a" "ounces+", 0 },		/* U+200A, a hair space */
	{ "b\xc2\xa0" "ounces+", 0 },			/* no-break space */
	{ "b\xcc\x81" "ounces+", 0 },			/* U+0301 */
	{ "b\xd0\xbe" "unces+", 0 },			/* Cyrillic o */
	{ "b\xe2\xa0\x80" "ounces+", 0 },		/* U+2800, blank */
};

START_TEST(test_starts_disguised)
{
	ck_assert_msg(starts_hidden(disguised[_i].s, "bounces+") ==
	    disguised[_i].want, "case %d", _i);
}
END_TEST

/*
 * cp_unseen is Default_Ignorable_Code_Point plus U+FFF9-FFFB, every
 * code point checked against perl's own Unicode tables (\p{DI}).
 */
START_TEST(test_unseen_perl)
{
	FILE *f = popen("perl -e 'for my $c (0 .. 0x10ffff) { "
	    "print chr($c) =~ /\\p{Default_Ignorable_Code_Point}/ ? 1 : 0 "
	    "}' 2>/dev/null", "r");
	unsigned cp = 0, bad = 0, n = 0;
	int c;

	ck_assert_ptr_nonnull(f);
	for (; (c = getc(f)) != EOF; cp++) {
		int want = c == '1' || (cp >= 0xfff9 && cp <= 0xfffb);

		if (cp_unseen(cp) != want && bad++ < 10)
			fprintf(stderr, "U+%04X: cp_unseen %d, want %d\n", cp,
			    cp_unseen(cp), want);
		n += want;
	}
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_uint_eq(cp, 0x110000);
	ck_assert_uint_eq(bad, 0);
	/* 4,174 default ignorable in Unicode 14, 3 annotation marks */
	ck_assert_uint_eq(n, 4177);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_buf_printf_room);
	tcase_add_test(tc, test_strset);
	tcase_add_test(tc, test_strset_map);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_zh);
	tcase_add_test(tc, test_base64);
	tcase_add_test(tc, test_shell_word);
	/* ASan ends the process on a failed malloc, before any handler */
	if (getenv("MAILER_SANITIZED") && ++unit_nskipped)
		printf("SKIP test_oom_jansson: ASan build (a failed malloc "
		    "is fatal there)\n");
	else
		tcase_add_exit_test(tc, test_oom_jansson, 71);
	tcase_add_loop_test(tc, test_utf8, 0,
	    sizeof utf8_cases / sizeof utf8_cases[0]);
	tcase_add_test(tc, test_ctl);
	tcase_add_test(tc, test_host_port);
	tcase_add_test(tc, test_slurp);
	tcase_add_loop_test(tc, test_printable, 0,
	    sizeof printable_cases / sizeof printable_cases[0]);
	tcase_add_test(tc, test_printable_edges);
	tcase_add_test(tc, test_json_shown);
	tcase_add_test(tc, test_starts_hidden);
	tcase_add_loop_test(tc, test_starts_disguised, 0,
	    sizeof disguised / sizeof disguised[0]);
	if (system("perl -e 'exit(\"\\x{200b}\" !~ /\\p{DI}/)' "
	    ">/dev/null 2>&1") != 0 && ++unit_nskipped)
		printf("SKIP test_unseen_perl: no perl with its Unicode "
		    "tables (make deps installs it)\n");
	else
		tcase_add_test(tc, test_unseen_perl);
	tcase_add_test(tc, test_has_hidden);
	tcase_add_test(tc, test_foreign_bom);
	tcase_add_test(tc, test_date_ymd);
	tcase_add_test(tc, test_col_of);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(util_suite)
