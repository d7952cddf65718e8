/*
 * Unit tests for the compose encoders and readers: RFC 2047 (decoded back
 * with libetpan, the independent decoder), QP/base64 choice, front matter,
 * subscriber CSV, addresses (IDN) and config errors.
 */
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "config.h"
#include "issue.h"
#include "list.h"
#include "mime.h"
#include "rfc2047.h"
#include "unit.h"
#include "util.h"

/* Unfolds "Name: value\r\n" and decodes it with libetpan. */
static char *
decode_header(const char *hdr)
{
	struct buf u = BUF_INIT;
	const char *v = strchr(hdr, ':') + 2;
	char *out = NULL;
	size_t idx = 0;

	for (const char *p = v; *p; p++)
		if (*p != '\r' && *p != '\n')
			buf_addc(&u, *p);
	ck_assert_int_eq(mailmime_encoded_phrase_parse("utf-8", u.data, u.len,
	    &idx, "utf-8", &out), MAILIMF_NO_ERROR);
	buf_free(&u);
	return out;
}

static void
check_lines(const char *s, size_t max)
{
	const char *p = s;

	while (*p) {
		const char *e = strstr(p, "\r\n");

		ck_assert_ptr_nonnull(e);
		ck_assert_uint_le((size_t)(e - p), max);
		p = e + 2;
	}
}

static void
check_words(const char *s)
{
	const char *p = s;

	while ((p = strstr(p, "=?"))) {
		const char *e = strstr(p + 2, "?=");

		ck_assert_ptr_nonnull(e);
		/* charset?B?payload?= : skip to the closing ?= of the word */
		e = strstr(strstr(strstr(p + 2, "?") + 1, "?") + 1, "?=");
		ck_assert_uint_le((size_t)(e + 2 - p), 75);
		p = e + 2;
	}
}

static const char *subjects[] = {
	"四川科协学会工作通讯 2021年第1期",
	"Plain ASCII subject that is long enough to need folding somewhere "
	    "around the seventy-eighth column, really",
	"混合 mixed 😀 emoji and 中文 text with =?fake?= markers",
	"“天府科技云”和科学防疫两手抓、两手硬资阳市科协2020年工作取得良好成绩"
	    "凉山州档案学会奋力开创工作新局面德阳市科协为校企合作搭建平台",
	"[TEST] é",
};

START_TEST(test_rfc2047_roundtrip)
{
	struct buf b = BUF_INIT;
	char *dec;

	rfc2047_unstructured(&b, "Subject", subjects[_i]);
	check_lines(b.data, 76);
	check_words(b.data);
	dec = decode_header(b.data);
	ck_assert_str_eq(dec, subjects[_i]);
	free(dec);
	buf_free(&b);
}
END_TEST

START_TEST(test_rfc2047_no_split)
{
	/* every encoded word must decode alone to valid UTF-8 */
	struct buf b = BUF_INIT;
	const char *p;

	rfc2047_unstructured(&b, "Subject", subjects[3]);
	for (p = b.data; (p = strstr(p, "=?UTF-8?B?")); ) {
		const char *e = strstr(p + 10, "?=");
		char *word = xstrndup(p, (size_t)(e + 2 - p));
		char *dec = NULL;
		size_t idx = 0;

		ck_assert_int_eq(mailmime_encoded_phrase_parse("utf-8", word,
		    strlen(word), &idx, "utf-8", &dec), MAILIMF_NO_ERROR);
		ck_assert(utf8_valid(dec, strlen(dec), NULL));
		ck_assert_uint_gt(strlen(dec), 0);
		free(dec);
		free(word);
		p = e + 2;
	}
	buf_free(&b);
}
END_TEST

