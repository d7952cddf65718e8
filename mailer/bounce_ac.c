/*
 * bounce_ac: Aho-Corasick matching for the bounce phrase tables (see
 * bounce_ac.h).
 */
#include "bounce_ac.h"

#include <stdlib.h>
#include <string.h>

#include "bounce_fold.h"
#include "util.h"

static uint16_t
combine(const struct bounce_ac *a, uint16_t x, uint16_t y)
{
	if (a->mode == BOUNCE_AC_OR)
		return x | y;
	if (a->mode == BOUNCE_AC_MAX)
		return x > y ? x : y;
	return x < y ? x : y;
}

/*
 * row[c] = frow[c] wherever row[c] is 0, four 16-bit cells to a 64-bit
 * word: the automata's build is most of a run's start-up.
 */
static void
fill_missing(uint16_t *row, const uint16_t *frow, unsigned n)
{
	const uint64_t lo = UINT64_C(0x7fff7fff7fff7fff);
	unsigned c = 0;

	for (; c + 4 <= n; c += 4) {
		uint64_t r, f, zero;

		memcpy(&r, row + c, 8);
		memcpy(&f, frow + c, 8);
		/* the top bit of each cell that is 0, then the whole cell */
		zero = ~(((r & lo) + lo) | r) & ~lo;
		zero = (zero >> 15) * 0xffff;
		r |= f & zero;
		memcpy(row + c, &r, 8);
	}
	for (; c < n; c++)
		if (!row[c])
			row[c] = frow[c];
}

/*
 * The build's scratch: each state's children as a list and the class that
 * enters it, and the failure links' breadth-first queue.  Allocated for
 * each build: two threads may build two automata at once.
 */
struct ac_trie {
	uint16_t first[BOUNCE_AC_STATES], sib[BOUNCE_AC_STATES];
	uint8_t via[BOUNCE_AC_STATES];
	uint16_t fail[BOUNCE_AC_STATES], queue[BOUNCE_AC_STATES];
};

/*
 * A class in a->cls for each byte the patterns use.  -1 when they use more
 * than BOUNCE_AC_CLASSES - 1 bytes.
 */
static int
ac_classes(struct bounce_ac *a, const char *const *pats, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *p = pats[i]; *p; p++) {
			unsigned char c = (unsigned char)*p;

			if (a->cls[c])
				continue;
			if (a->ncls == BOUNCE_AC_CLASSES)
				return -1;
			a->cls[c] = (uint8_t)a->ncls++;
		}
	return 0;
}

/*
 * The patterns' trie in a->next, each end state's value in a->out.  -1
 * when it needs more than BOUNCE_AC_STATES states.
 */
static int
ac_trie(struct bounce_ac *a, struct ac_trie *tr, const char *const *pats,
    const uint16_t *vals, size_t n)
{
	size_t nstates = 1;

	/* the trie; 0 (the root) is never a child, so 0 means no edge */
	a->out[0] = a->none;
	tr->first[0] = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned s = 0;

		for (const char *p = pats[i]; *p; p++) {
			uint16_t *e = &a->next[s * a->ncls +
			    a->cls[(unsigned char)*p]];

			if (!*e) {
				if (nstates == BOUNCE_AC_STATES)
					return -1;
				a->out[nstates] = a->none;
				tr->via[nstates] = a->cls[(unsigned char)*p];
				tr->first[nstates] = 0;
				tr->sib[nstates] = tr->first[s];
				tr->first[s] = (uint16_t)nstates;
				*e = (uint16_t)nstates++;
			}
			s = *e;
		}
		a->out[s] = combine(a, a->out[s], vals[i]);
	}
	return 0;
}

/*
 * The failure links: each state's missing edges and its value completed
 * from its failure state's, making the trie a full DFA.
 */
static void
ac_links(struct bounce_ac *a, struct ac_trie *tr)
{
	uint16_t *fail = tr->fail, *queue = tr->queue;
	size_t qh = 0, qt = 0;

	/*
	 * breadth first: a state's failure state is shallower, so its row is
	 * complete when the state's turn comes; the missing edges are then
	 * that row's, in one pass the compiler can vectorise (this build is
	 * most of a run's start-up)
	 */
	for (uint16_t t = tr->first[0]; t; t = tr->sib[t]) {
		fail[t] = 0;
		queue[qt++] = t;
	}
	while (qh < qt) {
		unsigned s = queue[qh++];
		uint16_t *row = &a->next[s * a->ncls];
		const uint16_t *frow = &a->next[fail[s] * a->ncls];

		a->out[s] = combine(a, a->out[s], a->out[fail[s]]);
		for (uint16_t t = tr->first[s]; t; t = tr->sib[t]) {
			fail[t] = frow[tr->via[t]];
			queue[qt++] = t;
		}
		fill_missing(row, frow, a->ncls);
	}
}

