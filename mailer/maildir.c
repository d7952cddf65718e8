/* maildir: Maildir delivery.  See maildir.h. */
#include "maildir.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "util.h"

static int
make_dirs(const char *dir)
{
	static const char *const sub[] = { "tmp", "new", "cur" };

	for (size_t i = 0; i < 3; i++) {
		char *p = path_join(dir, sub[i]);
		int rc = mkdir_p(p, 0700);

		free(p);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/* time.MusecPpidQcounter.host; '/' and ':' in the host name are escaped. */
static char *
unique_name(void)
{
	static unsigned counter;
	struct timeval tv;
	char host[256];
	struct buf b = BUF_INIT;

	gettimeofday(&tv, NULL);
	if (gethostname(host, sizeof host) == -1)
		memcpy(host, "localhost", 10);
	host[sizeof host - 1] = '\0';
	buf_printf(&b, "%lld.M%ldP%ldQ%u.", (long long)tv.tv_sec,
	    (long)tv.tv_usec, (long)getpid(), ++counter);
	for (const char *h = host; *h; h++) {
		if (*h == '/')
			buf_adds(&b, "\\057");
		else if (*h == ':')
			buf_adds(&b, "\\072");
		else
			buf_addc(&b, *h);
	}
	return buf_detach(&b);
}

/* msg with CRLF turned into LF; a CR ending msg waits for *cr's LF */
static void
add_lf(struct buf *b, const char *msg, size_t len, int *cr)
{
	for (size_t i = 0; i < len; i++) {
		if (*cr && msg[i] != '\n')
			buf_addc(b, '\r');
		*cr = msg[i] == '\r';
		if (!*cr)
			buf_addc(b, msg[i]);
	}
}

/* The file's bytes: trace headers, then head and data in LF lines. */
static void
render(struct buf *b, const char *head, size_t head_len, const char *data,
    size_t len, const char *return_path, const char *rcpt)
{
	int cr = 0;

	if (return_path)
		buf_printf(b, "Return-Path: <%s>\n", return_path);
	if (rcpt)
		buf_printf(b, "Delivered-To: %s\n", rcpt);
	buf_grow(b, head_len + len);
	add_lf(b, head, head_len, &cr);
	add_lf(b, data, len, &cr);
	if (cr)
		buf_addc(b, '\r');
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
maildir_deliver(const char *dir, const char *head, size_t head_len,
    const char *data, size_t len, const char *return_path, const char *rcpt,
    char **name_out)
{
	struct buf b = BUF_INIT;
	char *name = NULL, *tmp = NULL, *new = NULL, *newdir = NULL;
	int fd, rc = -1;

	if (make_dirs(dir) == -1)
		return -1;
	render(&b, head, head_len, data, len, return_path, rcpt);
	name = unique_name();
	tmp = xasprintf("%s/tmp/%s", dir, name);
	new = xasprintf("%s/new/%s", dir, name);
	newdir = path_join(dir, "new");
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		warn("%s", tmp);
		goto out;
	}
	if (write_all(fd, b.data, b.len) == -1 || fsync(fd) == -1) {
		warn("%s", tmp);
		close(fd);
		unlink(tmp);
		goto out;
	}
	/*
	 * A failed close still releases fd: closing it again could close a
	 * descriptor another thread has just been given.
	 */
	if (close(fd) == -1) {
		warn("%s", tmp);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, new) == -1 || sync_dir(newdir) == -1) {
		warn("%s", new);
		unlink(tmp);
		goto out;
	}
	rc = 0;
	if (name_out) {
		*name_out = name;
		name = NULL;
	}
out:
	buf_free(&b);
	free(name);
	free(tmp);
	free(new);
	free(newdir);
	return rc;
}
