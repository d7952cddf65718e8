/*
 * bounce_match: matching the phrase tables of bounce_rules.c (see
 * bounce_rules.h): each table compiled once into an automaton
 * (bounce_ac.c), so matching is one pass over the text whatever the number
 * of rows; the plain loops remain the fallback.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce_ac.h"
#include "bounce_addr.h"
#include "bounce_fold.h"
#include "bounce_rules.h"
#include "util.h"

#define NRULES bounce_nrules
#define MAX_RULES 2048

/*
 * The rows compiled once into one automaton (bounce_ac.c), so matching is
 * one pass over the text whatever the number of rows; the lowest row index
 * found keeps the "first row in table order wins" meaning of the plain
 * loop, which remains the fallback.
 */
static struct bounce_ac rule_ac;
static pthread_once_t rule_once = PTHREAD_ONCE_INIT;

static void
rule_ac_build(void)
{
	static const char *pats[MAX_RULES];
	static uint16_t vals[MAX_RULES];

	if (NRULES > MAX_RULES)
		return;

	for (size_t i = 0; i < NRULES; i++) {
		pats[i] = bounce_rules[i].pattern;
		vals[i] = (uint16_t)i;
	}
	bounce_ac_build(&rule_ac, pats, vals, NRULES, BOUNCE_AC_MIN, NRULES);
}

/* text[0..n) folded as bounce_ac_scan folds it, into a new string. */
static char *
fold_dup(const char *text, size_t n, size_t *len)
{
	char *l = xmalloc(n + 1);
	size_t k = 0, m;

	m = bounce_fold(l, text, n);
	for (size_t i = 0; i < m; i++) {
		if (isspace((unsigned char)l[i])) {
			if (k && l[k - 1] != ' ')
				l[k++] = ' ';
		} else
			l[k++] = l[i];
	}
	l[k] = '\0';
	*len = k;
	return l;
}

static const struct bounce_rule *
match_slow(const char *lower, size_t n)
{
	for (size_t i = 0; i < NRULES; i++)
		if (memmem(lower, n, bounce_rules[i].pattern,
		    strlen(bounce_rules[i].pattern)))
			return &bounce_rules[i];
	return NULL;
}

const struct bounce_rule *
bounce_rule_match(const char *lower, size_t n)
{
	uint16_t best;

	pthread_once(&rule_once, rule_ac_build);
	if (!rule_ac.ok)
		return match_slow(lower, n);
	best = bounce_ac_scan(&rule_ac, lower, n, 0);
	return best < NRULES ? &bounce_rules[best] : NULL;
}

const struct bounce_rule *
bounce_rule_match_folded(const char *text, size_t n)
{
	uint16_t best;

	pthread_once(&rule_once, rule_ac_build);
	if (!rule_ac.ok) {
		size_t k;
		char *l = fold_dup(text, n, &k);
		const struct bounce_rule *r = match_slow(l, k);

		free(l);
		return r;
	}
	best = bounce_ac_scan(&rule_ac, text, n, BOUNCE_AC_CASE |
	    BOUNCE_AC_SPACE);
	return best < NRULES ? &bounce_rules[best] : NULL;
}

const struct bounce_rule *
bounce_rule_for_status(const char *status)
{
	for (size_t i = 0; i < bounce_nstatus_rules; i++) {
		const char *p = bounce_status_rules[i].pattern;
		size_t pl = strlen(p);

		if (p[0] == 'x') {
			/* any class: compare from the subject digit on */
			if (status[0] && !strncmp(status + 1, p + 1, pl - 1) &&
			    (p[pl - 1] == '.' || status[pl] == '\0'))
				return &bounce_status_rules[i];
		} else if (!strcmp(status, p))
			return &bounce_status_rules[i];
	}
	return NULL;
}

/*
 * Compiles lists[0..nl) into a, in OR mode with bit l for a row of
 * lists[l]; a stays unbuilt (a->ok 0) when they do not fit.  The word
 * lists outgrew 1024 rows (helper-206), which fell back to a memmem a
 * row and cost four times bounces parse's instructions; room for twice
 * that keeps the next rounds' rows in.  At most 16 lists (a bit each).
 */
#define MAX_LIST_ROWS 2048

/*
 * Lists that also hold the rows of another: one list of words a language
 * table needs in two places is kept once.
 */
static const struct {
	const char *const *list, *const *more;
} joined[] = {
	{ bounce_failure_words, bounce_lang_failure_words },
	{ bounce_failure_cues, bounce_lang_failure_words },
};

/* The list whose rows belong to list too, or NULL. */
static const char *const *
more_rows(const char *const *list)
{
	for (size_t i = 0; i < sizeof joined / sizeof joined[0]; i++)
		if (joined[i].list == list)
			return joined[i].more;
	return NULL;
}

/* Adds list's rows to pats/vals with bit; -1 when they do not fit. */
static int
add_rows(const char *const *list, uint16_t bit, const char **pats,
    uint16_t *vals, size_t *n)
{
	for (; list && *list; list++) {
		if (*n == MAX_LIST_ROWS)
			return -1;
		pats[*n] = *list;
		vals[(*n)++] = bit;
	}
	return 0;
}

