/*
 * bounce_line: failed recipients named in a notice's text (see
 * bounce_line.h).  The line shapes come from the published formats of
 * qmail, Postfix (bounce(5) templates), Sendmail (savemail.c), Exim
 * (deliver.c), Courier, OpenSMTPD, Exchange, Lotus Notes/Domino, Gmail,
 * Yahoo and the webmail providers; the words they use are data in
 * bounce_rules.c.  This file judges each line; the parts of the notice
 * whose lines name no failed recipient are bounce_section.c's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_fold.h"
#include "bounce_addr.h"
#include "bounce_line.h"
#include "bounce_mime.h"
#include "bounce_rules.h"
#include "bounce_section.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_SEGMENT	(16 * 1024)	/* diagnostic text per recipient */
#define MAX_PER_LINE	8		/* recipients taken from one line */
#define PREFIX_WORDS	120		/* bytes before an address read for cues */
#define MAX_CLOSING	48		/* bytes of a letter's closing line */

/* Addresses one line names, as offsets into it. */
struct hits {
	size_t b[MAX_PER_LINE], e[MAX_PER_LINE];
	size_t n;
	size_t back;	/* the entry began this many bytes above the line */
};

/* 1 when l[0..n) is an address alone, as a list's item ("<b>,"). */
static int
bare_address(const char *l, size_t n)
{
	const char *at = memchr(l, '@', n);

	if (!at)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (bounce_is_blank(l[i]))
			return bounce_indent(l + i, n - i) == n - i;
	return 1;
}

/* 1 when l[b..e) is the address a (no case). */
static int
hit_is(const char *l, size_t b, size_t e, const char *a, size_t al)
{
	return e - b == al && !strncasecmp(l + b, a, al);
}

/*
 * In a recipient's entry line ("<a>: host h said: 550 ..."), what comes
 * after "said:" is the server's reply: an address there ("Rejected by
 * policy: s") is not another recipient.
 */
static void
drop_after_said(const char *l, size_t n, size_t ind, struct hits *h)
{
	const char *said = bounce_find_ci(l, n, "said:");
	size_t lead = h->n, k = 0, at;

	if (!said)
		return;
	at = (size_t)(said - l);
	for (size_t i = 0; i < h->n; i++)
		if (h->b[i] <= ind + 1 && h->b[i] < at)
			lead = i;
	if (lead == h->n)
		return;
	for (size_t i = 0; i < h->n; i++)
		if (h->b[i] < at || hit_is(l, h->b[i], h->e[i], l +
		    h->b[lead], h->e[lead] - h->b[lead])) {
			h->b[k] = h->b[i];
			h->e[k++] = h->e[i];
		}
	h->n = k;
}

/* Keeps only the hits of l that are address a; returns how many. */
static size_t
drop_others(const char *l, struct hits *h, const char *a)
{
	size_t k = 0, al = strlen(a);

	for (size_t i = 0; i < h->n; i++)
		if (hit_is(l, h->b[i], h->e[i], a, al)) {
			h->b[k] = h->b[i];
			h->e[k++] = h->e[i];
		}
	return h->n = k;
}

static void
hit(struct hits *h, size_t b, size_t e)
{
	for (size_t k = 0; k < h->n; k++)
		if (h->b[k] == b)
			return;
	if (h->n < MAX_PER_LINE) {
		h->b[h->n] = b;
		h->e[h->n++] = e;
	}
}

/*
 * The address whose first character is at l[i] (after an optional '<',
 * '(', '[' or quote): sets [*b, *e) and *after (past a matching closing
 * bracket or quote).  Returns 1 when there is one.
 */
static int
addr_at(const char *l, size_t n, size_t i, size_t *b, size_t *e,
    size_t *after)
{
	char close = 0;
	size_t k;

	if (i < n && l[i] && strchr("<\"'([", l[i])) {
		close = l[i] == '<' ? '>' : l[i] == '(' ? ')' :
		    l[i] == '[' ? ']' : l[i];
		i++;
	}
	/*
	 * a quoted local part ('<"first last"@x>', '"j..doe"@x'): the
	 * quote that opened it may be the one read as a bracket above
	 */
	if ((i < n && l[i] == '"') || close == '"') {
		size_t q = close == '"' ? i - 1 : i;

		for (k = q + 1; k < n && k - q < 66 && l[k] != '"' &&
		    l[k] != '\n'; k++)
			if (l[k] == '\\' && k + 1 < n)
				k++;
		if (k + 1 < n && l[k] == '"' && l[k + 1] == '@' &&
		    bounce_addr_around(l, n, k + 1, b, e) && *b == q) {
			*after = *e;
			if (close && close != '"' && *after < n &&
			    l[*after] == close)
				(*after)++;
			return 1;
		}
	}
	/*
	 * an apostrophe is a local part's own ("o'brien@") unless it quotes;
	 * one in a quoted address ("'o'brien@x' on DATE", Exchange 2003) is
	 * the local part's when the quote closes right after the address
	 */
	for (k = i; k < n && k - i < 64 && l[k] != '@' &&
	    !bounce_is_blank(l[k]) && !strchr("<>\"(),;:[]", l[k]) &&
	    (l[k] != '\'' || close != '\''); k++)
		;
	if (close == '\'' && k < n && l[k] == '\'') {
		while (k < n && k - i < 64 && l[k] != '@' &&
		    !bounce_is_blank(l[k]) && !strchr("<>\"(),;:[]", l[k]))
			k++;
		if (k < n && l[k] == '@' && bounce_addr_around(l, n, k, b,
		    e) && (*e >= n || l[*e] != '\''))
			return 0;
	}
	if (k == i || k >= n || l[k] != '@' ||
	    !bounce_addr_around(l, n, k, b, e) || *b != i)
		return 0;
	*after = *e;
	if (close && *after < n && l[*after] == close)
		(*after)++;
	return 1;
}

/* 1 when lower[0..n) contains a word of list. */
static int
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

/* 1 when lower[0..n), trailing blanks ignored, ends with an entry of list. */
static int
ends_with(const char *const *list, const char *lower, size_t n)
{
	size_t m;

	while (n && (bounce_is_blank(lower[n - 1]) || lower[n - 1] == '"' ||
	    lower[n - 1] == '\'' || lower[n - 1] == '(' ||
	    lower[n - 1] == '['))
		n--;
	/* "Your message to: a" as well as "Your message to a" */
	if (n > 1 && lower[n - 1] == ':' && lower[n - 2] != ':' &&
	    ends_with(list, lower, n - 1))
		return 1;
	for (const char *const *w = list; *w; w++)
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
 * What may follow an address that leads its line for the line to list it
 * as a failed recipient: nothing, a separator (qmail's ':', Sendmail's
 * "...", Postfix's "(expanded from", Exim's "<real>"), Exchange's "on
 * DATE", or words that say why it failed.
 */
static int
tail_says_failed(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && bounce_is_blank(t[i]))
		i++;
	while (n > i && (bounce_is_blank(t[n - 1]) || t[n - 1] == '.'))
		n--;
	if (i == n)
		return 1;
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
		int r = has_word(bounce_failure_words, low, strlen(low));

		free(low);
		return r;
	}
}

/*
 * How much of l[0..n) stands before a bracketed address as its lead and
 * not as words about it: an address type ("SMTP <a>", as InterMail and
 * Post.Office list unknown addresses) or the host that answered (ZMailer's
 * "mx.example.net: <a>: delivery failed").  0 when none does.
 */
static size_t
lead_before_bracket(const char *l, size_t n)
{
	size_t i = 0, w;
	int dot = 0;

	while (i < n && (isalnum((unsigned char)l[i]) || l[i] == '-' ||
	    l[i] == '.'))
		dot |= l[i++] == '.';
	w = i;
	if (w != 4 || strncasecmp(l, "smtp", 4)) {
		/* not a type: a host name and its colon, or nothing */
		if (!dot || i == n || l[i] != ':' || l[w - 1] == '.')
			return 0;
		i++;
	}
	if (i == n || !bounce_is_blank(l[i]))
		return 0;
	while (i < n && bounce_is_blank(l[i]))
		i++;
	return i < n && l[i] == '<' ? i : 0;
}

/*
 * How much of l[0..n) is an X.400 address's attributes before its SMTP
 * one, as Exchange's Internet Mail Service lists a recipient it could not
 * reach ("c=US;a= ;p=Org;o=HQ;dda:SMTP=a@b; on DATE"): up to past
 * "dda:SMTP=", when only attributes ("key=value;") stand before it, or
 * past a bare "SMTP=" leading the line ("SMTP=a@b; on DATE", the same
 * service naming the address type alone).  0 when there are none.
 */
