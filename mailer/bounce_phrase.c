/*
 * bounce_phrase: the tests on the words around an address in a notice's
 * text (see bounce_phrase.h).  Whether the words before an address and the
 * rest of its sentence say that delivery to it failed, or make it a
 * contact, a sender, a list whose members failed or an aside.  Apart from
 * bounce_hits.c, which finds the addresses on a line and asks these tests:
 * they judge words and sentences, against bounce_rules.c's word lists, not
 * where an address stands on its line.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_addr.h"
#include "bounce_fold.h"
#include "bounce_phrase.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

/* 1 when lower[0..n) contains a word of list. */
int
has_word(const char *const *list, const char *lower, size_t n)
{
	return bounce_list_match(list, lower, n);
}

/* 1 when lower[0..n) ends with the word w[0..wl). */
static inline int
ends_in_word(const char *lower, size_t n, const char *w, size_t wl)
{
	return n >= wl && !memcmp(lower + n - wl, w, wl) &&
	    (n == wl || !isalnum((unsigned char)lower[n - wl - 1]) ||
	    !isalnum((unsigned char)w[0]));
}

/*
 * The long word lists ends_with reads, their words sorted by last byte:
 * only the words that end as the text does are compared (some 200 words
 * for each address a notice's text names, before).
 */
struct by_last {
	const char *const *list;	/* NULL: not indexed */
	/* words ending in byte b: [start[b], start[b + 1]) */
	size_t start[257];
	const char **w;
	size_t *len;
};

static struct by_last indexed[6];
static pthread_once_t by_last_once = PTHREAD_ONCE_INIT;

static void
index_list(struct by_last *x, const char *const *list)
{
	size_t n, at[256];

	for (n = 0; list[n]; n++)
		if (!list[n][0])
			return;	/* "" ends every text: leave it to the scan */
	memset(x->start, 0, sizeof x->start);
	for (size_t i = 0; i < n; i++)
		x->start[(unsigned char)list[i][strlen(list[i]) - 1] + 1]++;
	for (size_t b = 1; b < 257; b++)
		x->start[b] += x->start[b - 1];
	memcpy(at, x->start, sizeof at);
	x->w = xcalloc(n + 1, sizeof *x->w);
	x->len = xcalloc(n + 1, sizeof *x->len);
	for (size_t i = 0; i < n; i++) {
		size_t wl = strlen(list[i]);
		size_t k = at[(unsigned char)list[i][wl - 1]]++;

		x->w[k] = list[i];
		x->len[k] = wl;
	}
	x->list = list;
}

static void
index_lists(void)
{
	const char *const *const lists[] = {
		bounce_rcpt_cues, bounce_rcpt_preps, bounce_message_to,
		bounce_rcpt_noncues, bounce_sender_cues, bounce_rcpt_nouns,
	};

	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		index_list(&indexed[k], lists[k]);
}

/* 1 when lower[0..n) ends with the word of list, indexed in x, it ends in. */
static int
ends_in_indexed(const struct by_last *x, const char *lower, size_t n)
{
	unsigned char b;

	if (!n)
		return 0;	/* no word is empty */
	b = (unsigned char)lower[n - 1];
	for (size_t k = x->start[b]; k < x->start[b + 1]; k++)
		if (ends_in_word(lower, n, x->w[k], x->len[k]))
			return 1;
	return 0;
}

/* 1 when lower[0..n), trailing blanks ignored, ends with an entry of list. */
int
ends_with(const char *const *list, const char *lower, size_t n)
{
	const struct by_last *x = NULL;
	size_t m;

	while (n && (bounce_is_blank(lower[n - 1]) || lower[n - 1] == '"' ||
	    lower[n - 1] == '\'' || lower[n - 1] == '(' ||
	    lower[n - 1] == '['))
		n--;
	/* "Your message to: a" as well as "Your message to a" */
	if (n > 1 && lower[n - 1] == ':' && lower[n - 2] != ':' &&
	    ends_with(list, lower, n - 1))
		return 1;
	pthread_once(&by_last_once, index_lists);
	for (size_t k = 0; k < sizeof indexed / sizeof indexed[0]; k++)
		if (indexed[k].list == list)
			x = &indexed[k];
	if (x && ends_in_indexed(x, lower, n))
		return 1;
	for (const char *const *w = list; !x && *w; w++)
		if (ends_in_word(lower, n, *w, strlen(*w)))
			return 1;
	/* "Destinataire : a": a label spaced off its colon (French, Korean) */
	if (n < 2 || lower[n - 1] != ':' || !bounce_is_blank(lower[n - 2]))
		return 0;
	for (m = n - 1; m && bounce_is_blank(lower[m - 1]); m--)
		;
	for (const char *const *w = list; *w; w++) {
		size_t wl = strlen(*w);

		if (wl > 1 && (*w)[wl - 1] == ':' &&
		    ends_in_word(lower, m, *w, wl - 1))
			return 1;
	}
	return 0;
}

/*
 * 1 when t[0..n) starts like a date: a digit, or a day or month name
 * ("12/7/99 3:06 PM", "Wed, 2 Dec 2026"); "on behalf of" is no date.
 */
static int
date_starts(const char *t, size_t n)
{
	static const char names[] = "mon tue wed thu fri sat sun jan feb mar "
	    "apr may jun jul aug sep oct nov dec ";

	if (n && isdigit((unsigned char)t[0]))
		return 1;
	if (n < 3)
		return 0;
	for (const char *w = names; *w; w += 4)
		if (!strncasecmp(t, w, 3))
			return 1;
	return 0;
}

/*
 * 1 when the words after an address, t[0..n), start with a postposition
 * of origin: Hindi "s से a को भेजा गया संदेश" (the message from s to a),
 * Urdu "s سے", Bengali "s থেকে" (or "s ঠিকানা থেকে", from the address
 * s) put "from" after the sender's address.
 */
static int
sender_postposition(const char *t, size_t n)
{
	static const char *const from[] = {
		"\xe0\xa4\xb8\xe0\xa5\x87 ",	/* से */
		"\xd8\xb3\xdb\x92 ",	/* سے */
		/* থেকে */
		"\xe0\xa6\xa5\xe0\xa7\x87\xe0\xa6\x95\xe0\xa7\x87",
		/* the same after "address": ঠিকানা থেকে, पते से, پتے سے */
		"\xe0\xa6\xa0\xe0\xa6\xbf\xe0\xa6\x95\xe0\xa6\xbe"
		    "\xe0\xa6\xa8\xe0\xa6\xbe \xe0\xa6\xa5\xe0\xa7\x87"
		    "\xe0\xa6\x95\xe0\xa7\x87",
		"\xe0\xa4\xaa\xe0\xa4\xa4\xe0\xa5\x87 \xe0\xa4\xb8"
		    "\xe0\xa5\x87 ",
		"\xd9\xbe\xd8\xaa\xdb\x92 \xd8\xb3\xdb\x92 ",
		NULL
	};
	size_t i = 0;

	while (i < n && (bounce_is_blank(t[i]) || t[i] == '>'))
		i++;
	return bounce_list_prefix(from, t + i, n - i);
}

int
bounce_origin_after(const char *t, size_t n)
{
	return sender_postposition(t, n);
}

