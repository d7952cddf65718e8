/* webarchive: the archive folder over HTTP.  See webarchive.h. */
#include "webarchive.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive_path.h"
#include "config.h"
#include "util.h"
#include "web.h"

static char *
http_date(time_t t)
{
	struct tm tm;
	char d[64];

	gmtime_r(&t, &tm);
	strftime(d, sizeof d, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return xstrdup(d);
}

/* 1 when the client's copy is current (If-None-Match, else -Since). */
static int
not_modified(const struct http_request *rq, const char *etag, time_t mtime)
{
	const char *inm = http_header(rq, "If-None-Match");
	const char *ims = http_header(rq, "If-Modified-Since");
	struct tm tm = { 0 };

	if (inm)
		return strstr(inm, etag) != NULL || !strcmp(inm, "*");
	if (ims && strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm))
		return mtime <= timegm(&tm);
	return 0;
}

/*
 * 1 when path names a folder without its final slash (file is the
 * folder's index.html): its page's relative links need the slash.
 */
static int
folder_without_slash(const char *path, const char *file)
{
	const char *last = strrchr(path, '/');
	size_t n = strlen(file), k = strlen("/index.html");

	return last && last[1] && strcmp(last + 1, "index.html") &&
	    n > k && !strcmp(file + n - k, "/index.html");
}

/*
 * The archive's files come from contributors (an attachment agenda.html,
 * an SVG image, an article with allow_html): a document that could run a
 * script runs none and posts nothing on the site's origin, where serve's
 * forms and tokens live.  Images from anywhere still show.
 */
static const char *
file_csp(const char *type)
{
	if (strncmp(type, "text/html", 9) && !strstr(type, "xml"))
		return NULL;	/* no script in PNG, JPEG, PDF, plain text */
	return "default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src * data:; media-src *; form-action 'none'; "
	    "frame-ancestors 'none'; base-uri 'none'";
}

void
webarchive_handle(struct web *w, const char *path,
    const struct http_request *rq, struct http_response *rs)
{
	char *root, *file = NULL;
	struct stat st;
	int fd = -1;

	if (!w->c->web_archive_dir || !strcmp(http_method(rq), "POST")) {
		rs->allow = WEB_ARCHIVE_ALLOW;
		web_simple(w, NULL, "bad_request", "请求无效 · Bad request",
		    405, rs);
		return;
	}
	/* resolved at each request: the archive may be built after start */
	root = xrealpath(w->c->web_archive_dir);
	if (!root || archive_path_resolve(root, *path ? path : "/",
	    &file) != 0 ||
	    (fd = open(file, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		if (fd != -1)
			close(fd);
		free(file);
		free(root);
		web_simple(w, NULL, "not_found", "找不到页面 · Not found", 404,
		    rs);
		return;
	}
	if (folder_without_slash(path, file)) {
		char *base = archive_url(w->c);	/* "BASE/archive/" */
		struct buf u = BUF_INIT;

		buf_adds(&u, base);
		buf_add_urlpath(&u, path + 1);
		buf_addc(&u, '/');
		free(base);
		rs->status = 301;
		rs->location = buf_detach(&u);
		close(fd);
		free(file);
		free(root);
		return;
	}
	rs->etag = xasprintf("\"%llx-%llx\"", (unsigned long long)st.st_size,
	    (unsigned long long)st.st_mtim.tv_sec * 1000000000ULL +
	    (unsigned long long)st.st_mtim.tv_nsec);
	rs->last_modified = http_date(st.st_mtime);
	rs->content_type = archive_path_type(file);
	rs->csp = file_csp(rs->content_type);
	rs->cacheable = 1;
	if (not_modified(rq, rs->etag, st.st_mtime)) {
		rs->status = 304;
		close(fd);
	} else {
		rs->fd = fd;
		rs->fd_size = (uint64_t)st.st_size;
	}
	free(file);
	free(root);
}