static size_t
x400_lead(const char *l, size_t n)
{
	const char *at = memchr(l, '@', n);
	size_t k = 0, end;

	if (!at)
		return 0;
	end = (size_t)(at - l);
	if (end > 5 && !strncasecmp(l, "smtp=", 5))
		return 5;
	while (k + 9 <= end && strncasecmp(l + k, "dda:smtp=", 9))
		k++;
	if (k + 9 > end || k == 0 || l[k - 1] != ';')
		return 0;
	for (size_t j = 0; j < k; j++)
		if (!isalnum((unsigned char)l[j]) && !strchr("=; -.", l[j]))
			return 0;
	return memchr(l, '=', k) ? k + 9 : 0;
}

/*
 * Past what may stand before a listed address: indentation, bullets and
 * arrows ("=> a"), a list's number, an SMTP reply code with its
 * enhanced status, or a bare status ("5.2.2 <a>...").  *coded is set
 * when a reply code or status was skipped: such a line is a server's
 * verdict on the address whatever follows it.
 */
static size_t
skip_lead(const char *l, size_t n, int *coded)
{
	size_t i = 0, x;
	char st[16];

	*coded = 0;
	while (i < n && (bounce_is_blank(l[i]) || strchr(">*-#|=", l[i])))
		i++;
	/* a list's number ("1. a", "2) a"), never a reply code */
	for (x = i; x < n && x - i < 3 && isdigit((unsigned char)l[x]); x++)
		;
	if (x > i && x + 1 < n && (l[x] == '.' || l[x] == ')') &&
	    bounce_is_blank(l[x + 1])) {
		i = x + 1;
		while (i < n && bounce_is_blank(l[i]))
			i++;
	}
	/* a UTF-8 bullet (U+2022) */
	if (n - i >= 3 && !memcmp(l + i, "\xe2\x80\xa2", 3)) {
		i += 3;
		while (i < n && bounce_is_blank(l[i]))
			i++;
	}
	if (n - i >= 4 && (l[i] == '4' || l[i] == '5') &&
	    isdigit((unsigned char)l[i + 1]) &&
	    isdigit((unsigned char)l[i + 2]) &&
	    (l[i + 3] == ' ' || l[i + 3] == '-')) {
		i += 4;
		*coded = 1;
		while (i < n && bounce_is_blank(l[i]))
			i++;
	}
	if (bounce_status_at(l, n, i, st)) {
		i += strlen(st);
		*coded = 1;
		while (i < n && bounce_is_blank(l[i]))
			i++;
	}
	x = x400_lead(l + i, n - i);
	return i + (x ? x : lead_before_bracket(l + i, n - i));
}

/*
 * 1 when the words after an address (t[0..n), past punctuation and
 * blanks) say it is the sender a server refused ("<a>: Sender address
 * rejected", "<a>... sender blocked"): the verdict is on our envelope,
 * never on a recipient.
 */
static int
sender_follows(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (bounce_is_blank(t[i]) || strchr(":.>,;-", t[i])))
		i++;
	return bounce_list_prefix(bounce_sender_verdicts, t + i, n - i);
}

/*
 * 1 when l[0..ob), blanks and a '-' or quote before ob aside, ends with
 * an SMTP reply code ("550", "550 5.1.1", "550-5.1.1"): what stands at
 * ob is the subject of a server's reply.
 */
static int
code_before(const char *l, size_t ob)
{
	size_t j = ob, d;

	while (j > 0 && (bounce_is_blank(l[j - 1]) || l[j - 1] == '-'))
		j--;
	d = j;
	while (j > 0 && (isdigit((unsigned char)l[j - 1]) || l[j - 1] == '.'))
		j--;
	/* "550 5.1.1": the status, then the code before it */
	if (memchr(l + j, '.', d - j)) {
		while (j > 0 && (bounce_is_blank(l[j - 1]) || l[j - 1] == '-'))
			j--;
		d = j;
		while (j > 0 && isdigit((unsigned char)l[j - 1]))
			j--;
	}
	return d - j == 3 && (l[j] == '4' || l[j] == '5') &&
	    (j == 0 || !isalnum((unsigned char)l[j - 1]));
}

/*
 * Length of the words right after an address, t[0..n), that can say why
 * it failed: up to the end of their clause (';' or a sentence end) when a
 * word follows the address directly.  "550 a@b handles delisting
 * requests; your host is on our block list" is a contact, and the why
 * after the semicolon is the host's.
 */
static size_t
own_clause(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && bounce_is_blank(t[i]))
		i++;
	if (i == n || !isalnum((unsigned char)t[i]))
		return n;
	for (; i < n; i++)
		if (t[i] == ';' || (t[i] == '.' && (i + 1 == n ||
		    bounce_is_blank(t[i + 1]))))
			return i;
	return n;
}

/*
 * "... error 550 a@b: no such user", "550-'a@b... unknown'": an address
 * inside a line, right after a reply code, and followed by why it failed
 * (a bracketed one needs no why: below).
 */
static void
coded_bare_hits(const char *l, size_t n, struct hits *h)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e, ob, after;

		if (l[i] != '@' || !bounce_addr_around(l, n, i, &b, &e))
			continue;
		ob = b > 0 && strchr("\"'", l[b - 1]) ? b - 1 : b;
		after = e < n && strchr("\"'", l[e]) ? e + 1 : e;
		if (ob > 0 && l[ob - 1] != '<' && code_before(l, ob) &&
		    tail_says_failed(l + after, own_clause(l + after,
		    n - after)) &&
		    !sender_follows(l + after, n - after))
			hit(h, b, e);
		i = e;
	}
}

/*
 * "550 5.1.1 <a>", "5.2.2 <a>" or Sendmail's "<a>... " anywhere in the
 * line: a server's verdict on that address.
 */
static void
verdict_hits(const char *l, size_t n, struct hits *h)
{
	for (size_t i = 0; i < n; i++) {
		size_t b, e, after, j = i;
		int reply = 0;
		char st[16];

		if (l[i] != '<')
			continue;
		if (!addr_at(l, n, i, &b, &e, &after) || after == e ||
		    sender_follows(l + after, n - after))
			continue;
		if (n - after >= 3 && !strncmp(l + after, "...", 3)) {
			hit(h, b, e);
			continue;
		}
		/* look back over "NNN " and "N.N.N " before the bracket */
		while (j > 0 && bounce_is_blank(l[j - 1]))
			j--;
		while (j > 0 && (isdigit((unsigned char)l[j - 1]) ||
		    l[j - 1] == '.'))
			j--;
		if (bounce_status_at(l, n, j, st) && j + strlen(st) <= i)
			reply = 1;
		else if (i - j >= 3 && (l[j] == '4' || l[j] == '5') &&
		    isdigit((unsigned char)l[j + 1]) &&
		    isdigit((unsigned char)l[j + 2]) &&
		    (j == 0 || !isalnum((unsigned char)l[j - 1])) &&
		    (l[j + 3] == ' ' || l[j + 3] == '-'))
			reply = 1;
		if (reply)
			hit(h, b, e);
	}
}

/*
 * 1 when tail[0..tn), past a closing quote, blanks and a colon, starts with
 * a verdict on the address before it ("is unknown", "does not exist"):
 * only then does a noun such as "user" name that address a recipient, so
 * an address quoted in prose ("the address a@b given in its Reply-To could
 * not be verified") stays out.
 */
static int
verdict_follows(const char *tail, size_t tn)
{
	size_t i = 0;
	char *low;
	int login;

	while (i < tn && (bounce_is_blank(tail[i]) || tail[i] == ':' ||
	    tail[i] == '>' || tail[i] == '"' || tail[i] == '\'' ||
	    tail[i] == ')' || tail[i] == ']'))
		i++;
	if (!bounce_list_prefix(bounce_rcpt_verdicts, tail + i, tn - i))
		return 0;
	/* "is unknown to our authentication service": a login refused */
	low = bounce_lower_dup(tail + i, tn - i < 200 ? tn - i : 200);
	login = bounce_list_match(bounce_login_words, low, strlen(low));
	free(low);
	return !login;
}