/*
 * What may follow an address that leads its line for the line to list it
 * as a failed recipient: nothing, a separator (qmail's ':', Sendmail's
 * "...", Postfix's "(expanded from", Exim's "<real>"), Exchange's "on
 * DATE", or words that say why it failed.
 */
int
tail_says_failed(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && bounce_is_blank(t[i]))
		i++;
	while (n > i && (bounce_is_blank(t[n - 1]) || t[n - 1] == '.'))
		n--;
	if (i == n)
		return 1;
	if (sender_postposition(t + i, n - i))
		return 0;
	if (t[i] == ':' && (i + 1 == n || bounce_is_blank(t[i + 1])))
		return 1;
	/* "a：用户不存在": Chinese writes no space after its colon */
	if (t[i] == ':')
		i++;
	if (strchr("([;<", t[i]) || (n - i > 3 && !strncmp(t + i, "...", 3)))
		return 1;
	/* "a on DATE" in Exchange's languages: "a op DATE", "a 于 DATE" */
	for (const char *const *w = bounce_date_words; i > 0 && *w; w++) {
		size_t wl = strlen(*w);

		if (n - i > wl && !strncasecmp(t + i, *w, wl) &&
		    date_starts(t + i + wl, n - i - wl))
			return 1;
	}
	/*
	 * "a - User unknown", "a, 550 ...": what follows the dash or comma
	 * must say why; "noc@x - 24/7 operations desk" in a signature or
	 * "a, and the policy forbids that" in prose does not
	 */
	if (t[i] == ',' || t[i] == '-') {
		while (i < n && (t[i] == ',' || t[i] == '-' ||
		    bounce_is_blank(t[i])))
			i++;
		if (i == n)
			return 1;
	}
	if (bounce_rule_match_folded(t + i, n - i) ||
	    bounce_smtp_class(t + i, n - i))
		return 1;
	/* "<a> delivery failed; will not continue trying" */
	{
		char *low = bounce_lower_dup(t + i, n - i < 120 ? n - i : 120);
		int r = bounce_failure_said(low, strlen(low));

		free(low);
		return r;
	}
}

/*
 * 1 when tail[0..tn), past a closing quote, blanks and a colon, starts with
 * a verdict on the address before it ("is unknown", "does not exist"):
 * only then does a noun such as "user" name that address a recipient, so
 * an address quoted in prose ("the address a@b given in its Reply-To could
 * not be verified") stays out.
 */
#define LISTING_LINE	160	/* bytes of a listing verdict's line read */

/*
 * 1 when the line s[0..n) starts names a directory ("not listed in
 * public Name & Address Book", "... in the post office directory"): only
 * then is "not listed in" a verdict on an address, not on a page or a
 * list ("info@ not listed in our FAQ").
 */
static int
directory_named(const char *s, size_t n)
{
	const char *eol = memchr(s, '\n', n < LISTING_LINE ? n : LISTING_LINE);
	size_t k = eol ? (size_t)(eol - s) : (n < LISTING_LINE ? n :
	    LISTING_LINE);
	char *low = bounce_lower_dup(s, k);
	int r = has_word(bounce_directory_words, low, strlen(low));

	free(low);
	return r;
}

/*
 * The rule of bounce_verdict_rules that s[0..n) starts with, NULL when
 * none: the folded text of each row is compared, first bytes first.
 */
static const struct bounce_rule *
verdict_row(const char *s, size_t n)
{
	char f[4];

	if (!n || !bounce_fold(f, s, n < sizeof f ? n : sizeof f))
		return NULL;
	for (const struct bounce_rule *r = bounce_verdict_rules; r->pattern;
	    r++)
		if (r->pattern[0] == f[0] && bounce_fold_prefix(s, n,
		    r->pattern) && (!bounce_list_is(bounce_listing_verdicts,
		    r->pattern, strlen(r->pattern)) || directory_named(s, n)))
			return r;
	return NULL;
}

/* bytes of the verdict read past a place ("ist hier unbekannt") */
#define PLACED_VERDICT	160

/*
 * The verdict row s[0..n) starts with, or the one it gives once the
 * place between its verb and its adjective is left out: "ist auf dem
 * Zielsystem unbekannt" reads as "ist unbekannt", "is on this server
 * unknown" as "is unknown"; the verb alone is kept so that a verdict of
 * another subject is no closer than before.
 */
static const struct bounce_rule *
verdict_rule(const char *s, size_t n)
{
	const struct bounce_rule *r = verdict_row(s, n);
	struct buf b = BUF_INIT;
	size_t v, p;

	if (r || !(v = bounce_list_prefix_len(bounce_verdict_verbs, s, n)) ||
	    !(p = bounce_list_prefix_len(bounce_verdict_places, s + v,
	    n - v)))
		return r;
	buf_add(&b, s, v);
	buf_add(&b, s + v + p, n - v - p < PLACED_VERDICT ? n - v - p :
	    PLACED_VERDICT);
	r = verdict_row(b.data, b.len);
	buf_free(&b);
	return r;
}

/* bytes of an aside "(a)" between an address and its verdict */
#define ASIDE_MAX	120

/*
 * The length of a one-word aside in parentheses at t[0..n), the address
 * again or a name ("(a)"; blanks alone where it was blanked), 0 when t
 * starts with none: "(forwarded to b)" says something of its own.
 */
static size_t
one_word_aside(const char *t, size_t n)
{
	size_t k = 1;

	if (!n || t[0] != '(')
		return 0;
	while (k < n && bounce_is_blank(t[k]))
		k++;
	while (k < n && k < ASIDE_MAX && !bounce_is_blank(t[k]) &&
	    t[k] != ')' && t[k] != '(' && t[k] != '\n')
		k++;
	while (k < n && bounce_is_blank(t[k]))
		k++;
	return k < n && t[k] == ')' ? k + 1 : 0;
}

/*
 * How much of t[0..n) the marks between an address and its verdict
 * take: blanks, closing quotes and brackets, a colon, and a one-word
 * aside on the same line ("Benutzer a (a) ist unbekannt").
 */
static size_t
verdict_gap(const char *t, size_t n)
{
	size_t i = 0, k;

	for (;;) {
		while (i < n && (bounce_is_blank(t[i]) || t[i] == ':' ||
		    t[i] == '>' || t[i] == '"' || t[i] == '\'' ||
		    t[i] == ')' || t[i] == ']'))
			i++;
		if (!(k = one_word_aside(t + i, n - i)))
			return i;
		i += k;
	}
}

/* bytes of a verb-final clause read for its verdict */
#define CLAUSE_WINDOW	120

/*
 * The verdict that ends the clause t[0..n) opens, in a language that puts
 * its verb last (Persian, Urdu, Hindi, Bengali, Tamil): "نشانی a در این
 * کارگزار وجود ندارد" (the address a does not exist on this server), "a
 * এর ডোমেইন খুঁজে পাওয়া যায়নি" (a's domain was not found).  Only when
 * the clause is in such a script, not Latin, and only up to its line's
 * or sentence's end.
 */
