/*
 * archive_cache: what the last archive build wrote, so that the next one
 * makes again only the issues whose inputs changed.  It lives beside the
 * journal (<paths.state folder>/archive-cache.json), not in the published
 * folder, and describes one output folder.  Losing it costs a full build,
 * never a wrong one: an issue counts as fresh only when its fingerprint
 * (the digest of all its inputs) is the one recorded and each of its files
 * is on disk with the size and modification time it had when written.
 */
#ifndef MAILER_ARCHIVE_CACHE_H
#define MAILER_ARCHIVE_CACHE_H

struct archive_cache;

/* An empty cache for the output folder out (absolute). */
struct archive_cache *archive_cache_new(const char *out);

/*
 * Reads path; a missing, unreadable or foreign file (another output
 * folder, another format) gives an empty cache.  Never NULL.
 */
struct archive_cache *archive_cache_load(const char *path, const char *out);
void archive_cache_free(struct archive_cache *c);

/* 1 when issue id was made from fingerprint fp and its files are intact. */
int archive_cache_fresh(const struct archive_cache *c, const char *id,
    const char *fp);

/* Copies issue id's record from old into c. */
void archive_cache_keep(struct archive_cache *c,
    const struct archive_cache *old, const char *id);

/*
 * Records rel (a path relative to the output folder, just written or found
 * unchanged) as one of issue id's files, made from fingerprint fp.
 */
void archive_cache_add(struct archive_cache *c, const char *id,
    const char *fp, const char *rel);

/* Calls fn(arg, rel) for each file old records and c does not. */
void archive_cache_stale(const struct archive_cache *old,
    const struct archive_cache *c, void (*fn)(void *arg, const char *rel),
    void *arg);

/* Writes c to path (atomically).  Reports errors; 0 / -1. */
int archive_cache_save(const struct archive_cache *c, const char *path);

#endif
