/*
 * bounce_ac: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Many-pattern substring matching in one pass
 * (Aho-Corasick, compiled into a full DFA over the byte classes the
 * patterns use), for the phrase tables of bounce_rules.c.
 *
 * Each pattern carries a value; a scan returns the lowest value among the
 * patterns found (BOUNCE_AC_MIN: "first row wins"), the highest
 * (BOUNCE_AC_MAX) or their bitwise or (BOUNCE_AC_OR: "which lists
 * matched").  Fixed-size tables, nothing to
 * free; a set too large for them is refused and the caller falls back to
 * its own loop.
 */
#ifndef MAILER_BOUNCE_AC_H
#define MAILER_BOUNCE_AC_H

#include <stddef.h>
#include <stdint.h>

#define BOUNCE_AC_STATES	16384
#define BOUNCE_AC_CLASSES	128

enum bounce_ac_mode { BOUNCE_AC_MIN, BOUNCE_AC_MAX, BOUNCE_AC_OR };

/* How bounce_ac_scan reads the text. */
#define BOUNCE_AC_CASE	1	/* folded as bounce_fold.h says */
#define BOUNCE_AC_SPACE	2	/* each white space run as one space */

struct bounce_ac {
	enum bounce_ac_mode mode;
	uint16_t none;		/* the value when nothing matched */
	int ok;			/* built */
	uint8_t cls[256];	/* byte -> class, 0 in no pattern */
	unsigned ncls;
	uint16_t next[BOUNCE_AC_STATES * BOUNCE_AC_CLASSES];
	uint16_t out[BOUNCE_AC_STATES];
};

/*
 * Compiles pats[i] (folded: bounce_fold.h) with values vals[i], i < n,
 * into a, which must be zero (static storage) and is built once.  Leaves
 * a->ok 0 when the patterns need more states or classes.
 */
void bounce_ac_build(struct bounce_ac *a, const char *const *pats,
    const uint16_t *vals, size_t n, enum bounce_ac_mode mode, uint16_t none);

/*
 * The value of the patterns found in text[0..n), read as fold says
 * (BOUNCE_AC_CASE, BOUNCE_AC_SPACE: white space at the start is skipped),
 * without making a folded copy.
 */
uint16_t bounce_ac_scan(const struct bounce_ac *a, const char *text, size_t n,
    unsigned fold);

/*
 * Where the first match ends in text[0..n) (case folded only): returns the
 * offset just past the character it ends in and sets *val to the value of
 * the patterns ending there (with BOUNCE_AC_MAX and lengths as values:
 * the longest); n when there is none.
 */
size_t bounce_ac_first(const struct bounce_ac *a, const char *text, size_t n,
    uint16_t *val);

#endif