static const struct bounce_rule *
verdict_at_end(const char *t, size_t n)
{
	static const char *const ends[] = {
		".", "\xdb\x94", "\xe0\xa5\xa4", ",", "\xd8\x8c", NULL
	};
	const struct bounce_rule *r;
	size_t k = 0;

	if (!n || (unsigned char)t[0] < 0xc0)
		return NULL;
	if (n > CLAUSE_WINDOW)
		n = CLAUSE_WINDOW;
	while (k < n && t[k] != '\n' && !bounce_list_prefix(ends, t + k,
	    n - k))
		k++;
	r = bounce_rule_match_folded(t, k);
	return r && r->reason ? r : NULL;
}

static int
verdict_follows(const char *tail, size_t tn)
{
	size_t i = verdict_gap(tail, tn);
	char *low;
	int login;

	if (!verdict_rule(tail + i, tn - i) &&
	    !verdict_at_end(tail + i, tn - i))
		return 0;
	/* "is unknown to our authentication service": a login refused */
	low = bounce_lower_dup(tail + i, tn - i < 200 ? tn - i : 200);
	login = bounce_list_match(bounce_login_words, low, strlen(low));
	free(low);
	return !login;
}

static size_t sentence_rest(const char *t, size_t n, int *ended);

/* 1 when t[0..n) holds a full stop: a "." before a blank or its end. */
static int
full_stop(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] == '.' && (i + 1 == n || bounce_is_blank(t[i + 1])))
			return 1;
	return 0;
}

/*
 * The length of s[0..k) before the first address in it (its local part
 * too, which may follow "、" with no blank: "、b@d"); k when none.
 */
static size_t
before_next_addr(const char *s, size_t k)
{
	const char *at = memchr(s, '@', k);

	if (!at)
		return k;
	k = (size_t)(at - s);
	while (k && (isalnum((unsigned char)s[k - 1]) ||
	    strchr("._+-=", s[k - 1])))
		k--;
	return k;
}

/*
 * Ends b with the blank a line's wrap took, before the next line is
 * added: Korean and the Latin scripts break lines at a blank ("전달되지"
 * / "않았습니다"); Japanese and Chinese break anywhere, with none.
 */
static void
join_wrapped(struct buf *b)
{
	unsigned char c;

	if (!b->len || bounce_is_blank(b->data[b->len - 1]))
		return;
	/* the lead byte of the last character */
	for (size_t k = b->len; k > 0; k--) {
		c = (unsigned char)b->data[k - 1];
		if ((c & 0xc0) != 0x80)
			break;
	}
	/* U+3000..U+9FFF, kana and ideographs: lead bytes 0xe3..0xe9 */
	if (c >= 0xe3 && c <= 0xe9)
		return;
	buf_add(b, " ", 1);
}

/* The particles of destination that follow an address. */
static const char *const particles[] = {
	"\xe3\x81\xab",	/* に */
	"\xe3\x81\xb8",	/* へ */
	"\xe5\xae\x9b",	/* 宛 */
	/* Korean 님에게, 에게, 님께 (to Mr or Ms a) */
	"\xeb\x8b\x98\xec\x97\x90\xea\xb2\x8c",
	"\xec\x97\x90\xea\xb2\x8c",
	"\xeb\x8b\x98\xea\xbb\x98",
	/* Turkish "a adresine gönderdiğiniz" (sent to the address a) */
	"adresine",
	/* Hindi "a को", Urdu "a کو", Bengali "a ঠিকানায়", "a-কে" */
	"\xe0\xa4\x95\xe0\xa5\x8b",
	"\xda\xa9\xd9\x88",
	"\xe0\xa6\xa0\xe0\xa6\xbf\xe0\xa6\x95\xe0\xa6\xbe"
	    "\xe0\xa6\xa8\xe0\xa6\xbe\xe0\xa7\x9f",
	"\xe0\xa6\xa0\xe0\xa6\xbf\xe0\xa6\x95\xe0\xa6\xbe"
	    "\xe0\xa6\xa8\xe0\xa6\xbe\xe0\xa6\xaf\xe0\xa6\xbc",
	/* helper-184: Tamil "a முகவரிக்கு" (to the address a) */
	"\xe0\xae\xae\xe0\xaf\x81\xe0\xae\x95\xe0\xae\xb5"
	    "\xe0\xae\xb0\xe0\xae\xbf\xe0\xae\x95\xe0\xaf\x8d"
	    "\xe0\xae\x95\xe0\xaf\x81",
	/* helper-182: Urdu "a کا", "a کی", "a کے", Bengali "a এর",
	 * "a-এর", Hindi "a पर", "a का", "a की", "a के" (of, at a) */
	"\xda\xa9\xd8\xa7",
	"\xda\xa9\xdb\x8c",
	"\xda\xa9\xdb\x92",
	"\xe0\xa6\x8f\xe0\xa6\xb0",
	"-\xe0\xa6\x8f\xe0\xa6\xb0",
	"\xe0\xa4\xaa\xe0\xa4\xb0",
	"\xe0\xa4\x95\xe0\xa4\xbe",
	"\xe0\xa4\x95\xe0\xa5\x80",
	"\xe0\xa4\x95\xe0\xa5\x87",
	NULL
};

/*
 * 1 when the address is followed by a particle of destination (Japanese,
 * Korean, Turkish) and its sentence, up to "。", says the delivery failed
 * or is not done yet: these languages put the particle after the noun
 * ("... ため、a にメールを配信できませんでした", could not deliver the
 * mail to a; "a 宛てのメール"; "a 님에게 보낸 메일"; "a adresine").
 */
static int
particle_failure(const char *tail, size_t tn, const char *cont, size_t cn)
{
	struct buf b = BUF_INIT;
	size_t i = 0, k;
	const char *stop;
	char *low;
	int r;

	while (i < tn && (bounce_is_blank(tail[i]) || tail[i] == '>'))
		i++;
	/* "、a" / "には配信できませんでした。": wrapped after the address */
	if (i == tn && cont && cn) {
		const char *eol = memchr(cont, '\n', cn);

		tail = cont;
		tn = eol ? (size_t)(eol - cont) : cn;
		cont = eol ? eol + 1 : NULL;
		cn = eol ? cn - tn - 1 : 0;
		i = bounce_indent(tail, tn);
	}
	if (!bounce_list_prefix(particles, tail + i, tn - i))
		return 0;
	/*
	 * the sentence goes on over the line ("a 宛てのメールを" / "配信..."),
	 * up to "。" or the danda "।" of Hindi and Bengali: "a ঠিকানায়
	 * সফলভাবে পৌঁছেছে।" (reached a) says nothing of the next line's failure
	 */
	buf_add(&b, tail + i, tn - i);
	/* Korean ends its sentence with ".": "a 님에게는 전달되었습니다." */
	if (cont && cn && !memmem(tail + i, tn - i, "\xe3\x80\x82", 3) &&
	    !memmem(tail + i, tn - i, "\xe0\xa5\xa4", 3) &&
	    !full_stop(tail + i, tn - i)) {
		const char *eol = memchr(cont, '\n', cn);

		join_wrapped(&b);
		buf_add(&b, cont, eol ? (size_t)(eol - cont) : cn);
	}
	k = b.len < 200 ? b.len : 200;
	if ((stop = memmem(b.data, k, "\xe3\x80\x82", 3)) != NULL)
		k = (size_t)(stop - b.data);
	if ((stop = memmem(b.data, k, "\xe0\xa5\xa4", 3)) != NULL)
		k = (size_t)(stop - b.data);
	/* "a 님에게는 전달되었지만, b 님에게는 전달되지 않았습니다": b's */
	k = before_next_addr(b.data, k);
	low = bounce_lower_dup(b.data, k);
	/* "a 宛てのメールはまだ配信されていません": not yet, a delay's */
	/* or a verdict ends it: Urdu "a کا میل باکس بھر چکا ہے" (a's mailbox
	 * is full) */
	r = (bounce_failure_said(low, strlen(low)) ||
	    (bounce_cues(low, strlen(low)) & BOUNCE_CUE_DELAY) ||
	    verdict_at_end(b.data, k)) &&
	    !has_word(bounce_accepted_words, low, strlen(low));
	free(low);
	buf_free(&b);
	return r;
}

