/* archive: builds the web archive.  See archive.h. */
#include "archive.h"

#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_cache.h"
#include "archive_feed.h"
#include "archive_page.h"
#include "archive_path.h"
#include "archive_src.h"
#include "config.h"
#include "edition.h"
#include "exitcode.h"
#include "issue.h"
#include "list.h"
#include "lock.h"
#include "util.h"

/* What is made of one issue of the archive (archive_src: which, when). */
struct made {
	/* all of it, when its pages or entry are made */
	struct issue *is;
	struct composer *cp;
	int make;		/* its pages are made again */
	int feed;		/* in the feed: no draft */
	char *entry;		/* feed content, when in the feed */
};

struct build {
	const struct config *cfg;
	const struct archive_opts *o;
	struct archive_stats *st;
	const char *out;
	struct archive_src *v;	/* newest first */
	struct made *m;		/* m[i] for v[i] */
	size_t n;
	const struct list **lists;	/* every list, by id */
	size_t nlists;
	struct archive_pages *pages;
	struct archive_cache *old, *cur;
	const struct archive_src *emitting;	/* whose files emit records */
	struct strset made_dirs;	/* folders known to exist */
};

/*
 * Every list's profile, for the association pages; ids must be usable as
 * page names.  The composers keep their own copies.
 */
static int
load_lists(struct build *b, struct list ***owned)
{
	int rc = list_load_all(b->cfg->lists_dir, owned, &b->nlists);

	for (size_t i = 0; i < b->nlists; i++) {
		char *what = xasprintf("%s/%s.yaml", b->cfg->lists_dir,
		    (*owned)[i]->id);

		if (!archive_src_id_usable(what, (*owned)[i]->id))
			rc = -1;
		free(what);
	}
	b->lists = (const struct list **)*owned;
	return rc;
}

/* 1 when path is page or lies under a folder of that name */
static int
on_page(const char *path, const char *page, size_t len)
{
	if (strncmp(path, page, len))
		return 0;
	return !strncmp(path + len, ".html", 5) &&
	    (!path[len + 5] || path[len + 5] == '/');
}

/*
 * An image or attachment must not land on one of the issue's pages, nor
 * under a folder named like one (the page is a file there).
 */
static int
check_assets(const struct build *b, const struct issue *is)
{
	const struct asset *v[2] = { is->images, is->attachments };
	size_t n[2] = { is->nimages, is->nattachments };
	int rc = 0;

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++) {
			const char *p = v[k][i].path;
			int clash = on_page(p, "index", 5);

			for (size_t l = 0; !clash && l < b->nlists; l++)
				clash = on_page(p, b->lists[l]->id,
				    strlen(b->lists[l]->id));
			if (clash) {
				warnx("%s: \"%s\" would overwrite an archive "
				    "page (ISSUE/index.html, ISSUE/LIST.html) "
				    "or lie under one: move it into another "
				    "folder", is->dir, p);
				rc = -1;
			} else if (issue_path_hidden(p)) {
				warnx("%s: \"%s\" has a hidden name (a part "
				    "starting with \".\"), which no web "
				    "server serves from the archive: rename "
				    "it", is->dir, p);
				rc = -1;
			}
		}
	return rc;
}

/*
 * The newest web.feed_entries issues that are no drafts go in the feed: a
 * draft there would reach readers unmarked, and stay with them after a
 * build without --drafts takes it out.
 */
static void
mark_feed(struct build *b)
{
	size_t k = 0;

	for (size_t i = 0; i < b->n &&
	    k < (size_t)b->cfg->web_feed_entries; i++)
		if (!b->v[i].draft) {
			b->m[i].feed = 1;
			k++;
		}
}

/*
 * Loads what will be made: the issues whose inputs changed, and those in
 * the feed (for their content).  Nothing is written before all loaded.
 */
static int
load_sources(struct build *b)
{
	int rc = 0;

	mark_feed(b);
	for (size_t i = 0; i < b->n; i++) {
		const struct archive_src *s = &b->v[i];
		struct made *m = &b->m[i];

		m->make = !archive_cache_fresh(b->old, s->head->id, s->fp);
		if (!m->make && !m->feed)
			continue;
		if (!(m->is = issue_load(s->dir)) ||
		    !(m->cp = composer_new(b->cfg, m->is, NULL)) ||
		    check_assets(b, m->is) == -1)
			rc = -1;
	}
	return rc;
}

/* 1 when path holds exactly data[0..len) */
static int
same_file(const char *path, const char *data, size_t len)
{
	struct stat st;
	struct buf b = BUF_INIT;
	int same;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		return 0;
	if (len == 0)
		return 1;
	if (slurp_file(path, len, &b) == -1)
		return 0;
	same = b.len == len && !memcmp(b.data, data, len);
	buf_free(&b);
	return same;
}

/*
 * The folders from the archive's down to dir, made readable by all: the
 * site is public, and the umask of a service may be 077.
 */
