/*
 * bounce_line: failed recipients named in a notice's text (see
 * bounce_line.h).  The line shapes come from the published formats of
 * qmail, Postfix (bounce(5) templates), Sendmail (savemail.c), Exim
 * (deliver.c), Courier, OpenSMTPD, Exchange, Lotus Notes/Domino, Gmail,
 * Yahoo and the webmail providers; the words they use are data in
 * bounce_rules.c.  This file walks each part of a notice line by line,
 * with each line's neighbours, and keeps the recipients and their
 * diagnostics; bounce_hits.c judges each line, bounce_phrase.c the words
 * around an address, and the parts of the notice whose lines name no
 * failed recipient are bounce_section.c's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_fold.h"
#include "bounce_addr.h"
#include "bounce_hits.h"
#include "bounce_line.h"
#include "bounce_mime.h"
#include "bounce_phrase.h"
#include "bounce_rules.h"
#include "bounce_section.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_SEGMENT	(16 * 1024)	/* diagnostic text per recipient */
#define MAX_CLOSING	48		/* bytes of a letter's closing line */
#define MAX_FIELD_NAME	32		/* bytes of a quoted field's name */

/*
 * 1 when l[0..n) is an address alone, as a list's item ("<b>,"); a
 * quoted local part's blanks are its own ('"ann lee"@b', RFC 5321 4.1.2).
 */
static int
bare_address(const char *l, size_t n)
{
	const char *at = memchr(l, '@', n);
	int q = 0;

	if (!at)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (l[i] == '"' && (i == 0 || l[i - 1] != '\\'))
			q = !q;
		else if (!q && bounce_is_blank(l[i]))
			return bounce_indent(l + i, n - i) == n - i;
	}
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
 * 1 when l[ind..n) starts with the end of a name, at most three words, and
 * then an address in brackets ("Kowalski (a).", "Mueller' (a)"): a
 * line re-wrapped inside a recipient's name ("... your message to Barbara"
 * / "Kowalski (a).").
 */
static int
name_tail_addr(const char *l, size_t n, size_t ind)
{
	size_t i = ind, b, e, after;

	for (int w = 0; w < 3; w++) {
		size_t s = i;

		while (i < n && !bounce_is_blank(l[i]) && l[i] != '@' &&
		    !strchr("<([:;,", l[i]))
			i++;
		if (i == s || i >= n || !bounce_is_blank(l[i]))
			return 0;
		while (i < n && bounce_is_blank(l[i]))
			i++;
		if (i < n && strchr("<([", l[i]))
			return addr_at(l, n, i, &b, &e, &after);
	}
	return 0;
}

/*
 * Where the label that starts l[ind..n) ends, at most three words of
 * letters and a colon, a blank after it ("Reason: ", "DELIVERED TO: "): past
 * the blank; 0 when there is none.
 */
static size_t
label_end(const char *l, size_t n, size_t ind)
{
	size_t i = ind;
	int words = 1;

	for (; i < n && l[i] != ':'; i++) {
		if (l[i] == ' ') {
			if (i == ind || l[i - 1] == ' ' || ++words > 3)
				return 0;
		} else if (!isalpha((unsigned char)l[i]) && l[i] != '-')
			return 0;
	}
	if (i == ind || i + 1 >= n || l[i + 1] != ' ')
		return 0;
	return i + 2;
}

/*
 * 1 when p[0..pn) is a salutation, a paragraph's first line of at most
 * four words ending with a comma ("Guten Tag,", "Dear customer,"): the
 * letter's words start below it, and an address there is no part of it.
 */
static int
salutation(const char *p, size_t pn)
{
	size_t i = bounce_indent(p, pn);
	int words = 0;

	while (pn && bounce_is_blank(p[pn - 1]))
		pn--;
	if (!pn || p[pn - 1] != ',' || memchr(p, '@', pn))
		return 0;
	for (; i < pn; i++)
		if (!bounce_is_blank(p[i]) && (!i || bounce_is_blank(p[i - 1]))
		    && ++words > 4)
			return 0;
	return 1;
}

/*
 * 1 when p[0..pn) is a label and one word, a host name or an identifier
 * ("Generating server: mx.example.com", "Queue ID: 4Fx9"): a field whose
 * value is whole, which no line below goes on with.
 */
static int
field_one_value(const char *p, size_t pn)
{
	size_t i = label_end(p, pn, bounce_indent(p, pn));

	while (pn && bounce_is_blank(p[pn - 1]))
		pn--;
	if (!i || i >= pn)
		return 0;
	while (i < pn && !bounce_is_blank(p[i]))
		i++;
	return i == pn;
}