START_TEST(test_rfc2047_address)
{
	struct buf b = BUF_INIT;
	char *dec;

	rfc2047_address(&b, "To", "张伟", "zhang.wei@example.org");
	ck_assert_ptr_nonnull(strstr(b.data, " <zhang.wei@example.org>\r\n"));
	dec = decode_header(b.data);
	ck_assert_ptr_nonnull(strstr(dec, "张伟"));
	free(dec);
	buf_reset(&b);
	rfc2047_address(&b, "To", "Wei, Zhang \"Z\"", "z@example.org");
	ck_assert_str_eq(b.data,
	    "To: \"Wei, Zhang \\\"Z\\\"\" <z@example.org>\r\n");
	buf_reset(&b);
	rfc2047_address(&b, "To", NULL, "z@example.org");
	ck_assert_str_eq(b.data, "To: z@example.org\r\n");
	buf_free(&b);
}
END_TEST

START_TEST(test_encoding_choice)
{
	const char *ascii = "Hello world, this is mostly ASCII text.\n";
	const char *cjk = "资阳市科协以党建引领为主线,紧紧抓住科技创新和科学普及";

	ck_assert_int_eq(mime_prefer_qp(ascii, strlen(ascii)), 1);
	ck_assert_int_eq(mime_prefer_qp(cjk, strlen(cjk)), 0);
}
END_TEST

START_TEST(test_mime_lines)
{
	/* a 3000-byte line of CJK and one of ASCII stay within 76 octets */
	struct buf t = BUF_INIT, h = BUF_INIT, body = BUF_INIT;
	struct mime *m;

	for (int i = 0; i < 1000; i++)
		buf_adds(&t, "中");
	buf_adds(&t, "\n");
	for (int i = 0; i < 3000; i++)
		buf_adds(&t, "a");
	buf_adds(&t, "\nFrom the start\n");
	m = mime_text("plain", t.data, t.len);
	ck_assert_int_eq(mime_write(m, &h, &body), 0);
	check_lines(body.data, 76);
	ck_assert_ptr_nonnull(strstr(h.data, "charset=\"utf-8\""));
	mime_free(m);
	buf_free(&t);
	buf_free(&h);
	buf_free(&body);
}
END_TEST

/* display columns of one line of UTF-8: CJK counts two */
static size_t
cols(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) == 0x80)
			continue;
		w += c >= 0xe3 && c <= 0xe9 ? 2 : 1;
	}
	return w;
}

/* a flowed text (RFC 3676, DelSp=yes) read back as its reader joins it */
static char *
unflow(const char *s)
{
	struct buf b = BUF_INIT;

	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (*s == ' ') {	/* space-stuffed */
			s++;
			n--;
		}
		if (n > 0 && s[n - 1] == ' ' && !(n == 3 && !strncmp(s, "-- ", 3)))
			buf_add(&b, s, n - 1);	/* soft: joined, DelSp */
		else {
			buf_add(&b, s, n);
			buf_addc(&b, '\n');
		}
		s += n + (e != NULL);
	}
	if (!b.data)
		buf_adds(&b, "");
	return buf_detach(&b);
}

START_TEST(test_flowed)
{
	const char *in = "资阳市科协以“党建引领、职能发挥、融入中心、服务基层”为主线,"
	    "紧紧抓住科技创新和科学普及“两翼”,以“天府科技云”和科学防疫为重点,"
	    "推动全市科协工作取得良好成绩。\n"
	    "\n"
	    "报名网址:https://www.sckx.org.cn/kxdt/tzgg/202101/t20210115_"
	    "registration_form_for_the_annual_academic_conference.html\n"
	    "Two words and many more English words that run on and on past "
	    "the end of a line of seventy-eight columns.\n"
	    "来源:资阳市科协 \n"
	    "   1. 子一\n"
	    "> 引一\n"
	    "From here\n"
	    "--\n";
	char *out = mime_flow(in, strlen(in)), *back, *want, *blank;
	const char *p = out, *url = strstr(out, "https://");

	/* every line within 78 columns, but the address, kept whole */
	while (*p) {
		const char *e = strchr(p, '\n');

		ck_assert_ptr_nonnull(e);
		if (!(url >= p && url < e))
			ck_assert_uint_le(cols(p, (size_t)(e - p)), 78);
		p = e + 1;
	}
	ck_assert_ptr_nonnull(strstr(out, "\nhttps://www.sckx.org.cn/kxdt/"
	    "tzgg/202101/t20210115_registration_form_for_the_annual_academic_"
	    "conference.html\n"));
	/* no fixed line ends in a blank; stuffed where a reader would strip */
	ck_assert_ptr_nonnull(strstr(out, "\n来源:资阳市科协\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n    1. 子一\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n > 引一\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n From here\n"));
	/* and it reads back as it was written, less the blank */
	back = unflow(out);
	want = xstrdup(in);
	blank = strstr(want, "协 \n");
	memmove(blank + 3, blank + 4, strlen(blank + 4) + 1);
	ck_assert_str_eq(back, want);
	free(want);
	free(back);
	free(out);
}
END_TEST