void
bounce_ac_build(struct bounce_ac *a, const char *const *pats,
    const uint16_t *vals, size_t n, enum bounce_ac_mode mode, uint16_t none)
{
	struct ac_trie *tr;

	/* a is in static storage (zero): clearing megabytes of tables that
	 * stay mostly untouched would cost more than the matching saves */
	a->mode = mode;
	a->none = none;
	a->ncls = 1;
	if (ac_classes(a, pats, n) == -1)
		return;
	tr = xmalloc(sizeof *tr);
	if (ac_trie(a, tr, pats, vals, n) == 0) {
		ac_links(a, tr);
		a->ok = 1;
	}
	free(tr);
}

/* The automaton's tables, read in the scans' loops. */
struct dfa {
	const uint16_t *next, *out;
	const uint8_t *cls;
	unsigned ncls;
};

/* One byte c of the text as read: the state after it, and *v updated. */
static inline __attribute__((always_inline)) unsigned
step(struct dfa d, unsigned s, unsigned char c, uint16_t *v,
    enum bounce_ac_mode mode)
{
	s = d.next[s * d.ncls + d.cls[c]];
	if (mode == BOUNCE_AC_OR)
		*v |= d.out[s];
	else if (mode == BOUNCE_AC_MAX)
		*v = d.out[s] > *v ? d.out[s] : *v;
	else if (d.out[s] < *v)
		*v = d.out[s];
	return s;
}

/*
 * The scan, inlined once for each mode and folding actually used, so the
 * per-byte loop tests neither: it runs over every line of every notice.
 * A character whose fold is longer than a byte is read as its fold.
 */
static inline __attribute__((always_inline)) uint16_t
scan(const struct bounce_ac *a, const char *text, size_t n, unsigned fold,
    enum bounce_ac_mode mode)
{
	const unsigned char *p = (const unsigned char *)text;
	const struct dfa d = { a->next, a->out, a->cls, a->ncls };
	unsigned s = 0;
	uint16_t v = a->none;
	int started = 0, space = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if ((fold & BOUNCE_AC_SPACE) &&
		    (c == ' ' || (c >= '\t' && c <= '\r'))) {
			if (!started || space)
				continue;
			c = ' ';
			space = 1;
		} else {
			if ((fold & BOUNCE_AC_CASE) &&
			    !(c = bounce_fold_byte[c])) {
				char f[2];
				size_t fl;

				i += bounce_fold_char(text + i, n - i, f,
				    &fl) - 1;
				/* a combining mark folds to nothing */
				if (!fl)
					continue;
				c = (unsigned char)f[0];
				if (fl == 2) {
					s = step(d, s, c, &v, mode);
					c = (unsigned char)f[1];
				}
			}
			space = 0;
			started = 1;
		}
		s = step(d, s, c, &v, mode);
		/* nothing can beat the first row */
		if (mode == BOUNCE_AC_MIN && v == 0)
			break;
	}
	return v;
}

#define SCAN_FOLDS(mode) \
	(fold == 0 ? scan(a, text, n, 0, mode) : \
	fold == BOUNCE_AC_CASE ? scan(a, text, n, BOUNCE_AC_CASE, mode) : \
	scan(a, text, n, BOUNCE_AC_CASE | BOUNCE_AC_SPACE, mode))

uint16_t
bounce_ac_scan(const struct bounce_ac *a, const char *text, size_t n,
    unsigned fold)
{
	if (fold == BOUNCE_AC_SPACE)	/* not used: not worth a copy */
		return scan(a, text, n, BOUNCE_AC_SPACE, a->mode);
	if (a->mode == BOUNCE_AC_OR)
		return SCAN_FOLDS(BOUNCE_AC_OR);
	if (a->mode == BOUNCE_AC_MAX)
		return SCAN_FOLDS(BOUNCE_AC_MAX);
	return SCAN_FOLDS(BOUNCE_AC_MIN);
}

size_t
bounce_ac_first(const struct bounce_ac *a, const char *text, size_t n,
    uint16_t *val)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned s = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = bounce_fold_byte[p[i]];
		char f[2];
		size_t fl, k;

		if (c) {
			s = a->next[s * a->ncls + a->cls[c]];
			if (a->out[s] != a->none) {
				*val = a->out[s];
				return i + 1;
			}
			continue;
		}
		k = bounce_fold_char(text + i, n - i, f, &fl);
		for (size_t j = 0; j < fl; j++) {
			s = a->next[s * a->ncls + a->cls[(unsigned char)f[j]]];
			if (a->out[s] != a->none) {
				*val = a->out[s];
				return i + k;
			}
		}
		i += k - 1;
	}
	return n;
}
