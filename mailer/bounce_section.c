/*
 * bounce_section: the parts of a notice's text that name no failed
 * recipient (see bounce_section.h): a heading over the recipients that
 * were reached, the header block of a quoted message, an SMTP transcript's
 * accepted RCPT, and a recipient's own lines saying it was delivered.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "bounce_addr.h"
#include "bounce_fold.h"
#include "bounce_rules.h"
#include "bounce_section.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_FIELD_NAME	32		/* bytes of a quoted field's name */
#define MAX_BLOCK_LINES	64		/* lines of a quoted header block */
/* bytes after an address read for limits */
#define NEAR_LINES	256

/*
 * The length of the colon that ends l[0..e), ASCII or full-width ("：",
 * as Chinese and Japanese headings end), 0 when none ends it.
 */
static size_t
end_colon(const char *l, size_t e)
{
	if (e && l[e - 1] == ':')
		return 1;
	if (e >= 3 && !memcmp(l + e - 3, "\xef\xbc\x9a", 3))
		return 3;
	return 0;
}

/*
 * 1 when l[0..e) ends in a full stop ('.', "。") and the next line of
 * t[0..tn), at l + e on, leads with an address: a heading over a list
 * ("以下の宛先へは配信が完了しました。", "... delivered to these
 * recipients.") need not end in a colon.
 */
static int
stop_over_list(const char *t, size_t tn, const char *l, size_t e)
{
	const char *nl, *eol;
	size_t k, ln;

	if (!((e && l[e - 1] == '.') || (e >= 3 &&
	    !memcmp(l + e - 3, "\xe3\x80\x82", 3))) ||
	    !(nl = memchr(l + e, '\n', tn - (size_t)(l + e - t))))
		return 0;
	k = (size_t)(nl + 1 - t);
	eol = memchr(t + k, '\n', tn - k);
	ln = eol ? (size_t)(eol - t) - k : tn - k;
	k += bounce_indent(t + k, ln);
	while (k < tn && t[k] == '<')
		k++;
	while (k < tn && !bounce_is_blank(t[k]) && t[k] != '\n' &&
	    t[k] != '@' && t[k] != '>')
		k++;
	return k < tn && t[k] == '@';
}

/* bytes above a heading read for the start of its sentence */
#define MAX_HEADING_ABOVE	300

/*
 * Where the sentence that ends at t[i] starts: after the blank line, the
 * sentence's end (".", "!", "?", ":", "。") or the address above it, at
 * most MAX_HEADING_ABOVE bytes back.
 */
static size_t
sentence_start(const char *t, size_t i)
{
	size_t k = i, lo = i > MAX_HEADING_ABOVE ? i - MAX_HEADING_ABOVE : 0;

	while (k > lo) {
		char c = t[k - 1];

		if (c == '\n') {
			size_t j = k - 1;

			while (j > lo && bounce_is_blank(t[j - 1]))
				j--;
			if (j == lo || t[j - 1] == '\n')
				return k;
		} else if (c == '@' || (c && strchr(".!?:", c) &&
		    (bounce_is_blank(t[k]) || t[k] == '\n')) || (k >= 3 &&
		    !memcmp(t + k - 3, "\xe3\x80\x82", 3)))
			return k;
		k--;
	}
	return k;
}

/*
 * 1 when the heading t[i..i + e) says the addresses under it were
 * reached: a success cue, or a verb of delivery in a sentence that
 * negates nothing ("Your message was delivered to the remaining
 * recipients:", "Die Nachricht wurde an diese Empfänger erfolgreich
 * zugestellt:").  The sentence may begin lines above: "... could not
 * yet be" / "delivered to:" says its "not" there.
 */
