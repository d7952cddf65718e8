/* tmplfile: templates and partials from a folder.  See tmplfile.h. */
#include "tmplfile.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Partials are DIR/<name>.mustache; names may not leave the folder. */
static char *
load_partial(void *arg, const char *name, char **file)
{
	const char *dir = arg;
	struct buf b = BUF_INIT;
	char *path;

	if (!*name || strchr(name, '/') || name[0] == '.')
		return NULL;
	path = xasprintf("%s/%s.mustache", dir, name);
	if (access(path, R_OK) == -1 ||
	    slurp_file(path, TMPLFILE_MAX, &b) == -1) {
		free(path);
		return NULL;
	}
	*file = path;
	return buf_detach(&b);
}

/*
 * Parses src[0..len) (named file in messages) with its partials taken from
 * dir, which must outlive the template.  NULL after reporting.
 */
static struct tmpl *
tmplfile_parse(const char *dir, const char *file, const char *src,
    size_t len, int no_escape)
{
	struct tmpl_opts o = { load_partial, (void *)dir, no_escape };

	return tmpl_parse(file, src, len, &o);
}

struct tmpl *
tmplfile_load(const char *dir, const char *name, int no_escape)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct buf b = BUF_INIT;
	struct tmpl *t = NULL;

	if (slurp_file(path, TMPLFILE_MAX, &b) == 0) {
		if (utf8_file_check(path, b.data, b.len) == 0)
			t = tmplfile_parse(dir, path, b.data, b.len,
			    no_escape);
	}
	buf_free(&b);
	free(path);
	return t;
}