int
bounce_particle_delivered(const char *tail, size_t tn)
{
	size_t i = 0, k;
	const char *stop;
	char *low;
	int r;

	while (i < tn && bounce_is_blank(tail[i]))
		i++;
	if (!bounce_list_prefix(particles, tail + i, tn - i))
		return 0;
	tail += i;
	tn -= i;
	k = tn < 200 ? tn : 200;
	k = before_next_addr(tail, k);
	if ((stop = memmem(tail, k, "\xe3\x80\x82", 3)) != NULL)
		k = (size_t)(stop - tail);
	/* spaces at each end, so negations match whole words there */
	low = bounce_lower_dup(tail, k);
	{
		char *pad = xasprintf(" %s ", low);
		size_t pl = strlen(pad);

		r = bounce_list_match(bounce_success_heading_words, pad, pl) &&
		    !bounce_list_match(bounce_heading_negations, pad, pl) &&
		    !bounce_failure_said(pad, pl) &&
		    !(bounce_cues(pad, pl) & (BOUNCE_CUE_FAILURE |
		    BOUNCE_CUE_DELAY));
		free(pad);
	}
	free(low);
	return r;
}

/*
 * verdict_follows() of the tail or, when the tail ends its line before
 * ending its sentence, of the tail read on into the next line, the first
 * of cont[0..cn):
 * a verdict wrapped onto the next line ("... to a was" / "rejected."), or
 * what the verdict is about ("is unknown to our" / "authentication").
 */
static int
verdict_follows_wrapped(const char *tail, size_t tn, const char *cont,
    size_t cn)
{
	struct buf b = BUF_INIT;
	const char *eol;
	int ended, r;

	if (!cont || !cn || sentence_rest(tail, tn, &ended) < tn || ended)
		return verdict_follows(tail, tn);
	eol = memchr(cont, '\n', cn);
	if (eol)
		cn = (size_t)(eol - cont);
	/* a hanging indent ("... to a was" / "    rejected.") is one blank */
	while (cn && bounce_is_blank(*cont)) {
		cont++;
		cn--;
	}
	while (tn && bounce_is_blank(tail[tn - 1]))
		tn--;
	buf_add(&b, tail, tn);
	buf_add(&b, " ", 1);
	buf_add(&b, cont, cn < 200 ? cn : 200);
	r = verdict_follows(b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * How much of t[0..n), the words after an address, speaks of it: up to
 * the end of its clause (';', a sentence end) or to the next address when
 * words other than a list's joiners stand between ("a@x was delivered but
 * the copy to b@y failed": the failure is b's).
 */
/*
 * The preposition a coordination repeats before its next address ("to a
 * and to b", "para a y para b", "для a и для b", "ani do b", "à a et à
 * b"), folded
 */
static const char *const repeated_preps[] = {
	"to", "for", "para", "a", "an", "aan", "do", "per", "pour", "fur",
	"naar", "voor", "для", "к", NULL
};

/*
 * 1 when word t[0..n) joins one address to the next, alone or as the
 * preposition repeated after a joiner (*joined: the word before was one)
 */
static int
joiner_word(const char *t, size_t n, int *joined)
{
	int j = bounce_list_is(bounce_list_joiners, t, n);
	int r = j || (*joined && bounce_list_is(repeated_preps, t, n));

	*joined = j;
	return r;
}

size_t
joiner_span(const char *t, size_t n)
{
	size_t k = 0, w;
	int joined = 0;

	for (int words = 0; words < 2; words++) {
		while (k < n && bounce_is_blank(t[k]))
			k++;
		w = k;
		while (k < n && (isalpha((unsigned char)t[k]) ||
		    (unsigned char)t[k] >= 0x80))
			k++;
		if (k == w || (k < n && !bounce_is_blank(t[k])) ||
		    !joiner_word(t + w, k - w, &joined))
			return words ? w : 0;
	}
	while (k < n && bounce_is_blank(t[k]))
		k++;
	return k;
}

/* 1 when the blank-delimited token at t[w..n) is an address ("r2d2@x"). */
static int
in_address(const char *t, size_t n, size_t w)
{
	size_t e = w;

	while (e < n && !bounce_is_blank(t[e]))
		e++;
	return memchr(t + w, '@', e - w) != NULL;
}

static size_t
own_words(const char *t, size_t n)
{
	size_t w = 0;
	int other = 0, joined = 0;

	for (size_t i = 0; i < n; i++) {
		if (t[i] == ';' || (t[i] == '.' && (i + 1 == n ||
		    bounce_is_blank(t[i + 1]))))
			return i;
		if (isalpha((unsigned char)t[i]) ||
		    (unsigned char)t[i] >= 0x80) {
			if (!i || !(isalpha((unsigned char)t[i - 1]) ||
			    (unsigned char)t[i - 1] >= 0x80))
				w = i;
			if ((i + 1 == n ||
			    !(isalpha((unsigned char)t[i + 1]) ||
			    (unsigned char)t[i + 1] >= 0x80 ||
			    t[i + 1] == '@' || t[i + 1] == '.' ||
			    t[i + 1] == '-')) && !in_address(t, n, w))
				other |= !joiner_word(t + w, i + 1 - w,
				    &joined);
		}
		if (t[i] == '@') {
			size_t b = i;

			while (b > 0 && !bounce_is_blank(t[b - 1]) &&
			    !strchr(",;<\"'(", t[b - 1]))
				b--;
			return other ? b : n;
		}
	}
	return n;
}

#define WRAP_LINES	3	/* most lines a sentence is read on over */

/*
 * 1 when t[0..n) ends with a joiner ("a and", "a y para"): the address
 * that leads the next line is the same sentence's.
 */
static int
ends_joined(const char *t, size_t n)
{
	size_t w = n;

	while (w && bounce_is_blank(t[w - 1]))
		w--;
	n = w;
	for (int words = 0; words < 2 && w; words++) {
		while (w && bounce_is_blank(t[w - 1]))
			w--;
		while (w && !bounce_is_blank(t[w - 1]))
			w--;
		if (joiner_span(t + w, n - w) >= n - w)
			return 1;
	}
	return 0;
}

/*
 * The words of t[0..n) without their parenthetical asides ("a@x (copy to
 * b@y) could not be delivered"), into b, followed by those of the lines
 * of cont[0..cn) (the rest of the paragraph, NULL when none), as of one
 * sentence wrapped there, each while an aside goes on into it or it names
 * no address of its own ("Il messaggio per a non è stato ancora" /
 * "consegnato."; "... konnte nicht" / "zugestellt" / "werden."; "... to
 * a, b and c was not" / "delivered to c" is c's failure, not a's).
 */
static void
without_asides(const char *t, size_t n, const char *cont, size_t cn,
    struct buf *b)
{
	int depth = 0;

	for (int line = 0; line <= WRAP_LINES; line++) {
		const char *eol;
		size_t ll, ind;

		for (size_t i = 0; i < n; i++) {
			if (t[i] == '(')
				depth++;
			else if (t[i] == ')' && depth)
				depth--;
			else if (!depth)
				buf_addc(b, t[i]);
		}
		if (!cont || !cn)
			break;
		eol = memchr(cont, '\n', cn);
		ll = eol ? (size_t)(eol - cont) : cn;
		if (!depth && memchr(cont, '@', ll) &&
		    !ends_joined(b->data, b->len))
			break;
		while (b->len && bounce_is_blank(b->data[b->len - 1]))
			b->len--;
		buf_addc(b, ' ');
		ind = bounce_indent(cont, ll);
		t = cont + ind;
		n = ll - ind < 200 ? ll - ind : 200;
		cont = eol ? eol + 1 : NULL;
		cn = eol ? cn - ll - 1 : 0;
	}
}

/*
 * The parentheses of t[0..n): how many stay open at its end; *unopened
 * counts the ')' that close one opened before t.
 */
static int
parens(const char *t, size_t n, int *unopened)
{
	int depth = 0;

	*unopened = 0;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '(')
			depth++;
		else if (t[i] == ')' && depth)
			depth--;
		else if (t[i] == ')')
			(*unopened)++;
	return depth;
}

/*
 * 1 when t[0..n) closes a parenthesis it did not open: the address
 * before it stands inside an aside begun on the line before ("... (copy
 * to" / "b@y and c@z) could not be delivered"), and the words after the
 * ')' are said of the sentence's subject, not of it.
 */
int
closes_aside(const char *t, size_t n)
{
	int unopened;

	parens(t, n, &unopened);
	return unopened > 0;
}

/* 1 when pre[0..pn) leaves a parenthesis open: what follows is an aside. */
static int
aside_open(const char *pre, size_t pn)
{
	int unopened;

	return parens(pre, pn, &unopened) > 0;
}

/*
 * 1 when the lower-cased words before an address, pre[0..pn), make it a
 * contact or a sender ("For help, write to", "sent by"), whatever else
 * they say.
 */
int
pre_contact(const char *pre, size_t pn)
{
	return has_word(bounce_help_words, pre, pn) ||
	    has_word(bounce_contact_words, pre, pn);
}

/*
 * 1 when pre[0..pn) ends with the SMTP command that names a recipient:
 * whatever came before ("SMTP error from remote mail server after RCPT
 * TO:<a>") speaks of the server, not of a sender or a contact.
 */
int
rcpt_command(const char *pre, size_t pn)
{
	static const char *const cmd[] = { "rcpt to:", NULL };

	return ends_with(cmd, pre, pn);
}

/* 1 when t[0..n), past blanks and quotes, starts with a delay cue. */
static int
starts_with_cue(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (bounce_is_blank(t[i]) || t[i] == '"' ||
	    t[i] == '\'' || t[i] == '>'))
		i++;
	for (const char *const *w = bounce_delay_cues; *w; w++) {
		size_t wl = strlen(*w);

		if (n - i >= wl && !memcmp(t + i, *w, wl))
			return 1;
	}
	return 0;
}