static int
success_heading(const char *t, size_t tn, size_t i, size_t e)
{
	struct buf b = BUF_INIT;
	size_t s = sentence_start(t, i);
	unsigned cues;
	char *low;
	int r;

	if ((!end_colon(t + i, e) && !stop_over_list(t, tn, t + i, e)) ||
	    memchr(t + i, '@', e))
		return 0;
	/* spaces around it, so that rows match whole words at its ends */
	buf_add(&b, " ", 1);
	low = bounce_lower_dup(t + s, i - s + e);
	buf_add(&b, low, strlen(low));
	buf_add(&b, " ", 1);
	free(low);
	cues = bounce_cues(b.data, b.len);
	r = !(cues & BOUNCE_CUE_DELAY) &&
	    !bounce_failure_said(b.data, b.len) &&
	    ((cues & BOUNCE_CUE_SUCCESS) ||
	    ((bounce_list_match(bounce_success_headings, b.data, b.len) ||
	    bounce_list_match(bounce_success_heading_words, b.data, b.len)) &&
	    !bounce_list_match(bounce_heading_negations, b.data, b.len)));
	buf_free(&b);
	return r;
}

/* 1 when the line before t[i] is blank (or there is none) */
static int
after_blank(const char *t, size_t i)
{
	size_t k = i ? i - 1 : 0;

	while (k && bounce_is_blank(t[k - 1]))
		k--;
	return !k || t[k - 1] == '\n';
}

int
bounce_section_success(const char *t, size_t tn, size_t i, size_t n, int in)
{
	const char *l = t + i;
	size_t e = n;
	char *low;
	int r = in;

	while (e && bounce_is_blank(l[e - 1]))
		e--;
	if (e > 200)
		e = 200;
	/* outside a list, or in a paragraph of prose below it, which ends it */
	if (!in || (after_blank(t, i) && !memchr(l, '@', e)))
		return success_heading(t, tn, i, e);
	low = bounce_lower_dup(l, e);
	if (bounce_failure_said(low, strlen(low)))
		r = 0;
	else if (end_colon(l, e) || stop_over_list(t, tn, l, e))
		r = success_heading(t, tn, i, e);
	free(low);
	return r;
}

/* the most a transcript line's time stamp takes before its mark */
#define MAX_STAMP	48

size_t
bounce_transcript_mark(const char *l, size_t n, int reply)
{
	const char *old = reply ? "<<<" : ">>>", *arrow = reply ? "<-- " :
	    "--> ";
	size_t i = bounce_indent(l, n), k;

	if (n - i >= 3 && !strncmp(l + i, old, 3))
		return i + 3;
	/* MDaemon's " Sun 2004-12-05 17:59:58: --> RCPT To:<a>" */
	for (k = i; k + 4 <= n && k < i + MAX_STAMP && l[k] != '@' &&
	    l[k] != '\n'; k++)
		if (!memcmp(l + k, arrow, 4))
			return k + 4;
	return 0;
}

/*
 * The SMTP reply class ('2', '4', '5'...) of the transcript reply
 * ("<<< 250 ok", "<-- 250 ok") on the next non-blank line of s[0..n), 0
 * when the next line is no reply; *end is set past that line.
 */
static char
next_reply(const char *s, size_t n, size_t *end)
{
	size_t k = 0, m;
	const char *eol;

	while (k < n && (bounce_is_blank(s[k]) || s[k] == '\n'))
		k++;
	eol = memchr(s + k, '\n', n - k);
	*end = eol ? (size_t)(eol - s) + 1 : n;
	if (!(m = bounce_transcript_mark(s + k, *end - k, 1)))
		return 0;
	k += m;
	while (k < n && bounce_is_blank(s[k]))
		k++;
	return k < n ? s[k] : 0;
}

#define MAX_TRANSCRIPT	(64 * 1024)	/* transcript read past a command */

int
bounce_section_accepted(const char *l, size_t ll, const char *next,
    size_t nn)
{
	size_t k;

	if (!bounce_transcript_mark(l, ll, 0) ||
	    next_reply(next, nn, &k) != '2')
		return 0;
	if (nn > MAX_TRANSCRIPT)
		nn = MAX_TRANSCRIPT;
	while (k < nn) {
		const char *c = next + k;
		const char *eol = memchr(c, '\n', nn - k);
		size_t cl = eol ? (size_t)(eol - c) : nn - k, e;
		size_t ci = bounce_transcript_mark(c, cl, 0);
		char r;

		k += cl + 1;
		while (ci && ci < cl && bounce_is_blank(c[ci]))
			ci++;
		if (!ci || ci >= cl || k >= nn || (c[ci] != '.' &&
		    (cl - ci < 4 || strncasecmp(c + ci, "data", 4))))
			continue;
		r = next_reply(next + k, nn - k, &e);
		if (r == '4' || r == '5')
			return 0;
	}
	return 1;
}

