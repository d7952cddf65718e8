/*
 * bounce_hits: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Which addresses one line of a notice names as
 * failed recipients, for bounce_line.c's walk over a part's lines; the
 * lines around it come in a struct nearby.
 *
 * Pure buffer code: no I/O, every scan bounded.
 */
#ifndef MAILER_BOUNCE_HITS_H
#define MAILER_BOUNCE_HITS_H

#include <stddef.h>

#define MAX_PER_LINE	8		/* recipients taken from one line */

/* Addresses one line names, as offsets into it. */
struct hits {
	size_t b[MAX_PER_LINE], e[MAX_PER_LINE];
	size_t n;
	size_t back;	/* the entry began this many bytes above the line */
};

/* The lines around a line that leads with an address, for bare_listed(). */
struct nearby {
	const char *prev, *next;	/* non-blank lines, NULL when none */
	size_t prevlen, nextlen;
	size_t paralen;		/* next up to the paragraph's end */
	int prev_hit;		/* the line before named a failed recipient */
	int listed;		/* an address alone, as the list's last entry */
	const char *above;	/* the line right above prev, NULL when none */
	size_t abovelen;
	const char *above2;	/* the line right above that, NULL when none */
	size_t above2len;
	const char *end;	/* the end of the part's text */
};

/*
 * The address whose first character is at l[i] (after an optional '<',
 * '(', '[' or quote): sets [*b, *e) and *after (past a matching closing
 * bracket or quote).  Returns 1 when there is one.
 */
int addr_at(const char *l, size_t n, size_t i, size_t *b, size_t *e,
    size_t *after);

/*
 * The unfinished clause a line ends with, p[0..pn), into *cn: after its
 * last address or sentence end, at most PREFIX_WORDS (bounce_hits.c)
 * bytes; none when the line ends a sentence or introduces a list.
 */
const char *carry_of(const char *p, size_t pn, size_t *cn);
int colon_entry(const char *p, size_t pn);

/*
 * 1 when line l[0..n) says why something failed: failure words, a
 * diagnostic phrase, an enhanced status code or a leading reply code.
 */
int says_why(const char *l, size_t n);

/*
 * Sets h to the failed recipients line l[0..n) names (none when it has no
 * '@'), with nb the lines around it.  after_contact is 1 under a line
 * that introduces a contact ("For help, write to:"), 2 under one that
 * ends like "sent by" or "from" (a sender follows); after_intro is set
 * under a line that introduces a list of failed recipients ("Delivery
 * has failed to these recipients:").  carry[0..carryn) is the unfinished
 * clause the line above ends with (carry_of()).
 */
void line_hits(const char *l, size_t n, int after_contact, int after_intro,
    const char *carry, size_t carryn, const struct nearby *nb,
    struct hits *h);

#endif