START_TEST(test_front_matter)
{
	const char *src = "---\ntitle: x\n---\nbody line\n";
	const char *fm, *body;
	size_t fml, bl, line;

	ck_assert_int_eq(issue_split_front_matter("a.md", src, strlen(src),
	    &fm, &fml, &body, &bl, &line), 0);
	ck_assert_uint_eq(fml, strlen("title: x\n"));
	ck_assert_str_eq(body, "body line\n");
	ck_assert_uint_eq(line, 4);
	ck_assert_int_eq(issue_split_front_matter("a.md", "no fm\n", 6, &fm,
	    &fml, &body, &bl, &line), -1);
	ck_assert_int_eq(issue_split_front_matter("a.md", "---\nx: 1\n", 9,
	    &fm, &fml, &body, &bl, &line), -1);
	/* a byte order mark (Notepad's UTF-8) before the first "---" */
	src = "\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n";
	ck_assert_int_eq(issue_split_front_matter("a.md", src, strlen(src),
	    &fm, &fml, &body, &bl, &line), 0);
	ck_assert_uint_eq(fml, strlen("title: x\r\n"));
	ck_assert(!strncmp(fm, "title: x", 8));
	ck_assert_str_eq(body, "body\r\n");
	ck_assert_uint_eq(line, 4);
	/* blanks an editor left after either "---" */
	src = "--- \ntitle: x\n---\t \r\nbody\n";
	ck_assert_int_eq(issue_split_front_matter("a.md", src, strlen(src),
	    &fm, &fml, &body, &bl, &line), 0);
	ck_assert_uint_eq(fml, strlen("title: x\n"));
	ck_assert_str_eq(body, "body\n");
	ck_assert_uint_eq(line, 4);
	/* but "----" and "--- x" are no fences */
	src = "----\ntitle: x\n---\nbody\n";
	ck_assert_int_eq(issue_split_front_matter("a.md", src, strlen(src),
	    &fm, &fml, &body, &bl, &line), -1);
	src = "---\ntitle: x\n--- x\nbody\n";
	ck_assert_int_eq(issue_split_front_matter("a.md", src, strlen(src),
	    &fm, &fml, &body, &bl, &line), -1);
}
END_TEST

START_TEST(test_markdown_text)
{
	const char *md = "# 标题\n\n第一段 *强调* [链接](https://example.org)。"
	    "\n\n- 一\n- 二\n\n<script>alert(1)</script>\n";
	char *t = issue_markdown_text(md, strlen(md));

	ck_assert_ptr_nonnull(strstr(t, "【标题】"));
	ck_assert_ptr_nonnull(strstr(t, "第一段 强调 链接 <https://example.org>"));
	ck_assert_ptr_nonnull(strstr(t, "- 一\n- 二"));
	ck_assert_ptr_null(strstr(t, "script"));
	free(t);
	/* an image with its alt text, and one without (no "[图片: ]") */
	md = "![天府](a.png)\n\n![](b.png)\n";
	t = issue_markdown_text(md, strlen(md));
	ck_assert_str_eq(t, "[图片: 天府]\n\n[图片]\n");
	free(t);
	/* an autolink is its address once, in <> (not "a <a>") */
	md = "见 <https://e.org/a>。<n@e.org>，[e.org](https://e.org/)\n";
	t = issue_markdown_text(md, strlen(md));
	ck_assert_str_eq(t, "见 <https://e.org/a>。<n@e.org>，e.org "
	    "<https://e.org/>\n");
	free(t);
	/*
	 * a list in a list is indented under its item and numbered on its
	 * own (the outer one went on from the inner one's count: 3., 4.),
	 * and a quotation is marked as one
	 */
	md = "1. 甲\n   1. 子一\n   2. 子二\n\n      续\n2. 乙\n\n"
	    "> 引一\n> 引二\n>\n> - 项\n\n末\n";
	t = issue_markdown_text(md, strlen(md));
	ck_assert_str_eq(t, "1. 甲\n   1. 子一\n   2. 子二\n\n      续\n"
	    "2. 乙\n\n> 引一\n> 引二\n>\n> - 项\n\n末\n");
	free(t);
}
END_TEST

