/*
 * bounce_reason: internal to the bounce modules (bounce*.c), not an
 * interface for the rest of mailer.  Which words of a notice are one
 * recipient's reason: its own lines (their first paragraph before the
 * rest), and, in a notice naming several, the heading of its list but
 * never the words or the code of another recipient's own lines.
 *
 * Pure buffer code: no I/O.  A notice naming more than 32 recipients is
 * read by each one's own lines and the notice's words only (the reading
 * against the others compares every pair).
 */
#ifndef MAILER_BOUNCE_REASON_H
#define MAILER_BOUNCE_REASON_H

#include <stddef.h>

#include "bounce_rcpt.h"
#include "bounce_rules.h"

/*
 * 1 when s starts in notice[0..nlen), with *n clipped to end there (a
 * returned copy's header follows notice[nlen..] and is no reason); 0,
 * and *n unchanged, when s is NULL, empty or elsewhere.
 */
int bounce_reason_within(const char *notice, size_t nlen, const char *s,
    size_t *n);

/*
 * The rule for the diagnostic seg[0..n): the wording nearest the address
 * (its first paragraph) first, then the rest; NULL when none matches.
 */
const struct bounce_rule *bounce_reason_rule(const char *seg, size_t n);

/*
 * Ends r's own lines in notice[0..nlen) where a line below its first
 * names another of all[0..nall), or before a last paragraph ending in a
 * colon (the next list's heading).
 */
void bounce_reason_clip(struct bounce_seg *r, const struct bounce_seg *all,
    size_t nall, const char *notice, size_t nlen);

/*
 * The heading of the list r stands in (the words above r's own lines and
 * below the recipient's before it), its length in *hn; NULL when r's
 * lines are not the notice's.
 */
const char *bounce_reason_heading(const struct bounce_seg *r,
    const struct bounce_seg *all, size_t nall, const char *notice,
    size_t nlen, size_t *hn);

/* 1 when rule is another recipient's, given by that one's own lines. */
int bounce_reason_others(const struct bounce_rule *rule,
    const struct bounce_seg *r, const struct bounce_seg *all, size_t nall,
    const char *notice, size_t nlen);

/* 1 when the code st is another recipient's and r's lines carry none. */
int bounce_reason_others_status(const char *st, const struct bounce_seg *r,
    const struct bounce_seg *all, size_t nall, const char *notice,
    size_t nlen);

#endif
