/*
 * Unit tests for the web archive's pure parts: ids usable as file names,
 * request paths mapped inside the archive (archive_path.c), the Atom feed
 * (archive_feed.c: escaping, ids, times, determinism), relative image URLs
 * (issue_html_local) and URL paths (buf_add_urlpath).
 */
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include "archive_feed.h"
#include "archive_path.h"
#include "config.h"
#include "issue.h"
#include "unit.h"
#include "util.h"

START_TEST(test_id_valid)
{
	static const char *const good[] = { "2021-01", "a", "A.b_c-d",
	    "9", "issue.7" };
	static const char *const bad[] = { "", "..", "../x", "x/..", "a/b",
	    ".hidden", "-x", "_x", "a b", "a..b", "x\n", "é", "a%2e",
	    "a\\b" };
	char big[200];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(archive_id_valid(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!archive_id_valid(bad[i]), "%s", bad[i]);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert(!archive_id_valid(big));
	big[128] = '\0';
	ck_assert(archive_id_valid(big));
}
END_TEST

START_TEST(test_urls)
{
	struct config c;
	char *u;

	memset(&c, 0, sizeof c);
	ck_assert_ptr_null(archive_url(&c));
	ck_assert_ptr_null(archive_edition_url(&c, "2021-01", "aba"));
	c.web_base_url = "https://x.org/news";
	u = archive_url(&c);
	ck_assert_str_eq(u, "https://x.org/news/archive/");
	free(u);
	u = archive_edition_url(&c, "2021-01", "aba");
	ck_assert_str_eq(u, "https://x.org/news/archive/2021-01/aba.html");
	free(u);
	u = archive_edition_url(&c, "2021-01", NULL);
	ck_assert_str_eq(u, "https://x.org/news/archive/2021-01/");
	free(u);
}
END_TEST

/* A small archive in a temporary folder, with a symlink leading out. */
static char root[PATH_MAX];

static void
mk(const char *rel, const char *data)
{
	char *p = path_join(root, rel);

	ck_assert_int_eq(write_file_replace(p, data, strlen(data), 0644), 0);
	free(p);
}

START_TEST(test_resolve)
{
	char tmpl[] = "/tmp/mailer-unit-archive.XXXXXX", *f, *p, *real;

	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	real = realpath(tmpl, NULL);
	snprintf(root, sizeof root, "%s/site", real);
	p = path_join(root, "2021-01/images");
	ck_assert_int_eq(mkdir_p(p, 0755), 0);
	free(p);
	mk("index.html", "i");
	mk("2021-01/index.html", "g");
	mk("2021-01/aba.html", "a");
	mk(".hidden", "h");
	p = path_join(real, "secret");
	ck_assert_int_eq(write_file_replace(p, "s", 1, 0600), 0);
	free(p);
	p = path_join(root, "2021-01/leak.html");
	ck_assert_int_eq(symlink("../../secret", p), 0);
	free(p);

	ck_assert_int_eq(archive_path_resolve(root, "/", &f), 0);
	ck_assert(strstr(f, "/site/index.html"));
	free(f);
	ck_assert_int_eq(archive_path_resolve(root, "", &f), 0);
	free(f);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/", &f), 0);
	ck_assert(strstr(f, "/site/2021-01/index.html"));
	free(f);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01", &f), 0);
	free(f);
	ck_assert_int_eq(archive_path_resolve(root, "2021-01/aba.html", &f),
	    0);
	free(f);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/none.html",
	    &f), 1);
	ck_assert_ptr_null(f);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/images/",
	    &f), 1);	/* a folder without index.html: no listing */
	ck_assert_int_eq(archive_path_resolve(root, "/../secret", &f), -1);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/../../secret",
	    &f), -1);
	ck_assert_int_eq(archive_path_resolve(root, "/.hidden", &f), -1);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/.", &f), -1);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01\\..\\x", &f),
	    -1);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/leak.html",
	    &f), -1);
	mk("2021-01/aba.html.tmp.4242", "half");
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/aba.html.tmp.4242",
	    &f), -1);
	ck_assert_int_eq(archive_path_resolve(root, "/2021-01/aba.html.tmp.",
	    &f), 1);	/* no pid: an ordinary (missing) name */
	ck_assert_ptr_null(f);
	rm_rf(real);
	free(real);
}
END_TEST