/* bytes of an opener's line read for its words */
#define OPENER_LINE	200

/* 1 when the line l[0..n) opens a transcript ("Conversation with h:") */
static int
transcript_opener(const char *l, size_t n)
{
	char *low;
	int r;

	if (n > OPENER_LINE)
		n = OPENER_LINE;
	low = bounce_lower_dup(l, n);
	r = bounce_list_match(bounce_transcript_openers, low, strlen(low));
	free(low);
	return r;
}

/*
 * 1 when the transcript whose first command is the line at t[i] has a
 * recipient's command refused before it ends (a line of no mark).
 */
static int
rcpt_refused(const char *t, size_t n, size_t i)
{
	while (i < n) {
		const char *l = t + i, *eol = memchr(l, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - l) : n - i, k, e;
		char r;

		if (!(k = bounce_transcript_mark(l, ll, 0)) &&
		    !bounce_transcript_mark(l, ll, 1))
			return 0;
		i += ll + 1;
		while (k && k < ll && bounce_is_blank(l[k]))
			k++;
		if (!k || ll - k < 8 || strncasecmp(l + k, "rcpt to:", 8) ||
		    i >= n)
			continue;
		r = next_reply(t + i, n - i, &e);
		if (r == '4' || r == '5')
			return 1;
	}
	return 0;
}

int
bounce_section_transcript_refused(const char *t, size_t n)
{
	size_t i = 0, prev = 0, pl = 0;

	if (n > MAX_TRANSCRIPT)
		n = MAX_TRANSCRIPT;
	while (i < n) {
		const char *l = t + i, *eol = memchr(l, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - l) : n - i;

		if (bounce_transcript_mark(l, ll, 0) && pl &&
		    transcript_opener(t + prev, pl) && rcpt_refused(t, n, i))
			return 1;
		if (ll > bounce_indent(l, ll)) {
			prev = i;
			pl = ll;
		}
		i += ll + 1;
	}
	return 0;
}

/*
 * Length of the name of the field line l[0..n) ("Subject" in "Subject:
 * x", "보낸 사람" in "보낸 사람: x"): at most three words and no address
 * before the colon; 0 when the line is no field.
 */
static size_t
field_name(const char *l, size_t n)
{
	size_t k = 0;
	int words = 1;

	while (k < n && k <= MAX_FIELD_NAME && l[k] != ':') {
		if (l[k] == '@' || l[k] == '<' || l[k] == '>' || l[k] == '"' ||
		    l[k] == '\'' || l[k] == '(')
			return 0;
		if (bounce_is_blank(l[k]) && (!k ||
		    bounce_is_blank(l[k - 1]) || ++words > 3))
			return 0;
		k++;
	}
	if (!k || k >= n || k > MAX_FIELD_NAME || l[k] != ':' ||
	    bounce_is_blank(l[k - 1]))
		return 0;
	return k;
}

/* 1 when name[0..n), a field's short name, holds a reason word. */
static int
name_says_why(const char *name, size_t n)
{
	char f[MAX_FIELD_NAME + 1];

	n = bounce_fold(f, name, n);
	/*
	 * an extension field ("X-Virus-Status: Clean") is a returned
	 * message's, never a notice's reason for a recipient
	 */
	if (n > 2 && f[0] == 'x' && f[1] == '-')
		return 0;
	for (const char *const *w = bounce_reason_fields; *w; w++) {
		size_t wl = strlen(*w);

		for (size_t k = 0; k + wl <= n; k++)
			if (f[k] == (*w)[0] && !memcmp(f + k, *w, wl))
				return 1;
	}
	return 0;
}

#define VALUE_WORDS	3	/* words of a field's value broken off */

/*
 * 1 when l[0..n) has more words than a field's value broken from its
 * name ("<mailto:u@x>,", "List-Unsubscribe=One-Click", "Name <a>").
 */
static int
sentence_like(const char *l, size_t n)
{
	int words = 0;

	for (size_t i = 0; i < n; i++)
		if (!bounce_is_blank(l[i]) &&
		    (!i || bounce_is_blank(l[i - 1])) &&
		    ++words > VALUE_WORDS)
			return 1;
	return 0;
}