struct rows {
	int n;
	char names[8][64];
	char emails[8][128];
	size_t lines[8];
};

static int
collect(void *arg, const struct subscriber *s)
{
	struct rows *r = arg;

	snprintf(r->names[r->n], 64, "%s", s->name);
	snprintf(r->emails[r->n], 128, "%s", s->email);
	r->lines[r->n++] = s->line;
	return 0;
}

START_TEST(test_csv)
{
	const char *csv = "email,name,city\n"
	    "a@example.org,\"Li, Ming\",成都\n"
	    "\n"
	    "b@例子.测试,\"王\"\"五\",x\n"
	    "bad-address,x,y\n"
	    "A@Example.org,dup,z\n";
	struct rows r = { 0 };
	size_t bad = 0;

	ck_assert_int_eq(list_parse_csv("t.csv", csv, strlen(csv), 0, collect,
	    &r, &bad), 0);
	ck_assert_int_eq(r.n, 2);
	ck_assert_str_eq(r.names[0], "Li, Ming");
	ck_assert_str_eq(r.names[1], "王\"五");
	ck_assert_uint_eq(r.lines[1], 4);
	ck_assert_str_eq(r.emails[1], "b@xn--fsqu00a.xn--0zwm56d");
	ck_assert_uint_eq(bad, 2);	/* bad address and the duplicate */
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(list_parse_csv("t.csv", csv, strlen(csv),
	    LIST_STRICT, collect, &r, &bad), -1);
	ck_assert_int_eq(list_parse_csv("t.csv", "mail,name\n", 10,
	    LIST_STRICT, collect, &r, &bad), -1);
	ck_assert_int_eq(list_parse_csv("t.csv", "email,name\n\"a@b.org,x\n",
	    22, LIST_STRICT, collect, &r, &bad), -1);
	/*
	 * rows of separators only (a spreadsheet's rows once used, then
	 * cleared) are blank lines; a row with one field filled is not
	 */
	csv = "email,name,city\r\na@example.org,A,x\r\n,,\r\n,,\r\n";
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(list_parse_csv("t.csv", csv, strlen(csv),
	    LIST_STRICT, collect, &r, &bad), 0);
	ck_assert_int_eq(r.n, 1);
	csv = "email,name,city\na@example.org,A,x\n,B,\n";
	ck_assert_int_eq(list_parse_csv("t.csv", csv, strlen(csv),
	    LIST_STRICT, collect, &r, &bad), -1);
}
END_TEST

static const struct {
	const char *in, *out;
} addrs[] = {
	{ "user@example.org", "user@example.org" },
	{ "User.Name+tag@EXAMPLE.org", "User.Name+tag@example.org" },
	{ "会员@example.org", NULL },
	{ "info@科协.中国", "info@xn--ykrz90g.xn--fiqs8s" },
	{ "a..b@example.org", NULL },
	{ "a@localhost", NULL },
	{ "a@-bad.org", NULL },
	{ "a@exa mple.org", NULL },
	{ "noat.example.org", NULL },
};

START_TEST(test_addr)
{
	char *out = NULL;
	const char *why = NULL;
	int rc = addr_normalize(addrs[_i].in, &out, &why);

	if (addrs[_i].out) {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(out, addrs[_i].out);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(why);
	}
	free(out);
}
END_TEST

/*
 * Where mailer's own address is meant (addr_normalize: sender.address,
 * reply_to), an internationalised address is named as not supported; an
 * input method's
 * full-width letters or @ as such.  Full-width forms mixed with Han are
 * an internationalised address; a cut-off UTF-8 sequence is no
 * full-width form.
 */