static size_t sentence_rest(const char *t, size_t n, int *ended);

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
static size_t
own_words(const char *t, size_t n)
{
	size_t w = 0;
	int other = 0;

	for (size_t i = 0; i < n; i++) {
		if (t[i] == ';' || (t[i] == '.' && (i + 1 == n ||
		    bounce_is_blank(t[i + 1]))))
			return i;
		if (isalpha((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80) {
			if (!i || !(isalpha((unsigned char)t[i - 1]) ||
			    (unsigned char)t[i - 1] >= 0x80))
				w = i;
			if (i + 1 == n || !(isalpha((unsigned char)t[i + 1]) ||
			    (unsigned char)t[i + 1] >= 0x80 || t[i + 1] == '@' ||
			    t[i + 1] == '.' || t[i + 1] == '-'))
				other |= !bounce_list_is(bounce_list_joiners,
				    t + w, i + 1 - w);
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
		if (!depth && memchr(cont, '@', ll))
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
static int
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
static int
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
static int
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
 * A label given in two languages, the recipient's label first and a word
 * of English after a slash ("收件人 / To: a", "收件人/To: a"), as Chinese
 * providers write their notices' fields: the label before the slash names
 * the address.  Only a short run of letters may stand between the slash
 * and the colon.
 */
static int
bilingual_cue(const char *pre, size_t pn)
{
	size_t k = pn;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	if (!k || pre[k - 1] != ':')
		return 0;
	k--;
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
 * A recipient's label numbered as an item of a list ("Recipient 2: a",
 * "■宛先１：a", its full-width digit and colon folded): the label before
 * the number names the address.  Only up to three digits, after a blank
 * or a "#" or none, may stand between the label and its colon.
 */
static int
numbered_cue(const char *pre, size_t pn)
{
	struct buf b = BUF_INIT;
	size_t k = pn, d;
	int r;

	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	if (!k || pre[k - 1] != ':')
		return 0;
	d = --k;
	while (k && d - k < 3 && isdigit((unsigned char)pre[k - 1]))
		k--;
	if (k == d || (k && isdigit((unsigned char)pre[k - 1])))
		return 0;
	if (k && pre[k - 1] == '#')
		k--;
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
 * An address the words before it (lower-cased in pre[0..pn), no contact's
 * words among them) and after it (tail; cont is the rest of the
 * paragraph, when its next line goes on with it) name as failed: a recipient label ("Intended
 * recipient:", "RCPT TO:"), a sentence of failure ending in "to"/":"
 * ("Unable to deliver message to", "Delivery failed:"), a reason and a
 * colon ("User unknown:"), or "message to <a>" followed by the failure
 * ("... couldn't be delivered").
 */
static int
phrase_says_failed(const char *pre, size_t pn, const char *tail, size_t tn,
    const char *cont, size_t cn)
{
	static const char *const your_message_to[] = {
		"your message to", NULL
	};
	static const char *const for_rcpt[] = {
		"for user", "for recipient", NULL
	};
	size_t k = pn;

	/*
	 * "to the recipient, a, because ...": an address set off by commas
	 * after its noun is named by the words before the noun
	 */
	while (k && bounce_is_blank(pre[k - 1]))
		k--;
	if (k && pre[k - 1] == ',' && ends_with(bounce_rcpt_nouns, pre, k - 1))
		pn = k - 1;
	k = pn;
	while (k && (bounce_is_blank(pre[k - 1]) || pre[k - 1] == '"' ||
	    pre[k - 1] == '\'' || pre[k - 1] == '(' || pre[k - 1] == '['))
		k--;
	if (orig_aside(pre, pn))
		return 1;
	if (ends_with(bounce_rcpt_noncues, pre, pn))
		return 0;
	if (ends_with(bounce_rcpt_cues, pre, pn) ||
	    bilingual_cue(pre, pn) || numbered_cue(pre, pn))
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
	/*
	 * A reason about the mailbox, then whose it is: "Quota exceeded for
	 * user a"; "Unknown userid ----> a" (IBM VM), an arrow for a colon;
	 * "VNM3043:  Mailbox does not exist  a" (VINES), a verdict, not a
	 * sentence's end, set off by a column's blanks from the address that
	 * ends the line.  A spam quarantine's "summary for user a" or "Spam
	 * detected  a" is none.
	 */
	if (ends_with(for_rcpt, pre, pn) && mailbox_reason(pre, k))
		return 1;
	if (k > 2 && pre[k - 1] == '>' && (pre[k - 2] == '-' ||
	    pre[k - 2] == '=') && mailbox_reason(pre, k))
		return 1;
	if (k && pn - k >= 2 && isalpha((unsigned char)pre[k - 1]) &&
	    bounce_is_blank(pre[k]) && bounce_is_blank(pre[k + 1]) &&
	    bounce_indent(tail, tn) == tn && mailbox_reason(pre, k))
		return 1;
	/* "The user <a> is unknown", "Mailbox <a> does not exist" */
	if (ends_with(bounce_rcpt_nouns, pre, pn) &&
	    verdict_follows_wrapped(tail, tn, cont, cn))
		return 1;
	if (ends_with(bounce_message_to, pre, pn)) {
		struct buf b = BUF_INIT;
		size_t own;
		char *lt;
		int r;

		/* "Your message to a (copy to b) could not be delivered" */
		without_asides(tail, tn < 200 ? tn : 200, cont, cn, &b);
		own = own_words(b.data ? b.data : "", b.len);
		lt = bounce_lower_dup(b.data ? b.data : "", own);
		r = has_word(bounce_failure_words, lt, strlen(lt)) &&
		    !has_word(bounce_accepted_words, lt, strlen(lt)) &&
		    !delivered_to_other(b.data ? b.data : "", own);
		/*
		 * "Delivery of your message to a has been postponed" (an
		 * Exchange advisory): a delay's words right after the
		 * address count after "your message to", which a system
		 * writes; a person's "the delivery to a has been postponed"
		 * or "your message to a, but her answer has been postponed"
		 * names no delay
		 */
		if (!r && ends_with(your_message_to, pre, pn))
			r = starts_with_cue(lt, strlen(lt));
		free(lt);
		buf_free(&b);
		return r;
	}
	return 0;
}

static char *pre_words(const char *l, size_t start, size_t ob,
    const char *carry, size_t carryn, size_t *pn);

#define NAME_BYTES	64	/* most bytes of a display name */
#define NAME_WORDS	4	/* most words of one not in quotes */

/* 1 for a byte of a display name's word: a letter, '.', '-' or '\''. */
static int
name_byte(char c)
{
	return isalpha((unsigned char)c) || (unsigned char)c >= 0x80 ||
	    c == '.' || c == '-' || c == '\'';
}

#define CJK_NAME_MIN	2	/* characters of a Chinese, Japanese or */
#define CJK_NAME_MAX	6	/* Korean personal name ("李四", "山田太郎") */

/*
 * 1 when s[0..n) is a word that may be a Chinese, Japanese or Korean
 * personal name: CJK_NAME_MIN to CJK_NAME_MAX ideographs, kana or Hangul
 * syllables.  These scripts have no capitals to tell a name by, and write
 * no title before it, so the length is all there is.
 */
static int
cjk_name(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0;

	if (n % 3)
		return 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned cp;

		if ((p[i] & 0xf0) != 0xe0 || (p[i + 1] & 0xc0) != 0x80 ||
		    (p[i + 2] & 0xc0) != 0x80)
			return 0;
		cp = (p[i] & 0x0fu) << 12 | (p[i + 1] & 0x3fu) << 6 |
		    (p[i + 2] & 0x3fu);
		/* kana, CJK ideographs (and Extension A), Hangul syllables */
		if (!((cp >= 0x3041 && cp <= 0x30ff) || (cp >= 0x3400 &&
		    cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3)))
			return 0;
		chars++;
	}
	return chars >= CJK_NAME_MIN && chars <= CJK_NAME_MAX;
}

/*
 * The display names that may stand between from and the bracket at l[ob]
 * ('<' or '(': "Jean Dupont <a>", "'Hans Müller' (a)"), as their starts
 * in starts[], the shortest first; returns how many.  A name is a quoted
 * string with no address or bracket in it, or up to NAME_WORDS words each
 * starting with a capital or a CJK name (cjk_name: "张三 <a>"); NAME_BYTES
 * at most.  Which of them ends the
 * clause is for the words before it to say.
 */
static size_t
names_before(const char *l, size_t from, size_t ob, size_t *starts)
{
	size_t k = ob, n = 0;

	if (l[ob] != '<' && l[ob] != '(')
		return 0;
	while (k > from && bounce_is_blank(l[k - 1]))
		k--;
	if (k > from && (l[k - 1] == '"' || l[k - 1] == '\'')) {
		size_t q = k - 1, s = q;

		while (s > from && ob - s < NAME_BYTES && l[s - 1] != l[q] &&
		    l[s - 1] != '@' && l[s - 1] != '<' && l[s - 1] != '>')
			s--;
		if (s > from && l[s - 1] == l[q] && s < q)
			starts[n++] = s - 1;
		return n;
	}
	while (n < NAME_WORDS && k > from) {
		size_t w = k;

		while (w > from && name_byte(l[w - 1]))
			w--;
		if (w == k || ob - w > NAME_BYTES ||
		    (w > from && !bounce_is_blank(l[w - 1])) ||
		    (!bounce_fold_capital(l + w, k - w) &&
		    !cjk_name(l + w, k - w)))
			break;
		starts[n++] = w;
		/* one blank to the word before */
		k = w - (w > from);
	}
	return n;
}

/*
 * An address in brackets with a display name before it, whose clause
 * l[start..ob) says it failed once the name is set aside ("Delivery to
 * Maria Rossi <a> failed", "could not be reached: 'Hans Müller' (a)").
 * The caller looks for a contact's words in the whole clause, name and
 * all, so "Support Desk <a>" stays a contact.
 */
static int
name_says_failed(const char *l, size_t start, size_t ob, const char *carry,
    size_t carryn, const char *tail, size_t tn, const char *cont, size_t cn)
{
	struct buf j = BUF_INIT;
	size_t starts[NAME_WORDS], nn;
	int r = 0;

	/* the clause with its carry: a wrap may split a name from its <a> */
	if (carryn) {
		start += bounce_indent(l + start, ob - start);
		buf_add(&j, carry, carryn);
		buf_add(&j, " ", 1);
	}
	buf_add(&j, l + start, ob - start + 1);
	nn = names_before(j.data, 0, j.len - 1, starts);
	for (size_t k = 0; k < nn && !r; k++) {
		char *q = bounce_lower_dup(j.data, starts[k]);

		r = phrase_says_failed(q, strlen(q), tail, tn, cont, cn);
		free(q);
	}
	buf_free(&j);
	return r;
}

/*
 * Where the clause that ends at l[ob] starts: after the previous address
 * (clause_from) or the last sentence end, at most PREFIX_WORDS back.
 */
static size_t
clause_start(const char *l, size_t ob, size_t clause_from)
{
	size_t start = ob > PREFIX_WORDS ? ob - PREFIX_WORDS : 0;

	/* addresses may overlap ("a@b.c@d.e"): never past ob */
	if (clause_from > start)
		start = clause_from < ob ? clause_from : ob;
	for (size_t k = ob; k > start + 1; k--)
		if ((l[k - 2] == '.' || l[k - 2] == '!' || l[k - 2] == '?') &&
		    bounce_is_blank(l[k - 1]))
			return k;
	return start;
}

/*
 * The lower-cased words before l[ob] from start, after the carry (the
 * unfinished clause the line before ended with, "... was not") when the
 * line holds no start of its own: a sentence wrapped before "delivered
 * to a" still says it failed.
 */
static char *
pre_words(const char *l, size_t start, size_t ob, const char *carry,
    size_t carryn, size_t *pn)
{
	struct buf b = BUF_INIT;
	char *r;

	if (!carryn) {
		r = bounce_lower_dup(l + start, ob - start);
	} else {
		/* one space at the join, so rows of two words span it */
		start += bounce_indent(l + start, ob - start);
		buf_add(&b, carry, carryn);
		buf_add(&b, " ", 1);
		buf_add(&b, l + start, ob - start);
		r = bounce_lower_dup(b.data ? b.data : "", b.len);
		buf_free(&b);
	}
	*pn = strlen(r);
	return r;
}

/*
 * Where an address at l[b] starts with its address type, "[SMTP:a@b]" or
 * "SMTP:a@b" (Exchange and MailEnable write recipients so): the type is
 * part of the address, not a word before it.
 */
static size_t
past_addr_type(const char *l, size_t b)
{
	if (b < 5 || strncasecmp(l + b - 5, "smtp:", 5) ||
	    (b > 5 && isalnum((unsigned char)l[b - 6])))
		return b;
	b -= 5;
	return b > 0 && l[b - 1] == '[' ? b - 1 : b;
}

/*
 * The address at l[i], bare, quoted or in brackets ("(a)" as well as
 * "<a>"), perhaps after a display name: as addr_at, *after past it.
 */
static int
named_addr_at(const char *l, size_t n, size_t i, size_t *b, size_t *e,
    size_t *after)
{
	size_t k = i, s[NAME_WORDS], ns;

	if (addr_at(l, n, i, b, e, after))
		return 1;
	/* the bracket after the name, if one is there */
	while (k < n && k - i <= NAME_BYTES && l[k] != '<' && l[k] != '(' &&
	    l[k] != '@')
		k++;
	if (k == n || (l[k] != '<' && l[k] != '('))
		return 0;
	ns = names_before(l, i, k, s);
	if (!ns || s[ns - 1] != i)
		return 0;
	if (l[k] == '<')
		return addr_at(l, n, k, b, e, after);
	if (!addr_at(l, n, k + 1, b, e, after) || *after >= n ||
	    l[*after] != ')')
		return 0;
	(*after)++;
	return 1;
}

/*
 * After a failed recipient at l[..after), the rest of its list: "to:
 * a@x, b@y", "Jean <a@x>, Maria <b@y>".
 */
static void
list_rest(const char *l, size_t n, size_t after, struct hits *h)
{
	while (after < n && (l[after] == ',' || l[after] == ';' ||
	    bounce_is_blank(l[after]))) {
		size_t nb, ne, na, j = after;

		while (j < n && (l[j] == ',' || l[j] == ';' ||
		    bounce_is_blank(l[j])))
			j++;
		if (j == after || !named_addr_at(l, n, j, &nb, &ne, &na))
			break;
		hit(h, nb, ne);
		after = na;
	}
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
static int
members_follow(const char *t, size_t n, const char *cont, size_t cn)
{
	struct buf b = BUF_INIT;
	int ended, r;
	size_t k = sentence_rest(t, n, &ended);
	char *low;

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
static int
reason_aside(const char *pre, size_t pn)
{
	while (pn && bounce_is_blank(pre[pn - 1]))
		pn--;
	return pn && isalpha((unsigned char)pre[pn - 1]) &&
	    mailbox_reason(pre, pn);
}

/*
 * Addresses in the running text of l[0..n) that words name as failed;
 * cont[0..cn) is the rest of the paragraph when its first line goes on
 * with this one (or NULL).
 */
static void
prose_hits(const char *l, size_t n, const char *carry, size_t carryn,
    const char *cont, size_t cn, struct hits *h)
{
	size_t clause_from = 0;

	for (size_t i = 0; i < n; i++) {
		size_t b, e, after, start, ob, pn, carn;
		char *pre;
		int ok;

		if (l[i] != '@' || !bounce_addr_around(l, n, i, &b, &e))
			continue;
		ob = past_addr_type(l, b);
		if (ob > 0 && strchr("<\"'(", l[ob - 1]))
			ob--;
		start = clause_start(l, ob, clause_from);
		carn = !clause_from && !start ? carryn : 0;
		pre = pre_words(l, start, ob, carry, carn, &pn);
		clause_from = e;
		after = e < n && (strchr(">\"']", l[e]) || (l[e] == ')' &&
		    l[ob] == '(')) ? e + 1 : e;
		ok = (!pre_contact(pre, pn) || rcpt_command(pre, pn)) &&
		    (phrase_says_failed(pre, pn,
		    l + after, n - after, cont, cn) || name_says_failed(l,
		    start, ob, carry, carn, l + after, n - after, cont, cn) ||
		    (l[ob] == '(' && reason_aside(pre, pn))) &&
		    !members_follow(l + after, n - after, cont, cn);
		free(pre);
		if (ok) {
			hit(h, b, e);
			list_rest(l, n, after, h);
		}
		i = e;
	}
}

/*
 * Under a listing intro ("Delivery has failed to these recipients or
 * groups:"), Exchange's "Display Name (a)" or "Name <a>" line: the only
 * address on the line, in brackets, after a short name.
 */
static void
named_hit(const char *l, size_t n, struct hits *h)
{
	const char *at = memchr(l, '@', n);
	size_t b, e;

	if (!at || memchr(at + 1, '@', (size_t)(l + n - at - 1)) ||
	    !bounce_addr_around(l, n, (size_t)(at - l), &b, &e) || b < 2 ||
	    b > 64 || (l[b - 1] != '(' && l[b - 1] != '<') ||
	    e >= n || (l[e] != ')' && l[e] != '>'))
		return;
	for (size_t k = e + 1; k < n; k++)
		if (!bounce_is_blank(l[k]))
			return;
	hit(h, b, e);
}

#define REPLY_NEAR	24	/* bytes after an address for its own reply */

/*
 * 1 when the first reply code in the few bytes after an address, t[0..n),
 * is a success ("RCPT TO:<a> -> 250 2.1.5 OK"): that address was taken.
 */
static int
accepted_reply(const char *t, size_t n)
{
	if (n > REPLY_NEAR)
		n = REPLY_NEAR;
	for (size_t i = 0; i + 3 < n; i++)
		if (strchr("2345", t[i]) && (i == 0 ||
		    (!isalnum((unsigned char)t[i - 1]) && t[i - 1] != '.')) &&
		    isdigit((unsigned char)t[i + 1]) &&
		    isdigit((unsigned char)t[i + 2]) &&
		    (t[i + 3] == ' ' || t[i + 3] == '-'))
			return t[i] == '2';
	return 0;
}

/*
 * 1 when the clause after an address, t[0..n), says it was delivered and
 * nothing failed ("mx.example.net: <a>: delivered" in ZMailer's report
 * beside a failed addressee; "a; Delivered; 2.0.0 (success)" in a list of
 * the recipients a server processed).
 */
static int
delivered_follows(const char *t, size_t n)
{
	size_t i = 0, own;
	char *low;
	int r;

	while (i < n && (bounce_is_blank(t[i]) || strchr(":;>-", t[i])))
		i++;
	if (!bounce_list_prefix(bounce_delivered_values, t + i, n - i))
		return 0;
	own = own_clause(t + i, n - i);
	low = bounce_lower_dup(t + i, own < 200 ? own : 200);
	r = !has_word(bounce_failure_words, low, strlen(low));
	free(low);
	return r;
}

/*
 * Removes from h the addresses a success reply or a delivered verdict
 * follows on l[0..n).
 */
static void
drop_accepted(const char *l, size_t n, struct hits *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++) {
		if (accepted_reply(l + h->e[i], n - h->e[i]) ||
		    delivered_follows(l + h->e[i], n - h->e[i]))
			continue;
		h->b[k] = h->b[i];
		h->e[k++] = h->e[i];
	}
	h->n = k;
}

/*
 * The unfinished clause a line ends with, p[0..pn), into *cn: after its
 * last address or sentence end, at most PREFIX_WORDS bytes; none when the
 * line ends a sentence or introduces a list.
 */
static const char *
carry_of(const char *p, size_t pn, size_t *cn)
{
	size_t s = pn > PREFIX_WORDS ? pn - PREFIX_WORDS : 0, k;

	*cn = 0;
	while (pn && bounce_is_blank(p[pn - 1]))
		pn--;
	if (!p || !pn || strchr(".!?:;", p[pn - 1]))
		return NULL;
	/* a heading between rules ("------Transcript of session follows ---") */
	if (pn >= 3 && !strncmp(p + pn - 3, "---", 3))
		return NULL;
	for (k = pn; k > s; k--)
		if (p[k - 1] == '@' || ((p[k - 1] == '.' || p[k - 1] == '!' ||
		    p[k - 1] == '?') && k < pn && bounce_is_blank(p[k])))
			break;
	if (k > s && p[k - 1] == '@')
		while (k < pn && !bounce_is_blank(p[k]))
			k++;
	*cn = pn - k;
	return p + k;
}

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
};

/*
 * 1 when line l[0..n) says why something failed: failure words, a
 * diagnostic phrase, an enhanced status code or a leading reply code.
 */
static int
says_why(const char *l, size_t n)
{
	char st[16], *low;
	int coded, r;

	if (bounce_rule_match_folded(l, n) || bounce_find_status(l, n, st))
		return 1;
	skip_lead(l, n, &coded);
	if (coded)
		return 1;
	low = bounce_lower_dup(l, n < 200 ? n : 200);
	r = has_word(bounce_failure_words, low, strlen(low));
	free(low);
	return r;
}

/* 1 when s[0..n) holds no lower-case ASCII letter. */
static int
no_small(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
	return 1;
}

/*
 * 1 when line l[0..n), text from l[ind], carries on the sentence above,
 * p[0..pn): it starts in lower case (Latin, Greek or Cyrillic: "доставлено"
 * / "адресату a"), or with an address, whose case says nothing
 * ("delivering your message to" / "Vera.Lund@... Gmail will retry"), or
 * both lines are in capitals, as old gateways write a whole notice, and
 * the one above ends with a word ("WAS NOT" / "DELIVERED TO A"), not with
 * an aside ("(USER UNKNOWN)" / "DELIVERED TO: B").
 */
static int
continues(const char *l, size_t n, size_t ind, const char *p, size_t pn)
{
	const unsigned char c = (unsigned char)l[ind];
	size_t b, e, after;

	return islower(c) || (c >= 0xc3 && c <= 0xd3 &&
	    !bounce_fold_capital(l + ind, n - ind)) ||
	    addr_at(l, n, ind, &b, &e, &after) ||
	    (isupper(c) && no_small(l, n) && no_small(p, pn) && pn &&
	    isupper((unsigned char)p[pn - 1]));
}

/* 1 when l[0..n), trailing blanks aside, ends with a colon. */
static int
ends_colon(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return n && l[n - 1] == ':';
}

/*
 * 1 when the line before, prev, ends a reason wrapped from the line above
 * it ("Reason: Mailbox is" / "full", "not listed in public Name &" /
 * "Address Book"): the unfinished clause above and prev read as one say
 * why.  Alone, the tail of a wrapped reason says nothing,
 * and the next recipient of a list would go unlisted.  When the line
 * above is itself all unfinished clause, a wrapper having left one word
 * there ("... the reason why I was unable to" / "deliver" / "your
 * message."), the clause that line goes on with is read too.
 */
static int
prev_wrap_says_why(const struct nearby *nb)
{
	struct buf b = BUF_INIT;
	const char *c, *c2;
	size_t cn, cn2, ind = bounce_indent(nb->prev, nb->prevlen);
	size_t aind, alen = nb->abovelen;
	int r;

	if (!nb->above || ind == nb->prevlen ||
	    !(c = carry_of(nb->above, nb->abovelen, &cn)) || !cn)
		return 0;
	buf_add(&b, c, cn);
	buf_add(&b, " ", 1);
	buf_add(&b, nb->prev + ind, nb->prevlen - ind);
	r = says_why(b.data, b.len);
	buf_free(&b);
	if (r || !nb->above2)
		return r;
	while (alen && bounce_is_blank(nb->above[alen - 1]))
		alen--;
	aind = bounce_indent(nb->above, alen);
	if (c != nb->above + aind || cn != alen - aind ||
	    !(c2 = carry_of(nb->above2, nb->above2len, &cn2)) || !cn2)
		return 0;
	buf_add(&b, c2, cn2);
	buf_add(&b, " ", 1);
	buf_add(&b, c, cn);
	buf_add(&b, " ", 1);
	buf_add(&b, nb->prev + ind, nb->prevlen - ind);
	r = says_why(b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * 1 when an address alone on its line (its tail t[0..tn) blank) has its
 * verdict on the line right below (nb->next at below) and it says
 * delivered: a digest written as text lists each address with its outcome
 * under it ("a" / "  Delivered" after "b" / "  Permanent failure: 550 ...").
 */
static int
delivered_below(const char *t, size_t tn, const struct nearby *nb,
    const char *below)
{
	for (size_t i = 0; i < tn; i++)
		if (!bounce_is_blank(t[i]) && t[i] != '.')
			return 0;
	return nb->next && nb->next == below &&
	    delivered_follows(nb->next, nb->nextlen);
}

/*
 * 1 when an address alone on its line is listed as failed: the line
 * before introduces a list ("... recipients were affected:") or listed
 * one too, or a line around it says why.  An address alone in a
 * signature block ("Member Services" above, a telephone number below) is
 * a contact.  One that goes on with an unfinished sentence above
 * (carried: "delivered to hal@x and" / "ida@x.", "sent to the list" /
 * "l.") is that sentence's: listed only when that line says why
 * ("----- The following addresses had permanent fatal errors -----").
 */
static int
bare_listed(const struct nearby *nb, int carried)
{
	if (nb->listed)
		return 1;
	if (carried)
		return says_why(nb->prev, nb->prevlen) ||
		    prev_wrap_says_why(nb);
	return nb->prev_hit || (nb->prev && (ends_colon(nb->prev,
	    nb->prevlen) || says_why(nb->prev, nb->prevlen) ||
	    prev_wrap_says_why(nb))) ||
	    (nb->next && says_why(nb->next, nb->nextlen));
}

/* 1 when t[0..n) holds only blanks and full stops. */
static int
blank_tail(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!bounce_is_blank(t[i]) && t[i] != '.')
			return 0;
	return 1;
}

/*
 * tail_says_failed for the words after a leading address, t[0..n), with
 * the next line (next, when it follows directly) read on when t ends
 * inside CJK text: Japanese and Chinese notices wrap a sentence anywhere
 * ("a 宛のメールは、...容量が" / "いっぱいのため配信できませんでした。"),
 * with no space or case to show the line goes on.
 */
static int
wrapped_tail_says_failed(const char *t, size_t n, const char *next,
    size_t nextlen)
{
	struct buf b = BUF_INIT;
	int r;

	if (tail_says_failed(t, n))
		return 1;
	while (n && bounce_is_blank(t[n - 1]))
		n--;
	if (!next || !nextlen || !n || (unsigned char)t[n - 1] < 0x80 ||
	    (n >= 3 && !memcmp(t + n - 3, "\xe3\x80\x82", 3)))	/* 。 */
		return 0;
	buf_add(&b, t, n);
	buf_add(&b, next, nextlen < 200 ? nextlen : 200);
	r = tail_says_failed(b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * A line that leads with a CJK name or a quoted one and its address ("张三
 * <a> 原因：...", "山田太郎 <a> 宛のメールは...", ""赵六" <a>：..."): the
 * address at l[i] as addr_at finds one, with the name set aside as the
 * line's lead.  Words of a contact in the name ("客服 <a>") keep it out.
 */
static int
cjk_named_at(const char *l, size_t n, size_t i, size_t *b, size_t *e,
    size_t *after)
{
	size_t k = i, ob;
	char *low;
	int contact;

	if (i < n && l[i] == '"') {	/* "“赵六” <a>", folded */
		k = i + 1;
		while (k < n && k - i < NAME_BYTES && l[k] != '"' &&
		    l[k] != '@' && l[k] != '<')
			k++;
		if (k == n || l[k] != '"' || k == i + 1)
			return 0;
		k++;
	} else {
		while (k < n && !bounce_is_blank(l[k]) && l[k] != '<')
			k++;
		if (!cjk_name(l + i, k - i))
			return 0;
	}
	ob = k;
	while (ob < n && bounce_is_blank(l[ob]))
		ob++;
	if (ob == n || l[ob] != '<')
		return 0;
	low = bounce_lower_dup(l + i, k - i);
	contact = has_word(bounce_help_words, low, strlen(low)) ||
	    has_word(bounce_contact_words, low, strlen(low));
	free(low);
	return !contact && addr_at(l, n, ob, b, e, after);
}

/* 1 when the lower-cased words pre[0..pn) end with a recipient noun. */
static int
ends_noun(const char *pre, size_t pn)
{
	return ends_with(bounce_rcpt_nouns, pre, pn);
}

/*
 * test() of the unfinished clause of the line above, carry[0..cn), which a
 * line leading with an address goes on with: pre_contact() when it makes
 * that address a contact ("If you need help, contact the help desk at" /
 * "h@x or call +1 555 0100.": the telephone number is no reply code);
 * ends_noun() when the address goes with its noun ("the address" /
 * ""b@x" given in its Reply-To could not be verified") and is for the
 * words around it to judge as they would on one line, no item of a list.
 */
static int
carry_says(const char *carry, size_t cn, int (*test)(const char *, size_t))
{
	char *low;
	int r;

	if (!carry || !cn)
		return 0;
	low = bounce_lower_dup(carry, cn);
	r = test(low, strlen(low));
	free(low);
	return r;
}

/* 1 when line p[0..pn), past its indent, starts with w (lower case). */
static int
starts_ci(const char *p, size_t pn, const char *w)
{
	size_t i = p ? bounce_indent(p, pn) : 0, wl = strlen(w);

	return p && pn - i >= wl && !strncasecmp(p + i, w, wl);
}

/*
 * Sendmail's "(expanded from: <a>)" below a program or file it listed as
 * failed ("|/usr/local/bin/procmail", then "(reason: Can't create
 * output)"): the delivery to a's own program or mailbox file failed, so a
 * is the failed recipient.  Below an address ("<b>" expanded from an
 * alias a) it names b's alias, not a failure of a.
 */
static void
expanded_from_entry(const char *l, size_t n, const struct nearby *nb,
    struct hits *h)
{
	static const char w[] = "(expanded from";
	const char *p = nb->prev;
	size_t pn = nb->prevlen, i = bounce_indent(l, n), b, e, after;

	if (!starts_ci(l, n, w))
		return;
	i += sizeof w - 1;
	if (i < n && l[i] == ':')
		i++;
	while (i < n && bounce_is_blank(l[i]))
		i++;
	if (!addr_at(l, n, i, &b, &e, &after))
		return;
	if (starts_ci(p, pn, "(reason:")) {
		p = nb->above;
		pn = nb->abovelen;
	}
	if (p && (starts_ci(p, pn, "|") || starts_ci(p, pn, "/")))
		hit(h, b, e);
}

/* The recipients the trimmed line l[0..n) names as failed, into h. */
/*
 * 1 when l[0..n) is a short display name and an address in parentheses
 * after it, alone on its line ("Kwame Mensah (a)"): at most four words.
 */
static int
name_paren(const char *l, size_t n)
{
	const char *ob = memchr(l, '(', n);
	int words = 0, in = 0;

	if (!ob || !memchr(ob, '@', (size_t)(l + n - ob)))
		return 0;
	for (const char *c = l; c < ob; c++) {
		if (strchr(":;,.!?\"<>", *c))
			return 0;
		if (!bounce_is_blank(*c) && !in)
			words++;
		in = !bounce_is_blank(*c);
	}
	return words >= 1 && words <= 4;
}

/*
 * A line that only goes on with the list the line right above it left
 * open after a failed recipient ("... to these recipients: a@x," /
 * "b@y, c@z."), as a wrapper breaking a long line at a blank writes it:
 * each of its addresses is listed too, as on the one line it was.  So
 * is a line of addresses alone under a heading that says why and ends
 * with a colon ("Delivery failed to these recipients:" / "a@x, b@y,"),
 * not under a contact line.  At most MAX_PER_LINE addresses a line.
 */
static void
list_goes_on(const char *l, size_t n, size_t i, int after_contact,
    const struct nearby *nb, struct hits *h)
{
	struct hits got = { .n = 0 };
	size_t pn = nb->prevlen, b, e, after, j = i;
	int goes_on;

	if (!nb->prev || nb->prev + pn + 1 != l)
		return;
	while (pn && bounce_is_blank(nb->prev[pn - 1]))
		pn--;
	goes_on = pn && nb->prev_hit && nb->prev[pn - 1] == ',';
	if (!goes_on && !(!after_contact && pn && nb->prev[pn - 1] == ':' &&
	    says_why(nb->prev, pn)))
		return;
	while (j < n) {
		if (got.n == MAX_PER_LINE ||
		    !named_addr_at(l, n, j, &b, &e, &after))
			return;
		hit(&got, b, e);
		j = after;
		while (j < n && (l[j] == ',' || l[j] == ';' ||
		    bounce_is_blank(l[j])))
			j++;
		if (j < n && l[j] == '.' && blank_tail(l + j, n - j))
			j = n;
	}
	for (size_t k = 0; k < got.n; k++)
		hit(h, got.b[k], got.e[k]);
	/* their lines are the entry's, whose reason may be below them */
	if (goes_on)
		h->back = nb->prevlen + 1;
}

static void
line_hits(const char *l, size_t n, int after_contact, int after_intro,
    const char *carry, size_t carryn, const struct nearby *nb,
    struct hits *h)
{
	size_t i, b, e, after;
	int coded;

	h->n = 0;
	h->back = 0;
	if (!memchr(l, '@', n))
		return;
	/*
	 * Exchange's "Display Name (a)" under its intro, or opening a
	 * paragraph of its own that goes on with why ("Name (b)" / "The
	 * e-mail address you entered couldn't be found.")
	 */
	if (after_intro || (!after_contact && (!nb->prev ||
	    nb->prev + nb->prevlen + 1 < l) && nb->next == l + n + 1 &&
	    name_paren(l, n) && says_why(nb->next, nb->nextlen)))
		named_hit(l, n, h);
	i = skip_lead(l, n, &coded);
	if (addr_at(l, n, i, &b, &e, &after) ||
	    cjk_named_at(l, n, i, &b, &e, &after)) {
		size_t k = after, tn;
		int colon;

		while (k < n && bounce_is_blank(l[k]))
			k++;
		/* "bare@x <real@y>": the bracketed one is the address */
		if (k < n && l[k] == '<') {
			size_t b2, e2, a2;

			if (addr_at(l, n, k, &b2, &e2, &a2)) {
				b = b2;
				e = e2;
				after = a2;
			}
		}
		/*
		 * after a contact line, an address alone is that contact;
		 * after a line ending in "from" or "sent by", the address
		 * goes on with that sentence and is its sender; "l failed
		 * for some members" names a list, not a failed mailbox, and
		 * so does "... to "readers"" / "<l>" / "from s; the failed
		 * members ..." (an address leading its line goes on into
		 * the next; "<l>:" introduces its reason there instead)
		 */
		colon = ends_colon(l + after, n - after);
		/* "l. Delivery to a failed": a new sentence is not l's */
		tn = n - after >= 2 && l[after] == '.' &&
		    bounce_is_blank(l[after + 1]) ? 1 : n - after;
		if ((coded || ((!carry_says(carry, carryn, ends_noun) ||
		    nb->listed) &&
		    !carry_says(carry, carryn, pre_contact) &&
		    wrapped_tail_says_failed(l + after, tn,
		    nb->next == l + n + 1 ? nb->next : NULL, nb->nextlen) &&
		    !(blank_tail(l + after, tn) && after_contact) &&
		    after_contact != 2 &&
		    (!blank_tail(l + after, tn) ||
		    bare_listed(nb, carry && carryn)) &&
		    !closes_aside(l + after, n - after))) &&
		    !delivered_below(l + after, tn, nb, l + n + 1) &&
		    !sender_follows(l + after, n - after) &&
		    !members_follow(l + after, n - after, !colon &&
		    nb->next == l + n + 1 ? nb->next : NULL, !colon &&
		    nb->next == l + n + 1 ? nb->paralen : 0))
			hit(h, b, e);
	}
	list_goes_on(l, n, i, after_contact, nb, h);
	verdict_hits(l, n, h);
	coded_bare_hits(l, n, h);
	expanded_from_entry(l, n, nb, h);
	/* the next line goes on with this one when nothing stands between */
	prose_hits(l, n, carry, carryn, nb->next == l + n + 1 ? nb->next :
	    NULL, nb->next == l + n + 1 ? nb->paralen : 0, h);
	drop_accepted(l, n, h);
}

/*
 * 1 for a header field line of a message quoted in the notice ("To: a,"):
 * its folded continuation lines list addresses that are no verdict.
 */
static int
header_like(const char *l, size_t n)
{
	size_t k = 0;

	while (k < n && k < 40 && (isalnum((unsigned char)l[k]) ||
	    l[k] == '-'))
		k++;
	if (k == 0 || k >= n || l[k] != ':')
		return 0;
	return bounce_list_prefix(bounce_quoted_fields, l, n);
}

/*
 * 1 when the field line l[0..n) (header_like) has no value on its line:
 * Apache James writes a returned message's "  To: " and "  CC: " so, each
 * address on a line of its own below, unindented, up to a blank line.
 */
static int
field_value_empty(const char *l, size_t n)
{
	const char *c = memchr(l, ':', n);

	return c && bounce_indent(c + 1, (size_t)(l + n - c - 1)) ==
	    (size_t)(l + n - c - 1);
}

/*
 * What the line before a listed address says: *contact 1 when it
 * introduces a contact ("For help, write to:"), 2 when it ends like "sent
 * by" or "from" (a sender follows); *intro when it introduces a list of
 * failed recipients ("Delivery has failed to these recipients:").
 */
/* 1 when l[0..n), trailing blanks aside, ends with a full stop. */
static int
ends_sentence(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return n && l[n - 1] == '.';
}

static void
prev_line(const char *l, size_t n, int *contact, int *intro)
{
	char *low;
	size_t lw;
	int at;

	*contact = *intro = 0;
	if (!l)
		return;
	low = bounce_lower_dup(l, n < 200 ? n : 200);
	lw = strlen(low);
	at = memchr(low, '@', lw) != NULL;
	/* "For help, write to:", "A message sent by" */
	if (ends_with(bounce_sender_cues, low, lw))
		*contact = 2;
	else {
		bounce_blank_names(low, lw);
		*contact = has_word(bounce_help_words, low, lw);
	}
	while (lw && bounce_is_blank(low[lw - 1]))
		lw--;
	*intro = lw && low[lw - 1] == ':' && !at &&
	    !*contact && has_word(bounce_failure_words, low, lw);
	free(low);
}

/*
 * The first line of t[0..n) that is not blank, its length in *len; NULL
 * when there is none.
 */
static const char *
next_line(const char *t, size_t n, size_t *len)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;

		if (bounce_indent(t + i, ll) < ll) {
			*len = ll;
			return t + i;
		}
		i += ll + 1;
	}
	return NULL;
}

/*
 * 1 for a line of an SMTP transcript (">>> RCPT To:<a>", "<<< 550 <a>...",
 * Trend Micro's "Sent <<< RCPT TO:<a>"): what was said to or by the
 * server the notice's MTA talked to.
 */
static int
transcript_line(const char *l, size_t ll)
{
	return bounce_find_ci(l, ll, ">>> ") || bounce_find_ci(l, ll, "<<< ");
}

/* Adds the addresses of h (in line l) to rs; returns 1 if any was new. */
static int
add_hits(const char *l, size_t ll, const struct hits *h,
    const struct bounce_addrset *excl, struct bounce_seg **rs, size_t *nrs,
    size_t *curidx)
{
	int any = 0, tr = transcript_line(l, ll);

	for (size_t k = 0; k < h->n; k++) {
		char *a = xstrndup(l + h->b[k], h->e[k] - h->b[k]);

		if (!bounce_addrset_has(excl, a) && !bounce_is_daemon(a)) {
			size_t was = *nrs;

			bounce_seg_add(rs, nrs, a, l - h->back,
			    ll + h->back);
			for (size_t m = 0; m < *nrs; m++)
				if (!strcasecmp((*rs)[m].address, a)) {
					*curidx = m;
					if (m == was)
						(*rs)[m].transcript = tr;
					else if (!tr)
						(*rs)[m].transcript = 0;
				}
			any = 1;
		}
		free(a);
	}
	return any;
}

/*
 * Drops from rs[from..*nrs) the addresses named only on transcript lines
 * when the notice names others elsewhere: Sendmail lists each failed
 * address above its transcript, whose RCPT may name the address a relay
 * rewrote it to ("<a@x>" above, "RCPT To:<b@inner.x>" below).
 */
static void
drop_transcript_only(struct bounce_seg *rs, size_t *nrs, size_t from)
{
	size_t k = from;
	int other = 0;

	for (size_t i = from; i < *nrs; i++)
		other |= !rs[i].transcript;
	if (!other)
		return;
	for (size_t i = from; i < *nrs; i++) {
		if (rs[i].transcript) {
			free(rs[i].address);
			continue;
		}
		rs[k++] = rs[i];
	}
	*nrs = k;
}


/* 1 when the line at t[0..n) is blank (or there is none) */
static int
blank_at(const char *t, size_t n)
{
	const char *eol = memchr(t, '\n', n);
	size_t ll = eol ? (size_t)(eol - t) : n;

	return bounce_indent(t, ll) == ll;
}

/*
 * 1 for a "To: a" line standing alone (blank lines above and below) right
 * under a sentence of failure about a recipient ("Your mail to the
 * following recipient was not delivered."): the notice's own label of
 * the failed address, not a field of a quoted header, whose lines come
 * in runs.
 */
static int
lone_to_line(const char *l, size_t n, const char *prev, size_t prevlen,
    int above_blank, int below_blank)
{
	char *low;
	size_t lw;
	int r;

	if (!above_blank || !below_blank || !prev || n < 4 ||
	    strncasecmp(l, "to:", 3))
		return 0;
	low = bounce_lower_dup(prev, prevlen < 200 ? prevlen : 200);
	lw = strlen(low);
	r = !memchr(low, '@', lw) && has_word(bounce_failure_words, low, lw) &&
	    bounce_find_ci(low, lw, "recipient");
	free(low);
	return r;
}

/*
 * 1 when line p[0..pn) ends with an SMTP command's first word ("... after
 * RCPT" / "TO:<a>:", Exim's line wrapped): the next line goes on with
 * that command, and is no header field.
 */
static int
smtp_split(const char *p, size_t pn)
{
	static const char *const cmd[] = { "rcpt", "mail", NULL };
	char *low;
	int r;

	if (!p || pn < 4)
		return 0;
	low = bounce_lower_dup(p + pn - 4 - (pn > 4), pn > 4 ? 5 : 4);
	r = ends_with(cmd, low, strlen(low));
	free(low);
	return r;
}

/* Length of t[0..n) up to its first blank line. */
static size_t
para_len(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;

		if (bounce_indent(t + i, ll) == ll)
			return i ? i - 1 : 0;
		i += ll + 1;
	}
	return n;
}

/* bounce_notice_rcpts() of one part of the notice's text. */
static void
part_rcpts(const char *t, size_t n, const struct bounce_addrset *excl,
    struct bounce_seg **rs, size_t *nrs)
{
	size_t i = 0, curidx = 0, field_ind = 0, prevlen = 0, block_end = 0;
	size_t run_end = 0;
		const char *prev = NULL, *above = NULL, *above2 = NULL;
	size_t abovelen = 0, above2len = 0;
	int have = 0, in_field = 0, prev_adjacent = 0, reached = 0;
	int prev_hit = 0, field_open = 0, lone_to = 0, in_entry = 0;
	int list_open = 0, in_sig = 0;
	size_t entry_ind = 0, list_ind = 0;

	while (i < n) {
		const char *l = t + i;
		const char *eol = memchr(l, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - l) : n - i;
		size_t ind = bounce_indent(l, ll);
		struct hits h = { .n = 0 };

		/*
		 * past a signature, only a quoted message's header block
		 * (a forwarded notice under the forwarder's note, "From: /
		 * Sent: / To: / Subject:") opens the text again
		 */
		if (in_sig) {
			if (ind < ll && memchr(l, ':', ll) &&
			    bounce_section_quoted_header(t, n, i, &run_end) &&
			    !bounce_section_block_to(t, i, run_end, excl)) {
				in_sig = 0;
				block_end = run_end;
				prev = above = above2 = NULL;
				prevlen = abovelen = above2len = 0;
				prev_adjacent = prev_hit = 0;
			} else {
				i += ll + 1;
				continue;
			}
		}
		/* RFC 3676's signature separator: a contact block follows */
		if ((ll == 2 || ll == 3) && !strncmp(l, "-- ", ll)) {
			in_sig = 1;
			i += ll + 1;
			continue;
		}
		/* so does a letter's closing ("Regards,") */
		if (ind < ll && ll - ind <= MAX_CLOSING && !memchr(l, '@', ll) &&
		    bounce_list_prefix(bounce_valedictions, l + ind, ll - ind)) {
			in_sig = 1;
			i += ll + 1;
			continue;
		}
		/* a run of field lines is judged once, from its first line */
		if (i >= run_end && ind < ll && memchr(l, ':', ll) &&
		    !(prev_adjacent && smtp_split(prev, prevlen)) &&
		    bounce_section_quoted_header(t, n, i, &run_end))
			block_end = run_end;
		if (ind < ll)
			reached = bounce_section_success(l, ll, reached);
		if (i < block_end || reached) {
			/* a quoted message's header, or addressees reached */
		} else if (in_field && ind < ll && (ind > field_ind ||
		    field_open)) {
			/* a folded continuation of a quoted header field */
		} else if (ind < ll) {
			in_field = header_like(l + ind, ll - ind) &&
			    !(prev_adjacent && smtp_split(prev, prevlen));
			lone_to = in_field && lone_to_line(l + ind, ll - ind,
			    prev, prevlen, !prev_adjacent, !eol ||
			    blank_at(eol + 1, (size_t)(t + n - eol - 1)));
			if (lone_to)
				in_field = 0;
			field_open = in_field && field_value_empty(l + ind,
			    ll - ind);
			field_ind = ind;
			if (!in_field && ll < BOUNCE_LINE_MAX && memchr(l, '@', ll)) {
				int contact, intro;
				size_t cn = 0;
				const char *carry = prev_adjacent &&
				    (continues(l, ll, ind, prev, prevlen) ||
				    smtp_split(prev, prevlen)) ?
				    carry_of(prev, prevlen, &cn) : NULL;
				struct nearby nb = { .prev = prev,
				    .prevlen = prevlen, .prev_hit = prev_hit,
				    .listed = list_open && ind == list_ind &&
				    bare_address(l + ind, ll - ind),
				    .above = above, .abovelen = abovelen,
				    .above2 = above2, .above2len = above2len };

				if (eol && (nb.next = next_line(eol + 1,
				    (size_t)(t + n - eol - 1), &nb.nextlen)))
					nb.paralen = para_len(nb.next,
					    (size_t)(t + n - nb.next));
				prev_line(prev, prevlen, &contact, &intro);
				/*
				 * a paragraph that ends its sentence ("...,
				 * or contact the recipient directly.") does
				 * not introduce the address below its blank
				 */
				if (contact == 1 && !prev_adjacent &&
				    ends_sentence(prev, prevlen))
					contact = 0;
				/* under its sentence as under "recipients:" */
				if (lone_to)
					intro = 1;
				line_hits(l, ll, contact, intro, carry, cn, &nb,
				    &h);
				if (h.n && eol && bounce_section_accepted(l, ll,
				    eol + 1, (size_t)(t + n - eol - 1)))
					h.n = 0;
			}
		}
		/*
		 * a line indented under a recipient's entry goes on with its
		 * server's reply ("said: 550 Rejected by ... policy:" /
		 * "news@x - https://..."): another address there is the
		 * reply's, not a recipient; a list of addresses ("RCPT TO:
		 * a" / "         b") goes on, line after line
		 */
		if (h.n > 1)
			drop_after_said(l, ll, ind, &h);
		if (h.n && in_entry && ind > entry_ind && have &&
		    !(prev_hit && bare_address(l + ind, ll - ind)))
			h.n = drop_others(l, &h, (*rs)[curidx].address);
		else if (h.n) {
			in_entry = 1;
			entry_ind = ind;
		} else if (ind == ll || ind <= entry_ind)
			in_entry = 0;
		/*
		 * entries that each start with an address alone ("  a" /
		 * "    host h said ..." / "" / "  b"): an address alone at the
		 * last one's indentation is the next, whatever the last said
		 */
		if (h.n && bare_address(l + ind, ll - ind)) {
			list_open = 1;
			list_ind = ind;
		} else if (ind < ll && (ind < list_ind || (ind == list_ind &&
		    !bare_address(l + ind, ll - ind))))
			list_open = 0;
		if (h.n && add_hits(l, ll, &h, excl, rs, nrs, &curidx))
			have = 1;
		else if (!h.n && have && (*rs)[curidx].seg &&
		    (size_t)(l + ll - (*rs)[curidx].seg) <= MAX_SEGMENT)
			(*rs)[curidx].seglen = (size_t)(l + ll -
			    (*rs)[curidx].seg);
		if (ind < ll) {
			above2 = prev_adjacent ? above : NULL;
			above2len = prev_adjacent ? abovelen : 0;
			above = prev_adjacent ? prev : NULL;
			abovelen = prev_adjacent ? prevlen : 0;
			prev = l;
			prevlen = ll;
			prev_hit = h.n > 0;
		}
		/* a blank line ends a field whose value began below it */
		if (ind == ll)
			field_open = 0;
		prev_adjacent = ind < ll;
		i += ll + 1;
	}
}

/*
 * Each part on its own: a signature or a letter's closing ends the
 * reading of its part (a stub above an HTML alternative, a short text
 * above an attached report), not of the parts after it.
 */
void
bounce_notice_rcpts(const char *t, size_t n, const struct bounce_addrset *excl,
    struct bounce_seg **rs, size_t *nrs)
{
	static const char sep[] = "\n" BOUNCE_PART_SEP;
	size_t first = *nrs;

	while (n) {
		const char *e = memmem(t, n, sep, sizeof sep - 1);
		size_t pl = e ? (size_t)(e - t) + 1 : n;

		part_rcpts(t, pl, excl, rs, nrs);
		if (!e)
			break;
		n -= pl + sizeof sep - 2;
		t += pl + sizeof sep - 2;
	}
	bounce_section_drop_not_failed(*rs, nrs, first);
	drop_transcript_only(*rs, nrs, first);
}

void
bounce_attach_notice(struct bounce_seg **rs, size_t nrs, const char *notice,
    size_t nlen, const struct bounce_addrset *excl)
{
	struct bounce_seg *ts = NULL;
	size_t nts = 0;

	bounce_notice_rcpts(notice, nlen, excl, &ts, &nts);
	for (size_t i = 0; i < nrs; i++)
		for (size_t k = 0; k < nts; k++)
			if (!strcasecmp((*rs)[i].address, ts[k].address)) {
				(*rs)[i].seg2 = ts[k].seg;
				(*rs)[i].seg2len = ts[k].seglen;
			}
	for (size_t k = 0; k < nts; k++)
		free(ts[k].address);
	free(ts);
}