/*
 * 1 when l[0..n) is an address in angle brackets alone ("<a@d>"): the
 * end of a field's value broken off at its blank ("From: Name" /
 * "<a@d>"), before the run holds a subject too.
 */
static int
lone_angle_addr(const char *l, size_t n)
{
	while (n && bounce_is_blank(l[n - 1]))
		n--;
	return n > 4 && l[0] == '<' && l[n - 1] == '>' &&
	    memchr(l, '@', n) && !memchr(l, ' ', n) && !memchr(l, '\t', n);
}

#define RUN_FROM	1	/* run_fields(): a sender or date-sent field */
#define RUN_SUBJECT	2	/* a subject field */
#define RUN_WHY		4	/* a reason field (looked for only if asked) */
#define RUN_SUMMARY	8	/* a notice's own recipient label */

/*
 * What the run of field lines (with their folded continuations) that
 * starts at line t[i..] holds, RUN_* bits; where it ends into *run.
 */
static int
run_fields(const char *t, size_t n, size_t i, size_t *run, int why)
{
	size_t k = i, ind0 = 0, fi = 0;
	int r = 0, lines = 0;

	while (k < n && lines < MAX_BLOCK_LINES) {
		const char *l = t + k;
		const char *eol = memchr(l, '\n', n - k);
		size_t ll = eol ? (size_t)(eol - l) : n - k;
		size_t ind = 0, nl;

		while (ind < ll && (bounce_is_blank(l[ind]) || l[ind] == '>'))
			ind++;
		if (ind == ll)
			break;
		nl = field_name(l + ind, ll - ind);
		if (!(lines && ind > ind0) && !nl) {
			/*
			 * a field's value broken without folding whitespace
			 * ("List-Unsubscribe:" / "<mailto:u@x>"), as a relay
			 * or a notice's generator rewraps long lines: once
			 * the run holds the copy's sender and subject, it
			 * goes on with the field above (at its indentation or
			 * less) up to the blank line; a value is no sentence
			 * (a quoted notice's header block, its blank line
			 * dropped, above "This is the mail system at host h.")
			 */
			if (((r & (RUN_FROM | RUN_SUBJECT)) !=
			    (RUN_FROM | RUN_SUBJECT) &&
			    !lone_angle_addr(l + ind, ll - ind)) || ind > fi ||
			    sentence_like(l + ind, ll - ind))
				break;
		} else if (!(lines && ind > ind0)) {
			if (!lines)
				ind0 = ind;
			fi = ind;
			if (bounce_list_is(bounce_copy_from_fields, l + ind,
			    nl) || bounce_list_is(bounce_copy_sent_fields,
			    l + ind, nl))
				r |= RUN_FROM;
			if (bounce_list_is(bounce_copy_subject_fields,
			    l + ind, nl))
				r |= RUN_SUBJECT;
			if (why && name_says_why(l + ind, nl))
				r |= RUN_WHY;
			if (bounce_list_is(bounce_summary_fields, l + ind,
			    nl))
				r |= RUN_SUMMARY;
		}
		lines++;
		k += ll + 1;
	}
	*run = k < n ? k : n;
	return r;
}

/*
 * Steps *i over the lines of the block t[*i..run) (quoted as run_fields
 * reads them: "> To: a") to the next field named in names: 1 with
 * *v[0..*vl) its value and *i past its line, 0 at the block's end.
 */
static int
next_field(const char *t, size_t *i, size_t run, const char *const *names,
    const char **v, size_t *vl)
{
	while (*i < run) {
		const char *l = t + *i;
		const char *eol = memchr(l, '\n', run - *i);
		size_t ll = eol ? (size_t)(eol - l) : run - *i;
		size_t ind = 0, nl;

		*i += ll + 1;
		while (ind < ll && (bounce_is_blank(l[ind]) || l[ind] == '>'))
			ind++;
		nl = field_name(l + ind, ll - ind);
		if (nl && bounce_list_is(names, l + ind, nl)) {
			*v = l + ind + nl;
			*vl = ll - ind - nl;
			return 1;
		}
	}
	return 0;
}

/*
 * Reads the "To:" fields of the block t[i..run): 1 when one names an
 * address of set (may be NULL); *to counts them, *bare those that name
 * no address at all.
 */