START_TEST(test_addr_eai)
{
	static const struct { const char *in, *why; } t[] = {
		{ "会员@example.org", addr_why_eai },
		{ "用户@例子.中国", addr_why_eai },
		{ "ｚｈａｎｇ３@example.org", "full-width" },
		{ "zhang．san@example.org", "full-width" },
		{ "张ｓａｎ@example.org", addr_why_eai },
		{ "zh\xef\xbc@example.org", addr_why_eai },
		{ "zhangsan＠qq.com", "the ＠ in it is the full-width one" },
		{ "zhangsan.qq.com", "no @" },
		{ "a b@example.org", "needs quoting" },
		{ "\xe3\x80\x80ideo@example.org", "full-width space" },
		{ "ideo@example.org\xe3\x80\x80", "full-width space" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *out = NULL;
		const char *why = NULL;

		ck_assert_int_eq(addr_normalize(t[i].in, &out, &why), -1);
		ck_assert_ptr_null(out);
		if (t[i].why == addr_why_eai)
			ck_assert_ptr_eq(why, addr_why_eai);
		else
			ck_assert_msg(strstr(why, t[i].why) &&
			    why != addr_why_eai, "%s: %s", t[i].in, why);
	}
}
END_TEST

/*
 * A subscriber's address may be internationalised (RFC 6531): accepted in
 * NFC with the domain in A-labels; malformed UTF-8, a C1 control, an
 * invisible or text-direction character (ZWNJ and ZWJ aside), a
 * decomposed character and an input method's full-width letters are not.
 */
START_TEST(test_addr_eai_subscriber)
{
	static const struct { const char *in, *out; } ok[] = {
		{ "会员@example.org", "会员@example.org" },
		{ "用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s" },
		{ "张三.li+x@EXAMPLE.org", "张三.li+x@example.org" },
		{ "caf\xc3\xa9@example.org", "caf\xc3\xa9@example.org" },
		/* Persian "mi-khaham" with its ZWNJ */
		{ "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85@example.org",
		  "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85@example.org" },
		/* a heart emoji with its variation selector U+FE0F */
		{ "\xe2\x9d\xa4\xef\xb8\x8f@example.org",
		  "\xe2\x9d\xa4\xef\xb8\x8f@example.org" },
	};
	static const struct { const char *in, *why; } bad[] = {
		{ "zh\xef\xbc@example.org", "not valid UTF-8" },
		{ "\xff\xfe@example.org", "not valid UTF-8" },
		{ "a\xc2\x85" "b@example.org", "control character" },
		{ "a\xc2\x9f" "b@example.org", "control character" },
		{ "boun\xe2\x80\xae" "ces@example.org", "text-direction" },
		{ "a\xe2\x80\x8b" "b@example.org", "invisible" },
		{ "\xef\xbb\xbf" "ab@example.org", "invisible" },
		{ "a\xc2\xad" "b@example.org", "invisible" },
		{ "\xe2\x81\xa6" "ab\xe2\x81\xa9@example.org", "invisible" },
		/* a Hangul filler (U+3164), a tag (U+E0041): shown as nothing */
		{ "ann\xe3\x85\xa4@example.org", "invisible" },
		{ "ann\xf3\xa0\x81\x81@example.org", "invisible" },
		{ "cafe\xcc\x81@example.org", "(NFC)" },
		{ "ｚｈａｎｇ３@example.org", "full-width" },
		{ "张三 li@example.org", "needs quoting" },
	};
	char *out, *nfc;
	const char *why;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		out = NULL;
		ck_assert_int_eq(addr_normalize_eai(ok[i].in, &out, &why), 0);
		ck_assert_str_eq(out, ok[i].out);
		free(out);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		out = NULL;
		why = NULL;
		ck_assert_int_eq(addr_normalize_eai(bad[i].in, &out, &why), -1);
		ck_assert_ptr_null(out);
		ck_assert_msg(strstr(why, bad[i].why), "%s: %s", bad[i].in,
		    why);
	}
	nfc = addr_nfc("cafe\xcc\x81@example.org");
	ck_assert_str_eq(nfc, "caf\xc3\xa9@example.org");
	free(nfc);
	ck_assert_ptr_null(addr_nfc("\xff@example.org"));
}
END_TEST

