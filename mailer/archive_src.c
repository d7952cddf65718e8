/* archive_src: input fingerprints.  See archive_src.h. */
#include "archive_src.h"

#include <dirent.h>
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

#define SRC_FILE_MAX (64 * 1024 * 1024)
#define SRC_DEPTH_MAX 16

void
archive_src_str(struct sha256_ctx *h, const char *s)
{
	if (!s)
		s = "";
	sha256_update(h, strlen(s) + 1, (const uint8_t *)s);
}

void
archive_src_hex(struct sha256_ctx *h, char out[65])
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

static int
walk(const char *dir, const char *rel, const char *suffix, int depth,
    struct sha256_ctx *h, time_t *newest)
{
	struct dirent **ents;
	int n, rc = 0;

	if ((n = scandir(dir, &ents, not_hidden, cmp_name)) == -1) {
		warn("%s", dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char *p = path_join(dir, ents[i]->d_name);
		char *r = rel ? path_join(rel, ents[i]->d_name) :
		    xstrdup(ents[i]->d_name);
		struct buf b = BUF_INIT;
		struct stat st, lst;

		if (stat(p, &st) == -1) {
			warn("%s", p);
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (depth > 0 && lstat(p, &lst) == 0 &&
			    S_ISDIR(lst.st_mode) &&
			    walk(p, r, suffix, depth - 1, h, newest) == -1)
				rc = -1;
		} else if (S_ISREG(st.st_mode) &&
		    (!suffix || ends_with(ents[i]->d_name, suffix))) {
			if (slurp_file(p, SRC_FILE_MAX, &b) == -1) {
				rc = -1;
			} else {
				uint64_t len = b.len;

				archive_src_str(h, r);
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

int
archive_src_hash(const char *dir, const char *suffix, int recurse,
    struct sha256_ctx *h, time_t *newest)
{
	return walk(dir, NULL, suffix, recurse ? SRC_DEPTH_MAX : 0, h,
	    newest);
}
