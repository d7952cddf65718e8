/*
 * bounce_hits: the failed recipients one line of a notice names (see
 * bounce_hits.h).  The address finders (alone, in brackets, after a display
 * name, in Chinese, Japanese or Korean text) and the line shapes that make
 * an address a failed recipient: a listing line it leads, an SMTP reply
 * about it, a recipient label, or a sentence of failure, whose words
 * bounce_phrase.c judges.  Apart from bounce_line.c, which walks a part's
 * lines: this file sees one line, and the few around it that struct nearby
 * gives.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_fold.h"
#include "bounce_addr.h"
#include "bounce_hits.h"
#include "bounce_phrase.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

/* bytes before an address read for cues */
#define PREFIX_WORDS	120

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
int
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
	/* a UTF-8 bullet (U+2022), or the middle dot Japanese lists use
	 * as one (U+30FB KATAKANA MIDDLE DOT, "・a") */
	if (n - i >= 3 && (!memcmp(l + i, "\xe2\x80\xa2", 3) ||
	    !memcmp(l + i, "\xe3\x83\xbb", 3))) {
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
 * 1 when the words after an address (t[0..n)) are Sendmail's note of an
 * alias or .forward expansion ("<a>... forwarded to b", "<a>... aliased
 * to b"): a passed the message on, the line is no verdict on a.
 */
static int
redirect_follows(const char *t, size_t n)
{
	size_t i = 0;

	if (n < 3 || strncmp(t, "...", 3))
		return 0;
	i = 3;
	while (i < n && bounce_is_blank(t[i]))
		i++;
	return bounce_list_prefix(bounce_redirect_notes, t + i, n - i);
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
 * line: a server's verdict on that address.  Sendmail writes the address
 * as it was given, so bare too ("a... Deferred: 421 ..."): that one at
 * the line's start, and only with why it failed after it.
 */
static void
verdict_hits(const char *l, size_t n, struct hits *h)
{
	size_t ind = bounce_indent(l, n), bb, be, ba;

	if (ind < n && l[ind] != '<' && addr_at(l, n, ind, &bb, &be, &ba) &&
	    ba == be && n - ba > 4 && !strncmp(l + ba, "... ", 4) &&
	    !redirect_follows(l + ba, n - ba) &&
	    !sender_follows(l + ba, n - ba) &&
	    tail_says_failed(l + ba + 4, n - ba - 4))
		hit(h, bb, be);
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
			if (!redirect_follows(l + after, n - after))
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
 * 1 when the dots that end at l[e] are a leader between a field's label
 * and its value ("Recipient ..... a"): three or more, after a blank, so
 * no sentence ends there.
 */
static int
dot_leader(const char *l, size_t from, size_t e)
{
	size_t d = e;

	while (d > from && l[d - 1] == '.')
		d--;
	return e - d >= 3 && d > from && bounce_is_blank(l[d - 1]);
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
		    bounce_is_blank(l[k - 1]) && !dot_leader(l, start, k - 1))
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
		size_t nb, ne, na, j = after, js;

		while (j < n && (l[j] == ',' || l[j] == ';' ||
		    bounce_is_blank(l[j])))
			j++;
		/* "a and to b", "a y para b": a coordination, one verdict */
		js = joiner_span(l + j, n - j);
		j += js;
		if (j == after || !named_addr_at(l, n, j, &nb, &ne, &na))
			break;
		hit(h, nb, ne);
		after = na;
	}
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

	for (;;) {
		if (i < n && (bounce_is_blank(t[i]) || strchr(":;>-", t[i])))
			i++;
		else if (n - i >= 3 && !memcmp(t + i, "\xe2\x80", 2) &&
		    (t[i + 2] == '\x93' || t[i + 2] == '\x94'))
			i += 3;	/* an en or em dash: "a — delivered" */
		else
			break;
	}
	if (!bounce_list_prefix(bounce_delivered_values, t + i, n - i))
		return 0;
	own = own_clause(t + i, n - i);
	low = bounce_lower_dup(t + i, own < 200 ? own : 200);
	r = !has_word(bounce_failure_words, low, strlen(low));
	free(low);
	return r;
}

/*
 * 1 when the words before an address on its line, p[0..n) (from the
 * address before it), head a delivery ("Delivered successfully to: a",
 * "Berhasil dikirim ke: a", "Naipadala nang maayos sa: a") and no
 * failure ("Tidak berhasil dikirim ke: a", "HINDI naipadala sa: a").
 */
static int
delivered_precedes(const char *p, size_t n)
{
	char *low = bounce_lower_dup(p, n);
	/* spaces at each end, so negations match whole words there */
	char *pad = xasprintf(" %s ", low);
	size_t ln = strlen(low);
	int r = ((bounce_cues(p, n) & BOUNCE_CUE_SUCCESS) ||
	    (bounce_list_match(bounce_success_headings, low, ln) &&
	    !bounce_list_match(bounce_heading_negations, pad, ln + 2))) &&
	    !bounce_failure_said(low, ln) &&
	    !(bounce_cues(p, n) & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY));

	free(pad);
	free(low);
	return r;
}

/*
 * Removes from h the addresses a success reply or a delivered verdict
 * follows on l[0..n), or a heading of delivery precedes.
 */
static void
drop_accepted(const char *l, size_t n, struct hits *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++) {
		/* hits need not come in the line's order */
		size_t from = i && h->e[i - 1] <= h->b[i] ? h->e[i - 1] : 0;

		if (accepted_reply(l + h->e[i], n - h->e[i]) ||
		    delivered_follows(l + h->e[i], n - h->e[i]) ||
		    bounce_particle_delivered(l + h->e[i], n - h->e[i]) ||
		    delivered_precedes(l + from, h->b[i] - from))
			continue;
		h->b[k] = h->b[i];
		h->e[k++] = h->e[i];
	}
	h->n = k;
}