/*
 * 1 when pre[0..pn) ends with "(Originally addressed to" opening an aside
 * of its own, after a sentence's end: "... delivery problems to local
 * user u. (Originally addressed to a)" names the address we sent to,
 * which the recipient's server rewrote.  Inside a sentence ("Your
 * message (originally addressed to l) ...") or without the parenthesis
 * the words name the returned message's addressee (bounce_rcpt_noncues).
 */
static int
orig_aside(const char *pre, size_t pn)
{
	static const char w[] = "(originally addressed to";
	size_t wl = sizeof w - 1, j;

	while (pn && bounce_is_blank(pre[pn - 1]))
		pn--;
	if (pn < wl || memcmp(pre + pn - wl, w, wl))
		return 0;
	for (j = pn - wl; j && bounce_is_blank(pre[j - 1]); j--)
		;
	return j == 0 || pre[j - 1] == '.';
}

/*
 * 1 when lower[0..n) gives a reason about the mailbox itself: a dead one
 * or a full one, not the message's (spam, a virus, a policy).
 */
static int
mailbox_reason(const char *lower, size_t n)
{
	const struct bounce_rule *r = bounce_rule_match(lower, n);

	return r && (r->hard || !strcmp(r->reason, "mailboxfull"));
}

/*
 * 1 when t[0..n), the words after "message to a", say whom delivery
 * failed for, and that is someone named ("... to a, b and c was not
 * delivered to c", "... to a, b and Cy Young was not delivered to Cy
 * Young"): an address, or a name in capitals and small letters.  The
 * failure is that one's, not a's; "delivered to the recipient", "to all
 * recipients" leave it a's.
 */
static int
delivered_to_other(const char *t, size_t n)
{
	const char *d = bounce_find_ci(t, n, "deliver");
	size_t k, w;

	if (!d)
		return 0;
	k = (size_t)(d - t);
	while (k < n && isalpha((unsigned char)t[k]))
		k++;
	while (k < n && bounce_is_blank(t[k]))
		k++;
	if (n - k < 4 || strncasecmp(t + k, "to", 2) ||
	    !bounce_is_blank(t[k + 2]))
		return 0;
	k += 3;
	while (k < n && (bounce_is_blank(t[k]) || t[k] == '<' || t[k] == '"'))
		k++;
	for (w = k; w < n && !bounce_is_blank(t[w]) && t[w] != ':' &&
	    t[w] != ','; w++)
		if (t[w] == '@')
			return 1;
	return w - k >= 2 && isupper((unsigned char)t[k]) &&
	    islower((unsigned char)t[k + 1]);
}

/*
 * The length of pre[0..pn) before the colon that ends it (blanks after
 * it aside), or NOLABEL when no colon ends it.
 */
#define NOLABEL	((size_t)-1)
static size_t
before_colon(const char *pre, size_t pn)
{
	while (pn && bounce_is_blank(pre[pn - 1]))
		pn--;
	return pn && pre[pn - 1] == ':' ? pn - 1 : NOLABEL;
}

/*
 * A label given in two languages, the recipient's label first and a word
 * of English after a slash ("收件人 / To: a", "收件人/To: a"), as Chinese
 * providers write their notices' fields: the label before the slash names
 * the address.  Only a short run of letters may stand between the slash
 * and the colon.
 */
static int
bilingual_cue(const char *pre, size_t pn)
{
	size_t k = before_colon(pre, pn);

	if (k == NOLABEL)
		return 0;
	while (k && pn - k < 24 && (isalpha((unsigned char)pre[k - 1]) ||
	    pre[k - 1] == ' '))
		k--;
	if (!k || pre[k - 1] != '/')
		return 0;
	k--;
	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	return k && ends_with(bounce_rcpt_cues, pre, k);
}