static int
make_dirs(struct build *b, char *dir)
{
	size_t ol = strlen(b->out);
	int rc = 0;

	for (char *s = dir + ol; rc == 0 && *s; ) {
		char c;

		s += 1 + strcspn(s + 1, "/");
		c = *s;
		*s = '\0';
		if (mkdir(dir, 0755) == 0)
			rc = chmod(dir, 0755);
		else if (errno != EEXIST)
			rc = -1;
		if (rc == -1)
			warn("%s", dir);
		*s = c;
	}
	if (rc == 0)
		strset_add(&b->made_dirs, dir);
	return rc;
}

static int
put(struct build *b, const char *rel, const char *data, size_t len)
{
	char *path = path_join(b->out, rel), *dir = xstrdup(path);
	int rc = 0;

	if (!same_file(path, data, len)) {
		if (!strset_has(&b->made_dirs, dirname(dir)))
			rc = make_dirs(b, dir);
		if (rc == 0)
			rc = write_file_replace(path, data, len, 0644);
		if (rc == 0)
			b->st->written++;
	}
	free(path);
	free(dir);
	return rc;
}

static int
emit(void *arg, const char *rel, const char *data, size_t len)
{
	struct build *b = arg;
	const struct archive_src *s = b->emitting;

	if (put(b, rel, data, len) == -1)
		return -1;
	archive_cache_add(b->cur, s->head->id, s->fp, rel);
	return 0;
}

static int
make_issues(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct archive_src *s = &b->v[i];
		struct made *m = &b->m[i];

		if (!m->make) {
			archive_cache_keep(b->cur, b->old, s->head->id);
		} else {
			b->emitting = s;
			if (archive_page_issue(b->pages, m->cp, m->is,
			    b->lists, b->nlists, emit, b) == -1)
				return -1;
			b->st->made++;
		}
		if (m->feed && archive_page_entry(b->pages, m->cp, m->is,
		    &m->entry) == -1)
			return -1;
	}
	return 0;
}

static int
make_index(struct build *b)
{
	struct archive_index_item *v = xcalloc(b->n ? b->n : 1, sizeof *v);
	struct buf out = BUF_INIT;
	int rc;

	for (size_t i = 0; i < b->n; i++) {
		v[i].head = b->v[i].head;
		v[i].draft = b->v[i].draft;
	}
	rc = archive_page_index(b->pages, v, b->n, &out);
	if (rc == 0)
		rc = put(b, "index.html", out.data, out.len);
	buf_free(&out);
	free(v);
	return rc;
}

static int
make_feed(struct build *b)
{
	struct archive_feed_entry *e = xcalloc(b->n ? b->n : 1, sizeof *e);
	struct archive_feed f = { 0 };
	struct buf out = BUF_INIT;
	char *base = archive_url(b->cfg);
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < b->n; i++) {
		if (!b->m[i].feed)
			continue;
		e[n].id = b->v[i].head->id;
		e[n].day = b->v[i].day;
		e[n].title = b->v[i].head->title;
		e[n].published = b->v[i].published;
		e[n].updated = b->v[i].updated;
		e[n++].html = b->m[i].entry;
	}
	f.title = b->cfg->web_title;
	f.author = b->cfg->sender_name;
	f.email = b->cfg->sender_address;
	f.base = base;
	f.entries = e;
	f.n = n;
	f.empty_updated = archive_src_epoch() > 0 ? archive_src_epoch() : 0;
	archive_feed_write(&f, &out);
	rc = put(b, "feed.xml", out.data, out.len);
	buf_free(&out);
	free(base);
	free(e);
	return rc;
}

/*
 * rel comes from the cache file: only ISSUE/... paths with no ".." or
 * hidden component are ever removed, so a damaged or hostile cache cannot
 * reach outside the archive.
 */
static int
removable(const char *rel)
{
	const char *sl = strchr(rel, '/');
	char *id;
	int ok;

	if (!sl || rel[0] == '/')
		return 0;
	id = xstrndup(rel, (size_t)(sl - rel));
	ok = archive_id_valid(id) && !strstr(sl, "/.") && !strstr(sl, "//");
	free(id);
	return ok;
}

static void
remove_stale(void *arg, const char *rel)
{
	struct build *b = arg;
	char *path, *dir;

	if (!removable(rel)) {
		warnx("%s: not removing \"%s\": not an archive file", b->out,
		    rel);
		return;
	}
	path = path_join(b->out, rel);
	if (unlink(path) == 0)
		b->st->removed++;
	else if (errno != ENOENT)
		warn("%s", path);
	/* and the folders it leaves empty, up to the archive's */
	dir = path;
	while (strrchr(dir, '/') && (*strrchr(dir, '/') = '\0', 1) &&
	    strlen(dir) > strlen(b->out) && rmdir(dir) == 0)
		;
	free(path);
}

/* <paths.state folder>/archive-cache.json, the folder made if needed */
static char *
cache_path(const struct config *c)
{
	char *d = xstrdup(c->state_path), *dir = dirname(d), *p;

	p = path_join(dir, "archive-cache.json");
	if (mkdir_p(dir, 0700) == -1) {
		free(p);
		p = NULL;
	}
	free(d);
	return p;
}