/*
 * 1 when line p[0..pn), trailing blanks gone, is one parenthesised aside:
 * past its indent it opens with '(' and the parenthesis closes only at
 * its last byte.
 */
static int
closed_aside_line(const char *p, size_t pn)
{
	size_t i = bounce_indent(p, pn);
	int depth = 0;

	if (i >= pn || p[i] != '(' || p[pn - 1] != ')')
		return 0;
	for (; i < pn; i++) {
		if (p[i] == '(')
			depth++;
		else if (p[i] == ')' && --depth == 0)
			return i == pn - 1;
	}
	return 0;
}

/*
 * 1 when line p[0..pn), trailing blanks gone, ends with the aside that
 * ends a server's reply: Postfix's "(in reply to RCPT TO command)" (or
 * its end, "    MAIL FROM command)", wrapped inside it) or qmail's
 * enhanced status code ("Remote host said: 553 sorry, your envelope
 * sender domain must exist (#5.7.1)").
 */
static int
reply_end_aside(const char *p, size_t pn)
{
	static const char in[] = "(in reply to ", cmd[] = " command)";
	char st[16];
	size_t i = pn - 1;

	if (pn < 7 || p[pn - 1] != ')')
		return 0;
	if (pn >= sizeof cmd - 1 && !strncasecmp(p + pn - (sizeof cmd - 1),
	    cmd, sizeof cmd - 1)) {
		size_t b = bounce_indent(p, pn);

		while (i > b && pn - i < 48 && p[i] != '(')
			i--;
		/* no '(' on the line: the aside opened on the line above */
		if (p[i] != '(')
			return i == b;
		return pn - i >= sizeof in - 1 + sizeof cmd - 1 &&
		    !strncasecmp(p + i, in, sizeof in - 1);
	}
	while (i > 0 && pn - i < 16 && p[i - 1] != '(')
		i--;
	if (i == 0 || p[i - 1] != '(')
		return 0;
	if (p[i] == '#')
		i++;
	return bounce_status_at(p, pn, i, st) && i + strlen(st) == pn - 1;
}

/*
 * 1 when line p[0..pn) leads, after its indentation, with an address and a
 * colon: an entry ("a@x: Envelope expired", "<a@x>: host ...").
 */
int
colon_entry(const char *p, size_t pn)
{
	size_t b, e, after;

	return addr_at(p, pn, bounce_indent(p, pn), &b, &e, &after) &&
	    after < pn && p[after] == ':';
}

/*
 * The unfinished clause a line ends with, p[0..pn), into *cn: after its
 * last address or sentence end, at most PREFIX_WORDS bytes; none when the
 * line ends a sentence or introduces a list.
 */
