/* bounce_reason: one recipient's reason in a notice (bounce_reason.h). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce_addr.h"
#include "bounce_phrase.h"
#include "bounce_reason.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

/*
 * Length of the first paragraph of s[0..n): up to the first line that is
 * empty or only quoting ("> "), leading ones skipped.
 */
static size_t
paragraph(const char *s, size_t n)
{
	size_t i = 0;
	int started = 0;

	while (i < n) {
		const char *eol = memchr(s + i, '\n', n - i);
		size_t e = eol ? (size_t)(eol - s) : n, k = i;

		while (k < e && (s[k] == ' ' || s[k] == '\t' || s[k] == '>'))
			k++;
		if (k == e && started)
			return i;
		started |= k < e;
		i = e + 1;
	}
	return n;
}

/*
 * Blanks in s[0..n) the name of a host given with its address in
 * brackets (Postfix's "host mx.example.net[192.0.2.1] said:", Exim's
 * "host mx.example.net [192.0.2.1]"): a gateway's name ("mx.spamfilter.",
 * "antispam.") is no reason.  Returns whether it blanked any.
 */
static int
blank_hosts(char *s, size_t n)
{
	int any = 0;

	for (size_t i = 1; i + 1 < n; i++) {
		size_t e = i, b;

		if (s[i] != '[' || !isdigit((unsigned char)s[i + 1]))
			continue;
		if (s[e - 1] == ' ')
			e--;
		b = e;
		while (b && (isalnum((unsigned char)s[b - 1]) ||
		    s[b - 1] == '.' || s[b - 1] == '-'))
			b--;
		if (b < e && memchr(s + b, '.', e - b)) {
			memset(s + b, ' ', e - b);
			any = 1;
		}
	}
	return any;
}

/*
 * The end of the words w1 and w2 where w2 follows w1 in seg[0..n) with
 * blanks alone between them (an address blanked there: "Sender <s>
 * rejected"), NULL when they do not.
 */
static const char *
after_words(const char *seg, size_t n, const char *w1, const char *w2)
{
	const char *p = seg, *end = seg + n, *q;
	size_t l1 = strlen(w1), l2 = strlen(w2);

	while ((p = bounce_find_ci(p, (size_t)(end - p), w1))) {
		for (q = p + l1; q < end && bounce_is_blank(*q); q++)
			;
		if ((size_t)(end - q) >= l2 && !strncasecmp(q, w2, l2))
			return q + l2;
		p += l1;
	}
	return NULL;
}

/*
 * Postfix names the address that a restriction refused ("Recipient
 * address rejected: ...") whatever the restriction was, an SPF policy
 * service or a lookup that failed too, and a refused sender is worded
 * so whatever refused it ("Sender <s> rejected: SPF check failed"): the
 * words after it say why, when a row knows them and gives more than a
 * bare refusal; the prefix's own row is left for a refusal they do not
 * explain (whose code may then say more: bounce.c's codes_over_wording).
 */
static const struct bounce_rule *
prefix_yields(const struct bounce_rule *rule, const char *seg, size_t n)
{
	static const char pre[] = "recipient address rejected";
	const struct bounce_rule *after;
	const char *at;

	if (!rule)
		return rule;
	/* "address rejected", a row of its own, matches it first */
	if (!strcmp(rule->pattern, pre) || !strcmp(rule->pattern, pre + 10)) {
		if (!(at = bounce_find_ci(seg, n, pre)))
			return rule;
		at += sizeof pre - 1;
	} else if (!strcmp(rule->pattern, "sender rejected")) {
		if (!(at = after_words(seg, n, "sender", "rejected")))
			return rule;
	} else
		return rule;
	after = bounce_rule_match_folded(at, n - (size_t)(at - seg));
	if (after && strcmp(after->reason, "rejected"))
		return after;
	return rule;
}

/*
 * The rule for a recipient's diagnostic: the wording nearest the address
 * (its first paragraph) first, then the rest, so text further down (the
 * returned message's headers in a forwarded notice) cannot outrank it.
 */
const struct bounce_rule *
bounce_reason_rule(const char *seg, size_t n)
{
	struct buf w = BUF_INIT, h = BUF_INIT;
	const struct bounce_rule *rule;
	size_t p;

	/* a reply of several lines is read without the code it repeats */
	if (bounce_reply_unwrap(seg, n, &w)) {
		seg = w.data;
		n = w.len;
	}
	buf_add(&h, seg, n);
	if (h.data && blank_hosts(h.data, n))
		seg = h.data;
	/* the address alone on its line still makes a paragraph */
	p = paragraph(seg, n);
	if (h.data) {
		bounce_blank_names(h.data, n);
		seg = h.data;
	}
	/* a verdict on the noun the address stood beside, first */
	rule = bounce_noun_verdict(seg, p);
	if (!rule)
		rule = prefix_yields(bounce_rule_match_folded(seg, p), seg, p);
	if (!rule && p < n)
		rule = prefix_yields(bounce_rule_match_folded(seg, n), seg, n);
	if (!rule)
		rule = bounce_noun_gap_verdict(seg, n);
	buf_free(&w);
	buf_free(&h);
	return rule;
}