/* A report may name the subscriber's domain in U-labels or another case. */
START_TEST(test_addr_same)
{
	ck_assert_int_eq(addr_same("info@科协.中国",
	    "info@xn--ykrz90g.xn--fiqs8s"), 1);
	ck_assert_int_eq(addr_same("INFO@XN--YKRZ90G.xn--fiqs8s",
	    "info@科协.中国"), 1);
	ck_assert_int_eq(addr_same("Li@Example.ORG", "li@example.org"), 1);
	ck_assert_int_eq(addr_same("info@科协.中国", "info@xn--fiqs8s"), 0);
	ck_assert_int_eq(addr_same("web@科协.中国",
	    "info@xn--ykrz90g.xn--fiqs8s"), 0);
	ck_assert_int_eq(addr_same("info@科协.中国", "info"), 0);
	ck_assert_int_eq(addr_same("a@b@科协.中国",
	    "a@b@xn--ykrz90g.xn--fiqs8s"), 1);
	ck_assert_int_eq(addr_same("info@\xff.中国", "info@xn--fiqs8s"), 0);
	ck_assert_int_eq(addr_same("info@-x.中国", "info@xn--fiqs8s"), 0);
}
END_TEST

START_TEST(test_domain)
{
	static const struct { const char *in, *out; } t[] = {
		{ "a@example.org", "example.org" },
		{ "\"x@y\"@example.org", "example.org" },
		{ "nodomain", "nodomain" },
		{ "a@", "" },
	};

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_str_eq(addr_domain(t[i].in), t[i].out);
}
END_TEST

static char *
write_tmp(const char *text)
{
	char *p = xstrdup("/tmp/mailer-unit-XXXXXX");
	int fd = mkstemp(p);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return p;
}

START_TEST(test_config)
{
	char *ok = write_tmp("sender:\n  name: 测试\n  address: a@例子.测试\n"
	    "transport:\n  relays: [maildir:out]\n"
	    "  max_connections: 2\n");
	char *badtype = write_tmp("sender:\n  name: x\n  address: a@b.org\n"
	    "transport:\n  relays: [maildir:x]\n  max_connections: many\n");
	char *missing = write_tmp("sender:\n  name: x\n");
	struct config *c = config_load(ok);

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->sender_address, "a@xn--fsqu00a.xn--0zwm56d");
	ck_assert_str_eq(c->bounce_domain, "xn--fsqu00a.xn--0zwm56d");
	ck_assert_int_eq(c->max_connections, 2);
	ck_assert_uint_eq(c->relays.n, 1);
	ck_assert_int_eq(c->relays.v[0][8], '/');	/* made absolute */
	config_free(c);
	ck_assert_ptr_null(config_load(badtype));
	ck_assert_ptr_null(config_load(missing));
	unlink(ok);
	unlink(badtype);
	unlink(missing);
	free(ok);
	free(badtype);
	free(missing);
}
END_TEST

static Suite *
compose_suite(void)
{
	Suite *s = suite_create("compose");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_rfc2047_roundtrip, 0,
	    sizeof subjects / sizeof subjects[0]);
	tcase_add_test(tc, test_rfc2047_no_split);
	tcase_add_test(tc, test_rfc2047_address);
	tcase_add_test(tc, test_encoding_choice);
	tcase_add_test(tc, test_mime_lines);
	tcase_add_test(tc, test_front_matter);
	tcase_add_test(tc, test_markdown_text);
	tcase_add_test(tc, test_flowed);
	tcase_add_test(tc, test_csv);
	tcase_add_loop_test(tc, test_addr, 0, sizeof addrs / sizeof addrs[0]);
	tcase_add_test(tc, test_addr_same);
	tcase_add_test(tc, test_addr_eai);
	tcase_add_test(tc, test_addr_eai_subscriber);
	tcase_add_test(tc, test_domain);
	tcase_add_test(tc, test_config);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(compose_suite)