START_TEST(test_types)
{
	ck_assert_str_eq(archive_path_type("/a/index.html"),
	    "text/html; charset=utf-8");
	ck_assert_str_eq(archive_path_type("feed.xml"),
	    "application/atom+xml; charset=utf-8");
	ck_assert_str_eq(archive_path_type("x/IMG.PNG"), "image/png");
	ck_assert_str_eq(archive_path_type("x/a.txt"),
	    "text/plain; charset=utf-8");
	ck_assert_str_eq(archive_path_type("x/a.bin"),
	    "application/octet-stream");
	ck_assert_str_eq(archive_path_type("html"),
	    "application/octet-stream");
}
END_TEST

static const struct archive_feed_entry entries[] = {
	{ "2021-02", "2021-02-20", "第2期 </script><b>&\"'", 1613779200,
	    1700000000, "<p>正文 &lt;script&gt;</p><img src=\"images/a.png\" />" },
	{ "2021-01", "2021-01-20", "第1期", 1611100800, 1611100800,
	    "<p>一</p>" },
};

START_TEST(test_feed)
{
	struct archive_feed f = { "通讯 <&>", "四川省科协", "news@example.org",
	    "https://x.org/archive/", entries, 2, 0 };
	struct buf a = BUF_INIT, b = BUF_INIT;

	archive_feed_write(&f, &a);
	archive_feed_write(&f, &b);
	ck_assert_str_eq(a.data, b.data);	/* no clock, no randomness */
	ck_assert(!strncmp(a.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\""
	    "https://x.org/archive/\">\n", 96));
	/* RFC 4122 version 5 of mailto:news@example.org#archive (Python's
	   uuid.uuid5(NAMESPACE_URL, ...) gives the same) */
	ck_assert(strstr(a.data, "<id>urn:uuid:"
	    "d9376631-639e-5b98-b386-2ecda1880e6b</id>"));
	ck_assert(strstr(a.data, "<title>通讯 &lt;&amp;&gt;</title>"));
	ck_assert(strstr(a.data, "<updated>2023-11-14T22:13:20Z</updated>\n"
	    "<author>"));
	ck_assert(strstr(a.data, "<id>tag:example.org,2021-02-20:2021-02</id>"));
	ck_assert(strstr(a.data, "<title>第2期 &lt;/script&gt;&lt;b&gt;"
	    "&amp;&quot;&#39;</title>"));
	ck_assert(strstr(a.data, "<published>2021-02-20T00:00:00Z</published>"));
	/* links absolute: not every reader follows xml:base */
	ck_assert(strstr(a.data, "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://x.org/archive/2021-02/\"/>"));
	ck_assert(strstr(a.data, "</author>\n<link rel=\"alternate\" "
	    "type=\"text/html\" href=\"https://x.org/archive/\"/>\n"
	    "<link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"https://x.org/archive/feed.xml\"/>\n"));
	/* the content's URLs too: readers resolve them unevenly */
	ck_assert(strstr(a.data, "<content type=\"html\" xml:base=\"2021-02/\">"
	    "&lt;p&gt;正文 &amp;lt;script&amp;gt;&lt;/p&gt;&lt;img src=&quot;"
	    "https://x.org/archive/2021-02/images/a.png&quot; /&gt;</content>"));
	ck_assert(!strstr(a.data, "<script"));
	ck_assert(!strstr(a.data, "<p>"));
	ck_assert(strstr(a.data, "2021-02") < strstr(a.data, "2021-01-20:"));
	buf_free(&a);
	buf_free(&b);

	f.base = NULL;
	f.n = 0;
	f.empty_updated = 0;
	archive_feed_write(&f, &a);
	ck_assert(strstr(a.data, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	ck_assert(strstr(a.data, "<updated>1970-01-01T00:00:00Z</updated>"));
	ck_assert(!strstr(a.data, "rel=\"self\""));
	ck_assert(strstr(a.data, "<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"./\"/>\n"));
	ck_assert(!strstr(a.data, "<entry>"));
	buf_free(&a);
}
END_TEST

/* Content URLs made absolute: which, and how; relative without a base. */
START_TEST(test_feed_content_urls)
{
	static const struct archive_feed_entry e = { "2021-03", "2021-03-20",
	    "t", 1, 1, "<a href=\"#section-x\">1</a><a href=\"files/a%20b.pdf"
	    "\">2</a><a href=\"https://e.org/x\">3</a><a href=\"mailto:a@b.c"
	    "\">4</a><a href=\"//cdn.org/y\">5</a><a href=\"/top.html\">6</a>"
	    "<img alt=\"src=&quot;x\" src=\"images/p.png?a=1&amp;b=2\" />"
	    "<p>href=\"plain text\" src=\"z\"</p><a href=\"\">7</a>" };
	struct archive_feed f = { "t", "n", "news@example.org",
	    "https://x.org/news/archive/", &e, 1, 0 };
	struct buf a = BUF_INIT;
	const char *want =
	    "&lt;a href=&quot;https://x.org/news/archive/2021-03/#section-x"
	    "&quot;&gt;1&lt;/a&gt;&lt;a href=&quot;https://x.org/news/archive/"
	    "2021-03/files/a%20b.pdf&quot;&gt;2&lt;/a&gt;&lt;a href=&quot;"
	    "https://e.org/x&quot;&gt;3&lt;/a&gt;&lt;a href=&quot;mailto:a@b.c"
	    "&quot;&gt;4&lt;/a&gt;&lt;a href=&quot;//cdn.org/y&quot;&gt;5&lt;"
	    "/a&gt;&lt;a href=&quot;https://x.org/top.html&quot;&gt;6&lt;/a&gt;"
	    "&lt;img alt=&quot;src=&amp;quot;x&quot; src=&quot;https://x.org/"
	    "news/archive/2021-03/images/p.png?a=1&amp;amp;b=2&quot; /&gt;"
	    "&lt;p&gt;href=&quot;plain text&quot; src=&quot;z&quot;&lt;/p&gt;"
	    "&lt;a href=&quot;https://x.org/news/archive/2021-03/&quot;&gt;7"
	    "&lt;/a&gt;</content>";

	archive_feed_write(&f, &a);
	ck_assert_msg(strstr(a.data, want), "%s", a.data);
	buf_free(&a);

	f.base = NULL;	/* no base_url: left as they are, to the feed */
	archive_feed_write(&f, &a);
	ck_assert(strstr(a.data, "xml:base=\"2021-03/\">&lt;a href=&quot;"
	    "#section-x&quot;&gt;1&lt;/a&gt;&lt;a href=&quot;files/a%20b.pdf"));
	buf_free(&a);
}
END_TEST

START_TEST(test_feed_time)
{
	char s[21];

	archive_feed_time(0, s);
	ck_assert_str_eq(s, "1970-01-01T00:00:00Z");
	archive_feed_time(1611100800, s);
	ck_assert_str_eq(s, "2021-01-20T00:00:00Z");
}
END_TEST

START_TEST(test_urlpath)
{
	struct buf b = BUF_INIT;

	buf_add_urlpath(&b, "images/a b\"<>&'%.png");
	ck_assert_str_eq(b.data, "images/a%20b%22%3C%3E%26%27%25.png");
	buf_reset(&b);
	buf_add_urlpath(&b, "图/x-y_z.~.png");
	ck_assert_str_eq(b.data, "%E5%9B%BE/x-y_z.~.png");
	buf_free(&b);
}
END_TEST

START_TEST(test_html_local)
{
	struct asset img = { "images/a b.png", "a b.png", "image/png",
	    "img1.x@mailer.invalid", NULL, 0 };
	struct issue is;
	char *h;

	memset(&is, 0, sizeof is);
	is.images = &img;
	is.nimages = 1;
	h = issue_html_local(&is, "<img src=\"cid:img1.x@mailer.invalid\" />"
	    "<img src=\"cid:img1.x@mailer.invalid\" />", NULL);
	ck_assert_str_eq(h, "<img src=\"images/a%20b.png\" />"
	    "<img src=\"images/a%20b.png\" />");
	free(h);
	/* under a folder: the path too (two x.png in two folders) */
	h = issue_html_local(&is, "<img src=\"cid:img1.x@mailer.invalid\" />",
	    "assets");
	ck_assert_str_eq(h, "<img src=\"assets/images/a%20b.png\" />");
	free(h);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("archive");
	TCase *tc = tcase_create("archive");

	tcase_add_test(tc, test_id_valid);
	tcase_add_test(tc, test_urls);
	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_types);
	tcase_add_test(tc, test_feed);
	tcase_add_test(tc, test_feed_content_urls);
	tcase_add_test(tc, test_feed_time);
	tcase_add_test(tc, test_urlpath);
	tcase_add_test(tc, test_html_local);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(suite)