const char *
carry_of(const char *p, size_t pn, size_t *cn)
{
	size_t s = pn > PREFIX_WORDS ? pn - PREFIX_WORDS : 0, k;

	*cn = 0;
	while (pn && bounce_is_blank(p[pn - 1]))
		pn--;
	if (!p || !pn || strchr(".!?:;", p[pn - 1]))
		return NULL;
	/*
	 * a heading between rules
	 * ("------Transcript of session follows ---")
	 */
	if (pn >= 3 && !strncmp(p + pn - 3, "---", 3))
		return NULL;
	/*
	 * nor does a line that is one aside, closed where it ends (Sendmail's
	 * "    (reason: 553 5.7.1 ... accepted from 192.0.2.1 ...)" under
	 * each address it lists): the next line's address is the list's next
	 * entry, not the sender or contact its "from" would name
	 */
	if (closed_aside_line(p, pn))
		return NULL;
	/*
	 * nor does a server's reply that ends with its status code, when the
	 * next entry's address follows with no blank line between them
	 */
	if (reply_end_aside(p, pn))
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

/*
 * 1 when line l[0..n) says why something failed: failure words, a
 * diagnostic phrase, an enhanced status code or a leading reply code.
 */
int
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
	/* the line above indented as a wrapped line's rest ("    deliver") */
	while (cn && bounce_is_blank(*c)) {
		c++;
		cn--;
	}
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
 * 1 when the line right below (next, at below) and the next line of its
 * paragraph say why when read as one, a reason wrapped under an address
 * alone ("a" / "  Reason: Mailbox is" / "  full"): the first address of
 * a list whose intro is gone has no line above that says why.
 */
static int
next_wrap_says_why(const struct nearby *nb, const char *below)
{
	struct buf b = BUF_INIT;
	const char *c, *l2, *eol;
	size_t cn, n2, ind;
	int r;

	if (!nb->next || nb->next != below || nb->paralen <= nb->nextlen + 1 ||
	    !(c = carry_of(nb->next, nb->nextlen, &cn)) || !cn)
		return 0;
	l2 = nb->next + nb->nextlen + 1;
	n2 = nb->paralen - nb->nextlen - 1;
	if ((eol = memchr(l2, '\n', n2)))
		n2 = (size_t)(eol - l2);
	/* the next entry, not a reason's rest */
	if (memchr(l2, '@', n2))
		return 0;
	ind = bounce_indent(l2, n2);
	buf_add(&b, c, cn);
	buf_add(&b, " ", 1);
	buf_add(&b, l2 + ind, n2 - ind);
	r = says_why(b.data, b.len);
	buf_free(&b);
	return r;
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
 * 1 when line l[0..n), ending with a colon, introduces a list: the next
 * line that is not blank, before end, is an address alone ("Delivery to
 * the following recipient failed:" / "" / "    b").
 */
static int
next_lists(const char *l, size_t n, const char *end)
{
	const char *p = l + n, *eol;
	size_t i, pn, b, e, after;

	if (!ends_colon(l, n) || !end || p >= end)
		return 0;
	for (p++; p < end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		pn = eol ? (size_t)(eol - p) : (size_t)(end - p);
		i = bounce_indent(p, pn);
		if (i < pn)
			return addr_at(p, pn, i, &b, &e, &after) &&
			    blank_tail(p + after, pn - after);
		if (!eol)
			break;
	}
	return 0;
}

/*
 * 1 when an address alone on its line is listed as failed: the line
 * before introduces a list ("... recipients were affected:") or listed
 * one too, or a line around it says why; not a line below that
 * introduces a list of its own ("a" / "" / "Delivery to the following
 * recipient failed:"), which speaks of the addresses below it.  An
 * address alone in a signature block ("Member Services" above, a
 * telephone number below) is a contact.  One that goes on with an
 * unfinished sentence above (carried: "delivered to hal@x and" /
 * "ida@x.", "sent to the list" / "l.") is that sentence's: listed only
 * when that line says why ("----- The following addresses had permanent
 * fatal errors -----").
 */
static int
bare_listed(const struct nearby *nb, int carried, const char *below)
{
	if (nb->listed)
		return 1;
	if (carried)
		return says_why(nb->prev, nb->prevlen) ||
		    prev_wrap_says_why(nb);
	return nb->prev_hit || (nb->prev && (ends_colon(nb->prev,
	    nb->prevlen) || says_why(nb->prev, nb->prevlen) ||
	    prev_wrap_says_why(nb))) ||
	    (nb->next && (says_why(nb->next, nb->nextlen) ||
	    next_wrap_says_why(nb, below)) && !next_lists(nb->next, nb->nextlen,
	    nb->end));
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
		if (!cjk_name(l + i, k - i)) {
			/*
			 * a Latin name, up to NAME_WORDS capitalised words
			 * ("Jan Novak <a>", "Maria De Luca <a>: 550 ..."),
			 * as a listing under an intro writes its entries
			 */
			size_t s[NAME_WORDS], ns;

			while (k < n && k - i <= NAME_BYTES && l[k] != '<' &&
			    l[k] != '@' && l[k] != '(')
				k++;
			if (k == n || l[k] != '<')
				return 0;
			ns = names_before(l, i, k, s);
			if (!ns || s[ns - 1] != i)
				return 0;
		}
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
	return bounce_noun_names(pre, pn);
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

/*
 * 1 when the line right above l, at l's indentation ind, also leads with
 * an address it named as failed: entries one under the other ("a@x: 550
 * 5.1.1 no such user" / "b@y: 552 5.2.2 over quota", "<a>: ..." /
 * "<b>: ...").  The line above is an entry of its own, not a sentence
 * this line's address goes on with: its last words ("no such user") are
 * its reply's, no noun of the address below.
 */
static int
entry_above(const char *l, size_t ind, const struct nearby *nb)
{
	size_t pi, b, e, after;
	int coded;

	if (!nb->prev_hit || nb->prev + nb->prevlen + 1 != l ||
	    bounce_indent(nb->prev, nb->prevlen) != ind)
		return 0;
	pi = skip_lead(nb->prev, nb->prevlen, &coded);
	return !coded && addr_at(nb->prev, nb->prevlen, pi, &b, &e, &after);
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
 * failed ("|/usr/local/bin/procmail", quoted or not, then "(reason:
 * Can't create output)"): the delivery to a's own program or mailbox
 * file failed, so a is the failed recipient.  Below an address ("<b>"
 * expanded from an alias a) it names b's alias, not a failure of a.
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
	/* Sendmail quotes a program's command: "\"|/usr/bin/procmail\"" */
	if (p && (starts_ci(p, pn, "|") || starts_ci(p, pn, "/") ||
	    starts_ci(p, pn, "\"|") || starts_ci(p, pn, "\"/")))
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

/* "bare@x <real@y>": the bracketed one is the address */
static void
bracketed_instead(const char *l, size_t n, size_t *b, size_t *e,
    size_t *after)
{
	size_t k = *after;

	while (k < n && bounce_is_blank(l[k]))
		k++;
	if (k < n && l[k] == '<') {
		size_t b2, e2, a2;

		if (addr_at(l, n, k, &b2, &e2, &a2)) {
			*b = b2;
			*e = e2;
			*after = a2;
		}
	}
}

/*
 * 1 when the address that leads its line, t[0..tn) the words after it,
 * is a contact or a sender: after a contact line, an address alone is
 * that contact; after a line ending in "from" or "sent by", the address
 * goes on with that sentence and is its sender
 */
static int
contact_or_sender(const char *t, size_t tn, int after_contact)
{
	return (blank_tail(t, tn) && after_contact) || after_contact == 2;
}

/*
 * 1 when the line around the address that leads line l[0..n), past it at
 * l[after..) (its sentence's words to l[after + tn]), says the address
 * failed, where it carries no reply code: what the line above leaves
 * open, the words after the address and the lines below.
 */
static int
lead_says_failed(const char *l, size_t n, size_t after, size_t tn,
    int after_contact, const char *carry, size_t carryn,
    const struct nearby *nb)
{
	return (!carry_says(carry, carryn, ends_noun) ||
	    nb->listed || entry_above(l, bounce_indent(l, n), nb)) &&
	    !carry_says(carry, carryn, pre_contact) &&
	    wrapped_tail_says_failed(l + after, tn,
	    nb->next == l + n + 1 ? nb->next : NULL, nb->nextlen) &&
	    !contact_or_sender(l + after, tn, after_contact) &&
	    (!blank_tail(l + after, tn) ||
	    bare_listed(nb, carry && carryn, l + n + 1)) &&
	    !closes_aside(l + after, n - after);
}

/*
 * 1 when the line above, prev[0..pn), ends the clause the address leading
 * the line goes on with, carry[0..cn), by a list's joiner or a comma
 * after an address, and says that list was delivered, negating nothing:
 * "Your message reached a and" / "b but could not be delivered to c".
 */
static int
joined_to_delivered(const char *prev, size_t pn, const char *carry,
    size_t cn)
{
	struct buf b = BUF_INIT;
	size_t i = 0;
	char *low;
	int r;

	while (cn && bounce_is_blank(carry[cn - 1]))
		cn--;
	while (i < cn && bounce_is_blank(carry[i]))
		i++;
	if (!prev || !carry || carry < prev || carry + cn > prev + pn ||
	    !memchr(prev, '@', (size_t)(carry - prev)) || !(cn - i == 1 ?
	    carry[i] == ',' : bounce_list_is(bounce_list_joiners, carry + i,
	    cn - i)))
		return 0;
	low = bounce_lower_dup(prev, (size_t)(carry - prev));
	buf_add(&b, " ", 1);
	buf_adds(&b, low);
	buf_add(&b, " ", 1);
	free(low);
	r = !bounce_failure_said(b.data, b.len) &&
	    bounce_list_match(bounce_success_heading_words, b.data, b.len) &&
	    !bounce_list_match(bounce_heading_negations, b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * 1 when the clause carried from the line above, carry[0..cn), is all of
 * that line, prev[0..pn), and ends with a verb of delivery and its
 * preposition, negating nothing: "Your message was delivered to" / "a,
 * but not to b", Polish "dotarła do" / "a, ale nie do b".  What follows
 * an address ("a : 已成功送達") speaks of that address.
 */
static int
delivered_to_lead(const char *prev, size_t pn, const char *carry,
    size_t cn)
{
	struct buf b = BUF_INIT;
	char *low;
	int r;

	if (!prev || !carry || !cn || carry < prev || carry + cn > prev + pn ||
	    memchr(prev, '@', pn))
		return 0;
	low = bounce_lower_dup(carry, cn);
	buf_add(&b, " ", 1);
	buf_adds(&b, low);
	buf_add(&b, " ", 1);
	free(low);
	r = ends_with(bounce_rcpt_preps, b.data, b.len) &&
	    !bounce_failure_said(b.data, b.len) &&
	    bounce_list_match(bounce_success_heading_words, b.data, b.len) &&
	    !bounce_list_match(bounce_heading_negations, b.data, b.len);
	buf_free(&b);
	return r;
}

/*
 * 1 when what follows the address that leads line l[0..n), past it at
 * l[after..), makes it no failed recipient: it was delivered, is a
 * sender or a redirect's, or names a list.  colon: the line ends with a
 * colon.
 */
static int
lead_not_failed(const char *l, size_t n, size_t after, size_t tn,
    int colon, const struct nearby *nb)
{
	return delivered_below(l + after, tn, nb, l + n + 1) ||
	    sender_follows(l + after, n - after) ||
	    redirect_follows(l + after, n - after) ||
	    /*
	     * "l failed for some members" names a list, not a failed
	     * mailbox, and so does "... to "readers"" / "<l>" / "from s;
	     * the failed members ..." (an address leading its line goes on
	     * into the next; "<l>:" introduces its reason there instead)
	     */
	    members_follow(l + after, n - after, !colon &&
	    nb->next == l + n + 1 ? nb->next : NULL, !colon &&
	    nb->next == l + n + 1 ? nb->paralen : 0);
}

void
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
		size_t tn;
		int colon;

		bracketed_instead(l, n, &b, &e, &after);
		colon = ends_colon(l + after, n - after);
		/* "l. Delivery to a failed": a new sentence is not l's */
		tn = n - after >= 2 && l[after] == '.' &&
		    bounce_is_blank(l[after + 1]) ? 1 : n - after;
		if ((coded || lead_says_failed(l, n, after, tn, after_contact,
		    carry, carryn, nb)) &&
		    !lead_not_failed(l, n, after, tn, colon, nb) &&
		    !joined_to_delivered(nb->prev, nb->prevlen, carry,
		    carryn) && !delivered_to_lead(nb->prev, nb->prevlen, carry,
		    carryn))
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