static int
to_fields(const char *t, size_t i, size_t run,
    const struct bounce_addrset *set, int *to, int *bare)
{
	const char *v;
	size_t vl;
	int r = 0;

	*to = *bare = 0;
	while (!r && next_field(t, &i, run, bounce_copy_to_fields, &v, &vl)) {
		struct bounce_addrset addrs = { NULL, 0, 0 };

		bounce_addrset_scan(&addrs, v, vl, MAX_BLOCK_LINES);
		(*to)++;
		*bare += !addrs.n;
		for (size_t k = 0; set && k < addrs.n && !r; k++)
			r = bounce_addrset_has(set, addrs.v[k]);
		bounce_addrset_free(&addrs);
	}
	return r;
}

int
bounce_section_block_from_daemon(const char *t, size_t i, size_t run)
{
	const char *v;
	size_t vl;
	char *a;
	int r;

	if (!next_field(t, &i, run, bounce_copy_from_fields, &v, &vl))
		return 0;
	if ((a = bounce_first_addr(v, vl)))
		r = bounce_is_daemon(a) || bounce_is_exchange_system(a);
	else {
		a = bounce_lower_dup(v, vl);
		r = bounce_from_daemon(v, vl) ||
		    bounce_list_match(bounce_daemon_shown_names, a, strlen(a));
	}
	free(a);
	return r;
}

char *
bounce_section_block_field(const char *t, size_t i, size_t run,
    const char *const *names)
{
	const char *v;
	size_t vl;

	if (!next_field(t, &i, run, names, &v, &vl))
		return NULL;
	/* past the colon that ends the name, ASCII or full-width */
	while (vl && bounce_is_blank(*v))
		v++, vl--;
	if (vl && *v == ':')
		v++, vl--;
	else if (vl >= 3 && !memcmp(v, "\xef\xbc\x9a", 3))
		v += 3, vl -= 3;
	while (vl && bounce_is_blank(*v))
		v++, vl--;
	return xstrndup(v, vl);
}

int
bounce_section_block_to(const char *t, size_t i, size_t run,
    const struct bounce_addrset *set)
{
	int to, bare;

	return to_fields(t, i, run, set, &to, &bare);
}

int
bounce_section_block_to_name(const char *t, size_t i, size_t run)
{
	int to, bare;

	to_fields(t, i, run, NULL, &to, &bare);
	return to && bare == to;
}

int
bounce_section_quoted_header(const char *t, size_t n, size_t i, size_t *run)
{
	const int both = RUN_FROM | RUN_SUBJECT;

	int r = run_fields(t, n, i, run, 0);

	/*
	 * a field no message's header has ("Recipient: a / Sender: s /
	 * Subject: x") makes the run the notice's summary of what failed
	 */
	return (r & (both | RUN_SUMMARY)) == both &&
	    run_fields(t, n, i, run, 1) == both;
}

/* 1 when name[0..n) ends with a status field's name ("投递状态"). */
static int
status_name(const char *name, size_t n)
{
	char f[MAX_FIELD_NAME + 1];

	n = bounce_fold(f, name, n);
	for (const char *const *w = bounce_status_fields; *w; w++) {
		size_t wl = strlen(*w);

		if (wl <= n && !memcmp(f + n - wl, *w, wl) &&
		    (wl == n || (unsigned char)**w >= 0x80 ||
		    bounce_is_blank(f[n - wl - 1])))
			return 1;
	}
	return 0;
}

/*
 * 1 when s[0..n) holds a server's 2xx reply right after a colon and a
 * blank, as Postfix writes one it had no enhanced code for ("<a>:
 * delivery via mx[192.0.2.1]:25: 250 OK: queued as 4Fx9", NetEase's
 * "250 Mail OK queued as ..."): the reply of an accepted message.
 */
static int
reply_after_colon_accepted(const char *s, size_t n)
{
	for (size_t i = 2; i + 4 <= n; i++)
		if (s[i] == '2' && s[i - 1] == ' ' && s[i - 2] == ':' &&
		    isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) &&
		    (s[i + 3] == ' ' || s[i + 3] == '-'))
			return 1;
	return 0;
}

