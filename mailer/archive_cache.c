/* archive_cache: the archive's build record.  See archive_cache.h. */
#include "archive_cache.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define CACHE_FORMAT 1
#define CACHE_MAX (64 * 1024 * 1024)

struct archive_cache {
	char *out;
	json_t *issues;		/* id -> { "fp": hex, "files": {rel: [..]} } */
};

struct archive_cache *
archive_cache_new(const char *out)
{
	struct archive_cache *c = xcalloc(1, sizeof *c);

	c->out = xstrdup(out);
	c->issues = json_object();
	return c;
}

struct archive_cache *
archive_cache_load(const char *path, const char *out)
{
	struct archive_cache *c = archive_cache_new(out);
	struct buf b = BUF_INIT;
	json_t *root, *issues;
	const char *o;

	if (access(path, F_OK) == -1 || slurp_file(path, CACHE_MAX, &b) == -1)
		return c;
	root = json_loadb(b.data, b.len, 0, NULL);
	buf_free(&b);
	issues = json_object_get(root, "issues");
	o = json_string_value(json_object_get(root, "out"));
	if (json_integer_value(json_object_get(root, "format")) ==
	    CACHE_FORMAT && o && !strcmp(o, out) && json_is_object(issues)) {
		json_decref(c->issues);
		c->issues = json_incref(issues);
	}
	json_decref(root);
	return c;
}

void
archive_cache_free(struct archive_cache *c)
{
	if (!c)
		return;
	json_decref(c->issues);
	free(c->out);
	free(c);
}

/* The file as recorded: [size, mtime seconds, mtime nanoseconds]. */
static json_t *
file_json(const char *out, const char *rel)
{
	char *p = path_join(out, rel);
	struct stat st;
	json_t *v;

	if (lstat(p, &st) == -1)
		memset(&st, 0, sizeof st);
	free(p);
	v = json_pack("[I,I,I]", (json_int_t)st.st_size,
	    (json_int_t)st.st_mtim.tv_sec, (json_int_t)st.st_mtim.tv_nsec);
	return v;
}

int
archive_cache_fresh(const struct archive_cache *c, const char *id,
    const char *fp)
{
	json_t *e = json_object_get(c->issues, id), *files, *v;
	const char *rel, *f = json_string_value(json_object_get(e, "fp"));

	if (!f || strcmp(f, fp))
		return 0;
	files = json_object_get(e, "files");
	if (!json_is_object(files) || json_object_size(files) == 0)
		return 0;
	json_object_foreach(files, rel, v) {
		json_t *now = file_json(c->out, rel);
		int same = json_equal(now, v);

		json_decref(now);
		if (!same)
			return 0;
	}
	return 1;
}

void
archive_cache_keep(struct archive_cache *c, const struct archive_cache *old,
    const char *id)
{
	json_t *e = json_object_get(old->issues, id);

	if (e)
		json_object_set(c->issues, id, e);
}

void
archive_cache_add(struct archive_cache *c, const char *id, const char *fp,
    const char *rel)
{
	json_t *e = json_object_get(c->issues, id);

	if (!e || strcmp(json_string_value(json_object_get(e, "fp")), fp)) {
		e = json_pack("{s:s,s:{}}", "fp", fp, "files");
		json_object_set_new(c->issues, id, e);
	}
	json_object_set_new(json_object_get(e, "files"), rel,
	    file_json(c->out, rel));
}

void
archive_cache_stale(const struct archive_cache *old,
    const struct archive_cache *c, void (*fn)(void *arg, const char *rel),
    void *arg)
{
	const char *id, *rel;
	json_t *e, *v;

	json_object_foreach(old->issues, id, e) {
		json_t *now = json_object_get(json_object_get(c->issues, id),
		    "files");

		json_object_foreach(json_object_get(e, "files"), rel, v)
			if (!json_object_get(now, rel))
				fn(arg, rel);
	}
}

int
archive_cache_save(const struct archive_cache *c, const char *path)
{
	json_t *root = json_pack("{s:i,s:s,s:O}", "format", CACHE_FORMAT,
	    "out", c->out, "issues", c->issues);
	char *s = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
	int rc = write_file_replace(path, s, strlen(s), 0600);

	free(s);
	json_decref(root);
	return rc;
}