/*
 * The recipients a notice may name for the reading of each one's lines
 * against the others' below; it compares every pair (and lists of them),
 * so a notice naming more is read as before it, by its own lines and the
 * notice's words, and a hostile one of BOUNCE_MAX_RCPTS costs no more.
 */
#define SEVERAL_MAX	32

int
bounce_reason_within(const char *notice, size_t nlen, const char *s,
    size_t *n)
{
	uintptr_t a = (uintptr_t)s, b = (uintptr_t)notice;

	if (!s || !*n || a < b || a >= b + nlen)
		return 0;
	if (a + *n > b + nlen)
		*n = (size_t)(b + nlen - a);
	return 1;
}

/* The notice text that names r, if it lies in notice[0..nlen). */
static int
own_text(const struct bounce_seg *r, const char *notice, size_t nlen,
    const char **t, size_t *tn)
{
	const char *s = r->from_dsn ? r->seg2 : r->seg;
	size_t sn = r->from_dsn ? r->seg2len : r->seglen;

	if (!bounce_reason_within(notice, nlen, s, &sn))
		return 0;
	*t = s;
	*tn = sn;
	return 1;
}

/* 1 when t[0..n) holds only blanks and line ends. */
static int
all_blank(const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!bounce_is_blank(t[i]) && t[i] != '\n' && t[i] != '\r')
			return 0;
	return 1;
}

/*
 * In a notice naming several recipients, the words above r's own lines
 * and below the lines of the recipient before it: the heading of the
 * list r stands in ("The mailboxes of the following recipients are
 * full:" / "a" / "b" / "This address does not exist:" / "c").  Where only
 * blank lines part r from the recipient above, r goes on that one's list
 * and takes its heading.  NULL when r's lines are not the notice's.
 */
const char *
bounce_reason_heading(const struct bounce_seg *r, const struct bounce_seg *all,
    size_t nall, const char *notice, size_t nlen, size_t *hn)
{
	const char *t, *from = notice;
	size_t tn;

	if (nall > SEVERAL_MAX || !own_text(r, notice, nlen, &t, &tn))
		return NULL;
	for (;;) {
		const struct bounce_seg *up = NULL;
		const char *upt = NULL;

		from = notice;
		for (size_t k = 0; k < nall; k++) {
			const char *o;
			size_t on;

			if (&all[k] == r || !own_text(&all[k], notice, nlen,
			    &o, &on) || o >= t || o + on > t)
				continue;
			if (o + on > from) {
				from = o + on;
				up = &all[k];
				upt = o;
			}
		}
		if (!up || !all_blank(from, (size_t)(t - from)))
			break;
		t = upt;
	}
	*hn = (size_t)(t - from);
	return from;
}

/* 1 when line l[0..n) names address a (case aside). */
static int
line_names(const char *l, size_t n, const char *a)
{
	size_t al = strlen(a);

	for (size_t i = 0; al && i + al <= n; i++)
		if (!strncasecmp(l + i, a, al))
			return 1;
	return 0;
}

/*
 * A text recipient's lines below the clip, t[0..n): the last line there
 * that names r again opens its second entry, up to a line naming
 * another.  Exchange lists each recipient twice, above with its
 * explanation and below, under "Diagnostic information for
 * administrators", with its server's reply ("a" / "Remote Server
 * returned '550 5.1.1 ...'"); Sendmail's transcript replies to the
 * RCPT of each address it listed above.  The second entry is read as
 * a report's text is, where the first says nothing.
 */
static void
second_entry(struct bounce_seg *r, const struct bounce_seg *all,
    size_t nall, const char *t, size_t n)
{
	const char *from = NULL;
	size_t i = 0, end = n;

	while (i < n) {
		const char *l = t + i, *e = memchr(l, '\n', n - i);
		size_t ll = e ? (size_t)(e - l) : n - i;
		int other = 0;

		if (line_names(l, ll, r->address)) {
			from = l;
			end = n;
		} else if (from) {
			for (size_t j = 0; j < nall && !other; j++)
				other = &all[j] != r && all[j].address &&
				    line_names(l, ll, all[j].address);
			if (other && end == n)
				end = i;
		}
		i += ll + 1;
	}
	if (!from)
		return;
	if (end > n)
		end = n;
	r->seg2 = from;
	r->seg2len = (size_t)(t + end - from);
}

