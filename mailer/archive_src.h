/*
 * archive_src: fingerprints of the archive's inputs, so that a rebuild
 * can tell an issue whose pages would come out the same from one that
 * changed, without making its pages.
 */
#ifndef MAILER_ARCHIVE_SRC_H
#define MAILER_ARCHIVE_SRC_H

#include <nettle/sha2.h>
#include <time.h>

/*
 * Adds to h the name (relative to dir) and bytes of every regular file in
 * dir whose name ends in suffix (NULL: any), in name order, skipping
 * hidden ones; below sub-folders too when recurse (not through symlinked
 * folders).  *newest becomes the latest modification time seen, if later.
 * 0, or -1 after reporting what could not be read.
 */
int archive_src_hash(const char *dir, const char *suffix, int recurse,
    struct sha256_ctx *h, time_t *newest);

/* Adds s and its terminating NUL to h (NULL as the empty string). */
void archive_src_str(struct sha256_ctx *h, const char *s);

/* The digest of h as 64 hex digits into out[65]. */
void archive_src_hex(struct sha256_ctx *h, char out[65]);

#endif