static void
lists_ac_build(struct bounce_ac *a, const char *const *const *lists,
    size_t nl)
{
	static const char *pats[MAX_LIST_ROWS];
	static uint16_t vals[MAX_LIST_ROWS];
	size_t n = 0;

	if (nl > 16)
		return;
	for (size_t l = 0; l < nl; l++)
		if (add_rows(lists[l], (uint16_t)(1u << l), pats, vals,
		    &n) == -1 || add_rows(more_rows(lists[l]),
		    (uint16_t)(1u << l), pats, vals, &n) == -1)
			return;
	bounce_ac_build(a, pats, vals, n, BOUNCE_AC_OR, 0);
}

/*
 * The word lists asked about once or more a notice line, compiled into one
 * automaton with a bit a list: one pass over the text, where a memmem a
 * row cost 5 % of bounces parse.  Lists not here use the plain loop.
 */
/*
 * The verdicts of bounce_verdict_rules that give a reason, as a word
 * list: whether a text holds one at all is one pass of the automaton
 * (bounce_verdict_said), before a scan word by word for its noun.
 */
#define MAX_VERDICTS 512
static const char *verdict_words[MAX_VERDICTS + 1];

static void
verdict_words_fill(void)
{
	size_t n = 0;

	for (const struct bounce_rule *r = bounce_verdict_rules; r->pattern &&
	    n < MAX_VERDICTS; r++)
		if (r->reason)
			verdict_words[n++] = r->pattern;
	/* "ist auf dem Zielsystem unbekannt" holds no row as written */
	for (const char *const *p = bounce_verdict_places; *p &&
	    n < MAX_VERDICTS; p++)
		verdict_words[n++] = *p;
	verdict_words[n] = NULL;
}

static const char *const *const word_lists[] = {
	bounce_failure_words, bounce_help_words, bounce_contact_words,
	bounce_sending_words, bounce_login_words, bounce_conditional_words,
	bounce_failure_subjects, bounce_autoreply_subjects,
	bounce_delay_subjects, bounce_final_subjects,
	bounce_transient_subjects, bounce_complaint_subjects,
	bounce_member_words, bounce_success_headings,
	bounce_success_heading_words, verdict_words
};
#define NWORDLISTS (sizeof word_lists / sizeof word_lists[0])

static struct bounce_ac word_ac;
static pthread_once_t word_once = PTHREAD_ONCE_INIT;

static void
word_ac_build(void)
{
	verdict_words_fill();
	lists_ac_build(&word_ac, word_lists, NWORDLISTS);
}

static int
list_match_slow(const char *const *list, const char *lower, size_t n)
{
	const char *const *more = more_rows(list);

	for (; *list; list++)
		if (memmem(lower, n, *list, strlen(*list)))
			return 1;
	return more && list_match_slow(more, lower, n);
}

int
bounce_list_match(const char *const *list, const char *lower, size_t n)
{
	pthread_once(&word_once, word_ac_build);
	if (word_ac.ok)
		for (size_t l = 0; l < NWORDLISTS; l++)
			if (word_lists[l] == list)
				return (bounce_ac_scan(&word_ac, lower, n, 0) >>
				    l) & 1;
	return list_match_slow(list, lower, n);
}

int
bounce_verdict_said(const char *text, size_t n)
{
	pthread_once(&word_once, word_ac_build);
	if (!word_ac.ok)
		return 1;
	/* verdict_words is the last of word_lists */
	return (bounce_ac_scan(&word_ac, text, n, BOUNCE_AC_CASE |
	    BOUNCE_AC_SPACE) >> (NWORDLISTS - 1)) & 1;
}

/* The first byte of s[0..n), n > 0, folded: most rows differ in it. */
static char
first_folded(const char *s, size_t n)
{
	char f[2];
	size_t fl;

	if (bounce_fold_byte[(unsigned char)s[0]])
		return (char)bounce_fold_byte[(unsigned char)s[0]];
	bounce_fold_char(s, n, f, &fl);
	return f[0];
}

int
bounce_list_prefix(const char *const *list, const char *s, size_t n)
{
	return bounce_list_prefix_len(list, s, n) != 0;
}

size_t
bounce_list_prefix_len(const char *const *list, const char *s, size_t n)
{
	size_t k;
	char c;

	if (!n)
		return 0;
	c = first_folded(s, n);
	for (; *list; list++)
		if ((*list)[0] == c && (k = bounce_fold_prefix(s, n, *list)))
			return k;
	return 0;
}

int
bounce_list_is(const char *const *list, const char *name, size_t n)
{
	char c;

	if (!n)
		return 0;
	c = first_folded(name, n);
	for (; *list; list++)
		if ((*list)[0] == c && bounce_fold_prefix(name, n, *list) == n)
			return 1;
	return 0;
}

/* The cue lists bounce_cues() looks for, in BOUNCE_CUE_* bit order. */
static const char *const *const cue_lists[] = {
	bounce_failure_cues, bounce_delay_cues, bounce_final_cues,
	bounce_success_cues, bounce_absence_cues, bounce_challenge_cues,
	bounce_held_cues, bounce_ack_cues, bounce_not_final_cues
};
#define NCUELISTS (sizeof cue_lists / sizeof cue_lists[0])