/*
 * In a notice naming several recipients, r's own lines end where a line
 * below its first names another of them (Sendmail's transcript below the
 * list: ">>> RCPT To:<b>" / "<<< 550 ... User unknown" is b's), and a
 * paragraph ending in a colon at their end introduces the next list, not
 * r's ("a" / "" / "This recipient does not exist:" / "" / "b").
 */
void
bounce_reason_clip(struct bounce_seg *r, const struct bounce_seg *all,
    size_t nall, const char *notice, size_t nlen)
{
	const char *t, *eol;
	size_t tn, i, last_para = 0, cut;
	int blank = 0, colon = 0;

	if (nall > SEVERAL_MAX || !own_text(r, notice, nlen, &t, &tn) ||
	    !(eol = memchr(t, '\n', tn)))
		return;
	cut = tn;
	for (i = (size_t)(eol - t) + 1; i < tn; ) {
		const char *l = t + i, *e = memchr(l, '\n', tn - i);
		size_t ll = e ? (size_t)(e - l) : tn - i, k = ll;
		int names = 0;

		for (size_t j = 0; j < nall && !names; j++)
			names = &all[j] != r && all[j].address &&
			    line_names(l, ll, all[j].address);
		if (names) {
			cut = i;
			break;
		}
		while (k && (bounce_is_blank(l[k - 1]) || l[k - 1] == '\r'))
			k--;
		if (!k)
			blank = 1;
		else {
			if (blank)
				last_para = i;
			blank = 0;
			colon = l[k - 1] == ':';
		}
		i += ll + 1;
	}
	/* a last paragraph ending in a colon heads what follows */
	if (colon && last_para)
		cut = last_para;
	if (!r->from_dsn && !r->seg2 && cut < tn)
		second_entry(r, all, nall, t + cut, tn - cut);
	if (r->from_dsn)
		r->seg2len = cut;
	else
		r->seglen = cut;
}

/*
 * 1 when t[0..n) is one line holding address a alone, with no word
 * beside it ("  a", "<a>", "- a"; a line end and blanks after it aside).
 */
static int
address_alone(const char *t, size_t n, const char *a)
{
	const char *eol = memchr(t, '\n', n);
	size_t ln = eol ? (size_t)(eol - t) : n, al = a ? strlen(a) : 0;

	if (!al || (eol && !all_blank(eol, (size_t)(t + n - eol))))
		return 0;
	for (size_t i = 0; i < ln; i++) {
		if (i + al <= ln && !strncasecmp(t + i, a, al)) {
			i += al - 1;
			continue;
		}
		if (isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80)
			return 0;
	}
	return 1;
}

/*
 * 1 when line t[0..n) ends with a colon ("  b:" above its indented reply):
 * it heads an entry, whose reply below is that address's own.
 */
static int
heads_entry(const char *t, size_t n)
{
	while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
		n--;
	return (n && t[n - 1] == ':') ||
	    (n >= 3 && !memcmp(t + n - 3, "\xef\xbc\x9a", 3));	/* ： */
}

/* Length of the first line of t[0..n). */
static size_t
first_line(const char *t, size_t n)
{
	const char *eol = memchr(t, '\n', n);

	return eol ? (size_t)(eol - t) : n;
}

/*
 * 1 when r's own lines are its address alone on a line of a list whose
 * lines run down, one below the other (blank lines between them aside),
 * to k's: a reason below the list ("a" / "b" / "" / "because: ... not
 * listed") is each address's.
 */
static int
same_list_below(const struct bounce_seg *r, const struct bounce_seg *k,
    const struct bounce_seg *all, size_t nall, const char *notice,
    size_t nlen)
{
	const char *t, *end;
	size_t tn;

	if (nall > SEVERAL_MAX)
		return 0;
	if (!own_text(r, notice, nlen, &t, &tn) ||
	    !address_alone(t, tn, r->address))
		return 0;
	end = t + tn;
	for (size_t steps = 0; steps < nall; steps++) {
		const struct bounce_seg *j = NULL;
		const char *o = NULL;
		size_t on = 0;

		for (size_t x = 0; x < nall && !j; x++) {
			const char *xo;
			size_t xn;

			if (&all[x] != r && own_text(&all[x], notice, nlen,
			    &xo, &xn) && xo >= end &&
			    all_blank(end, (size_t)(xo - end))) {
				j = &all[x];
				o = xo;
				on = xn;
			}
		}
		if (!j)
			return 0;
		/*
		 * k's own first line says why ("a" / "b: 550 5.1.1 no such
		 * user" / "c"): that reply is k's alone, no reason below
		 * the list
		 */
		if (j == k)
			return address_alone(o, first_line(o, on),
			    j->address) &&
			    !heads_entry(o, first_line(o, on));
		if (!address_alone(o, on, j->address))
			return 0;
		end = o + on;
	}
	return 0;
}