static void
free_sources(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		composer_free(b->m[i].cp);
		issue_free(b->m[i].is);
		free(b->m[i].entry);
	}
	free(b->m);
	archive_src_free(b->v, b->n);
}

static int
build(struct build *b, const char *cache)
{
	struct list **lists = NULL;
	int rc = archive_src_scan(b->cfg, b->o->dirs, b->o->drafts, &b->v,
	    &b->n);

	b->m = xcalloc(b->n ? b->n : 1, sizeof *b->m);
	if (load_lists(b, &lists) == -1 && rc == 0)
		rc = EXIT_DATAERR;
	if (rc == 0 && !(b->pages = archive_pages_open(b->cfg)))
		rc = EXIT_DATAERR;
	if (rc == 0) {
		b->old = archive_cache_load(cache, b->out);
		b->cur = archive_cache_new(b->out);
		if (load_sources(b) == -1)
			rc = EXIT_DATAERR;
	}
	if (rc == 0 && (make_issues(b) == -1 || make_index(b) == -1 ||
	    make_feed(b) == -1))
		rc = EXIT_CANTCREAT;
	if (rc == 0) {
		archive_cache_stale(b->old, b->cur, remove_stale, b);
		if (archive_cache_save(b->cur, cache) == -1)
			rc = EXIT_CANTCREAT;
	}
	b->st->issues = b->n;
	for (size_t i = 0; i < b->nlists; i++)
		list_free(lists[i]);
	free(lists);
	return rc;
}

/*
 * A build that fails leaves no folder it made: *made (the archive's
 * folder, or the first of its parents that did not exist) goes, with what
 * was written into it.
 */
static void
discard(char **made)
{
	if (*made && rm_rf(*made) == -1)
		warn("%s: not removed", *made);
	free(*made);
	*made = NULL;
}

/* The first folder of path, from the top, that does not exist; NULL: none. */
static char *
first_missing(const char *path)
{
	struct stat sb;
	char *p = xstrdup(path);

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s)
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (lstat(p, &sb) == -1)
				return p;
			*s = c;
		}
		if (!*s)
			break;
	}
	free(p);
	return NULL;
}

/*
 * The folders made above the archive's, from made down, let others pass
 * but not list (0711): under a umask of 077 they were 0700, and no web
 * server could reach the site.
 */
static void
open_parents(const char *out, const char *made)
{
	char *p = xstrdup(out);
	size_t n = strlen(p);

	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	for (size_t i = strlen(made); i < n; i++)
		if (p[i] == '/') {
			p[i] = '\0';
			(void)chmod(p, 0711);
			p[i] = '/';
		}
	free(p);
}

/*
 * The archive's folder, made (readable by all) when missing; absolute.
 * *made is the topmost folder this made (the caller frees it), NULL when
 * the folder existed.  A failed call leaves nothing it made.
 */
static char *
open_out(const char *out, char **made)
{
	struct stat sb;
	char *real = NULL;

	if ((*made = first_missing(out))) {
		if (mkdir_p(out, 0755) == -1)
			goto fail;
		(void)chmod(out, 0755);	/* mkdir_p went through the umask */
		open_parents(out, *made);
	}
	if (!(real = xrealpath(out))) {
		warn("%s", out);
		goto fail;
	}
	if (stat(real, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		warnx("%s: not a folder", out);
		goto fail;
	}
	return real;
fail:
	free(real);
	discard(made);
	return NULL;
}

int
archive_build(const struct config *c, const struct archive_opts *o,
    struct archive_stats *st)
{
	struct build b = { 0 };
	const char *out = o->out ? o->out : c->web_archive_dir;
	char *cache = NULL, *made = NULL;
	long holder = 0;
	char who[LOCK_HOLDER_MAX];
	int fd = -1, rc;

	memset(st, 0, sizeof *st);
	b.cfg = c;
	b.o = o;
	b.st = st;
	if (!(cache = cache_path(c)))
		return EXIT_CANTCREAT;
	/* first: what a build that fails made is then its own to remove */
	if ((rc = lock_acquire(cache, &fd, &holder)) != 0) {
		if (rc == 1)
			warnx("%s holds %s.lock, the archive's lock; try "
			    "again later", lock_holder(holder, who), cache);
		free(cache);
		return rc == 1 ? EXIT_TEMPFAIL : EXIT_CANTCREAT;
	}
	if (!(st->out = open_out(out, &made)))
		rc = EXIT_CANTCREAT;
	b.out = st->out;
	if (rc == 0 && (rc = build(&b, cache)) != 0)
		discard(&made);
	free(made);
	lock_release(fd);
	archive_pages_close(b.pages);
	archive_cache_free(b.old);
	archive_cache_free(b.cur);
	free_sources(&b);
	strset_free(&b.made_dirs);
	free(cache);
	return rc;
}
