/* archive: builds the web archive.  See archive.h. */
#include "archive.h"

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "exitcode.h"
#include <time.h>
#include <unistd.h>

#include "archive_cache.h"
#include "archive_feed.h"
#include "archive_page.h"
#include "archive_path.h"
#include "archive_src.h"
#include "config.h"
#include "edition.h"
#include "issue.h"
#include "journal.h"
#include "list.h"
#include "lock.h"
#include "util.h"

/* One issue of the archive. */
struct src {
	char *dir;		/* absolute */
	struct issue *head;	/* issue.yaml only */
	struct issue *is;	/* all of it, when its pages or entry are made */
	struct composer *cp;
	int make;		/* its pages are made again */
	int draft;
	time_t published, updated;
	char day[11];		/* its date for the feed's tag: URI */
	char fp[65];		/* fingerprint of its inputs */
	char *entry;		/* feed content, when in the feed */
};

struct build {
	const struct config *cfg;
	const struct archive_opts *o;
	struct archive_stats *st;
	const char *out;
	struct src *v;
	size_t n;
	const struct list **lists;	/* every list, by id */
	size_t nlists;
	struct archive_pages *pages;
	struct archive_cache *old, *cur;
	const struct src *emitting;	/* whose files emit records */
	struct strset made_dirs;	/* folders known to exist */
};

/* SOURCE_DATE_EPOCH, or -1 when it is not set */
static time_t
source_date_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	return e && *e ? (time_t)strtoll(e, NULL, 10) : -1;
}

/* No time later than SOURCE_DATE_EPOCH goes out (reproducible builds). */
static time_t
clamp_epoch(time_t t)
{
	time_t sde = source_date_epoch();

	return sde >= 0 && t > sde ? sde : t;
}

/* The inputs every page shares: the program, config, templates, lists. */
static int
hash_common(const struct config *c, struct sha256_ctx *h)
{
	time_t ignored = 0;
	int rc = 0;

	sha256_init(h);
	archive_src_str(h, "mailer archive 1");
	/* a new mailer may render differently: its binary is an input */
	if (access("/proc/self/exe", R_OK) == 0) {
		char *exe = realpath("/proc/self/exe", NULL);

		if (exe) {
			char *dir = xstrdup(exe), *base = xstrdup(exe);

			rc |= archive_src_hash(dirname(dir), basename(base), 0,
			    h, &ignored);
			free(dir);
			free(base);
			free(exe);
		}
	}
	archive_src_str(h, c->sender_name);
	archive_src_str(h, c->sender_address);
	archive_src_str(h, c->web_base_url);
	archive_src_str(h, c->web_title);
	rc |= archive_src_hash(c->templates_dir, ".mustache", 0, h, &ignored);
	rc |= archive_src_hash(c->lists_dir, ".yaml", 0, h, &ignored);
	return rc ? -1 : 0;
}

static int
id_usable(const char *what, const char *id)
{
	if (archive_id_valid(id) && strcmp(id, "index.html") &&
	    strcmp(id, "feed.xml"))
		return 1;
	warnx("%s: \"%s\" cannot name a folder or page of the archive: use "
	    "letters, digits, '.', '_' and '-' (first a letter or digit, no "
	    "\"..\"; not index.html or feed.xml)", what, id);
	return 0;
}

/* "2021-01-20" when the issue's date is one, for the tag: URI */
static void
tag_day(struct src *s)
{
	const char *d = s->head->date;
	struct tm tm;

	if (strlen(d) == 10 && strptime(d, "%Y-%m-%d", &tm) == d + 10) {
		memcpy(s->day, d, 11);
		return;
	}
	gmtime_r(&s->published, &tm);
	strftime(s->day, sizeof s->day, "%Y-%m-%d", &tm);
}

/*
 * Published: send_at once it passed (or the issue was sent), else the
 * first send; drafts: their date (0 when it is no date).  Returns 1 when
 * s goes in, 0 when not, -2 after the journal reported a failure.
 */
static int
publish(struct build *b, struct journal *jn, struct src *s)
{
	const struct issue *h = s->head;
	time_t sent = 0, now = time(NULL);

	if (jn && journal_first_sent(jn, h->id, &sent) == -1)
		return -2;
	if (h->send_at_t && (h->send_at_t <= now || sent))
		s->published = h->send_at_t;
	else if (sent)
		s->published = sent;
	else if (!b->o->drafts)
		return 0;
	else if ((s->draft = 1) &&
	    issue_parse_time(h->date, &s->published) == -1)
		s->published = 0;
	return 1;
}

/*
 * Loads dir's issue.yaml, decides, fingerprints.  1 in, 0 out, -1 after
 * reporting bad data, -2 a journal failure.
 */