/*
 * 1 when pre[0..k), up to blanks, ends with a recipient's label, read as
 * if its colon followed ("Recipient" of "Recipient 2: a").
 */
static int
label_before(const char *pre, size_t k)
{
	struct buf b = BUF_INIT;
	int r;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	if (!k)
		return 0;
	buf_add(&b, pre, k);
	buf_add(&b, ":", 1);
	r = ends_with(bounce_rcpt_cues, b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * A recipient's label numbered as an item of a list ("Recipient 2: a",
 * "■宛先１：a", its full-width digit and colon folded): the label before
 * the number names the address.  Only up to three digits, after a blank
 * or a "#" or none, may stand between the label and its colon.
 */
static int
numbered_cue(const char *pre, size_t pn)
{
	size_t k = before_colon(pre, pn), d = k;

	if (k == NOLABEL)
		return 0;
	while (k && d - k < 3 && isdigit((unsigned char)pre[k - 1]))
		k--;
	if (k == d || (k && isdigit((unsigned char)pre[k - 1])))
		return 0;
	if (k && pre[k - 1] == '#')
		k--;
	return label_before(pre, k);
}

/* 1 when p[0..3) is a kanji or a katakana (no hiragana: no particle) */
static int
cjk_noun_char(const unsigned char *p)
{
	if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
		return 0;
	return (p[0] >= 0xe4 && p[0] <= 0xe9) || (p[0] == 0xe3 &&
	    ((p[1] == 0x82 && p[2] >= 0xa0) || p[1] == 0x83));
}

/*
 * A Japanese or Chinese recipient's label whose noun a qualifier of a
 * few kanji or katakana follows ("宛先表示：a", "宛先一覧：a", "收件人
 * 地址：a"): the noun names the address.  A particle (hiragana) ends the
 * qualifier, so "宛先の..." is no such label.
 */
static int
qualified_cue(const char *pre, size_t pn)
{
	size_t k = before_colon(pre, pn);

	if (k == NOLABEL)
		return 0;
	for (int c = 0; c < 4 && k >= 3 &&
	    cjk_noun_char((const unsigned char *)pre + k - 3); c++) {
		k -= 3;
		if (label_before(pre, k))
			return 1;
	}
	return 0;
}

/*
 * A field written "Label = a" or with a dot leader, "Label ..... a", as
 * reports laid out in columns write them: read as "Label: a".  The run of
 * dots (three or more) or the "=" must stand apart from the label by a
 * blank, so "a=b" or an ellipsis in a sentence is no field.
 */
static int
separator_cue(const char *pre, size_t pn)
{
	size_t k = pn, d;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	d = k;
	if (k && pre[k - 1] == '=')
		k--;
	else
		while (k && pre[k - 1] == '.')
			k--;
	if (k == d || (pre[d - 1] == '.' && d - k < 3) || !k ||
	    !bounce_is_blank(pre[k - 1]))
		return 0;
	return label_before(pre, k);
}

/*
 * How much of pre[0..pn), the words before an address, names it: "to the
 * recipient, a, because ...": an address set off by commas after its
 * noun is named by the words before the noun
 */
static size_t
noun_set_off(const char *pre, size_t pn)
{
	size_t k = pn;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	if (k && pre[k - 1] == ',' && ends_with(bounce_rcpt_nouns, pre, k - 1))
		pn = k - 1;
	return pn;
}

/*
 * 1 when the words before an address, pre[0..pn) (pre[0..k) without its
 * quotes and brackets), end with a recipient's label, a sentence of
 * failure or a reason and a colon, or when the words after it,
 * tail[0..tn) and cont[0..cn), say it failed: a verdict after "from s
 * to", a Japanese particle of destination.
 */
static int
cue_says_failed(const char *pre, size_t pn, size_t k, const char *tail,
    size_t tn, const char *cont, size_t cn)
{
	if (ends_with(bounce_rcpt_cues, pre, pn) ||
	    bilingual_cue(pre, pn) || numbered_cue(pre, pn) ||
	    separator_cue(pre, pn) || qualified_cue(pre, pn))
		return 1;
	if (ends_with(bounce_rcpt_preps, pre, pn) &&
	    has_word(bounce_failure_words, pre, pn))
		return 1;
	/*
	 * "Message from s to a was rejected": the verdict follows; not in an
	 * aside ("Your message to a (copy to b) was rejected" rejects a)
	 */
	if (ends_with(bounce_rcpt_preps, pre, pn) && !aside_open(pre, pn) &&
	    verdict_follows_wrapped(tail, tn, cont, cn))
		return 1;
	if (k && pre[k - 1] == ':' && bounce_rule_match(pre, k))
		return 1;
	if (particle_failure(tail, tn, cont, cn))
		return 1;
	return 0;
}

/*
 * A reason about the mailbox, then whose it is: "Quota exceeded for
 * user a"; "Unknown userid ----> a" (IBM VM), an arrow for a colon;
 * "VNM3043:  Mailbox does not exist  a" (VINES), a verdict, not a
 * sentence's end, set off by a column's blanks from the address that
 * ends the line.  A spam quarantine's "summary for user a" or "Spam
 * detected  a" is none.
 */
static int
reason_then_mailbox(const char *pre, size_t pn, size_t k, const char *tail,
    size_t tn)
{
	static const char *const for_rcpt[] = {
		"for user", "for recipient", NULL
	};

	if (ends_with(for_rcpt, pre, pn) && mailbox_reason(pre, k))
		return 1;
	if (k > 2 && pre[k - 1] == '>' && (pre[k - 2] == '-' ||
	    pre[k - 2] == '=') && mailbox_reason(pre, k))
		return 1;
	if (k && pn - k >= 2 && isalpha((unsigned char)pre[k - 1]) &&
	    bounce_is_blank(pre[k]) && bounce_is_blank(pre[k + 1]) &&
	    bounce_indent(tail, tn) == tn && mailbox_reason(pre, k))
		return 1;
	return 0;
}

/*
 * Start of the address that ends pre[0..k) (blanks after it skipped), or
 * pn when no address ends there.
 */
static size_t
back_over_address(const char *pre, size_t k, size_t pn)
{
	size_t w;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	w = k;
	while (w && !bounce_is_blank(pre[w - 1]))
		w--;
	return memchr(pre + w, '@', k - w) ? w : pn;
}

/*
 * Length of the addresses joined to the one before that t[0..n) starts
 * with (" and to b and c"), 0 when none: the verdict comes after them.
 */
static size_t
past_joined(const char *t, size_t n)
{
	size_t k = 0, j, e;

	while ((j = joiner_span(t + k, n - k)) != 0) {
		e = k + j;
		while (e < n && !bounce_is_blank(t[e]))
			e++;
		if (!memchr(t + k + j, '@', e - k - j))
			break;
		k = e;
	}
	return k;
}

/*
 * Length of pre[0..pn) without the address joined before the one that
 * follows it ("message to a and to " -> "message to "), as a coordination
 * shares its verdict; pn when no address is joined there.
 */
static size_t
before_joined(const char *pre, size_t pn)
{
	size_t k = pn, w;

	for (int words = 0; words < 2; words++) {
		while (k && bounce_is_blank(pre[k - 1]))
			k--;
		if (k && pre[k - 1] == ',')
			return back_over_address(pre, k - 1, pn);
		w = k;
		while (w && !bounce_is_blank(pre[w - 1]))
			w--;
		if (w == k)
			return pn;
		if (bounce_list_is(bounce_list_joiners, pre + w, k - w))
			return back_over_address(pre, w, pn);
		/* "to" in "a and to b": read before the joiner it follows */
		if (words || !bounce_list_is(repeated_preps, pre + w, k - w))
			return pn;
		k = w;
	}
	return pn;
}

/*
 * 1 when pre[0..pn) ends with "message to" and the address's own words
 * after it, tail[0..tn) and cont[0..cn), say the message failed.
 */
static int
message_to_failed(const char *pre, size_t pn, const char *tail, size_t tn,
    const char *cont, size_t cn)
{
	static const char *const your_message_to[] = {
		"your message to", "mesajul dumneavoastra catre", NULL
	};
	struct buf b = BUF_INIT;
	size_t own;
	char *lt;
	int r;

	/* "message to a and to b has not yet been delivered": b as a */
	for (size_t m; !ends_with(bounce_message_to, pre, pn) &&
	    (m = before_joined(pre, pn)) < pn;)
		pn = m;
	if (!ends_with(bounce_message_to, pre, pn))
		return 0;
	/* "Your message to a (copy to b) could not be delivered" */
	without_asides(tail, tn < 200 ? tn : 200, cont, cn, &b);
	own = own_words(b.data ? b.data : "", b.len);
	lt = bounce_lower_dup(b.data ? b.data : "", own);
	r = bounce_failure_said(lt, strlen(lt)) &&
	    !has_word(bounce_accepted_words, lt, strlen(lt)) &&
	    !delivered_to_other(b.data ? b.data : "", own);
	/*
	 * "Delivery of your message to a has been postponed" (an Exchange
	 * advisory): a delay's words right after the address count after
	 * "your message to", which a system writes; a person's "the delivery
	 * to a has been postponed" or "your message to a, but her answer has
	 * been postponed" names no delay
	 */
	if (!r && ends_with(your_message_to, pre, pn))
		r = starts_with_cue(lt + past_joined(lt, strlen(lt)),
		    strlen(lt) - past_joined(lt, strlen(lt)));
	free(lt);
	buf_free(&b);
	return r;
}

/* The start of the word that ends at pre[k], blanks before k skipped. */
static size_t
word_start(const char *pre, size_t *k)
{
	size_t w;

	while (*k && bounce_is_blank(pre[*k - 1]))
		(*k)--;
	for (w = *k; w && !bounce_is_blank(pre[w - 1]); w--)
		;
	return w;
}

/* 1 when s[0..n) is all digits and dots: "552", "5.2.2". */
static int
code_word(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '.')
			return 0;
	return 1;
}

