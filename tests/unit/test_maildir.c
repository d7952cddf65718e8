/*
 * Unit tests for maildir.c: layout, CRLF conversion, unique names, and a
 * close() that fails (as it can on NFS, with EIO), which a wrapper below
 * produces: no real file system here fails a close on demand.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "maildir.h"
#include "unit.h"
#include "util.h"

static int
count(const char *dir, const char *sub)
{
	char *p = path_join(dir, sub);
	DIR *d = opendir(p);
	struct dirent *e;
	int n = 0;

	free(p);
	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * close() for this binary (maildir.o's calls resolve here): when armed, a
 * close of a file whose path contains fail_in fails with EIO, after
 * releasing the descriptor as Linux does; a later close of that same
 * descriptor is counted as a double close.
 */
static const char *fail_in;
static int failed_fd = -1, double_closes;

int
close(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	if (fd == failed_fd) {
		double_closes++;
		errno = EBADF;
		return -1;
	}
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = fail_in ? readlink(link, path, sizeof path - 1) : -1;
	if (n > 0) {
		path[n] = '\0';
		if (strstr(path, fail_in)) {
			syscall(SYS_close, fd);
			failed_fd = fd;
			errno = EIO;
			return -1;
		}
	}
	return (int)syscall(SYS_close, fd);
}

START_TEST(test_deliver)
{
	char tmp[] = "/tmp/maildirXXXXXX";
	char *md, *name, *name2, *file;
	const char msg[] = "Subject: hi\r\n\r\nline 1\r\nbare\nlast\r";
	/* head then body, split inside a CRLF: the file is the same */
	const char head[] = "Subject: hi\r\n\r\nline 1\r", body[] =
	    "\nbare\nlast\r";
	struct buf b = BUF_INIT;
	struct stat st;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	md = path_join(tmp, "box/inner");
	ck_assert_int_eq(maildir_deliver(md, msg, sizeof msg - 1, NULL, 0,
	    "bounces+abc@example.org", "a@example.cn", &name), 0);
	ck_assert_int_eq(count(md, "new"), 1);
	ck_assert_int_eq(count(md, "tmp"), 0);
	ck_assert_int_eq(count(md, "cur"), 0);
	ck_assert_int_eq(stat(md, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0700);
	file = xasprintf("%s/new/%s", md, name);
	ck_assert_int_eq(slurp_file(file, 1 << 20, &b), 0);
	ck_assert_str_eq(b.data, "Return-Path: <bounces+abc@example.org>\n"
	    "Delivered-To: a@example.cn\n"
	    "Subject: hi\n\nline 1\nbare\nlast\r");
	ck_assert_ptr_null(strchr(name, '/'));
	ck_assert_int_eq(maildir_deliver(md, head, sizeof head - 1, body,
	    sizeof body - 1, "bounces+abc@example.org", "a@example.cn",
	    &name2), 0);
	ck_assert_str_ne(name, name2);
	free(file);
	file = xasprintf("%s/new/%s", md, name2);
	buf_reset(&b);
	ck_assert_int_eq(slurp_file(file, 1 << 20, &b), 0);
	ck_assert_str_eq(b.data, "Return-Path: <bounces+abc@example.org>\n"
	    "Delivered-To: a@example.cn\n"
	    "Subject: hi\n\nline 1\nbare\nlast\r");
	free(name2);
	ck_assert_int_eq(maildir_deliver(md, NULL, 0, "x\r\n", 3, NULL, NULL,
	    &name2), 0);
	ck_assert_int_eq(count(md, "new"), 3);
	ck_assert_int_eq(maildir_deliver("/proc/nope", "x", 1, NULL, 0, NULL,
	    NULL, NULL), -1);
	buf_free(&b);
	free(file);
	free(name);
	free(name2);
	free(md);
	rm_rf(tmp);
}
END_TEST

/* Bug "maildir.c closes the descriptor twice when close fails". */
START_TEST(test_close_fails_closes_once)
{
	char tmp[] = "/tmp/maildirXXXXXX";
	char *md, *in;

	ck_assert_ptr_nonnull(mkdtemp(tmp));
	md = path_join(tmp, "box");
	in = xasprintf("%s/tmp/", md);
	fail_in = in;
	ck_assert_int_eq(maildir_deliver(md, "x\r\n", 3, NULL, 0, NULL, NULL,
	    NULL), -1);
	fail_in = NULL;
	ck_assert_int_ne(failed_fd, -1);
	ck_assert_int_eq(double_closes, 0);
	ck_assert_int_eq(count(md, "tmp"), 0);
	ck_assert_int_eq(count(md, "new"), 0);
	failed_fd = -1;
	free(in);
	free(md);
	rm_rf(tmp);
}
END_TEST

static Suite *
maildir_suite(void)
{
	Suite *s = suite_create("maildir");
	TCase *tc = tcase_create("maildir");

	tcase_add_test(tc, test_deliver);
	tcase_add_test(tc, test_close_fails_closes_once);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(maildir_suite)