/*
 * 1 when a paragraph of notice[0..nlen) that names another recipient and
 * not r gives rule (when rule) or code st first (when st): Exchange's
 * "Diagnostic information for administrators:" / "b" / "#550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found ##" is b's.
 */
static int
others_para(const struct bounce_rule *rule, const char *st,
    const struct bounce_seg *r, const struct bounce_seg *all, size_t nall,
    const char *notice, size_t nlen)
{
	size_t i = 0, para = 0;
	int other = 0, mine = 0;

	if (nall > SEVERAL_MAX)
		return 0;
	while (i <= nlen) {
		const char *l = notice + i;
		const char *e = i < nlen ? memchr(l, '\n', nlen - i) : NULL;
		size_t ll = e ? (size_t)(e - l) : nlen - i;

		if (i == nlen || all_blank(l, ll)) {
			char ps[16];

			if (other && !mine && i > para &&
			    ((rule && bounce_reason_rule(notice + para,
			    i - para) == rule) || (st &&
			    bounce_find_status(notice + para,
			    i - para, ps) && !strcmp(ps, st))))
				return 1;
			other = mine = 0;
			para = i + ll + 1;
		} else {
			if (r->address && line_names(l, ll, r->address))
				mine = 1;
			for (size_t k = 0; k < nall && !other; k++)
				other = &all[k] != r && all[k].address &&
				    line_names(l, ll, all[k].address);
		}
		if (i == nlen)
			break;
		i += ll + 1;
	}
	return 0;
}

/*
 * 1 when all[k] is another recipient whose own lines, (*o)[0..*on), are
 * not r's (t: r's own lines, or NULL) nor those of r's list below it.
 */
static int
others_lines(const struct bounce_seg *r, size_t k,
    const struct bounce_seg *all, size_t nall, const char *notice,
    size_t nlen, const char *t, const char **o, size_t *on)
{
	return &all[k] != r && own_text(&all[k], notice, nlen, o, on) &&
	    !(t && *o <= t && *o + *on > t) &&
	    !same_list_below(r, &all[k], all, nall, notice, nlen);
}

/*
 * 1 when another recipient's own lines give rule (or, with st, carry the
 * code st, the first of the notice): its words are that one's reason,
 * not the notice's ("<a>: ... 550 5.1.1 User unknown" above "<b>: ...
 * 550 Message not accepted").  Lines that hold r's own too are a list's
 * ("failed: a, b" / "Reason: user unknown"): their reason is r's.
 */
static int
others_give(const struct bounce_rule *rule, const char *st,
    const struct bounce_seg *r, const struct bounce_seg *all, size_t nall,
    const char *notice, size_t nlen)
{
	const char *t = NULL;
	size_t tn = 0;
	char os[16];

	if (nall > SEVERAL_MAX)
		return 0;
	own_text(r, notice, nlen, &t, &tn);
	for (size_t k = 0; k < nall; k++) {
		const char *o;
		size_t on;

		if (!others_lines(r, k, all, nall, notice, nlen, t, &o, &on))
			continue;
		if (st && bounce_find_status(o, on, os) && !strcmp(os, st))
			return 1;
		if (!rule)
			continue;
		if (bounce_reason_rule(o, on) == rule)
			return 1;
		/* nor are the words that head another's list */
		o = bounce_reason_heading(&all[k], all, nall, notice, nlen,
		    &on);
		if (o && on && (!t || o + on <= t || o > t) &&
		    bounce_reason_rule(o, on) == rule)
			return 1;
	}
	return others_para(rule, st, r, all, nall, notice, nlen);
}

int
bounce_reason_others(const struct bounce_rule *rule,
    const struct bounce_seg *r, const struct bounce_seg *all, size_t nall,
    const char *notice, size_t nlen)
{
	return others_give(rule, NULL, r, all, nall, notice, nlen);
}

int
bounce_reason_others_status(const char *st, const struct bounce_seg *r,
    const struct bounce_seg *all, size_t nall, const char *notice,
    size_t nlen)
{
	return others_give(NULL, st, r, all, nall, notice, nlen);
}