/*
 * 1 when pre[0..pn) ends with a server's failure reply and a
 * recipient's noun, nothing else between: "552 Mailbox a is over its
 * storage quota" (MDaemon's transcript), "550 5.1.1 User a ...": the
 * reply speaks of a, whatever its words.  A line of prose ("The mailbox
 * a is over its quota") is no reply.
 */
static int
coded_noun(const char *pre, size_t pn)
{
	size_t k = pn, w = word_start(pre, &k), c;

	if (w == k || !bounce_list_is(bounce_rcpt_nouns, pre + w, k - w))
		return 0;
	k = w;
	c = word_start(pre, &k);
	/* an enhanced status code between them */
	if (c < k && k - c >= 5 && pre[c + 1] == '.' && code_word(pre + c,
	    k - c)) {
		k = c;
		c = word_start(pre, &k);
	}
	return k - c == 3 && (pre[c] == '4' || pre[c] == '5') &&
	    code_word(pre + c, 3);
}

/*
 * An address the words before it (lower-cased in pre[0..pn), no contact's
 * words among them) and after it (tail; cont is the rest of the
 * paragraph, when its next line goes on with it) name as failed: a
 * recipient label ("Intended recipient:", "RCPT TO:"), a sentence of
 * failure ending in "to"/":" ("Unable to deliver message to", "Delivery
 * failed:"), a reason and a colon ("User unknown:"), or "message to <a>"
 * followed by the failure ("... couldn't be delivered").
 */
int
phrase_says_failed(const char *pre, size_t pn, const char *tail, size_t tn,
    const char *cont, size_t cn)
{
	size_t k;

	pn = noun_set_off(pre, pn);
	k = pn;
	while (k && (bounce_is_blank(pre[k - 1]) || pre[k - 1] == '"' ||
	    pre[k - 1] == '\'' || pre[k - 1] == '(' || pre[k - 1] == '['))
		k--;
	if (orig_aside(pre, pn))
		return 1;
	if (ends_with(bounce_rcpt_noncues, pre, pn))
		return 0;
	if (cue_says_failed(pre, pn, k, tail, tn, cont, cn) ||
	    reason_then_mailbox(pre, pn, k, tail, tn))
		return 1;
	/* "The user <a> is unknown", "Mailbox <a> does not exist" */
	if (bounce_noun_names(pre, pn) &&
	    verdict_follows_wrapped(tail, tn, cont, cn))
		return 1;
	if (coded_noun(pre, pn))
		return 1;
	return message_to_failed(pre, pn, tail, tn, cont, cn);
}

#define SENTENCE_REST	200	/* bytes read for the rest of a sentence */

/* Length of t[0..n) up to the end of its sentence (". ", "!", "?"). */
static size_t
sentence_rest(const char *t, size_t n, int *ended)
{
	size_t k = 0;

	*ended = 0;
	while (k < n && k < SENTENCE_REST) {
		if ((t[k] == '.' || t[k] == '!' || t[k] == '?') &&
		    (k + 1 == n || bounce_is_blank(t[k + 1]))) {
			*ended = 1;
			break;
		}
		k++;
	}
	return k;
}

/*
 * 1 when the rest of the sentence after an address, t[0..n) and, when it
 * goes on there, the lines of cont[0..cn) (the rest of the paragraph),
 * speaks of members ("... to l / from s; the failed members will be
 * removed", "... to l could / not be / delivered to some of its
 * members"): l is a list, and what failed is some of its members.
 */
int
members_follow(const char *t, size_t n, const char *cont, size_t cn)
{
	struct buf b = BUF_INIT;
	int ended, r;
	size_t k = sentence_rest(t, n, &ended);
	char *low;

	/*
	 * a server's reply after the address ("<a>: host h said: 451 4.6.9
	 * ... cannot be transferred to one or more recipients") speaks of
	 * the server's recipients, not of a list's members: its words end
	 * the sentence read
	 */
	for (size_t i = 0; i + 3 < k; i++)
		if ((t[i] == '4' || t[i] == '5') &&
		    bounce_smtp_class(t + i, 4) && (i == 0 ||
		    !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '.'))) {
			k = i;
			ended = 1;
			break;
		}
	buf_add(&b, t, k);
	for (int lines = 0; !ended && cont && cn && lines < WRAP_LINES;
	    lines++) {
		const char *eol = memchr(cont, '\n', cn);
		size_t ll = eol ? (size_t)(eol - cont) : cn;

		buf_add(&b, " ", 1);
		buf_add(&b, cont, sentence_rest(cont, ll, &ended));
		if (!eol)
			break;
		cn -= ll + 1;
		cont = eol + 1;
	}
	low = bounce_lower_dup(b.data ? b.data : "", b.len);
	bounce_blank_names(low, strlen(low));
	r = bounce_list_match(bounce_member_words, low, strlen(low));
	free(low);
	buf_free(&b);
	return r;
}