/*
 * 1 when l[ind..n) is a label and an address ("Delivered to: b",
 * "DELIVERED TO: B") below another label's line, p[0..pn) ("Reason:
 * ..."): a field of its own in a run of them, whatever its case, as a
 * text written all in capitals or all in lower case has it.  Under a
 * sentence ("... the following recipients" / "were not found: a") it
 * goes on with that sentence.
 */
static int
label_address(const char *l, size_t n, size_t ind, const char *p, size_t pn)
{
	size_t i = label_end(l, n, ind), b, e, after;

	if (!i || !p || !label_end(p, pn, bounce_indent(p, pn)))
		return 0;
	while (i < n && l[i] == ' ')
		i++;
	return i < n && addr_at(l, n, i, &b, &e, &after);
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

	if (label_address(l, n, ind, p, pn))
		return 0;
	return islower(c) || (c >= 0xc3 && c <= 0xd3 &&
	    !bounce_fold_capital(l + ind, n - ind)) ||
	    addr_at(l, n, ind, &b, &e, &after) ||
	    name_tail_addr(l, n, ind) ||
	    (isupper(c) && no_small(l, n) && no_small(p, pn) && pn &&
	    isupper((unsigned char)p[pn - 1]));
}

/*
 * 1 for a header field line of a message quoted in the notice ("To: a,"):
 * its folded continuation lines list addresses that are no verdict.
 */
static int
header_like(const char *l, size_t n)
{
	size_t k = 0, e;
	const char *c;

	while (k < n && k < 40 && (isalnum((unsigned char)l[k]) ||
	    l[k] == '-'))
		k++;
	if (k && k < n && l[k] == ':' &&
	    bounce_list_prefix(bounce_quoted_fields, l, n))
		return 1;
	/*
	 * the sender or subject field of the quoted message's header in
	 * the notice's language, French with a blank before its colon
	 * ("Von: e", "De : Editor <e>", "差出人: e", "Objet : ..."): never
	 * the notice's own listing of a recipient
	 */
	c = memchr(l, ':', n < MAX_FIELD_NAME ? n : MAX_FIELD_NAME);
	if (!c)
		return 0;
	e = (size_t)(c - l);
	while (e && bounce_is_blank(l[e - 1]))
		e--;
	return e && (bounce_list_is(bounce_copy_from_fields, l, e) ||
	    bounce_list_is(bounce_copy_subject_fields, l, e));
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
 * 1 when l[0..n), trailing blanks aside, ends with a full stop: ".", or
 * the ideographic "。" or the fullwidth "．" of Chinese and Japanese text
 * ("... までお問い合わせください。").
 */
static int
ends_sentence(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return (n && l[n - 1] == '.') || (n >= 3 &&
	    (!memcmp(l + n - 3, "\xe3\x80\x82", 3) ||
	    !memcmp(l + n - 3, "\xef\xbc\x8e", 3)));
}

/* 1 when l[0..n), trailing blanks aside, ends with a digit. */
static int
ends_digit(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return n && isdigit((unsigned char)l[n - 1]);
}

/*
 * 1 when l[0..n) is a contact's label alone ("E-Mail:", "Email address:"),
 * its colon and blanks aside: the address below is that contact's.
 */
static int
contact_label(const char *l, size_t n)
{
	size_t i = bounce_indent(l, n);

	while (n > i && bounce_is_blank(l[n - 1]))
		n--;
	if (n <= i || l[n - 1] != ':')
		return 0;
	n--;
	while (n > i && bounce_is_blank(l[n - 1]))
		n--;
	return bounce_list_is(bounce_contact_labels, l + i, n - i);
}

/*
 * 1 when l[0..n) is the label of an identifier alone ("Message ID:",
 * "Original-Message-ID:", "Queue ID:"), its last word "ID": a relay that
 * re-wraps "Message ID: x@h" leaves the id, an address to the eye, alone
 * on the line below, where it names no recipient.
 */
static int
id_label(const char *l, size_t n)
{
	size_t i = bounce_indent(l, n);

	while (n > i && bounce_is_blank(l[n - 1]))
		n--;
	if (n < i + 3 || l[n - 1] != ':')
		return 0;
	n--;
	while (n > i && bounce_is_blank(l[n - 1]))
		n--;
	return n >= i + 2 && !strncasecmp(l + n - 2, "id", 2) &&
	    (n == i + 2 || bounce_is_blank(l[n - 3]) || l[n - 3] == '-');
}

/*
 * 1 when l[0..n) introduces a message's identifier with a colon,
 * an identifier's label or a heading that names the Message-ID ("Message-ID
 * of the message that failed:"): the "<x@h>" below it, even past a blank
 * line, is that id, an address only to the eye.
 */
static int
id_intro(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return id_label(l, n) || (n && l[n - 1] == ':' &&
	    (bounce_find_ci(l, n, "message-id") ||
	    bounce_find_ci(l, n, "message id")));
}

/*
 * What the line before a listed address says: *contact 1 when it
 * introduces a contact ("For help, write to:"), 2 when it ends like "sent
 * by" or "from" (a sender follows); *intro when it introduces a list of
 * failed recipients ("Delivery has failed to these recipients:").
 */
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
 * Trend Micro's "Sent <<< RCPT TO:<a>", MDaemon's "--> RCPT To:<a>" after
 * a time stamp): what was said to or by the
 * server the notice's MTA talked to.
 */