#define AGENT_RELAY	256		/* bytes of a relay's name read */

/*
 * 1 when s[0..n) holds a Postfix delivery agent's record of a delivery,
 * as its trace writes one in a report of success ("<a>: delivery via
 * local: delivered to mailbox", pipe(8)'s "delivery via dovecot:
 * delivered via dovecot service"), however the report wraps it: the
 * text after "delivery via RELAY: " starts with a row of
 * bounce_agent_delivered.
 */
static int
agent_delivered(const char *s, size_t n)
{
	char *low = bounce_lower_dup(s, n), *p;
	size_t k = 0;
	int r = 0;

	for (size_t i = 0; low[i]; i++) {
		int sp = low[i] == ' ' || low[i] == '\t' || low[i] == '\n' ||
		    low[i] == '\r';

		if (!sp)
			low[k++] = low[i];
		else if (k && low[k - 1] != ' ')
			low[k++] = ' ';
	}
	low[k] = '\0';
	for (p = low; !r && (p = strstr(p, "delivery via ")) != NULL;
	    p += 13) {
		size_t left = k - (size_t)(p + 13 - low);
		const char *q = memmem(p + 13, left < AGENT_RELAY ? left :
		    AGENT_RELAY, ": ", 2);

		r = q && bounce_list_prefix(bounce_agent_delivered, q + 2,
		    k - (size_t)(q + 2 - low));
	}
	free(low);
	return r;
}

/*
 * 1 when a recipient's lines s[0..n) report its delivery and nothing
 * else: success words or a 2.x.x code ("<a>: delivery via mx: 250 2.0.0
 * Ok", "<a>... Successfully delivered to mailing list"), and no failure
 * or delay words, no 4.x.x or 5.x.x code, no 4xx or 5xx reply.  The
 * daemon wrote its report of success without the delivery-status part
 * that says so; its template's words ("this is the mail system",
 * "delivery errors") are no failure of this recipient.
 */
static int
lines_say_delivered(const char *s, size_t n)
{
	char st[16];
	unsigned cues = bounce_cues(s, n);
	char *low;
	int r;

	if (cues & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY | BOUNCE_CUE_FINAL) ||
	    bounce_smtp_class(s, n))
		return 0;
	if (bounce_find_status(s, n, st) ? st[0] != '2' :
	    !(cues & BOUNCE_CUE_SUCCESS) && !reply_after_colon_accepted(s, n) &&
	    !agent_delivered(s, n))
		return 0;
	low = bounce_lower_dup(s, n);
	r = !bounce_failure_said(low, strlen(low));
	free(low);
	return r;
}

/*
 * 1 when the first paragraph of a recipient's lines, s[0..n), says it was
 * no failed recipient: a status field saying delivered ("Status:
 * delivered", "投递状态: 成功"), its lines reporting its delivery, or
 * words of our own sending limits.
 */
static int
says_not_failed(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *l = s + i;
		const char *eol = memchr(l, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - l) : n - i;
		size_t ind = bounce_indent(l, ll), nl, v;

		if (i && ind == ll)
			break;
		nl = field_name(l + ind, ll - ind);
		if (nl && status_name(l + ind, nl)) {
			v = ind + nl + 1;
			while (v < ll && bounce_is_blank(l[v]))
				v++;
			return bounce_list_prefix(bounce_delivered_values,
			    l + v, ll - v);
		}
		i += ll + 1;
	}
	if (lines_say_delivered(s, i < n ? i : n))
		return 1;
	{
		/* the lines next to the address, not a pasted report */
		char *low = bounce_lower_dup(s, i < n ? (i < NEAR_LINES ? i :
		    NEAR_LINES) : (n < NEAR_LINES ? n : NEAR_LINES));
		int r = bounce_list_match(bounce_sending_words, low,
		    strlen(low));

		free(low);
		return r;
	}
}

void
bounce_section_drop_not_failed(struct bounce_seg *rs, size_t *nrs,
    size_t from)
{
	size_t k = from;

	for (size_t i = from; i < *nrs; i++) {
		if (rs[i].seg && says_not_failed(rs[i].seg, rs[i].seglen)) {
			free(rs[i].address);
			continue;
		}
		rs[k++] = rs[i];
	}
	*nrs = k;
}