/*
 * "This user doesn't have a yahoo.com account (a)": a reason about the
 * mailbox, a dead or a full one, then in parentheses of their own, right
 * after its last word, whose mailbox it is; pre[0..pn) is the clause
 * before the parenthesis.
 */
int
reason_aside(const char *pre, size_t pn)
{
	while (pn && bounce_is_blank(pre[pn - 1]))
		pn--;
	return pn && isalpha((unsigned char)pre[pn - 1]) &&
	    mailbox_reason(pre, pn);
}

int
bounce_noun_names(const char *pre, size_t pn)
{
	size_t k = pn, w;

	if (ends_with(bounce_rcpt_nouns, pre, pn))
		return 1;
	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	w = k;
	while (w && !bounce_is_blank(pre[w - 1]))
		w--;
	return w < k && bounce_list_is(bounce_rcpt_possessives, pre + w,
	    k - w) && ends_with(bounce_rcpt_nouns, pre, w);
}

/* bytes of text before a blanked address read for its noun */
#define NOUN_WINDOW	80
/* spaces a blanked address leaves at least ("a@b", blanked) */
#define BLANKED_MIN	3

/*
 * 1 when the words that end at t[b] end with a recipient's noun (and a
 * possessive): the last NOUN_WINDOW bytes, folded, from a character's
 * start.
 */
static int
noun_before(const char *t, size_t b)
{
	size_t a = b > NOUN_WINDOW ? b - NOUN_WINDOW : 0;
	char *low;
	int r;

	while (a < b && ((unsigned char)t[a] & 0xc0) == 0x80)
		a++;
	low = bounce_lower_dup(t + a, b - a);
	r = bounce_noun_names(low, strlen(low));
	free(low);
	return r;
}

/*
 * The verdict that follows a recipient's noun in t[0..n), the address
 * between them blanked (a run of BLANKED_MIN spaces): "Benutzer   (   )
 * ist unbekannt", "The account of   has been disabled".  Only those
 * runs are read, so a notice without one costs a scan for blanks.  A
 * noun with its verdict right after it ("user does not exist, but will
 * deliver to ...") is left to the rows, which know such sentences whole.
 */
const struct bounce_rule *
bounce_noun_verdict(const char *t, size_t n)
{
	static const char run[BLANKED_MIN + 1] = "   ";
	const char *p;
	size_t i = 0;

	while ((p = memmem(t + i, n - i, run, BLANKED_MIN))) {
		size_t b = (size_t)(p - t), e, j;
		const struct bounce_rule *r;

		for (e = b; e < n && bounce_is_blank(t[e]); e++)
			;
		i = e;
		/* an indent is no blanked address */
		if (!b || t[b - 1] == '\n')
			continue;
		j = e + verdict_gap(t + e, n - e);
		if (!(r = verdict_rule(t + j, n - j)))
			r = verdict_at_end(t + j, n - j);
		if (r && r->reason && noun_before(t, b))
			return r;
	}
	return NULL;
}

/* words that may stand between a recipient's noun and its verdict */
#define GAP_WORDS	2
/*
 * bytes of a recipient's text read so: its notice's words stand near
 * it, a returned message's below them have no say
 */
#define GAP_TEXT	2048

/*
 * The start of the word that ends at t[k] (blanks before k skipped),
 * or k when that word is no plain one: a sentence's or clause's
 * punctuation ends the noun's reach ("Postfach voll: der Ordner
 * existiert nicht"), and a word naming another owner ("das Postfach des
 * Absenders existiert nicht") says the verdict is not the recipient's.
 */
static size_t
gap_word(const char *t, size_t k)
{
	size_t w;
	char *low;
	int other;

	while (k && bounce_is_blank(t[k - 1]))
		k--;
	for (w = k; w && !bounce_is_blank(t[w - 1]); w--)
		if (ispunct((unsigned char)t[w - 1]))
			return k;
	if (w == k)
		return k;
	low = bounce_lower_dup(t + w, k - w);
	other = bounce_list_is(bounce_other_owners, low, strlen(low));
	free(low);
	return other ? k : w;
}

/* the folded first bytes of bounce_verdict_rules' rows */
static unsigned char verdict_first[256];
static pthread_once_t verdict_once = PTHREAD_ONCE_INIT;

static void
verdict_firsts(void)
{
	for (const struct bounce_rule *r = bounce_verdict_rules; r->pattern;
	    r++)
		verdict_first[(unsigned char)r->pattern[0]] = 1;
}

/*
 * The verdict row that starts at t[j], when a recipient's noun ends up
 * to GAP_WORDS words before it, or NULL.
 */
static const struct bounce_rule *
gap_verdict_at(const char *t, size_t n, size_t j)
{
	const struct bounce_rule *r;
	size_t k = j;
	unsigned char c;

	if (j && !bounce_is_blank(t[j - 1]))
		return NULL;
	/* a plain byte (ASCII) no verdict starts with: no compare a row */
	c = bounce_fold_byte[(unsigned char)t[j]];
	pthread_once(&verdict_once, verdict_firsts);
	if (c && !verdict_first[c])
		return NULL;
	if (!(r = verdict_rule(t + j, n - j)) || !r->reason)
		return NULL;
	for (int g = 0; g <= GAP_WORDS; g++) {
		size_t w;

		if (noun_before(t, k))
			return r;
		if ((w = gap_word(t, k)) == k)
			break;
		k = w;
	}
	return NULL;
}

/*
 * A verdict row said of a recipient's noun up to GAP_WORDS words before
 * it, in t[0..n): "a caixa postal informada não existe", "da das
 * angegebene Postfach nicht existiert", "указанного почтового ящика на
 * сервере не существует", "The mailbox has been disabled by ...".  Read
 * only where no row matched, so each word's start is compared; the text
 * is read with its blanks and line ends made one space, as a sentence
 * wraps anywhere.
 */
const struct bounce_rule *
bounce_noun_gap_verdict(const char *text, size_t tn)
{
	const struct bounce_rule *r = NULL;
	char *t;
	size_t n = 0;

	if (tn > GAP_TEXT)
		tn = GAP_TEXT;
	if (!bounce_verdict_said(text, tn))
		return NULL;
	t = xmalloc(tn + 1);

	for (size_t i = 0; i < tn; i++)
		if (!bounce_is_blank(text[i]) && text[i] != '\n' &&
		    text[i] != '\r')
			t[n++] = text[i];
		else if (n && t[n - 1] != ' ')
			t[n++] = ' ';
	for (size_t j = 0; j < n && !r; j++)
		r = gap_verdict_at(t, n, j);
	free(t);
	return r;
}
