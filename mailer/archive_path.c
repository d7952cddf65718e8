/* archive_path: the archive's folder and URLs.  See archive_path.h. */
#include "archive_path.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "util.h"

char *
archive_url(const struct config *c)
{
	return c->web_base_url ? xasprintf("%s/archive/", c->web_base_url) :
	    NULL;
}

char *
archive_edition_url(const struct config *c, const char *issue,
    const char *list)
{
	if (!c->web_base_url)
		return NULL;
	if (!list)
		return xasprintf("%s/archive/%s/", c->web_base_url, issue);
	return xasprintf("%s/archive/%s/%s.html", c->web_base_url, issue,
	    list);
}

int
archive_id_valid(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > 128 || strstr(id, ".."))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)id[i];
		int alnum = (ch >= 'a' && ch <= 'z') ||
		    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');

		if (!alnum && (i == 0 || !strchr("._-", ch)))
			return 0;
	}
	return 1;
}

/* 1 when name (n bytes) is "X.tmp.PID": a file being written */
static int
temporary(const char *name, size_t n)
{
	size_t d = 0;

	while (d < n && name[n - 1 - d] >= '0' && name[n - 1 - d] <= '9')
		d++;
	return d > 0 && n > d + 5 && !strncmp(name + n - d - 5, ".tmp.", 5);
}

/*
 * 0 when a component of path starts with a dot or is a file still being
 * written, or path has a "\\"
 */
static int
path_safe(const char *path)
{
	if (strchr(path, '\\'))
		return 0;
	for (const char *p = path; *p; ) {
		size_t n;

		while (*p == '/')
			p++;
		if (*p == '.')
			return 0;	/* ".", "..", hidden files */
		n = strcspn(p, "/");
		if (temporary(p, n))
			return 0;
		p += n;
	}
	return 1;
}

int
archive_path_resolve(const char *root, const char *path, char **file)
{
	struct stat st;
	char *joined, *real;
	size_t rl = strlen(root);

	*file = NULL;
	if (!path_safe(path))
		return -1;
	while (*path == '/')
		path++;
	joined = *path ? path_join(root, path) : xstrdup(root);
	if (stat(joined, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *ix = path_join(joined, "index.html");

		free(joined);
		joined = ix;
	}
	real = xrealpath(joined);
	free(joined);
	if (!real)
		return 1;
	if (strncmp(real, root, rl) || real[rl] != '/') {
		free(real);
		return -1;
	}
	if (stat(real, &st) == -1 || !S_ISREG(st.st_mode)) {
		free(real);
		return 1;
	}
	*file = real;
	return 0;
}

const char *
archive_path_type(const char *file)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".xml", "application/atom+xml; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".svg", "image/svg+xml" },
		{ ".pdf", "application/pdf" },
	};
	size_t n = strlen(file);

	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t e = strlen(types[i].ext);

		if (n > e && !strcasecmp(file + n - e, types[i].ext))
			return types[i].type;
	}
	return "application/octet-stream";
}