static int
add_source(struct build *b, struct journal *jn,
    const struct sha256_ctx *common, const char *dir)
{
	struct src s = { 0 };
	struct sha256_ctx h = *common;
	time_t newest = 0;
	int rc;

	if (!(s.head = issue_load_head(dir)))
		return -1;
	s.dir = xstrdup(s.head->dir);
	if (!id_usable(s.dir, s.head->id))
		rc = -1;
	else if ((rc = publish(b, jn, &s)) == 1) {
		archive_src_str(&h, s.head->id);
		if (archive_src_hash(s.dir, NULL, 1, &h, &newest) == -1)
			rc = -1;
		archive_src_hex(&h, s.fp);
		newest = clamp_epoch(newest);
		if (!s.published)
			s.published = newest;
		s.updated = newest > s.published ? newest : s.published;
		tag_day(&s);
	}
	if (rc != 1) {
		issue_free(s.head);
		free(s.dir);
		return rc;
	}
	b->v = xrealloc(b->v, (b->n + 1) * sizeof *b->v);
	b->v[b->n++] = s;
	return 1;
}

/* Every folder with an issue.yaml in paths.issues. */
static int
scan_issues(const struct config *c, struct strlist *dirs)
{
	struct dirent **ents;
	int n;

	if ((n = scandir(c->issues_dir, &ents, NULL, alphasort)) == -1) {
		warn("%s", c->issues_dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *d = path_join(c->issues_dir, ents[i]->d_name);
		char *y = path_join(d, "issue.yaml");

		if (ents[i]->d_name[0] != '.' && access(y, F_OK) == 0)
			strlist_add(dirs, d);
		free(d);
		free(y);
		free(ents[i]);
	}
	free(ents);
	return 0;
}

/* The folder name as given must be an id: "x/.." or "x/." are refused. */
static int
arg_usable(const char *arg)
{
	char *t = xstrdup(arg);
	size_t n = strlen(t);
	int ok;

	while (n > 1 && t[n - 1] == '/')
		t[--n] = '\0';
	ok = id_usable(arg, strrchr(t, '/') ? strrchr(t, '/') + 1 : t);
	free(t);
	return ok;
}

static int
collect(struct build *b)
{
	struct strlist all = { 0 };
	const struct strlist *dirs = b->o->dirs;
	struct sha256_ctx common;
	struct journal *jn = NULL;
	int rc = 0;

	if (hash_common(b->cfg, &common) == -1)
		return EXIT_DATAERR;
	if (!dirs || !dirs->n) {
		if (scan_issues(b->cfg, &all) == -1)
			return EXIT_DATAERR;
		dirs = &all;
	}
	if (access(b->cfg->state_path, F_OK) == 0 &&
	    !(jn = journal_open(b->cfg->state_path)))
		rc = EXIT_CANTCREAT;
	for (size_t i = 0; rc != EXIT_CANTCREAT && rc != EXIT_SOFTWARE &&
	    i < dirs->n; i++) {
		int r = dirs != b->o->dirs || arg_usable(dirs->v[i]) ?
		    add_source(b, jn, &common, dirs->v[i]) : -1;

		if (r == -2)
			rc = EXIT_SOFTWARE;
		else if (r == -1)
			rc = EXIT_DATAERR;
	}
	for (size_t i = 0; rc == 0 && i < b->n; i++)
		for (size_t k = i + 1; k < b->n; k++)
			if (!strcmp(b->v[i].head->id, b->v[k].head->id)) {
				warnx("%s and %s: two issues with the id "
				    "\"%s\"", b->v[i].dir, b->v[k].dir,
				    b->v[i].head->id);
				rc = EXIT_DATAERR;
			}
	journal_close(jn);
	strlist_free(&all);
	return rc;
}

/* Newest first: published, then number, then id. */
static int
cmp_src(const void *x, const void *y)
{
	const struct src *a = x, *b = y;

	if (a->published != b->published)
		return a->published > b->published ? -1 : 1;
	if (a->head->number != b->head->number)
		return a->head->number > b->head->number ? -1 : 1;
	return -strcmp(a->head->id, b->head->id);
}

/*
 * Every list's profile, for the association pages; ids must be usable as
 * page names.  The composers keep their own copies.
 */
static int
load_lists(struct build *b, struct list ***owned)
{
	char **ids;
	size_t n;
	int rc = 0;

	if (list_ids(b->cfg->lists_dir, &ids, &n) == -1)
		return -1;
	*owned = xcalloc(n ? n : 1, sizeof **owned);
	for (size_t i = 0; i < n; i++) {
		char *what = xasprintf("%s/%s.yaml", b->cfg->lists_dir, ids[i]);

		if (!id_usable(what, ids[i]))
			rc = -1;
		else if (((*owned)[b->nlists] = list_load(b->cfg->lists_dir,
		    ids[i])))
			b->nlists++;
		else
			rc = -1;
		free(what);
		free(ids[i]);
	}
	free(ids);
	b->lists = (const struct list **)*owned;
	return rc;
}

/* An image or attachment must not land on one of the issue's pages. */
static int
check_assets(const struct build *b, const struct issue *is)
{
	const struct asset *v[2] = { is->images, is->attachments };
	size_t n[2] = { is->nimages, is->nattachments };
	int rc = 0;

	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < n[k]; i++) {
			const char *p = v[k][i].path;
			int clash = !strcmp(p, "index.html");

			for (size_t l = 0; !clash && l < b->nlists; l++) {
				size_t il = strlen(b->lists[l]->id);

				clash = !strncmp(p, b->lists[l]->id, il) &&
				    !strcmp(p + il, ".html");
			}
			if (clash) {
				warnx("%s: \"%s\" would overwrite the archive "
				    "page of the same name: move it into a "
				    "folder", is->dir, p);
				rc = -1;
			}
		}
	return rc;
}