static struct bounce_ac cue_ac;
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static void
cue_ac_build(void)
{
	lists_ac_build(&cue_ac, cue_lists, NCUELISTS);
}

unsigned
bounce_cues(const char *text, size_t n)
{
	unsigned r = 0;
	size_t k;
	char *c, *l;

	pthread_once(&cue_once, cue_ac_build);
	/* names are no words ("bo@failed.example.org" was delivered) */
	c = xmalloc(n + 1);
	memcpy(c, text, n);
	c[n] = '\0';
	bounce_blank_names(c, n);
	if (cue_ac.ok)
		r = bounce_ac_scan(&cue_ac, c, n, BOUNCE_AC_CASE |
		    BOUNCE_AC_SPACE);
	else {
		l = fold_dup(c, n, &k);
		for (size_t i = 0; i < NCUELISTS; i++)
			if (bounce_list_match(cue_lists[i], l, k))
				r |= 1u << i;
		free(l);
	}
	free(c);
	return r;
}

int
bounce_failure_said(const char *lower, size_t n)
{
	char *l = xmalloc(n + 1);
	int r;

	memcpy(l, lower, n);
	l[n] = '\0';
	bounce_blank_names(l, n);
	r = bounce_list_match(bounce_failure_words, l, n);
	free(l);
	return r;
}

/* 1 when a sentence end (". ", "; ", "! ", "? ") is at l[k]. */
static int
sentence_end(const char *l, size_t k, size_t n)
{
	return strchr(".;!?", l[k]) && (k + 1 == n || l[k + 1] == ' ');
}

/*
 * 1 when the sentence of lower-case l[0..n) around [b, e) holds, outside
 * that span, a word that makes it a condition or a plan ("if", "until",
 * "before"): "you will receive a permanent failure notice if ...".
 */
static int
conditional(const char *l, size_t n, size_t b, size_t e)
{
	size_t s = b, t = e;

	while (s > 0 && !sentence_end(l, s - 1, n))
		s--;
	while (t < n && !sentence_end(l, t, n))
		t++;
	return bounce_list_match(bounce_conditional_words, l + s, b - s) ||
	    bounce_list_match(bounce_conditional_words, l + e, t - e);
}

/*
 * 1 when the cue starting at l[b] is denied by the words just before it
 * (qmail's "This is not a permanent error; I will retry", "no permanent
 * failure"): the notice says the failure is not final.
 */
static int
negated(const char *l, size_t b)
{
	static const char *const neg[] = { " not a ", " not ", " no ",
	    "n't a ", "n't ", NULL };

	for (const char *const *w = neg; *w; w++) {
		size_t m = strlen(*w);

		if (b >= m && !memcmp(l + b - m, *w, m))
			return 1;
	}
	return 0;
}

int
bounce_final_asserted(const char *text, size_t n)
{
	size_t k;
	char *f = fold_dup(text, n, &k), *l = xmalloc(k + 2);
	int r = 0;

	/* a space first, as before every other sentence, for whole words */
	l[0] = ' ';
	memcpy(l + 1, f, k + 1);
	k++;
	free(f);

	for (const char *const *c = bounce_final_cues; *c && !r; c++) {
		size_t cl = strlen(*c);
		const char *p = l;

		while (!r && (p = memmem(p, k - (size_t)(p - l), *c, cl))) {
			size_t b = (size_t)(p - l);

			r = !conditional(l, k, b, b + cl) && !negated(l, b);
			p += cl;
		}
	}
	free(l);
	return r;
}

/* The copy markers, longest-first at any end position. */
static struct bounce_ac marker_ac;
static pthread_once_t marker_once = PTHREAD_ONCE_INIT;

static void
marker_ac_build(void)
{
	static uint16_t lens[64];
	size_t n = 0;

	while (bounce_copy_markers[n] && n < 64) {
		lens[n] = (uint16_t)strlen(bounce_copy_markers[n]);
		n++;
	}
	bounce_ac_build(&marker_ac, bounce_copy_markers, lens, n,
	    BOUNCE_AC_MAX, 0);
}

size_t
bounce_copy_marker(const char *text, size_t n)
{
	uint16_t len = 0;
	size_t end;

	pthread_once(&marker_once, marker_ac_build);
	if (!marker_ac.ok) {
		for (size_t i = 0; i < n; i++)
			for (const char *const *m = bounce_copy_markers; *m;
			    m++)
				if (bounce_fold_prefix(text + i, n - i, *m))
					return i;
		return n;
	}
	end = bounce_ac_first(&marker_ac, text, n, &len);
	return end == n && !len ? n : bounce_fold_start(text, end, len);
}

int
bounce_match_compiled(void)
{
	pthread_once(&rule_once, rule_ac_build);
	pthread_once(&cue_once, cue_ac_build);
	pthread_once(&marker_once, marker_ac_build);
	pthread_once(&word_once, word_ac_build);
	return rule_ac.ok && cue_ac.ok && marker_ac.ok && word_ac.ok;
}
