/*
 * Unit tests for bounce_ac.c: every mode (lowest, highest, or of the
 * values) and every folding (none, case, case and white space) gives what
 * a plain search gives on a text folded first, over random texts drawn
 * from a small alphabet so that matches, overlaps and near misses are
 * common.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_ac.h"
#include "bounce_fold.h"
#include "unit.h"

#define NPATS 16

/* folded, as bounce_ac_build wants them */
static const char *const pats[NPATS] = {
	"ab", "abc", "bca", "c a", "a", "zz", "b b", "cab",
	"\xe4\xb8\xad", "aa b", "ca", "bcab",
	"\xc3\xa9" "a", "ss", "iz", "\xcf\x83" "a",	/* éa, ss, iz, σa */
};
static const uint16_t vals[NPATS] = {
	7, 3, 9, 1, 11, 0, 5, 4, 2, 6, 10, 8, 12, 13, 14, 15,
};

/* text folded as bounce_ac_scan reads it with fold */
static size_t
fold_text(const char *t, size_t n, unsigned fold, char *out)
{
	size_t k = 0;
	int started = 0, space = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if ((fold & BOUNCE_AC_SPACE) && isspace(c)) {
			if (!started || space)
				continue;
			out[k++] = ' ';
			space = 1;
			continue;
		}
		space = 0;
		started = 1;
		if (fold & BOUNCE_AC_CASE) {
			size_t fl;

			i += bounce_fold_char(t + i, n - i, out + k, &fl) - 1;
			k += fl;
		} else
			out[k++] = (char)c;
	}
	return k;
}

static uint16_t
reference(enum bounce_ac_mode mode, uint16_t none, const char *t, size_t n,
    unsigned fold)
{
	char f[512];
	size_t k = fold_text(t, n, fold, f);
	uint16_t v = none;

	for (size_t i = 0; i < NPATS; i++) {
		if (!memmem(f, k, pats[i], strlen(pats[i])))
			continue;
		if (mode == BOUNCE_AC_OR)
			v |= vals[i];
		else if (mode == BOUNCE_AC_MAX)
			v = vals[i] > v ? vals[i] : v;
		else
			v = vals[i] < v ? vals[i] : v;
	}
	return v;
}

static struct bounce_ac ac_min, ac_max, ac_or;

START_TEST(test_modes_and_folds)
{
	/* letters in both cases, ß, İ and ı, Σ and ς, a cut sequence */
	static const char *const alphabet[] = {
		"a", "b", "c", "A", "B", "C", "z", "Z", " ", "\t", "\n",
		"\xe4\xb8\xad", "\xc3\xa9", "\xc3\x89", "S", "s",
		"\xc3\x9f", "\xe1\xba\x9e", "\xc4\xb0", "\xc4\xb1", "I",
		"\xce\xa3", "\xcf\x82", "\xcf\x83", "\xc3",
	};
	const size_t nalpha = sizeof alphabet / sizeof alphabet[0];
	struct { struct bounce_ac *a; enum bounce_ac_mode m; uint16_t none; }
	    as[] = {
		{ &ac_min, BOUNCE_AC_MIN, 99 },
		{ &ac_max, BOUNCE_AC_MAX, 0 },
		{ &ac_or, BOUNCE_AC_OR, 0 },
	};
	static const unsigned folds[] = {
		0, BOUNCE_AC_CASE, BOUNCE_AC_SPACE,
		BOUNCE_AC_CASE | BOUNCE_AC_SPACE,
	};
	unsigned seed = 4242;
	size_t found = 0, total = 0;

	for (size_t i = 0; i < 3; i++) {
		bounce_ac_build(as[i].a, pats, vals, NPATS, as[i].m,
		    as[i].none);
		ck_assert_int_eq(as[i].a->ok, 1);
	}
	for (int round = 0; round < 20000; round++) {
		char t[64 * 3];
		size_t n = 0, len;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % 64;
		for (size_t k = 0; k < len; k++) {
			const char *c;

			seed = seed * 1103515245u + 12345u;
			c = alphabet[(seed >> 16) % nalpha];
			memcpy(t + n, c, strlen(c));
			n += strlen(c);
		}
		for (size_t i = 0; i < 3; i++)
			for (size_t f = 0; f < 4; f++) {
				uint16_t want = reference(as[i].m, as[i].none,
				    t, n, folds[f]);
				uint16_t got = bounce_ac_scan(as[i].a, t, n,
				    folds[f]);

				ck_assert_msg(got == want,
				    "mode %zu fold %u on \"%.*s\": %u, want %u",
				    i, folds[f], (int)n, t, got, want);
				total++;
				found += want != as[i].none;
			}
	}
	/* the texts exercise both answers */
	ck_assert_uint_gt(found, total / 10);
	ck_assert_uint_gt(total - found, total / 10);
}
END_TEST

/*
 * Automata built in several threads at once come out as one built alone:
 * a build's scratch is its own (the word lists' automata are built
 * lazily, by whichever thread needs one first).
 */
#define NTHREADS 4
#define NWORDS 3000
static const char *words[NWORDS];
static uint16_t wvals[NWORDS];
static struct bounce_ac ac_ref, ac_thr[NTHREADS];
static pthread_barrier_t start;

static void *
build_one(void *arg)
{
	pthread_barrier_wait(&start);
	bounce_ac_build(arg, words, wvals, NWORDS, BOUNCE_AC_MAX, 0);
	return NULL;
}

START_TEST(test_concurrent_builds)
{
	static char store[NWORDS][12];
	unsigned seed = 77;
	pthread_t th[NTHREADS];

	for (size_t i = 0; i < NWORDS; i++) {
		size_t len = 3 + i % 8;

		for (size_t k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			store[i][k] = (char)('a' + (seed >> 16) % 20);
		}
		words[i] = store[i];
		wvals[i] = (uint16_t)(1 + i % 500);
	}
	bounce_ac_build(&ac_ref, words, wvals, NWORDS, BOUNCE_AC_MAX, 0);
	ck_assert_int_eq(ac_ref.ok, 1);
	/* a race shows only sometimes: twenty rounds of builds at once */
	for (int round = 0; round < 20; round++) {
		memset(ac_thr, 0, sizeof ac_thr);	/* as static storage */
		pthread_barrier_init(&start, NULL, NTHREADS);
		for (size_t i = 0; i < NTHREADS; i++)
			ck_assert_int_eq(pthread_create(&th[i], NULL,
			    build_one, &ac_thr[i]), 0);
		for (size_t i = 0; i < NTHREADS; i++)
			pthread_join(th[i], NULL);
		pthread_barrier_destroy(&start);
		for (size_t i = 0; i < NTHREADS; i++) {
			ck_assert_int_eq(ac_thr[i].ok, 1);
			ck_assert_uint_eq(ac_thr[i].ncls, ac_ref.ncls);
			ck_assert_msg(!memcmp(ac_thr[i].next, ac_ref.next,
			    sizeof ac_ref.next) && !memcmp(ac_thr[i].out,
			    ac_ref.out, sizeof ac_ref.out),
			    "round %d: thread %zu built another automaton",
			    round, i);
		}
	}
}
END_TEST

static Suite *
bounce_ac_suite(void)
{
	Suite *s = suite_create("bounce_ac");
	TCase *tc = tcase_create("bounce_ac");

	tcase_add_test(tc, test_modes_and_folds);
	tcase_add_test(tc, test_concurrent_builds);
	suite_add_tcase(s, tc);
	return s;
}

UNIT_MAIN(bounce_ac_suite)