static int
transcript_line(const char *l, size_t ll)
{
	return bounce_find_ci(l, ll, ">>> ") ||
	    bounce_find_ci(l, ll, "<<< ") ||
	    bounce_transcript_mark(l, ll, 0) ||
	    bounce_transcript_mark(l, ll, 1);
}

/* Adds the addresses of h (in line l) to rs; returns 1 if any was new. */
static int
add_hits(const char *l, size_t ll, const struct hits *h,
    const struct bounce_addrset *excl, struct bounce_seg **rs, size_t *nrs,
    size_t *curidx)
{
	int any = 0, tr = transcript_line(l, ll);

	for (size_t k = 0; k < h->n; k++) {
		/* '"ann.lee"@b' is the mailbox ann.lee@b (RFC 5322 3.4.1) */
		char *a = bounce_unquote_local(xstrndup(l + h->b[k],
		    h->e[k] - h->b[k]));

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

/*
 * 1 when the line that began the entry, p[0..pn) right above (adjacent),
 * stops inside its clause ("<a>: host" / "h.example.com[192.0.2.1]", a
 * relay's re-wrap at its width): the line below is still the entry's,
 * though not indented under it.  Only its first line: the rest of a
 * reply wrapped further down ("... Recipient address" / "rejected: User
 * unknown") does not hold the entry open for the next address.
 */
static int
entry_wrapped(const char *p, size_t pn, int adjacent)
{
	size_t cn;

	return adjacent && carry_of(p, pn, &cn) != NULL;
}

/*
 * 1 when l[0..n) is an address in brackets and a colon alone ("<a>:"):
 * qmail's heading of a recipient's block, whose lines below it, up to a
 * blank line and not indented, are that recipient's ("192.0.2.5 does not
 * like recipient." / "Remote host said: 550 5.1.1 <b>: ...").
 */
static int
colon_heading(const char *l, size_t n)
{
	const char *gt;

	while (n && bounce_is_blank(l[n - 1]))
		n--;
	if (n < 6 || l[0] != '<' || l[n - 1] != ':' || l[n - 2] != '>')
		return 0;
	gt = memchr(l, '>', n);
	return gt == l + n - 2 && memchr(l, '@', n) != NULL;
}

/*
 * 1 when p[0..pn) ends with an address and a comma ("... to these
 * recipients: a, b,"): a list that goes on, re-wrapped, on the line below,
 * whose addresses are the list's, not a reply's under an entry.
 */
static int
ends_address_comma(const char *p, size_t pn)
{
	size_t k;

	while (pn && bounce_is_blank(p[pn - 1]))
		pn--;
	if (!pn || p[pn - 1] != ',')
		return 0;
	for (k = --pn; k && !bounce_is_blank(p[k - 1]); k--)
		;
	return memchr(p + k, '@', pn - k) != NULL;
}

/*
 * 1 when the line at t[i..i+ll) opens an MTA's entry for a recipient
 * below a letter's closing: "<a>: ..." at the line's start, whose
 * entry (the line and at most three indented ones below it) carries
 * a server's reply code ("<a>: host h[ip]" / "    said: 550 5.1.1
 * ...").  A provider's own template ends with its greeting ("Warm
 * regards," / "Mail Services") and Postfix writes each failed
 * recipient's line after it; a signature's contact has no reply.
 */
static int
sig_entry(const char *t, size_t n, size_t i, size_t ll)
{
	const char *l = t + i, *gt = ll > 5 && l[0] == '<' ?
	    memchr(l, '>', ll) : NULL;
	size_t end = i + ll;

	if (!gt || !memchr(l, '@', (size_t)(gt - l)) ||
	    (size_t)(gt - l) + 1 >= ll || (gt[1] != ':' && gt[1] != ' '))
		return 0;
	for (int lines = 0; lines < 3 && end + 1 < n; lines++) {
		const char *nl = t + end + 1, *e;
		size_t rest = n - end - 1, nll;

		e = memchr(nl, '\n', rest);
		nll = e ? (size_t)(e - nl) : rest;
		if (!nll || !bounce_is_blank(nl[0]))
			break;
		end += 1 + nll;
	}
	return bounce_smtp_class(l, end - i) != 0;
}

/*
 * The walk over a part's lines (part_rcpts): the part, where its
 * recipients go, the line read now, and what the lines read so far leave
 * for the next.  Its helpers hand no field's address to a function of
 * another module (run_end and curidx go through a local): the walk's
 * state then stays in registers, as the loop's own locals did.
 */
struct walk {
	/* the part's text t[0..n), and where its recipients go */
	const char *t;
	size_t n;
	const struct bounce_addrset *excl;
	struct bounce_seg **rs;
	size_t *nrs;
	/*
	 * the line read now: t[i..), l[0..ll), its text from l[ind], eol
	 * its '\n' (NULL on the part's last line)
	 */
	size_t i, ll, ind;
	const char *l, *eol;
	/* past a signature or a letter's closing */
	int in_sig;
	/*
	 * the end of a quoted message's header block, and of the run of
	 * field lines judged from its first line
	 */
	size_t block_end, run_end;
	/* in a section that lists recipients reached */
	int reached;
	/*
	 * a quoted header field the lines below may fold: its indentation,
	 * whether its value begins below it; and a lone "To: a" under a
	 * sentence of failure, the notice's label and no field
	 */
	int in_field, field_open, lone_to;
	size_t field_ind;
	/*
	 * the non-blank lines above: prev, and the two right above it (NULL
	 * unless adjacent); whether prev is right above the line, named a
	 * failed recipient, began an entry
	 */
	const char *prev, *above, *above2;
	size_t prevlen, abovelen, above2len;
	int prev_adjacent, prev_hit, prev_began;
	/*
	 * the recipient's entry the line may go on with, and the list of
	 * addresses alone, each with its indentation
	 */
	int in_entry, list_open;
	size_t entry_ind, list_ind;
	/* the entry began with a heading "<a>:" (colon_heading) */
	int entry_heading;
	/* the current recipient, (*rs)[curidx], once there is one (have) */
	int have;
	size_t curidx;
};

/* Forgets the lines above: the text opens again below a signature. */
static void
forget_above(struct walk *w)
{
	w->prev = w->above = w->above2 = NULL;
	w->prevlen = w->abovelen = w->above2len = 0;
	w->prev_adjacent = w->prev_hit = w->prev_began = 0;
}

/*
 * 1 when the line, past a signature, opens the text again; 0 when it is
 * still the signature's.
 */
static int
sig_reopens(struct walk *w)
{
	const char *l = w->l;
	size_t ll = w->ll, ind = w->ind, run_end = w->run_end;
	const struct bounce_addrset *x = w->excl;
	struct bounce_addrset side = { x->v + x->sender, x->n - x->sender,
	    0 };
	int open = 0;

	/*
	 * past a signature, only an MTA's entry with a reply code
	 * (sig_entry) or a quoted message's header block (a forwarded
	 * notice under the forwarder's note, "From: / Sent: / To: /
	 * Subject:") opens the text again; not one addressed to the
	 * forwarder (its own mail, hearsay), but one addressed to where this
	 * message went (a notice of ours our help desk passes on)
	 */
	if (!ind && sig_entry(w->t, w->n, w->i, ll))
		open = 1;
	else if (ind < ll && memchr(l, ':', ll) &&
	    bounce_section_quoted_header(w->t, w->n, w->i, &run_end) &&
	    !bounce_section_block_to(w->t, w->i, run_end, &side)) {
		w->block_end = run_end;
		open = 1;
	}
	w->run_end = run_end;
	if (open) {
		w->in_sig = 0;
		forget_above(w);
	}
	return open;
}

/* 1 when l[0..ll), its text from l[ind], starts a signature. */
static int
sig_starts(const char *l, size_t ll, size_t ind)
{
	/*
	 * RFC 3676's signature separator: a contact block follows
	 * (also where a gateway or a quoting reader indented the
	 * whole notice, "    -- ")
	 */
	if ((ll - ind == 2 || ll - ind == 3) &&
	    !strncmp(l + ind, "-- ", ll - ind))
		return 1;
	/* so does a letter's closing ("Regards,") */
	return ind < ll && ll - ind <= MAX_CLOSING && !memchr(l, '@', ll) &&
	    bounce_list_prefix(bounce_valedictions, l + ind, ll - ind);
}

/*
 * 1 when the line is read for recipients; 0 when a signature holds it or
 * starts with it.
 */
static int
sig_gate(struct walk *w)
{
	if (w->in_sig && !sig_reopens(w))
		return 0;
	if (sig_starts(w->l, w->ll, w->ind)) {
		w->in_sig = 1;
		return 0;
	}
	return 1;
}

/*
 * 1 when the header block t[i..run) is a message's as it was sent or
 * delivered (a Return-Path, Received, Message-ID or List-Unsubscribe
 * field), not the few fields a person's forward shows: what follows it is
 * that message's body, the returned newsletter's, whose own lists ("Send
 * your news to:" / "editor@...") name no failed recipient.
 */
static int
sent_copy_block(const char *t, size_t i, size_t run)
{
	static const char *const f[] = { "return-path:", "received:",
	    "message-id:", "list-unsubscribe:", NULL };

	while (i < run) {
		const char *eol = memchr(t + i, '\n', run - i);
		size_t ll = eol ? (size_t)(eol - t - i) : run - i;

		for (const char *const *k = f; *k; k++)
			if (ll > strlen(*k) && !strncasecmp(t + i, *k,
			    strlen(*k)))
				return 1;
		i += ll + 1;
	}
	return 0;
}

/*
 * 1 when the line is in a quoted message's header block or below the
 * notice's list of addressees reached: it names no failed recipient.
 */
static int
quoted_gate(struct walk *w)
{
	const char *l = w->l;
	size_t ll = w->ll, ind = w->ind, run_end = w->run_end;

	/* a run of field lines is judged once, from its first line */
	if (w->i >= run_end && ind < ll && memchr(l, ':', ll) &&
	    !(w->prev_adjacent && smtp_split(w->prev, w->prevlen)) &&
	    bounce_section_quoted_header(w->t, w->n, w->i, &run_end))
		w->block_end = sent_copy_block(w->t, w->i, run_end) ? w->n :
		    run_end;
	w->run_end = run_end;
	if (ind < ll)
		w->reached = bounce_section_success(w->t, w->n, w->i, ll,
		    w->reached);
	/* a quoted message's header, or addressees reached */
	return w->i < w->block_end || w->reached;
}

/* 1 for a folded continuation of a quoted header field */
static int
folded_field(const struct walk *w)
{
	return w->in_field && w->ind < w->ll && (w->ind > w->field_ind ||
	    w->field_open);
}

/*
 * Notes whether the line, not blank, starts a quoted header field (a lone
 * "To: a" under a sentence of failure aside).
 */
static void
field_step(struct walk *w)
{
	const char *l = w->l, *eol = w->eol;
	size_t ll = w->ll, ind = w->ind;

	w->in_field = header_like(l + ind, ll - ind) &&
	    !(w->prev_adjacent && smtp_split(w->prev, w->prevlen));
	w->lone_to = w->in_field && lone_to_line(l + ind, ll - ind,
	    w->prev, w->prevlen, !w->prev_adjacent, !eol ||
	    blank_at(eol + 1, (size_t)(w->t + w->n - eol - 1)));
	if (w->lone_to)
		w->in_field = 0;
	w->field_open = w->in_field && field_value_empty(l + ind, ll - ind);
	w->field_ind = ind;
}

/*
 * The unfinished clause of the line above that the line goes on with
 * (carry_of(), its length in *cn); NULL when there is none.
 */
static const char *
carry_above(const struct walk *w, size_t *cn)
{
	const char *l = w->l, *prev = w->prev;
	size_t ll = w->ll, prevlen = w->prevlen;

	return w->prev_adjacent &&
	    (continues(l, ll, w->ind, prev, prevlen) ||
	    smtp_split(prev, prevlen)) &&
	    !field_one_value(prev, prevlen) &&
	    !(w->above == NULL && salutation(prev, prevlen)) &&
	    /*
	     * "a@x: Envelope expired" / "b@y: ...": an entry's reason is no
	     * clause that the next entry goes on with
	     */
	    !(colon_entry(prev, prevlen) && colon_entry(l, ll)) ?
	    carry_of(prev, prevlen, cn) : NULL;
}

/*
 * prev_line()'s contact, 0, 1 or 2, for the line above as the lines
 * around it, nb, show it.
 */
static int
contact_above(const struct walk *w, const struct nearby *nb, int contact)
{
	const char *prev = w->prev;
	size_t prevlen = w->prevlen;

	/*
	 * a contact's label alone above ("E-Mail:") or an identifier's
	 * ("Message ID:"), unless the lines below say why it failed
	 */
	if (!contact && w->prev_adjacent &&
	    (contact_label(prev, prevlen) || id_label(prev, prevlen)) &&
	    !(w->eol && nb->next == w->eol + 1 &&
	    says_why(nb->next, nb->nextlen)))
		contact = 1;
	/* past a blank line, or a heading that names the Message-ID */
	if (!contact && id_intro(prev, prevlen) && !(w->prev_adjacent &&
	    id_label(prev, prevlen)))
		contact = 1;
	/*
	 * a paragraph that ends its sentence ("..., or contact the recipient
	 * directly.") does not introduce the address below its blank, nor
	 * one that gave its contact's address already ("Contact helpdesk@x",
	 * "Kontakt: helpdesk@x") or ends with its telephone number
	 * ("Telefon: +49 30 1234567")
	 */
	if (contact == 1 && !w->prev_adjacent &&
	    (ends_sentence(prev, prevlen) || memchr(prev, '@', prevlen) ||
	    ends_digit(prev, prevlen)))
		contact = 0;
	/*
	 * nor does a server's reply that says why the entry above failed and
	 * ends on "sender" ("Remote Server returned '550 5.7.60 SMTP; Client
	 * does not have permissions to send as this sender'"): its last word
	 * introduces no sender below its blank
	 */
	if (contact == 2 && !w->prev_adjacent && says_why(prev, prevlen))
		contact = 0;
	return contact;
}

/* Sets h to the failed recipients the line, not a field's, names. */
static void
line_candidates(const struct walk *w, struct hits *h)
{
	const char *l = w->l, *eol = w->eol, *end = w->t + w->n;
	size_t ll = w->ll, ind = w->ind;
	int contact, intro;
	size_t cn = 0;
	const char *carry = carry_above(w, &cn);
	struct nearby nb = { .prev = w->prev, .prevlen = w->prevlen,
	    .prev_hit = w->prev_hit,
	    .listed = w->list_open && ind == w->list_ind &&
	    bare_address(l + ind, ll - ind),
	    .above = w->above, .abovelen = w->abovelen,
	    .above2 = w->above2, .above2len = w->above2len,
	    .end = end };

	if (eol && (nb.next = next_line(eol + 1, (size_t)(end - eol - 1),
	    &nb.nextlen)))
		nb.paralen = para_len(nb.next, (size_t)(end - nb.next));
	prev_line(w->prev, w->prevlen, &contact, &intro);
	contact = contact_above(w, &nb, contact);
	/* an id's heading introduces no recipient, whatever it says */
	if (contact == 1 && w->prev && id_intro(w->prev, w->prevlen))
		intro = 0;
	/* under its sentence as under "recipients:" */
	if (w->lone_to)
		intro = 1;
	line_hits(l, ll, contact, intro, carry, cn, &nb, h);
	if (h->n && eol && bounce_section_accepted(l, ll, eol + 1,
	    (size_t)(end - eol - 1)))
		h->n = 0;
}

/*
 * Keeps of h what the recipient's entry and the list of addresses leave
 * to the line, and notes the entry and the list the line opens or ends;
 * returns 1 when the line begins an entry.
 */
static int
entry_step(struct walk *w, struct hits *h)
{
	const char *l = w->l;
	size_t ll = w->ll, ind = w->ind;
	int began = 0;

	/*
	 * a line indented under a recipient's entry goes on with its
	 * server's reply ("said: 550 Rejected by ... policy:" /
	 * "news@x - https://..."): another address there is the
	 * reply's, not a recipient; a list of addresses ("RCPT TO:
	 * a" / "         b") goes on, line after line
	 */
	int block = w->in_entry && w->entry_heading && w->prev_adjacent &&
	    ind == w->entry_ind && !colon_heading(l + ind, ll - ind);

	if (h->n > 1)
		drop_after_said(l, ll, ind, h);
	if (h->n && w->in_entry && (ind > w->entry_ind || block) &&
	    w->have && !(w->prev_hit && (bare_address(l + ind, ll - ind) ||
	    ends_address_comma(w->prev, w->prevlen))))
		h->n = drop_others(l, h, (*w->rs)[w->curidx].address);
	else if (h->n) {
		w->in_entry = began = 1;
		w->entry_ind = ind;
		w->entry_heading = colon_heading(l + ind, ll - ind);
	} else if (ind == ll || (ind <= w->entry_ind && !block &&
	    !entry_wrapped(w->prev, w->prevlen, w->prev_adjacent &&
	    w->prev_began)))
		w->in_entry = 0;
	/*
	 * entries that each start with an address alone ("  a" /
	 * "    host h said ..." / "" / "  b"): an address alone at the
	 * last one's indentation is the next, whatever the last said
	 */
	if (h->n && bare_address(l + ind, ll - ind)) {
		w->list_open = 1;
		w->list_ind = ind;
	} else if (ind < ll && (ind < w->list_ind || (ind == w->list_ind &&
	    !bare_address(l + ind, ll - ind))))
		w->list_open = 0;
	return began;
}

/*
 * Adds the addresses of h to the recipients, or, when the line names
 * none, extends the current recipient's diagnostic over it.
 */
static void
keep_hits(struct walk *w, const struct hits *h)
{
	const char *l = w->l;
	size_t ll = w->ll, curidx = w->curidx;

	if (h->n && add_hits(l, ll, h, w->excl, w->rs, w->nrs, &curidx))
		w->have = 1;
	else if (!h->n && w->have && (*w->rs)[curidx].seg &&
	    (size_t)(l + ll - (*w->rs)[curidx].seg) <= MAX_SEGMENT)
		(*w->rs)[curidx].seglen = (size_t)(l + ll -
		    (*w->rs)[curidx].seg);
	w->curidx = curidx;
}

/*
 * The line, read, becomes the line above the next; hit and began say
 * whether it named a failed recipient and began an entry.
 */
static void
shift_above(struct walk *w, int hit, int began)
{
	if (w->ind < w->ll) {
		w->above2 = w->prev_adjacent ? w->above : NULL;
		w->above2len = w->prev_adjacent ? w->abovelen : 0;
		w->above = w->prev_adjacent ? w->prev : NULL;
		w->abovelen = w->prev_adjacent ? w->prevlen : 0;
		w->prev = w->l;
		w->prevlen = w->ll;
		w->prev_hit = hit;
		w->prev_began = began;
	}
	/*
	 * a blank line ends a field whose value began below it, and
	 * a quoted field's folding (RFC 5322 folds no blank line):
	 * an indented paragraph below a lone "Reply-To: r" is text
	 */
	if (w->ind == w->ll)
		w->field_open = w->in_field = 0;
	w->prev_adjacent = w->ind < w->ll;
}

/* bounce_notice_rcpts() of one part of the notice's text. */
static void
part_rcpts(const char *t, size_t n, const struct bounce_addrset *excl,
    struct bounce_seg **rs, size_t *nrs)
{
	struct walk w = { .t = t, .n = n, .excl = excl, .rs = rs,
	    .nrs = nrs };

	for (w.i = 0; w.i < n; w.i += w.ll + 1) {
		struct hits h = { .n = 0 };
		int began;

		w.l = t + w.i;
		w.eol = memchr(w.l, '\n', n - w.i);
		w.ll = w.eol ? (size_t)(w.eol - w.l) : n - w.i;
		w.ind = bounce_indent(w.l, w.ll);
		if (!sig_gate(&w))
			continue;
		if (!quoted_gate(&w) && !folded_field(&w) && w.ind < w.ll) {
			field_step(&w);
			if (!w.in_field && w.ll < BOUNCE_LINE_MAX &&
			    memchr(w.l, '@', w.ll))
				line_candidates(&w, &h);
		}
		began = entry_step(&w, &h);
		keep_hits(&w, &h);
		shift_above(&w, h.n > 0, began);
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
			if (bounce_addr_same((*rs)[i].address,
			    ts[k].address)) {
				(*rs)[i].seg2 = ts[k].seg;
				(*rs)[i].seg2len = ts[k].seglen;
			}
	for (size_t k = 0; k < nts; k++)
		free(ts[k].address);
	free(ts);
}

/* bytes before an address read for a sender's or a contact's words */
#define STATUS_PRE	96

/*
 * 1 when l[0..n), its indent skipped, is a server's reply that names no
 * address ("550 5.1.1 mailbox unavailable", "550-5.1.1 ..."); its
 * enhanced status code into st.
 */
static int
reply_line(const char *l, size_t n, char st[16])
{
	size_t i = bounce_indent(l, n);

	if (n - i < 9 || (l[i] != '4' && l[i] != '5') ||
	    !isdigit((unsigned char)l[i + 1]) ||
	    !isdigit((unsigned char)l[i + 2]) ||
	    (l[i + 3] != ' ' && l[i + 3] != '-') || memchr(l, '@', n))
		return 0;
	return bounce_status_at(l, n, i + 4, st) && st[0] == l[i];
}

/*
 * 1 when the address t[b..e) on the line t[ls..le) is a sender's or a
 * contact's: the words before it on its line, or a postposition of
 * origin after it, say so.
 */
static int
origin_or_contact(const char *t, size_t ls, size_t le, size_t b, size_t e)
{
	size_t pb = b - ls > STATUS_PRE ? b - STATUS_PRE : ls;
	const char *at;
	char *low;
	size_t ln;
	int r;

	/* "... or write to" / "a@b to request removal": the line above */
	if (bounce_indent(t + ls, b - ls) == b - ls)
		pb = ls > STATUS_PRE / 2 ? ls - STATUS_PRE / 2 : 0;
	while (pb > 0 && ((unsigned char)t[pb] & 0xc0) == 0x80)
		pb--;
	/* the words since the address before it: not "sender@x" */
	if ((at = memrchr(t + pb, '@', b - pb)))
		for (pb = (size_t)(at - t); pb < b && !bounce_is_blank(t[pb]);
		    pb++)
			;
	while (b > pb && t[b - 1] && strchr("<([\"'", t[b - 1]))
		b--;
	low = bounce_lower_dup(t + pb, b - pb);
	ln = strlen(low);
	r = pre_contact(low, ln) ||
	    bounce_list_match(bounce_help_words_intl, low, ln) ||
	    ends_with(bounce_origin_words, low, ln) ||
	    ends_with(bounce_sender_cues, low, ln);
	free(low);
	while (e < le && t[e] && strchr(">)]\"'", t[e]))
		e++;
	return r || bounce_origin_after(t + e, le - e);
}

/*
 * 1 when l[0..n) is written in a script whose words the rows may not
 * hold (Hebrew, Arabic, Persian, Urdu, the Brahmic scripts, Thai).
 */
static int
script_unread(const char *l, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		unsigned char c = (unsigned char)l[i];
		unsigned char d = (unsigned char)l[i + 1];

		if ((c >= 0xd6 && c <= 0xdb) || (c == 0xe0 && d >= 0xa4 &&
		    d <= 0xb9))
			return 1;
	}
	return 0;
}

/*
 * 1 when the line t[ls..le) speaks of a failure (or a delay) of the
 * address that ends at t[e]: failure words, a reason ("ay hindi
 * umiiral"), or words in a script the rows may not read; not of a
 * list's members ("Your message to l was not delivered to all of its" /
 * "recipients", t[0..n) the text).
 */
static int
failure_context(const char *t, size_t ls, size_t le, size_t e, size_t n)
{
	const char *cont = le < n ? t + le + 1 : NULL;
	char *low = bounce_lower_dup(t + ls, le - ls);
	size_t ln = strlen(low);
	int r = has_word(bounce_failure_words, low, ln) ||
	    (bounce_cues(low, ln) & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY)) ||
	    bounce_rule_match(low, ln);

	free(low);
	return (r || script_unread(t + ls, le - ls)) &&
	    !members_follow(t + e, le - e, cont, cont ? n - le - 1 : 0);
}

/*
 * 1 when the address t[b..e) on the line t[ls..le) can be the recipient
 * a notice's reply line speaks of.
 */
static int
reply_candidate(const char *t, size_t ls, size_t le, size_t b, size_t e,
    const struct bounce_addrset *excl)
{
	char *a = xstrndup(t + b, e - b);
	int r = !bounce_addrset_has(excl, a) && !bounce_is_daemon(a) &&
	    !origin_or_contact(t, ls, le, b, e);

	free(a);
	return r;
}

int
bounce_status_line_rcpt(const char *t, size_t n,
    const struct bounce_addrset *excl, int delay, struct bounce_seg **rs,
    size_t *nrs)
{
	char st[16], one[16] = "";
	const char *reply = NULL;
	size_t rl = 0, fb = 0, fe = 0, i = 0;
	char *a;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t le = eol ? (size_t)(eol - t) : n;

		/* two replies: whose is which, nothing says */
		if (reply_line(t + i, le - i, st) && reply && strcmp(st, one))
			return 0;
		if (!reply && reply_line(t + i, le - i, one)) {
			reply = t + i;
			rl = le - i;
		}
		/* a quoted line is another's mail: a forward's, a reply's */
		for (size_t k = i, b, e; k < le && t[i + bounce_indent(t + i,
		    le - i)] != '>'; k++) {
			if (t[k] != '@' ||
			    !bounce_addr_around(t, le, k, &b, &e))
				continue;
			k = e;
			if (!reply_candidate(t, i, le, b, e, excl))
				continue;
			/* an aside ("sent by s to l", a signature): not it */
			if (!failure_context(t, i, le, e, n))
				continue;
			/* two recipients: whose reply it is, nothing says */
			if (fe && (fe - fb != e - b ||
			    strncasecmp(t + fb, t + b, e - b)))
				return 0;
			fb = b;
			fe = e;
		}
		i = le + 1;
	}
	if (!fe || (!reply && !delay))
		return 0;
	a = xstrndup(t + fb, fe - fb);
	bounce_seg_add(rs, nrs, a, reply, rl);
	free(a);
	return reply ? one[0] - '0' : 4;
}
