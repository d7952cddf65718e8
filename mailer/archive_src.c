/* archive_src: the archive's issues, their times, fingerprints.  See .h */
#include "archive_src.h"

#include <dirent.h>
#include <limits.h>
#include <err.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_path.h"
#include "config.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "util.h"

#define SRC_FILE_MAX (64 * 1024 * 1024)
#define SRC_DEPTH_MAX 16

/* Adds s and its terminating NUL to h (NULL as the empty string). */
static void
hash_str(struct sha256_ctx *h, const char *s)
{
	if (!s)
		s = "";
	sha256_update(h, strlen(s) + 1, (const uint8_t *)s);
}

/* The digest of h as 64 hex digits into out[65]. */
static void
hash_hex(struct sha256_ctx *h, char out[65])
{
	static const char x[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(h, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[64] = '\0';
}

/* byte order, not the locale's: the same fingerprint everywhere */
static int
cmp_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
not_hidden(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcmp(s + n - k, suffix);
}

/*
 * 1 when p is a symlink that leads nowhere or out of root (realpath'd):
 * issue.c publishes no such file, so its bytes are no input (and a
 * dangling one, or one to a file mailer may not read, stops nothing).
 */
static int
link_out(const char *root, const char *p, struct stat *lst)
{
	size_t rl = strlen(root);
	char *real;
	int out;

	if (lstat(p, lst) == -1 || !S_ISLNK(lst->st_mode))
		return 0;
	real = xrealpath(p);
	out = !real || strncmp(real, root, rl) || real[rl] != '/';
	free(real);
	return out;
}

/* Such a link's input: its name and what it says it leads to. */
static void
hash_link(struct sha256_ctx *h, const char *rel, const char *p,
    const struct stat *lst, time_t *newest)
{
	char to[PATH_MAX];
	ssize_t n = readlink(p, to, sizeof to - 1);

	to[n > 0 ? n : 0] = '\0';
	hash_str(h, rel);
	hash_str(h, "symlink");
	hash_str(h, to);
	if (lst->st_mtime > *newest)
		*newest = lst->st_mtime;
}

/* root: NULL, or the issue folder whose links leading out are not read */
static int
walk(const char *root, const char *dir, const char *rel, const char *suffix,
    int depth, struct sha256_ctx *h, time_t *newest)
{
	struct dirent **ents;
	int n, rc = 0;

	if ((n = dir_scan(dir, &ents, not_hidden, cmp_name)) == -1)
		return -1;
	for (int i = 0; i < n; i++) {
		char *p = path_join(dir, ents[i]->d_name);
		char *r = rel ? path_join(rel, ents[i]->d_name) :
		    xstrdup(ents[i]->d_name);
		struct buf b = BUF_INIT;
		struct stat st, lst;

		if (root && link_out(root, p, &lst)) {
			hash_link(h, r, p, &lst, newest);
		} else if (stat(p, &st) == -1) {
			warn("%s", p);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (depth > 0 && lstat(p, &lst) == 0 &&
			    S_ISDIR(lst.st_mode) &&
			    walk(root, p, r, suffix, depth - 1, h,
			    newest) == -1)
				rc = -1;
		} else if (S_ISREG(st.st_mode) &&
		    (!suffix || ends_with(ents[i]->d_name, suffix))) {
			if (slurp_file(p, SRC_FILE_MAX, &b) == -1) {
				rc = -1;
			} else {
				uint64_t len = b.len;

				hash_str(h, r);
				sha256_update(h, sizeof len, (uint8_t *)&len);
				sha256_update(h, b.len, (const uint8_t *)
				    (b.data ? b.data : ""));
			}
			if (st.st_mtime > *newest)
				*newest = st.st_mtime;
		}
		buf_free(&b);
		free(p);
		free(r);
		free(ents[i]);
	}
	free(ents);
	return rc;
}

/*
 * Adds to h the name (relative to dir) and bytes of every regular file in
 * dir whose name ends in suffix (NULL: any), in name order, skipping
 * hidden ones; below sub-folders too when recurse (not through symlinked
 * folders).  *newest becomes the latest modification time seen, if later.
 * 0, or -1 after reporting what could not be read.
 */
static int
hash_tree(const char *dir, const char *suffix, int recurse,
    struct sha256_ctx *h, time_t *newest)
{
	return walk(recurse ? dir : NULL, dir, NULL, suffix,
	    recurse ? SRC_DEPTH_MAX : 0, h, newest);
}

struct scan {
	const struct config *c;
	const struct strlist *dirs;	/* as given; NULL or empty: all */
	int drafts;
	struct archive_src *v;
	size_t n;
};

time_t
archive_src_epoch(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	return e && *e ? (time_t)strtoll(e, NULL, 10) : -1;
}

/* No time later than SOURCE_DATE_EPOCH goes out (reproducible builds). */
static time_t
clamp_epoch(time_t t)
{
	time_t sde = archive_src_epoch();

	return sde >= 0 && t > sde ? sde : t;
}

/* The inputs every page shares: the program, config, templates, lists. */
static int
hash_common(const struct config *c, struct sha256_ctx *h)
{
	time_t ignored = 0;
	int rc = 0;

	sha256_init(h);
	hash_str(h, "mailer archive 1");
	/* a new mailer may render differently: its binary is an input */
	if (access("/proc/self/exe", R_OK) == 0) {
		struct buf exe = BUF_INIT;

		if (slurp_file("/proc/self/exe", SRC_FILE_MAX, &exe) == -1)
			return -1;
		sha256_update(h, exe.len, (const uint8_t *)exe.data);
		buf_free(&exe);
	}
	hash_str(h, c->sender_name);
	hash_str(h, c->sender_address);
	hash_str(h, c->web_base_url);
	hash_str(h, c->web_title);
	rc |= hash_tree(c->templates_dir, ".mustache", 0, h, &ignored);
	rc |= hash_tree(c->lists_dir, ".yaml", 0, h, &ignored);
	return rc ? -1 : 0;
}

int
archive_src_id_usable(const char *what, const char *id)
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
tag_day(struct archive_src *s)
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
 * first send, whichever came first (an issue sent before its send_at was
 * public then, and a future time would keep its entry on top of every
 * feed reader's list); drafts: their date (0 when it is no date).
 * Returns 1 when s goes in, 0 when not, -2 after the journal reported a
 * failure.
 */
static int
publish(struct scan *b, struct journal *jn, struct archive_src *s)
{
	const struct issue *h = s->head;
	time_t sent = 0, now = time(NULL);

	if (jn && journal_first_sent(jn, h->id, &sent) == -1)
		return -2;
	if (h->send_at_t && (h->send_at_t <= now || sent) &&
	    (!sent || h->send_at_t <= sent)) {
		s->published = h->send_at_t;
	} else if (sent) {
		s->published = sent;
	} else if (b->drafts) {
		s->draft = 1;
		if (issue_parse_time(h->date, &s->published) == -1)
			s->published = 0;
	} else {
		return 0;
	}
	return 1;
}

/*
 * Loads dir's issue.yaml, decides, fingerprints.  1 in, 0 out, -1 after
 * reporting bad data, -2 a journal failure.
 */
static int
add_source(struct scan *b, struct journal *jn,
    const struct sha256_ctx *common, const char *dir)
{
	struct archive_src s = { 0 };
	struct sha256_ctx h = *common;
	time_t newest = 0;
	int rc;

	if (!(s.head = issue_load_head(dir)))
		return -1;
	s.dir = xstrdup(s.head->dir);
	if (!archive_src_id_usable(s.dir, s.head->id))
		rc = -1;
	else if ((rc = publish(b, jn, &s)) == 1) {
		hash_str(&h, s.head->id);
		if (hash_tree(s.dir, NULL, 1, &h, &newest) == -1)
			rc = -1;
		hash_hex(&h, s.fp);
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

	if ((n = dir_scan(c->issues_dir, &ents, NULL, alphasort)) == -1)
		return -1;
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
	ok = archive_src_id_usable(arg,
	    strrchr(t, '/') ? strrchr(t, '/') + 1 : t);
	free(t);
	return ok;
}

static int
collect(struct scan *b)
{
	struct strlist all = { 0 };
	const struct strlist *dirs = b->dirs;
	struct sha256_ctx common;
	struct journal *jn = NULL;
	int rc = 0;

	if (hash_common(b->c, &common) == -1)
		return EXIT_DATAERR;
	if (!dirs || !dirs->n) {
		if (scan_issues(b->c, &all) == -1)
			return EXIT_DATAERR;
		dirs = &all;
	}
	if (access(b->c->state_path, F_OK) == 0 &&
	    !(jn = journal_open(b->c->state_path)))
		rc = EXIT_CANTCREAT;
	for (size_t i = 0; rc != EXIT_CANTCREAT && rc != EXIT_SOFTWARE &&
	    i < dirs->n; i++) {
		int r = dirs != b->dirs || arg_usable(dirs->v[i]) ?
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
	const struct archive_src *a = x, *b = y;

	if (a->published != b->published)
		return a->published > b->published ? -1 : 1;
	if (a->head->number != b->head->number)
		return a->head->number > b->head->number ? -1 : 1;
	return -strcmp(a->head->id, b->head->id);
}

int
archive_src_scan(const struct config *c, const struct strlist *dirs,
    int drafts, struct archive_src **v, size_t *n)
{
	struct scan b = { c, dirs, drafts, NULL, 0 };
	int rc = collect(&b);

	if (rc == 0)
		qsort(b.v, b.n, sizeof *b.v, cmp_src);
	*v = b.v;
	*n = b.n;
	return rc;
}

void
archive_src_free(struct archive_src *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		issue_free(v[i].head);
		free(v[i].dir);
	}
	free(v);
}