/*
 * Loads what will be made: the issues whose inputs changed, and those in
 * the feed (for their content).  Nothing is written before all loaded.
 */
static int
load_sources(struct build *b)
{
	size_t feed = (size_t)b->cfg->web_feed_entries;
	int rc = 0;

	for (size_t i = 0; i < b->n; i++) {
		struct src *s = &b->v[i];

		s->make = !archive_cache_fresh(b->old, s->head->id, s->fp);
		if (!s->make && i >= feed)
			continue;
		if (!(s->is = issue_load(s->dir)) ||
		    !(s->cp = composer_new(b->cfg, s->is, NULL)) ||
		    check_assets(b, s->is) == -1)
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
	const struct src *s = b->emitting;

	if (put(b, rel, data, len) == -1)
		return -1;
	archive_cache_add(b->cur, s->head->id, s->fp, rel);
	return 0;
}

static int
make_issues(struct build *b)
{
	size_t feed = (size_t)b->cfg->web_feed_entries;

	for (size_t i = 0; i < b->n; i++) {
		struct src *s = &b->v[i];

		if (!s->make) {
			archive_cache_keep(b->cur, b->old, s->head->id);
		} else {
			b->emitting = s;
			if (archive_page_issue(b->pages, s->cp, s->is,
			    b->lists, b->nlists, emit, b) == -1)
				return -1;
			b->st->made++;
		}
		if (i < feed && archive_page_entry(b->pages, s->cp, s->is,
		    &s->entry) == -1)
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
	size_t n = b->n < (size_t)b->cfg->web_feed_entries ? b->n :
	    (size_t)b->cfg->web_feed_entries;
	struct archive_feed_entry *e = xcalloc(n ? n : 1, sizeof *e);
	struct archive_feed f = { 0 };
	struct buf out = BUF_INIT;
	char *base = archive_url(b->cfg);
	int rc;

	for (size_t i = 0; i < n; i++) {
		e[i].id = b->v[i].head->id;
		e[i].day = b->v[i].day;
		e[i].title = b->v[i].head->title;
		e[i].published = b->v[i].published;
		e[i].updated = b->v[i].updated;
		e[i].html = b->v[i].entry;
	}
	f.title = b->cfg->web_title;
	f.author = b->cfg->sender_name;
	f.email = b->cfg->sender_address;
	f.base = base;
	f.entries = e;
	f.n = n;
	f.empty_updated = source_date_epoch() > 0 ? source_date_epoch() : 0;
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
		composer_free(b->v[i].cp);
		issue_free(b->v[i].is);
		issue_free(b->v[i].head);
		free(b->v[i].dir);
		free(b->v[i].entry);
	}
	free(b->v);
}

static int
build(struct build *b, const char *cache)
{
	struct list **lists = NULL;
	int rc = collect(b);

	if (load_lists(b, &lists) == -1 && rc == 0)
		rc = EXIT_DATAERR;
	if (rc == 0 && !(b->pages = archive_pages_open(b->cfg)))
		rc = EXIT_DATAERR;
	if (rc == 0) {
		qsort(b->v, b->n, sizeof *b->v, cmp_src);
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

/* The archive's folder, made (readable by all) when missing; absolute. */
static char *
open_out(const char *out)
{
	struct stat sb;
	char *real;

	if (access(out, F_OK) == -1) {
		if (mkdir_p(out, 0755) == -1)
			return NULL;
		(void)chmod(out, 0755);	/* mkdir_p went through the umask */
	}
	if (!(real = realpath(out, NULL))) {
		warn("%s", out);
		return NULL;
	}
	if (stat(real, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		warnx("%s: not a folder", out);
		free(real);
		return NULL;
	}
	return real;
}

int
archive_build(const struct config *c, const struct archive_opts *o,
    struct archive_stats *st)
{
	struct build b = { 0 };
	const char *out = o->out ? o->out : c->web_archive_dir;
	char *cache = NULL;
	long holder = 0;
	int fd = -1, rc;

	memset(st, 0, sizeof *st);
	b.cfg = c;
	b.o = o;
	b.st = st;
	if (!(st->out = open_out(out)) || !(cache = cache_path(c)))
		return EXIT_CANTCREAT;
	b.out = st->out;
	if ((rc = lock_acquire(cache, &fd, &holder)) != 0) {
		if (rc == 1)
			warnx("another mailer (pid %ld) is building the "
			    "archive (%s.lock)", holder, cache);
		free(cache);
		return rc == 1 ? EXIT_TEMPFAIL : EXIT_CANTCREAT;
	}
	rc = build(&b, cache);
	lock_release(fd);
	archive_pages_close(b.pages);
	archive_cache_free(b.old);
	archive_cache_free(b.cur);
	free_sources(&b);
	strset_free(&b.made_dirs);
	free(cache);
	return rc;
}
