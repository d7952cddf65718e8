/*
 * bounce: bounce classification on a buffer (see bounce.h).
 *
 * RFC 3464 delivery status notifications, RFC 3463 status codes, RFC 3834
 * auto-replies, RFC 5965 feedback reports.  This file weighs the evidence
 * and classifies each recipient; the work below it is split by
 * responsibility, all internal to the bounce modules:
 *   bounce_mime.c   raw message -> notice, DSN, ARF, returned-original texts
 *   bounce_rcpt.c   DSN fields, SES JSON -> recipients with diagnostics
 *   bounce_line.c   a notice's text -> the recipients it names as failed
 *   bounce_hits.c   one line of it -> the addresses it names as failed
 *   bounce_phrase.c the words around an address: do they say it failed
 *   bounce_section.c  the parts of that text that name no failed recipient
 *   bounce_reason.c which words of a notice are one recipient's reason
 *   bounce_addr.c   addresses in free text, address sets
 *   bounce_text.c   clean UTF-8, header fields, RFC 2047, status codes
 *   bounce_rules.c  the phrasings of non-standard notices, as data
 *   bounce_json.c   the JSON line of the stable interface
 * Every size is bounded: MIME nesting and part count, recipients, header
 * values and the amount of text scanned, so a hostile or huge message costs
 * linear time and bounded extra memory.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bounce.h"
#include "bounce_addr.h"
#include "bounce_fold.h"
#include "bounce_line.h"
#include "bounce_mime.h"
#include "bounce_rcpt.h"
#include "bounce_reason.h"
#include "bounce_rules.h"
#include "bounce_section.h"
#include "bounce_text.h"
#include "iconvcache.h"
#include "smtpwire.h"
#include "util.h"

#define MAX_ENVELOPE	32
#define MAX_EXCLUDED	256	/* addresses known to be no recipient */
#define MAX_SUBJECT_TAGS 4	/* bracketed tags before a subject's words */

/* How a notice says it is an auto-reply (parse.auto_ev), weakest first. */
enum {
	AUTO_NONE,
	AUTO_FIELD,	/* a field: Auto-Submitted, X-Autoreply ... */
	AUTO_TEXT,	/* its text: an absence, a challenge */
	AUTO_SUBJECT	/* its Subject */
};

/* What an Italian PEC notice's X-Ricevuta field says (parse.pec). */
enum {
	PEC_NONE,
	PEC_FAILED,	/* "errore-consegna": delivery failed */
	PEC_WARNING	/* "preavviso-errore-consegna": not yet, after 12 h */
};

/* One bounce_parse call. */
struct parse {
	const char *msg;
	size_t hl;		/* msg[0..hl) is the notice's header block */
	struct bounce_hdrs own;	/* its fields */
	struct bounce_scan sc;
	const char *notice;	/* sc.notice's text, "" when none */
	struct bounce_addrset env;	/* becomes the report's envelope */
	struct bounce_addrset excl;	/* addresses that are no recipient */
	struct bounce_seg *rs;
	size_t nrs;
	struct bounce_dsn_tally tally;
	char *lsubj;		/* Subject, lower-cased; "" if none */
	char *nsubj;		/* lsubj without the returned message's */
	char *wsubj;		/* nsubj's words: its names blanked */
	char *from;		/* the notice's sender, may be NULL */
	int from_daemon;	/* that sender is a mail system's */
	int from_service;	/* its display name is a mail system's */
	int bounce_ev;		/* evidence of a delivery failure */
	int auto_ev;		/* evidence of an auto-reply: AUTO_* */
	int complaint_ev;	/* a complaint that is no RFC 5965 report */
	int list_admin;		/* a list manager's notice about its list */
	/* it passes on a notice about mail the list did not send */
	int list_passes;
	int quoted;		/* the notice read is one quoted whole */
	int human_reply;	/* its subject answers an auto-reply */
	int answer;		/* its subject answers a message ("Re:") */
	int list_from;		/* sent by a list manager or a list's owner */
	unsigned cues;		/* bounce_cues() of the notice */
	int final_heading;	/* a framed heading over failed recipients */
	int pec;		/* PEC_* */
};

/*
 * A report's generic Status ("5.0.0") yields to the code of the server's
 * own reply in its Diagnostic-Code ("450 4.7.1 ... Greylisted ... retry
 * timeout exceeded"): Exim and Courier give up on a refusal that was
 * only ever temporary with 5.0.0, and the reply's code says it was.
 */
static void
generic_status_yields(struct bounce_seg *r)
{
	const char *dc;
	char st[16];

	if (!r->from_dsn || strcmp(r->status + 1, ".0.0"))
		return;
	dc = bounce_find_ci(r->seg, r->seglen, "diagnostic-code:");
	if (dc && bounce_find_status(dc, r->seglen - (size_t)(dc - r->seg),
	    st) && st[0] != '2')
		memcpy(r->status, st, sizeof st);
}

/*
 * The reason a recipient's own lines give (its diagnostic, then its text's
 * second segment), both clipped to the notice; the status they carry goes
 * to r->status, their SMTP reply class (4, 5, 0 when none) to *cls.
 */
static const struct bounce_rule *
own_lines_rule(struct bounce_seg *r, const char *notice, size_t nlen,
    int *cls)
{
	const struct bounce_rule *rule = NULL;
	char st[16] = "";

	bounce_reason_within(notice, nlen, r->seg, &r->seglen);
	bounce_reason_within(notice, nlen, r->seg2, &r->seg2len);
	if (r->seg && r->seglen) {
		rule = bounce_reason_rule(r->seg, r->seglen);
		if (!r->status[0] && bounce_find_status(r->seg, r->seglen, st))
			memcpy(r->status, st, sizeof st);
		generic_status_yields(r);
		*cls = bounce_smtp_class(r->seg, r->seglen);
	}
	if (r->seg2 && r->seg2len) {
		/* a generic DSN status yields to the text's specific one */
		if ((!r->status[0] || !strcmp(r->status + 1, ".0.0")) &&
		    bounce_find_status(r->seg2, r->seg2len, st))
			memcpy(r->status, st, sizeof st);
		if (!rule)
			rule = bounce_reason_rule(r->seg2, r->seg2len);
		if (!*cls)
			*cls = bounce_smtp_class(r->seg2, r->seg2len);
	}
	return rule;
}

/*
 * The reason of a recipient whose own lines give none: its own code's, the
 * heading of its list's (*heard set), then the notice's words; NULL when
 * none of them gives one.
 */
static const struct bounce_rule *
notice_rule(const struct bounce_seg *r, const char *notice, size_t nlen,
    const struct bounce_seg *all, size_t nall, int *heard)
{
	int several = nall > 1;
	const struct bounce_rule *rule = NULL;

	/*
	 * in a notice naming several recipients, one's own code of a reason
	 * that spares the address (x.2.2 full, x.4.7 expired...) says why
	 * before another's words elsewhere in the notice can ("<a>: no
	 * mailbox here" above "<b>: mailfolder over the allowed quota
	 * (#5.2.2)")
	 */
	if (several && r->status[0] &&
	    bounce_rule_for_status(r->status) &&
	    !bounce_rule_for_status(r->status)->status[0])
		rule = bounce_rule_for_status(r->status);
	/*
	 * in a notice naming several, one whose own lines say no reason
	 * takes the heading of its list, then the notice's words, but not
	 * the words of another recipient's own lines that make an address
	 * dead ("<a>: ... User unknown" beside "<b>: ... 550 Message not
	 * accepted" leaves b without a reason)
	 */
	if (!rule && several) {
		size_t hn = 0;
		const char *h = bounce_reason_heading(r, all, nall, notice,
		    nlen, &hn);

		if (h && hn && (rule = bounce_reason_rule(h, hn)) != NULL)
			*heard = 1;
	}
	if (!rule && nlen) {
		rule = bounce_reason_rule(notice, nlen);
		if (several && rule && rule->hard && r->status[0] != '4' &&
		    bounce_reason_others(rule, r, all, nall, notice, nlen))
			rule = NULL;
	}
	return rule;
}

/*
 * The reason once the recipient's code has been weighed against the
 * wording that gave rule: own is the one its own lines gave, heard set when
 * rule is its list's heading's.
 */
static const struct bounce_rule *
codes_over_wording(const struct bounce_seg *r,
    const struct bounce_rule *rule, const struct bounce_rule *own,
    int heard, int several, int delay)
{
	/*
	 * A delay has not expired (its time has not run out): wording of an
	 * expiry in a delay warning ("has not been delivered", "will be
	 * returned after 5 days") is no reason, unless its code says so.
	 */
	if (delay && rule && !strcmp(rule->reason, "expired") &&
	    strcmp(r->status + 1, ".4.7"))
		rule = NULL;
	/*
	 * nor is an address dead that a server asks to try again later
	 * ("451 4.7.1 Recipient address rejected: try again later"): its
	 * code says why, when it says anything
	 */
	if (delay && rule && rule->hard && r->status[0] &&
	    bounce_rule_for_status(r->status))
		rule = bounce_rule_for_status(r->status);
	/*
	 * Codes that name the address's fate outrank the wording, unless the
	 * wording gives a reason that spares the address (full mailbox,
	 * blocked sender, policy, spam, expiry): servers put 5.1.1 on all
	 * sorts of refusals, and a wrong "hard" suppresses a live reader.
	 * A bare "rejected" yields to the code; a refusal whose wording
	 * names the sender does not ("550 5.1.0 sender rejected").
	 */
	if (r->status[0] == '5' && bounce_rule_for_status(r->status) &&
	    bounce_rule_for_status(r->status)->status[0] &&
	    !(rule && (!several || rule == own || heard) &&
	    !rule->hard && (strcmp(rule->reason, "rejected") ||
	    strstr(rule->pattern, "sender") ||
	    strstr(rule->pattern, "sending"))))
		rule = bounce_rule_for_status(r->status);
	/*
	 * and a code that says the mailbox is there (x.2.2: full) outranks
	 * wording that calls the address dead ("550 5.2.2 ... User
	 * unknown"): RFC 3463's code is the part meant for machines
	 */
	if (r->status[0] == '5' && rule && rule->hard &&
	    !strcmp(r->status + 1, ".2.2"))
		rule = bounce_rule_for_status(r->status);
	/*
	 * as does a code of a refusal by policy (x.7.x) over Postfix's
	 * "Recipient address rejected:", its prefix for any restriction
	 * ("554 5.7.1 <a>: Recipient address rejected: Access denied", an
	 * access table's default text), when no words after it say more
	 */
	if (rule && rule->hard && !strncmp(r->status + 1, ".7.", 3) &&
	    (!strcmp(rule->pattern, "recipient address rejected") ||
	    !strcmp(rule->pattern, "address rejected")) &&
	    bounce_rule_for_status(r->status))
		rule = bounce_rule_for_status(r->status);
	return rule;
}

/*
 * The notice's first code becomes r's status when r has none of its own
 * and no report's, unless another recipient's own lines carry it.
 */
static void
notice_status(struct bounce_seg *r, const char *notice, size_t nlen,
    const struct bounce_seg *all, size_t nall)
{
	char st[16] = "";

	if (!r->status[0] && !r->from_dsn &&
	    bounce_find_status(notice, nlen, st) &&
	    !(nall > 1 &&
	    bounce_reason_others_status(st, r, all, nall, notice, nlen)))
		memcpy(r->status, st, sizeof st);
}

/*
 * The status of a recipient that has none: rule's (5.0.0 when it names
 * none), its class 4 when temporary and 5 otherwise.
 */
static void
status_by_default(struct bounce_seg *r, const struct bounce_rule *rule,
    int temporary)
{
	const char *inf = rule && rule->status[0] ? rule->status : "5.0.0";

	snprintf(r->status, sizeof r->status, "%s", inf);
	if (temporary)
		r->status[0] = '4';
	else
		r->status[0] = '5';
}

static void
rcpt_finish(struct bounce_rcpt *out, struct bounce_seg *r, const char *notice,
    size_t nlen, int delay, const struct bounce_seg *all, size_t nall)
{
	int several = nall > 1, heard = 0;
	const struct bounce_rule *rule, *own;
	int cls = 0;

	rule = own = own_lines_rule(r, notice, nlen, &cls);
	if (!rule)
		rule = notice_rule(r, notice, nlen, all, nall, &heard);
	rule = codes_over_wording(r, rule, own, heard, several, delay);
	/*
	 * The notice's first code is this recipient's unless the notice
	 * names several and this one's own lines gave a hard reason: then
	 * the code may be another's ("a: unknown local-part" above "b:
	 * mailbox is full ... 452 4.2.2"), and must not soften a's.  Nor
	 * is it this one's when another's own lines carry it, whatever
	 * reason this one took from the notice's words ("a" / "b 550 5.1.1
	 * no such user" / "c: mailbox full": a's words are c's, its code
	 * none).
	 */
	if (several && own && own->hard)
		nlen = 0;
	notice_status(r, notice, nlen, all, nall);
	if (!cls)
		cls = bounce_smtp_class(notice, nlen);
	if (r->status[0] == '2')
		r->status[0] = '\0';
	if (!rule && r->status[0])
		rule = bounce_rule_for_status(r->status);
	if (!r->status[0])
		status_by_default(r, rule, delay || cls == 4);
	/* a copy: the other recipients' lines are still read by address */
	out->address = xstrdup(r->address);
	memcpy(out->status, r->status, sizeof out->status);
	out->hard = rule && rule->hard && r->status[0] == '5' && !delay;
	if (rule)
		out->reason = xstrdup(rule->reason);
	else	/* nothing said why (a delay's expiry words say nothing) */
		out->reason = xstrdup("undefined");
}


static void
envelope_add(struct bounce_addrset *env, const struct bounce_hdrs *x,
    const char *name)
{
	struct buf v = BUF_INIT;

	for (int k = 0; k < MAX_ENVELOPE && bounce_hdrs_get(x, name, k, &v);
	    k++)
		bounce_addrset_scan_whole(env, v.data, v.len, MAX_ENVELOPE);
	buf_free(&v);
}

/* The length of the opening bracket of a subject's tag at s, 0 if none. */
static size_t
tag_open(const char *s, size_t n)
{
	size_t k = 0;

	if (n && (*s == '[' || *s == '(' || *s == '{'))
		return 1;
	if (n >= 3 && !memcmp(s, "\xe3\x80\x90", 3))	/* 【 */
		return 3;
	/* a filter's "***SPAM***", "*** EXTERNAL ***" */
	while (k < n && s[k] == '*')
		k++;
	return k >= 2 ? k : 0;
}

/*
 * The end of the tag whose opening bracket (ob bytes) starts s[0..n),
 * past its closing one; NULL when it is not closed.
 */
static const char *
tag_close(const char *s, size_t n, size_t ob)
{
	const char *close;

	if (*s == '*') {
		close = memchr(s + ob, '*', n - ob);
		while (close && close < s + n && *close == '*')
			close++;
		return close;
	}
	if (ob == 3)
		close = memmem(s, n, "\xe3\x80\x91", 3);	/* 】 */
	else
		close = memchr(s, *s == '[' ? ']' : *s == '(' ? ')' : '}', n);
	return close ? close + ob : NULL;
}

/*
 * Steps *s[0..*n) over the tags a filter or a person put before a subject
 * ("[EXTERNAL] ", "***SPAM*** "), so that what follows them is read as
 * the subject's start.
 */
static void
skip_tags(const char **s, size_t *n)
{
	for (int tags = 0; tags < MAX_SUBJECT_TAGS; tags++) {
		const char *close;
		size_t ob;

		while (*n && bounce_is_blank(**s))
			(*s)++, (*n)--;
		if (!(ob = tag_open(*s, *n)) ||
		    !(close = tag_close(*s, *n, ob)))
			return;
		*n -= (size_t)(close - *s);
		*s = close;
	}
}

/*
 * Step *s[0..*n) over the reply and forward prefixes that start a subject
 * ("Re: ", "AW: Fwd: "); 1 when there was one.
 */
static int
skip_reply_prefixes(const char **s, size_t *n)
{
	int prefixed = 0;
	size_t k;

	for (;;) {
		while (*n && bounce_is_blank(**s))
			(*s)++, (*n)--;
		k = 0;
		for (const char *const *r = bounce_reply_subject_prefixes;
		    *r && !k; r++)
			k = bounce_fold_prefix(*s, *n, *r);
		if (!k)
			return prefixed;
		*s += k;
		*n -= k;
		prefixed = 1;
	}
}

/*
 * 1 when the subject s answers a message ("Re: Issue 12", "[ext] AW:
 * ..."), as no forward ("Fwd:", "WG:") does.
 */
static int
answers_message(const char *s)
{
	size_t n = strlen(s);

	skip_tags(&s, &n);
	while (n && bounce_is_blank(*s))
		s++, n--;
	for (const char *const *r = bounce_answer_subject_prefixes; *r; r++)
		if (bounce_fold_prefix(s, n, *r))
			return 1;
	return 0;
}

/*
 * 1 when the subject s, which answers no message (answers_message),
 * forwards one ("Fwd: ...", "[ext] WG: ...").
 */
static int
forwards_message(const char *s)
{
	size_t n = strlen(s);

	skip_tags(&s, &n);
	return skip_reply_prefixes(&s, &n);
}

/*
 * 1 when the subject s replies to or forwards an auto-reply ("RE:
 * Automatic reply: Issue 12", "Fwd: Out of Office: ..."): a person
 * answering one, whose quoted words are no evidence.
 */
static int
answers_autoreply(const char *s)
{
	size_t n = strlen(s);
	int prefixed;

	skip_tags(&s, &n);
	prefixed = skip_reply_prefixes(&s, &n);

	for (const char *const *r = bounce_autoreply_subjects; prefixed && *r;
	    r++)
		if (bounce_fold_prefix(s, n, *r))
			return 1;
	return 0;
}

/*
 * 1 when a row of list leads s[0..n) as a phrase of its own: the row ends
 * at the end of s or before a mark ("Vacation", "Out of Office: Issue 12",
 * "Auto Response - Issue 12"), not before another word ("Vacation photos",
 * "Out of office policy").  A row ending in a mark ("auto:") or in a
 * letter of a script without spaces ("不在通知") needs no such end.
 */
static int
subject_phrase_leads(const char *const *list, const char *s, size_t n)
{
	for (const char *const *r = list; *r; r++) {
		size_t k = bounce_fold_prefix(s, n, *r), rl = strlen(*r);
		unsigned char last = (unsigned char)(*r)[rl - 1];

		if (!k)
			continue;
		if (last >= 0x80 || !isalnum(last))
			return 1;
		while (k < n && bounce_is_blank(s[k]))
			k++;
		if (k == n || !isalnum((unsigned char)s[k]))
			return 1;
	}
	return 0;
}

/*
 * 1 when a phrase of list (lower-case ASCII) stands in s[0..n) as the
 * subject's own statement: Lotus Notes' "Marco Neri is out of the
 * office." or "... is out of the office (returning 7 Jan)".  Not after a
 * reply or forward prefix ("Re: Who is out of the office?" is a person's,
 * as is a reply to Notes' notice), nor before a question mark or another
 * word ("Who is out of the office?", "... is out of the office today").
 */
static int
subject_phrase_closes(const char *const *list, const char *s, size_t n)
{
	skip_tags(&s, &n);
	if (skip_reply_prefixes(&s, &n))
		return 0;
	for (const char *const *r = list; *r; r++) {
		size_t rl = strlen(*r), at = 0;
		const char *f;

		while ((f = bounce_find_ci(s + at, n - at, *r))) {
			size_t k = (size_t)(f - s) + rl;

			while (k < n && bounce_is_blank(s[k]))
				k++;
			if (k == n || (!isalnum((unsigned char)s[k]) &&
			    s[k] != '?' && (unsigned char)s[k] < 0x80))
				return 1;
			at = (size_t)(f - s) + 1;
		}
	}
	return 0;
}

/*
 * 1 when the lower-cased subject s says it is an auto-reply: one of its
 * subject rows leads it (bounce_autoreply_subjects), or leads one of the
 * bracketed tags it starts with or follows them ("[#1] Request received:
 * Issue 13", "[부재중] 자동 응답: ...", "【不在のお知らせ】Issue 12"), or it
 * states an established phrase (bounce_autoreply_subject_phrases, as
 * subject_phrase_closes reads them).  A row further on is a person's word
 * ("Photos from our vacation").
 */
static int
autoreply_subject(const char *s)
{
	size_t n = strlen(s), ob;

	if (subject_phrase_closes(bounce_autoreply_subject_phrases, s, n))
		return 1;
	for (int tags = 0; tags < MAX_SUBJECT_TAGS; tags++) {
		const char *close;

		while (n && bounce_is_blank(*s))
			s++, n--;
		if (subject_phrase_leads(bounce_autoreply_subjects, s, n))
			return 1;
		if (!(ob = tag_open(s, n)))
			return 0;
		if (subject_phrase_leads(bounce_autoreply_subjects, s + ob,
		    n - ob))
			return 1;
		if (!(close = tag_close(s, n, ob)))
			return 0;
		n -= (size_t)(close - s);
		s = close;
	}
	return 0;
}

/* Subject, From, envelope and auto-reply evidence of the notice itself. */
/*
 * 1 when the From field v[0..n) gives its address a mail system's display
 * name ("Mail Delivery Service <a>"): the words before the bracket.
 */
static int
service_name(const char *v, size_t n)
{
	const char *s = memchr(v, '<', n);
	char *l;
	int r;

	if (!s)
		return 0;
	l = bounce_lower_dup(v, (size_t)(s - v));
	r = bounce_list_match(bounce_daemon_names, l, strlen(l)) != 0;
	free(l);
	return r;
}

#define MIN_RETURNED_SUBJECT 6	/* shorter ones may be the notice's words */

/*
 * The lower-cased Subject ls without the returned message's, rs, which
 * notices repeat ("Undeliverable: Delivery delayed? Our tips"): a
 * newsletter's words say nothing of a failure or a delay.  A Subject that
 * is only the returned one, or adds no word of its own, is kept whole.
 * The returned Subject is taken from the returned header only: a
 * "Subject:" line of the notice's text may be another's.
 */
static char *
own_subject(const char *ls, const char *rs)
{
	char *own = xstrdup(ls), *low, *at;
	size_t n, words = 0;

	if (!rs)
		return own;
	low = bounce_lower_dup(rs, strlen(rs));
	n = strlen(low);
	while (n && bounce_is_blank(low[n - 1]))
		low[--n] = '\0';
	at = n >= MIN_RETURNED_SUBJECT ? strstr(own, low) : NULL;
	if (at) {
		memset(at, ' ', n);
		for (const char *c = own; *c; c++)
			words += isalnum((unsigned char)*c) || (*c & 0x80);
		if (words < 3)
			memcpy(at, ls + (at - own), n);
	}
	free(low);
	return own;
}

/* The Subject, lower-cased, without the returned one's, and its words. */
static void
read_own_subject(struct parse *p, struct buf *v)
{
	if (bounce_hdrs_get(&p->own, "Subject", 0, v)) {
		char *subject = bounce_decode_2047(v->data);

		p->lsubj = bounce_lower_dup(subject, strlen(subject));
		free(subject);
	} else
		p->lsubj = xstrdup("");
	p->nsubj = own_subject(p->lsubj, p->sc.rsubj);
	/* "Rcpt=[a@delayed.example.net]" says no delay */
	p->wsubj = xstrdup(p->nsubj);
	bounce_blank_names(p->wsubj, strlen(p->wsubj));
}

/*
 * The notice's sender and addressees: the envelope, and the addresses
 * that are no failed recipient.
 */
static void
read_own_side(struct parse *p, struct buf *v)
{
	const struct bounce_hdrs *x = &p->own;

	if (bounce_hdrs_get(x, "From", 0, v)) {
		p->from = bounce_first_addr(v->data, v->len);
		p->from_daemon = bounce_from_daemon(v->data, v->len);
		p->from_service = service_name(v->data, v->len);
	}
	envelope_add(&p->env, x, "Delivered-To");
	envelope_add(&p->env, x, "To");
	/*
	 * The notice's addressees are its sender's side, never a failed
	 * recipient.  X-Original-To is not one of them: DragonFly's dma
	 * writes the failed recipient there.
	 */
	for (size_t i = 0; i < p->env.n; i++)
		bounce_addrset_add(&p->excl, p->env.v[i], MAX_EXCLUDED);
	p->excl.sender = p->excl.n;
	envelope_add(&p->env, x, "X-Original-To");
	if (p->from && !p->from_service)
		bounce_addrset_add(&p->excl, p->from, MAX_EXCLUDED);
	if (bounce_hdrs_get(x, "Return-Path", 0, v))
		bounce_addrset_scan(&p->excl, v->data, v->len, MAX_EXCLUDED);
	if (bounce_hdrs_get(x, "Reply-To", 0, v))
		bounce_addrset_scan(&p->excl, v->data, v->len, MAX_EXCLUDED);
}

/* The fields that mark an auto-reply. */
static void
read_auto_fields(struct parse *p, struct buf *v)
{
	const struct bounce_hdrs *x = &p->own;

	/* RFC 3834 and its common non-standard spellings */
	if (bounce_hdrs_get(x, "Auto-Submitted", 0, v) &&
	    bounce_find_ci(v->data, v->len, "auto-replied"))
		p->auto_ev = AUTO_FIELD;
	if (bounce_hdrs_get(x, "X-Autoreply", 0, v) ||
	    bounce_hdrs_get(x, "X-Autorespond", 0, v) ||
	    (bounce_hdrs_get(x, "Precedence", 0, v) &&
	    bounce_find_ci(v->data, v->len, "auto_reply")) ||
	    (bounce_hdrs_get(x, "X-Apple-Action", 0, v) &&
	    bounce_find_ci(v->data, v->len, "vacation")))
		p->auto_ev = AUTO_FIELD;
}

/*
 * The type of receipt an Italian certified mail (PEC) provider's notice
 * gives in X-Ricevuta, or else in its certification data's <postacert
 * tipo="..."> (the technical rules of DPR 68/2005, DM 2 November 2005):
 * a delivery error or its 12-hour warning, whatever its Subject ("AVVISO
 * DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO" heads both) or its text
 * says.
 */
static void
read_pec_field(struct parse *p, struct buf *v)
{
	static const char tipo[] = "<postacert tipo=\"";
	const char *t, *q;

	if (!bounce_hdrs_get(&p->own, "X-Ricevuta", 0, v)) {
		t = p->sc.pec.len ? bounce_find_ci(p->sc.pec.data,
		    p->sc.pec.len, tipo) : NULL;
		if (!t)
			return;
		t += sizeof tipo - 1;
		q = memchr(t, '"', p->sc.pec.len - (size_t)(t -
		    p->sc.pec.data));
		if (!q)
			return;
		buf_reset(v);
		buf_add(v, t, (size_t)(q - t));
	}
	if (bounce_list_is(bounce_pec_warning_receipts, v->data, v->len))
		p->pec = PEC_WARNING;
	else if (bounce_list_is(bounce_pec_failed_receipts, v->data, v->len))
		p->pec = PEC_FAILED;
}

/* The first address of the attached notice's field name, or NULL. */
static char *
inner_addr(const struct parse *p, const char *name, struct buf *v)
{
	if (!p->sc.inner_read || !bounce_header_get(p->sc.inner.data,
	    bounce_header_len(p->sc.inner.data, p->sc.inner.len), name, 0,
	    v))
		return NULL;
	return bounce_first_addr(v->data, v->len);
}

/*
 * 1 when the attached notice read as the notice (a list server, a rule or
 * a person passing on a notice) was addressed to the one passing it on:
 * to a list's own address (l-bounces, owner-l) or to any of the
 * wrapper's domain (ezmlm's l-return-n-a=d@, the forwarder's mailbox).
 * It answered their mail, not ours: the address it names is hearsay.
 */
static int
inner_to_wrapper(const struct parse *p, struct buf *v)
{
	char *a = inner_addr(p, "To", v);
	const char *d, *fd;
	int r;

	if (!a)
		return 0;
	d = strrchr(a, '@');
	fd = p->from ? strrchr(p->from, '@') : NULL;
	r = bounce_is_list_admin(a, 1) || (d && fd && !strcasecmp(d, fd));
	free(a);
	return r;
}

/* The fields and the sender of a list manager's notice about its list. */
static void
read_list_fields(struct parse *p, struct buf *v)
{
	if (p->sc.inner_read && !inner_to_wrapper(p, v)) {
		p->list_passes = 1;
		return;
	}
	/*
	 * Mailman's notices about its own list (held posts, bounces of its
	 * members it could not read): whatever report they carry is the
	 * list's, not one of ours
	 */
	if (bounce_hdrs_get(&p->own, "X-List-Administrivia", 0, v) &&
	    bounce_find_ci(v->data, v->len, "yes"))
		p->list_admin = 1;
	/*
	 * a list manager's notice to its list's owner (a bounce of one of its
	 * members it passes on, "Uncaught bounce notification"), forwarded
	 * here.  An MTA's report sent to a list's owner address is still that
	 * member's bounce: Majordomo's and LISTSERV's lists send as owner-l,
	 * so that is where their members' bounces go.
	 */
	p->list_from = p->from && bounce_is_list_admin(p->from, 1);
	for (size_t i = 0; p->list_from && i < p->env.n; i++)
		if (bounce_is_list_admin(p->env.v[i], 0))
			p->list_admin = 1;
}

/*
 * What the Subject says: an answer, an auto-reply, a failure or a
 * complaint.
 */
static void
subject_evidence(struct parse *p)
{
	p->answer = answers_message(p->lsubj);
	if (answers_autoreply(p->lsubj))
		p->human_reply = 1;
	else if (autoreply_subject(p->lsubj))
		p->auto_ev = AUTO_SUBJECT;
	/*
	 * behind an auto-reply's Subject ("Automatic reply: Your parcel could
	 * not be delivered") stands the Subject of the message it answers:
	 * its failure words are that message's, not the reply's
	 */
	if (p->from_daemon || (p->auto_ev != AUTO_SUBJECT &&
	    bounce_list_match(bounce_failure_subjects, p->wsubj,
	    strlen(p->wsubj))))
		p->bounce_ev = 1;
	if (bounce_list_match(bounce_complaint_subjects, p->wsubj,
	    strlen(p->wsubj)))
		p->complaint_ev = 1;
}

static void
read_own_headers(struct parse *p, struct bounce_report *out)
{
	struct buf v = BUF_INIT;

	if (bounce_hdrs_get(&p->own, "Message-ID", 0, &v) && v.len)
		out->message_id = xstrdup(v.data);
	read_own_subject(p, &v);
	read_own_side(p, &v);
	read_auto_fields(p, &v);
	read_list_fields(p, &v);
	read_pec_field(p, &v);
	subject_evidence(p);
	buf_free(&v);
}

/*
 * Adds the returned original's fields name (h[0..n)) to out's
 * orig_fields.  Both the fields read and those kept are bounded: finding
 * the kth field reads the block again.
 */
static void
add_orig_fields(struct bounce_report *out, const struct bounce_hdrs *x,
    const char *name)
{
	struct buf v = BUF_INIT;

	for (int k = 0; k < BOUNCE_MAX_ORIG_FIELDS &&
	    out->norig_fields < BOUNCE_MAX_ORIG_FIELDS &&
	    bounce_hdrs_get(x, name, k, &v); k++)
		bounce_orig_field_add(out, name, v.data);
	buf_free(&v);
}

/*
 * The returned original's headers: its Message-ID and the other fields in
 * which mailer writes a token (bounce.h), for the caller to check.  Its
 * senders are not excluded from the recipients: only lines shaped as
 * verdicts name one, and a message sent to its own author does fail.
 */
static void
read_orig_headers(struct parse *p, struct bounce_report *out)
{
	struct buf v = BUF_INIT;
	struct bounce_hdrs x;

	bounce_hdrs_index(&x, p->sc.orig.data, p->sc.orig.len);
	if (bounce_hdrs_get(&x, "Message-ID", 0, &v) && v.len)
		out->orig_message_id = xstrdup(v.data);
	buf_free(&v);
	add_orig_fields(out, &x, "Return-Path");
	add_orig_fields(out, &x, "List-Unsubscribe");
	add_orig_fields(out, &x, "CFBL-Address");
	bounce_hdrs_free(&x);
}

/* The feedback report's Original-Mail-From, for the caller to check. */
static void
read_feedback_mail_from(const struct parse *p, struct bounce_report *out)
{
	struct buf v = BUF_INIT;

	if (bounce_header_get(p->sc.arf.data, p->sc.arf.len,
	    "Original-Mail-From", 0, &v) && v.len)
		out->feedback_mail_from = xstrdup(v.data);
	buf_free(&v);
}

/* The delivery status's Original-Envelope-Id, for the caller to check. */
static void
read_envelope_id(const struct parse *p, struct bounce_report *out)
{
	struct buf v = BUF_INIT, id = BUF_INIT;

	if (bounce_header_get(p->sc.dsn.data, p->sc.dsn.len,
	    "Original-Envelope-Id", 0, &v) && v.len) {
		smtpwire_unxtext(&id, v.data, v.len);
		out->envelope_id = buf_detach(&id);
	}
	buf_free(&v);
}

/*
 * 1 when the local part a[0..n) is a digest's hex digits: at least 16 of
 * them (MD5 writes 32, SHA-1 40, SHA-256 64), a digit among them.
 */
static int
is_hex_digest(const char *a, size_t n)
{
	size_t k = 0, digits = 0;

	for (; k < n && isxdigit((unsigned char)a[k]); k++)
		digits += a[k] >= '0' && a[k] <= '9';
	return n >= 16 && k == n && digits;
}

/*
 * 1 when a's local part is a feedback loop's stand-in for the address it
 * hid (RFC 6590): "redacted@aol.com", "xxxxxx@example.net", and in a
 * feedback report (report) a keyed hash of the local part written in hex
 * ("6b1f0c9e...@isp.example.net"), as RFC 6590 suggests so that one
 * reader's reports can be told apart without naming them.  It names no
 * reader.
 */
static int
is_redacted(const char *a, int report)
{
	const char *at = strrchr(a, '@');
	size_t n = at ? (size_t)(at - a) : strlen(a), k = 0;

	if (bounce_find_ci(a, n, "redacted"))
		return 1;
	if (report && is_hex_digest(a, n))
		return 1;
	while (k < n && (a[k] == 'x' || a[k] == 'X' || a[k] == '*'))
		k++;
	return n >= 3 && k == n;
}

/*
 * Every address in s[0..n) but a redacted one becomes a recipient (report:
 * s is a feedback report's field).
 */
static void
add_rcpts_in(struct parse *p, const char *s, size_t n, int report)
{
	struct bounce_addrset a = { NULL, 0, 0 };

	bounce_addrset_scan(&a, s, n, BOUNCE_MAX_RCPTS);
	for (size_t i = 0; i < a.n; i++)
		if (!is_redacted(a.v[i], report))
			bounce_seg_add(&p->rs, &p->nrs, a.v[i], NULL, 0);
	bounce_addrset_free(&a);
}

/*
 * The first address of the returned original's field name becomes a
 * recipient, unless it is redacted.
 */
static void
add_orig_field(struct parse *p, const char *name)
{
	struct buf v = BUF_INIT;

	if (p->sc.orig.len && bounce_header_get(p->sc.orig.data,
	    p->sc.orig.len, name, 0, &v)) {
		char *a = bounce_first_addr(v.data, v.len);

		if (a && !is_redacted(a, 1))
			bounce_seg_add(&p->rs, &p->nrs, a, NULL, 0);
		free(a);
	}
	buf_free(&v);
}

/*
 * The returned original's first To address that is none of its sender's
 * (From, Sender, Reply-To, Return-Path) nor at its Return-Path's domain
 * becomes the recipient, unless it is redacted: a copy sent to our own
 * address with the readers in Bcc, or to the list's alias that its
 * Reply-To names, says nothing of who complained.
 */
static void
add_orig_to(struct parse *p)
{
	static const char *const own[] = { "From", "Sender", "Reply-To",
	    "Return-Path" };
	struct bounce_addrset ours = { NULL, 0, 0 }, to = { NULL, 0, 0 };
	struct buf v = BUF_INIT;
	const char *bd = NULL;

	if (!p->sc.orig.len)
		return;
	for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
		if (bounce_header_get(p->sc.orig.data, p->sc.orig.len, own[k],
		    0, &v))
			bounce_addrset_scan(&ours, v.data, v.len, 16);
	if (bounce_header_get(p->sc.orig.data, p->sc.orig.len, "Return-Path",
	    0, &v)) {
		char *rp = bounce_first_addr(v.data, v.len);

		for (size_t i = 0; rp && i < ours.n && !bd; i++)
			if (!strcasecmp(ours.v[i], rp))
				bd = strchr(ours.v[i], '@');
		free(rp);
	}
	if (bounce_header_get(p->sc.orig.data, p->sc.orig.len, "To", 0, &v))
		bounce_addrset_scan(&to, v.data, v.len, 16);
	for (size_t i = 0; i < to.n && !p->nrs; i++) {
		const char *at = strchr(to.v[i], '@');

		if (!bounce_addrset_has(&ours, to.v[i]) &&
		    !(bd && at && !strcasecmp(at, bd)) &&
		    !is_redacted(to.v[i], 1))
			bounce_seg_add(&p->rs, &p->nrs, to.v[i], NULL, 0);
	}
	bounce_addrset_free(&ours);
	bounce_addrset_free(&to);
	buf_free(&v);
}

/*
 * The recipient a details block's label names in l[0..n) ("收件人：a",
 * "收 件 人：a"), NULL when l is no such field or names none or several.
 */
static char *
details_field_rcpt(const char *l, size_t n)
{
	const char *colon = memchr(l, ':', n);
	struct bounce_addrset a = { NULL, 0, 0 };
	char lab[32], *r = NULL;
	size_t k = 0;

	if (!colon)
		return NULL;
	for (const char *c = l; c < colon && k < sizeof lab - 1; c++)
		if (!bounce_is_blank(*c))
			lab[k++] = *c;
	lab[k] = '\0';
	if (!bounce_list_is(bounce_details_rcpt_labels, lab, k))
		return NULL;
	bounce_addrset_scan(&a, colon + 1, n - (size_t)(colon + 1 - l), 2);
	if (a.n == 1)
		r = xstrdup(a.v[0]);
	bounce_addrset_free(&a);
	return r;
}

/*
 * 1 when the notice's own words give a reason about the recipient's
 * mailbox (unknown, full, disabled, its domain unknown), not about our
 * message or its sender (an SPF or content refusal names no mailbox
 * that failed).
 */
static int
mailbox_failed(const struct parse *p)
{
	static const char *const of_mailbox[] = {
		"userunknown", "mailboxfull", "suspend", "hostunknown", NULL
	};
	const struct bounce_rule *r = bounce_reason_rule(p->notice,
	    p->sc.nlen);

	if (!r || !r->reason)
		return 0;
	for (const char *const *k = of_mailbox; *k; k++)
		if (!strcmp(r->reason, *k))
			return 1;
	return 0;
}

/*
 * A notice that names its failed recipient only in the details of the
 * message it returns (Coremail's "原邮件信息：" over "发送时间：",
 * "邮件主题：", "收件人：a", then "退信原因：..."): that block's one
 * recipient is the failed one when the notice's own words say it failed
 * and name nobody else.  Only the details' first lines, before a blank
 * one, and only their recipient label: a copy's To and Cc are no
 * failed recipients, and several addresses there say nothing of which.
 */
static void
details_rcpt(struct parse *p)
{
	const char *t = p->sc.orig.data, *e = t + p->sc.orig.len;
	char *found = NULL;

	while (t < e) {
		const char *eol = memchr(t, '\n', (size_t)(e - t));
		size_t ll = eol ? (size_t)(eol - t) : (size_t)(e - t);
		char *a;

		if (bounce_indent(t, ll) == ll)
			break;
		if ((a = details_field_rcpt(t, ll))) {
			if (found) {
				free(a);
				free(found);
				return;
			}
			found = a;
		}
		t += ll + 1;
	}
	if (found && !bounce_addrset_has(&p->excl, found) &&
	    !is_redacted(found, 1) && mailbox_failed(p))
		bounce_seg_add(&p->rs, &p->nrs, found, NULL, 0);
	free(found);
}

/*
 * 1 when the feedback report's Feedback-Type says no reader complained
 * (RFC 6591 "auth-failure", "not-spam", "virus").
 */
static int
feedback_not_complaint(const struct parse *p)
{
	struct buf v = BUF_INIT;
	size_t k = 0;
	int r = 0;

	if (p->sc.arf.len && bounce_header_get(p->sc.arf.data, p->sc.arf.len,
	    "Feedback-Type", 0, &v)) {
		while (k < v.len && v.data[k] != ';' &&
		    !bounce_is_blank(v.data[k]))
			k++;
		r = k && bounce_list_is(bounce_feedback_not_complaint, v.data,
		    k);
	}
	buf_free(&v);
	return r;
}

/*
 * 1 when the report is malformed: a message/feedback-report part lacks
 * its required Feedback-Type (RFC 5965 3.1), or gives it no value, or a
 * multipart/report of report-type feedback-report has no such part at
 * all (RFC 5965 2 requires it).
 */
static int
feedback_malformed(const struct parse *p)
{
	struct buf v = BUF_INIT;
	int r = (p->sc.report_arf && !p->sc.arf_part) ||
	    (p->sc.arf_part && (!bounce_header_get(p->sc.arf.data,
	    p->sc.arf.len, "Feedback-Type", 0, &v) || !v.len));

	buf_free(&v);
	return r;
}

/* RFC 5965: the complainant is the original's recipient. */
static void
complaint_rcpts(struct parse *p)
{
	struct buf v = BUF_INIT;
	const char *arf = p->sc.arf.data;
	size_t n = p->sc.arf.len;

	/* each field may appear once per recipient */
	for (int k = 0; n && k < 64 && bounce_header_get(arf, n,
	    "Original-Rcpt-To", k, &v); k++)
		add_rcpts_in(p, v.data, v.len, 1);
	for (int k = 0; n && !p->nrs && k < 64 && bounce_header_get(arf, n,
	    "Removal-Recipient", k, &v); k++)
		add_rcpts_in(p, v.data, v.len, 1);
	/*
	 * Microsoft's JMRP reports are no RFC 5965 report: the returned
	 * copy's X-HmXmrOriginalRecipient names the complainant, whatever its
	 * To says
	 */
	if (!p->nrs)
		add_orig_field(p, "X-HmXmrOriginalRecipient");
	if (!p->nrs)
		add_orig_to(p);
	buf_free(&v);
}

/* Exim's X-Failed-Recipients fields. */
static void
failed_header_rcpts(struct parse *p)
{
	struct buf v = BUF_INIT;

	for (int k = 0; k < 16 && bounce_hdrs_get(&p->own,
	    "X-Failed-Recipients", k, &v); k++) {
		add_rcpts_in(p, v.data, v.len, 0);
		p->bounce_ev = 1;
	}
	buf_free(&v);
}

/*
 * 1 when a line of t[0..n) starts (after its indent) with the local part
 * of address a alone: followed by the line's end, a blank, "(" or ":".
 */
static int
line_names_local(const char *t, size_t n, const char *a)
{
	size_t ll = (size_t)(strchr(a, '@') - a), i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t len = eol ? (size_t)(eol - (t + i)) : n - i;
		size_t ind = bounce_indent(t + i, len);
		const char *w = t + i + ind;

		if (len - ind >= ll && !strncasecmp(w, a, ll) &&
		    (len - ind == ll || bounce_is_blank(w[ll]) ||
		    w[ll] == '(' || w[ll] == ':' || w[ll] == '\r'))
			return 1;
		i += len + 1;
	}
	return 0;
}

/*
 * The returned copy's To or Cc address whose local part alone leads a
 * line of the notice's text ("\tjdoe (user not found)": GroupWise lists
 * whom it could not deliver to by their names on its system): one only,
 * none of the notice's own.  The copy's To alone is no evidence of a
 * failure; the notice naming that mailbox as failed is.
 */
static void
local_name_rcpts(struct parse *p)
{
	struct bounce_addrset to = { NULL, 0, 0 };
	struct buf v = BUF_INIT;
	const char *found = NULL;
	int many = 0;

	for (int f = 0; f < 2; f++)
		for (int k = 0; k < 4 && bounce_header_get(p->sc.orig.data,
		    p->sc.orig.len, f ? "Cc" : "To", k, &v); k++)
			bounce_addrset_scan(&to, v.data, v.len, 32);
	for (size_t i = 0; i < to.n; i++) {
		if (bounce_addrset_has(&p->excl, to.v[i]) ||
		    !line_names_local(p->notice, p->sc.nlen, to.v[i]))
			continue;
		many |= found != NULL;
		found = to.v[i];
	}
	if (found && !many)
		bounce_seg_add(&p->rs, &p->nrs, found, NULL, 0);
	bounce_addrset_free(&to);
	buf_free(&v);
}

/*
 * bounce_cues() of the lines of t[0..n) that quote no other message
 * ("> "): a reader's reply quoting a notice says no delivery failed.
 * With answer (the Subject answers a message), nor do the lines from a
 * quoted message's header block on: Outlook quotes the message answered
 * under "From: / Sent: / To: / Subject:", with no "> ".
 */
static unsigned
own_cues(const char *t, size_t n, int answer)
{
	struct buf b = BUF_INIT;
	unsigned cues;
	size_t i = 0, run;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		size_t ind = bounce_indent(t + i, ll);

		if (answer && ind < ll &&
		    bounce_section_quoted_header(t, n, i, &run))
			break;
		if (ind == ll || t[i + ind] != '>')
			buf_add(&b, t + i, ll + (eol != NULL));
		i += ll + 1;
	}
	cues = b.len ? bounce_cues(b.data, b.len) : 0;
	buf_free(&b);
	return cues;
}

/* 1 when t[0..n) holds a notice's header block (a mail system's From). */
static int
quotes_notice_header(const char *t, size_t n)
{
	size_t i = 0, run;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);

		if (bounce_section_quoted_header(t, n, i, &run) &&
		    bounce_section_block_from_daemon(t, i, run))
			return 1;
		i = eol ? (size_t)(eol - t) + 1 : n;
	}
	return 0;
}

/*
 * 1 when the header block t[i..run) is a reply by its from (a person's
 * answer, "From: me" / "Subject: RE: ..."): no copy of an edition.
 */
static int
reply_by(const char *t, size_t i, size_t run, const char *from)
{
	char *f = bounce_section_block_field(t, i, run,
	    bounce_copy_from_fields);
	char *a = f ? bounce_first_addr(f, strlen(f)) : NULL;
	char *subj = NULL;
	int r = 0;

	if (a && !strcasecmp(a, from) && (subj = bounce_section_block_field(t,
	    i, run, bounce_copy_subject_fields))) {
		char *ls = bounce_lower_dup(subj, strlen(subj));

		r = answers_message(ls);
		free(ls);
	}
	free(subj);
	free(a);
	free(f);
	return r;
}

/*
 * 1 when a header block in t[0..n), not a reply by not_from (may be
 * NULL), was addressed to an address of set, or (by_name) to a name
 * alone.
 */
static int
block_to_any(const char *t, size_t n, const struct bounce_addrset *set,
    int by_name, const char *not_from)
{
	size_t i = 0, run;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);

		if (bounce_section_quoted_header(t, n, i, &run) &&
		    (bounce_section_block_to(t, i, run, set) ||
		    (by_name && bounce_section_block_to_name(t, i, run))) &&
		    !(not_from && reply_by(t, i, run, not_from)))
			return 1;
		i = eol ? (size_t)(eol - t) + 1 : n;
	}
	return 0;
}

/*
 * 1 when a person wrote the message: its Return-Path (the envelope
 * sender the last hop recorded) is its From, not a list's nor a PEC
 * provider's receipt.  A mail system's notice goes out with a null
 * sender (RFC 5321, 4.5.5; RFC 3464, 2) or from its own daemon.
 */
static int
personal_message(const struct parse *p, struct buf *v)
{
	char *rp;
	int r;

	if (p->sc.dsn.len || p->pec || bounce_is_list_admin(p->from, 1) ||
	    !bounce_hdrs_get(&p->own, "Return-Path", 0, v) ||
	    !(rp = bounce_first_addr(v->data, v->len)))
		return 0;
	r = !strcasecmp(rp, p->from);
	free(rp);
	return r;
}

/*
 * 1 when a program, not a person, sent the message: it is marked
 * automatic (RFC 3834's Auto-Submitted with any value but "no", a bulk
 * or auto-reply Precedence, an auto-reply's field), its From is a
 * service's name, or its own text acknowledges a request or shows a
 * ticket system's reply marker (bounce_ticket_markers).
 */
static int
sent_by_program(const struct parse *p, struct buf *v)
{
	size_t k = 0;

	if (p->auto_ev != AUTO_NONE || p->from_service ||
	    (!p->answer && bounce_list_match(bounce_ticket_subjects, p->lsubj,
	    strlen(p->lsubj))) ||
	    (own_cues(p->notice, p->sc.nlen, 0) & BOUNCE_CUE_ACK))
		return 1;
	if (bounce_hdrs_get(&p->own, "Auto-Submitted", 0, v)) {
		while (k < v->len && bounce_is_blank(v->data[k]))
			k++;
		if (v->len - k < 2 || strncasecmp(v->data + k, "no", 2) ||
		    (v->len - k > 2 && !bounce_is_blank(v->data[k + 2])))
			return 1;
	} else if (bounce_hdrs_get(&p->own, "Precedence", 0, v) &&
	    (bounce_find_ci(v->data, v->len, "bulk") ||
	    bounce_find_ci(v->data, v->len, "junk")))
		return 1;
	/* one scan for what every marker ends with, then the markers */
	if (!bounce_find_ci(p->notice, p->sc.nlen, " above this line"))
		return 0;
	for (k = 0; bounce_ticket_markers[k]; k++)
		if (bounce_find_ci(p->notice, p->sc.nlen,
		    bounce_ticket_markers[k]))
			return 1;
	return 0;
}

/*
 * 1 when the line l[0..n) is a quote's attribution naming a mail system
 * ("06.12.2026 08:55 - Mail Delivery System wrote:", "On ...,
 * MAILER-DAEMON@h wrote:"): a ticket system's forward shows the notice's
 * sender so, with no header block, above the quoted notice.
 */
static int
daemon_attribution(const char *l, size_t n)
{
	char *lc;
	size_t k;
	int r;

	while (n && bounce_is_blank(l[n - 1]))
		n--;
	for (k = 0; bounce_attribution_ends[k]; k++) {
		size_t el = strlen(bounce_attribution_ends[k]);

		if (n >= el && !strncasecmp(l + n - el,
		    bounce_attribution_ends[k], el))
			break;
	}
	if (!bounce_attribution_ends[k])
		return 0;
	lc = bounce_lower_dup(l, n);
	r = bounce_list_match(bounce_daemon_shown_names, lc, n) ||
	    bounce_from_daemon(l, n);
	free(lc);
	return r;
}

/* 1 when l[0..n) holds a year (19xx, 20xx) and a time ("09:47"). */
static int
date_line(const char *l, size_t n)
{
	int year = 0, time = 0;

	for (size_t k = 0; k + 4 <= n; k++) {
		const char *d = l + k;

		if ((k == 0 || !isdigit((unsigned char)d[-1])) &&
		    (!memcmp(d, "19", 2) || !memcmp(d, "20", 2)) &&
		    isdigit((unsigned char)d[2]) &&
		    isdigit((unsigned char)d[3]) &&
		    (k + 4 == n || !isdigit((unsigned char)d[4])))
			year = 1;
		if (isdigit((unsigned char)d[0]) && d[1] == ':' &&
		    isdigit((unsigned char)d[2]) &&
		    isdigit((unsigned char)d[3]))
			time = 1;
	}
	return year && time;
}

/* the longest line read as a sender's name alone */
#define MAX_BYLINE	64

/*
 * 1 when the line t[i..i + ll) of t[0..n) is a mail system's name alone
 * ("Mail Delivery System", "MAILER-DAEMON@h"), with a date on the next
 * line that is not blank: a help desk's forward shows each message of
 * its ticket so ("Mail Delivery System" / "Dec 6, 2026, 09:47 UTC"), with
 * no header block and no "wrote:".
 */
static int
daemon_byline(const char *t, size_t n, size_t i, size_t ll)
{
	const char *l = t + i, *eol;
	size_t k = 0, j, words = 1;
	char *lc;
	int r;

	while (k < ll && (l[k] == '>' || bounce_is_blank(l[k])))
		k++;
	while (ll > k && bounce_is_blank(l[ll - 1]))
		ll--;
	if (ll == k || ll - k > MAX_BYLINE)
		return 0;
	for (j = k; j < ll; j++)
		words += bounce_is_blank(l[j]) && !bounce_is_blank(l[j - 1]);
	if (words > 4)
		return 0;
	for (j = i + ll; j < n && (t[j] == '\n' || t[j] == '>' ||
	    bounce_is_blank(t[j])); j++)
		;
	eol = memchr(t + j, '\n', n - j);
	if (j >= n || !date_line(t + j, eol ? (size_t)(eol - t) - j : n - j))
		return 0;
	lc = bounce_lower_dup(l + k, ll - k);
	r = bounce_list_match(bounce_daemon_shown_names, lc, ll - k) ||
	    bounce_from_daemon(l + k, ll - k);
	free(lc);
	return r;
}

/*
 * 1 when the line t[i..i + ll) of t[0..n), quoted or not, names a mail
 * system as the author of what follows: daemon_attribution or
 * daemon_byline.
 */
static int
attribution_at(const char *t, size_t n, size_t i, size_t ll)
{
	size_t k = 0;

	while (k < ll && (t[i + k] == '>' || bounce_is_blank(t[i + k])))
		k++;
	return daemon_attribution(t + i + k, ll - k) ||
	    daemon_byline(t, n, i, ll);
}

/* 1 when a line of t[0..n) is an attribution_at. */
static int
has_daemon_attribution(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;

		if (attribution_at(t, n, i, ll))
			return 1;
		i += ll + 1;
	}
	return 0;
}

/* the forward blocks' senders kept: more are no chain of forwards */
#define MAX_FORWARDERS	16

/*
 * 1 when a notice's header block (a mail system's From) in t[0..n) was
 * addressed to a forwarder: fwd's address (the message's sender) or
 * the sender of a person's forward block above it (a forward of a
 * forward: "From: Sam / To: Priya" over "From: Microsoft Outlook / To:
 * letters@"), or to a name alone, as Outlook shows its user.  fwd gains
 * those senders.
 */
static int
notice_to_forwarder(const char *t, size_t n, struct bounce_addrset *fwd)
{
	size_t i = 0, run;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);

		if (!bounce_section_quoted_header(t, n, i, &run))
			;
		else if (bounce_section_block_from_daemon(t, i, run)) {
			if (bounce_section_block_to(t, i, run, fwd) ||
			    bounce_section_block_to_name(t, i, run))
				return 1;
		} else {
			char *f = bounce_section_block_field(t, i, run,
			    bounce_copy_from_fields);
			char *a = f ? bounce_first_addr(f, strlen(f)) : NULL;

			if (a)
				bounce_addrset_add(fwd, a, MAX_FORWARDERS);
			free(a);
			free(f);
		}
		i = eol ? (size_t)(eol - t) + 1 : n;
	}
	return 0;
}

/*
 * 1 when a person forwards a notice ("FW: Undeliverable: ...") whose
 * header block, pasted under the forwarder's note, was addressed to the
 * forwarder or to one who forwarded it before (notice_to_forwarder), or
 * to a name alone (as Outlook shows its user: "To: Quinn Ames"), or
 * that shows no header block of a notice (its words pasted): the
 * notice answered mail the forwarder sent, or nothing shows it answered
 * ours, and the address it names is hearsay about another's mail, as in
 * a reply; with or without a signature above it (sig_reopens).  A help
 * desk forwarding our own notice shows it addressed to us.  So too a
 * person's own message with no forward in its Subject (personal_message):
 * "my provider showed a 'delivery failed' notice for a" is hearsay; a
 * ticket system's is no person's (sent_by_program), nor is its forward
 * that shows the notice's sender only in a quote's attribution ("Mail
 * Delivery System wrote:", has_daemon_attribution).
 */
static int
forwarded_hearsay(const struct parse *p, struct buf *v)
{
	struct bounce_addrset fwd = { 0 };
	int r;

	if (p->auto_ev != AUTO_NONE || p->from_daemon || p->from_service ||
	    p->sc.inner.len || !p->from || ((p->answer ||
	    !forwards_message(p->lsubj)) && (!personal_message(p, v) ||
	    sent_by_program(p, v))))
		return 0;
	bounce_addrset_add(&fwd, p->from, 1);
	r = notice_to_forwarder(p->notice, p->sc.nlen, &fwd) ||
	    (!quotes_notice_header(p->notice, p->sc.nlen) &&
	    !(sent_by_program(p, v) && has_daemon_attribution(p->notice,
	    p->sc.nlen)));
	bounce_addrset_free(&fwd);
	return r;
}

/*
 * 1 when the returned message, or a header block in the notice's text (a
 * quoted or returned message's, bounce_section_quoted_header), was
 * addressed to one of the recipients found: a copy of the message that
 * failed.  Not a reply the message's own sender wrote: a person
 * forwarding the notice of their own answer ("From: me / To: a /
 * Subject: RE: issue 12") shows their mail failed, not ours.
 */
static int
copy_to_rcpt(const struct parse *p)
{
	struct bounce_addrset set = { 0 };
	int r;

	for (size_t k = 0; k < p->nrs; k++)
		if (p->rs[k].address)
			bounce_addrset_add(&set, p->rs[k].address, 32);
	r = set.n && (block_to_any(p->notice, p->sc.nlen, &set, 0,
	    p->from) || (p->sc.orig.len && block_to_any(p->sc.orig.data,
	    p->sc.orig.len, &set, 0, p->from)));
	bounce_addrset_free(&set);
	return r;
}

/*
 * 1 when the notice is a list's word that it holds our post for its
 * moderators, in its Subject or its own (unquoted) text, and no report
 * of a delivery or a complaint (nor an attached notice), no daemon's
 * notice and no failure subject: it names the list's addresses, neither
 * a failed mailbox nor an absent reader, though a group service sends it
 * as noreply@ or as the list and marks it auto-replied.
 */
static int
held_notice(const struct parse *p)
{
	const struct bounce_scan *sc = &p->sc;

	if (p->bounce_ev || p->complaint_ev || sc->dsn.len ||
	    sc->report_dsn || sc->arf.len || sc->report_arf || sc->inner.len)
		return 0;
	return (bounce_cues(p->nsubj, strlen(p->nsubj)) & BOUNCE_CUE_HELD) ||
	    ((p->cues & BOUNCE_CUE_HELD) && (own_cues(p->notice, sc->nlen,
	    0) & BOUNCE_CUE_HELD));
}

/*
 * Recipients of a notice that is no complaint and no SES notification,
 * from the most to the least formal source: the RFC 3464 report, Exim's
 * X-Failed-Recipients, the notice's text.  Never the returned message's
 * To alone: a notice that names no failed recipient names none.
 */
static void rcpts_clear(struct parse *p);

static void
find_rcpts(struct parse *p)
{
	const struct bounce_scan *sc = &p->sc;
	struct buf v = BUF_INIT;
	int hearsay = 0;

	if (sc->dsn.len)
		bounce_dsn_parse(sc->dsn.data, sc->dsn.len, &p->rs, &p->nrs,
		    &p->tally);
	if (sc->report_dsn || p->tally.failed || p->tally.delayed ||
	    p->tally.delivered)
		p->bounce_ev = 1;
	/*
	 * an RFC 3464 report pasted into the text ("Technical report:"); an
	 * RFC 8098 receipt pasted there has a Final-Recipient but no Action
	 * or Status: its recipient was reached
	 */
	if (!p->nrs && !p->tally.delivered && !sc->dsn.len && sc->nlen &&
	    bounce_find_ci(p->notice, sc->nlen, "final-recipient:") &&
	    (bounce_find_ci(p->notice, sc->nlen, "action:") ||
	    bounce_find_ci(p->notice, sc->nlen, "status:")))
		bounce_dsn_parse(p->notice, sc->nlen, &p->rs, &p->nrs,
		    &p->tally);
	if (p->nrs) {
		bounce_attach_notice(&p->rs, p->nrs, p->notice, sc->nlen,
		    &p->excl);
		return;
	}
	if (p->tally.delivered)
		return;
	if (bounce_find_ci(p->msg, p->hl, "\nx-failed-recipients:") ||
	    p->pec)
		p->bounce_ev = 1;
	/*
	 * no daemon's notice: only its own words are evidence.  An
	 * Auto-Submitted field alone does not outweigh them: Exim and
	 * Postfix mark their notices "auto-replied" too (RFC 3834, 5).
	 * A person's answer ("Re:", "回复:", no field marking it) without
	 * a copy of the message that failed (a returned part, or a header
	 * block in its text addressed to the recipient it names) is not
	 * one: a failure it tells of, pasted or not, is hearsay about
	 * another's mail, and our newsletter it quotes went to the person.
	 */
	if (!p->bounce_ev && p->auto_ev <= AUTO_FIELD && !p->human_reply &&
	    (p->cues & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY)) &&
	    (own_cues(p->notice, sc->nlen, p->answer) &
	    (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY))) {
		p->bounce_ev = 1;
		hearsay = p->answer && p->auto_ev == AUTO_NONE &&
		    !sc->inner.len;
	}
	/* no words of failure, but a transcript of a refused recipient */
	if (!p->bounce_ev && p->auto_ev <= AUTO_FIELD && !p->human_reply &&
	    !p->answer && bounce_section_transcript_refused(p->notice,
	    sc->nlen))
		p->bounce_ev = 1;
	if (!p->quoted && forwarded_hearsay(p, &v))
		hearsay = 1;
	if (p->sc.inner_plain && p->sc.inner_read && inner_to_wrapper(p, &v)) {
		buf_free(&v);
		p->bounce_ev = 0;
		return;
	}
	buf_free(&v);
	if (p->bounce_ev)
		bounce_notice_rcpts(p->notice, sc->nlen, &p->excl, &p->rs,
		    &p->nrs);
	if (hearsay && !copy_to_rcpt(p)) {
		rcpts_clear(p);
		p->bounce_ev = 0;
		return;
	}
	/*
	 * a PEC notice whose text names its recipient in words we do not
	 * read: its certification data names it
	 */
	if (!p->nrs && p->pec && p->sc.pec.len)
		bounce_pec_daticert(p->sc.pec.data, p->sc.pec.len, &p->rs,
		    &p->nrs);
	/* Exim's list, when its text lists none the usual way */
	if (!p->nrs)
		failed_header_rcpts(p);
	else
		return;
	/*
	 * a failure's Subject, when nothing else names one: "Returned mail:
	 * Quota exceeded for user a", "message not deliverable: <a>"
	 */
	if (!p->nrs && p->bounce_ev && strchr(p->nsubj, '@'))
		bounce_notice_rcpts(p->nsubj, strlen(p->nsubj), &p->excl,
		    &p->rs, &p->nrs);
	if (!p->nrs && p->bounce_ev && sc->orig.len)
		local_name_rcpts(p);
	if (!p->nrs && p->bounce_ev && sc->orig.len)
		details_rcpt(p);
	/*
	 * a daemon's text in words no line shape reads, the server's reply
	 * on a line of its own: the one recipient it names is the reply's;
	 * in a delay's words ("will keep trying for 3 days"), the delay's
	 */
	if (!p->nrs && !sc->dsn.len && p->auto_ev <= AUTO_FIELD &&
	    !p->human_reply && !p->answer && bounce_status_line_rcpt(
	    p->notice, sc->nlen, &p->excl, (p->cues & BOUNCE_CUE_DELAY) &&
	    !(p->cues & BOUNCE_CUE_SUCCESS) && (p->from_daemon ||
	    p->from_service), &p->rs, &p->nrs))
		p->bounce_ev = 1;
	if (p->nrs)
		bounce_attach_notice(&p->rs, p->nrs, p->notice, sc->nlen,
		    &p->excl);
}

static void
rcpts_clear(struct parse *p)
{
	for (size_t i = 0; i < p->nrs; i++)
		free(p->rs[i].address);
	p->nrs = 0;
}

/*
 * 1 when a notice without a failed DSN action says, in its subject or its
 * text, that delivery is still being attempted, and nowhere that it
 * stopped.
 */
/* Where the first row of list found in s[0..n) ends; n + 1 if none. */
static size_t
first_end(const char *const *list, const char *s, size_t n)
{
	size_t lo = 1, hi = n;

	if (!n || !bounce_list_match(list, s, n))
		return n + 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (bounce_list_match(list, s, mid))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * 1 when the Subject s[0..n) says the failure is final before any delay
 * word starts ("Undeliverable: Delivery delayed? ..."): a notice leads
 * with its own words, and the delay words that follow are the returned
 * message's Subject, which the notice repeats.
 */
static int
final_leads(const char *s, size_t n)
{
	size_t fe = first_end(bounce_final_subjects, s, n);
	size_t de = first_end(bounce_delay_subjects, s, n), ds = 0;

	if (fe > n || de > n)
		return 0;
	while (ds < de && bounce_list_match(bounce_delay_subjects, s + ds + 1,
	    de - ds - 1))
		ds++;
	return fe <= ds;
}

static int
is_delay_warning(const struct parse *p)
{
	size_t sl = strlen(p->wsubj);
	int subj_delay = bounce_list_match(bounce_delay_subjects, p->wsubj,
	    sl) && !final_leads(p->wsubj, sl);

	if (p->final_heading || p->pec == PEC_FAILED)
		return 0;
	if (p->pec == PEC_WARNING)
		return 1;
	/* only a stated end counts: a delay warning says when it would end */
	if ((p->cues & BOUNCE_CUE_FINAL) && bounce_final_asserted(p->notice,
	    p->sc.nlen))
		return 0;
	/* "Returned mail: temporary failure" is no final failure's subject;
	 * a text that says it is only a warning outweighs the subject */
	if (bounce_list_match(bounce_final_subjects, p->wsubj, sl) &&
	    !subj_delay && !bounce_list_match(bounce_transient_subjects,
	    p->wsubj, sl) && !(p->cues & BOUNCE_CUE_NOT_FINAL))
		return 0;
	/* a notice that says it is no final one is a warning of a delay */
	return subj_delay || (p->cues & (BOUNCE_CUE_DELAY |
	    BOUNCE_CUE_NOT_FINAL));
}

/*
 * 1 for a notice without a report that says delivery succeeded, and
 * nowhere that it failed or is delayed for some recipient.
 */
static int
is_success_notice(const struct parse *p)
{
	return (p->cues & BOUNCE_CUE_SUCCESS) &&
	    !(p->cues & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY));
}

/*
 * 1 when every recipient's own text is OpenSMTPD's "Envelope expired":
 * its queue gave the message up and deleted it (queue.c, on
 * IMSG_QUEUE_EXPIRE), though the report it sends then still says
 * "delayed" and "only a temporary failure report".
 */
static int
all_expired(const struct parse *p)
{
	for (size_t i = 0; i < p->nrs; i++) {
		const struct bounce_seg *r = &p->rs[i];

		if (!(r->seg && bounce_find_ci(r->seg, r->seglen,
		    "envelope expired")) && !(r->seg2 &&
		    bounce_find_ci(r->seg2, r->seg2len, "envelope expired")))
			return 0;
	}
	return p->nrs > 0;
}

/*
 * 0 when l[0..n) is no heading framed by dashes ("    ----- Delivery to
 * the following addresses failed -----") or by asterisks (Gmail's "**
 * Address not found **", "** Delivery incomplete **"); else 1 for one
 * over recipients
 * that are only delayed ("There was a temporary problem delivering to
 * these addresses", Sendmail's "had transient non-fatal errors"), 2 for
 * one over failed recipients, 3 for any other.
 */
static int
framed_heading(const char *l, size_t n)
{
	size_t a = 0, b = n;
	char *w;
	int r = 3;

	while (a < b && bounce_is_blank(l[a]))
		a++;
	while (b > a && bounce_is_blank(l[b - 1]))
		b--;
	if (b - a < 8 || memchr(l + a, '@', b - a) ||
	    ((strncmp(l + a, "---", 3) || strncmp(l + b - 3, "---", 3)) &&
	    (strncmp(l + a, "** ", 3) || strncmp(l + b - 3, " **", 3))))
		return 0;
	w = bounce_lower_dup(l + a, b - a);
	if (bounce_list_match(bounce_delay_headings, w, strlen(w)))
		r = 1;
	else if (bounce_list_match(bounce_failure_headings, w, strlen(w)))
		r = 2;
	free(w);
	return r;
}

/*
 * framed_heading()'s answer for a heading t[i..i + n) that ends in ':'
 * over a list ("Delivery to the following recipient failed
 * permanently:", "... has been delayed; we will keep" / "trying:", its
 * sentence begun on the line above): 1 when it says a delay and no
 * failure, 2 a failure and no delay, 0 otherwise.
 */
static int
colon_heading(const char *t, size_t i, size_t n)
{
	size_t s = i;
	unsigned c;

	while (n && bounce_is_blank(t[i + n - 1]))
		n--;
	if (n < 8 || t[i + n - 1] != ':' || memchr(t + i, '@', n))
		return 0;
	/* the line above, when it goes on into this one */
	if (i >= 2 && t[i - 1] == '\n' && !strchr(".:!?\n", t[i - 2])) {
		s = i - 1;
		while (s > 0 && t[s - 1] != '\n')
			s--;
		if (memchr(t + s, '@', i - s))
			s = i;
	}
	c = bounce_cues(t + s, i - s + n) & (BOUNCE_CUE_DELAY |
	    BOUNCE_CUE_FAILURE);
	return c == BOUNCE_CUE_DELAY ? 1 : c == BOUNCE_CUE_FAILURE ? 2 : 0;
}

/* the most recipients drop_held() sorts: more are no hand-written list */
#define MAX_HELD_RCPTS	64

/*
 * A notice without a report that sorts its recipients under framed
 * headings (colon: under headings that end in ':'), one over failed
 * recipients and one over recipients only delayed (Stalwart's "Temporary
 * and permanent failures", Sendmail's mixed notices): it is a final
 * failure, and the recipients under the delay's heading are left out, as
 * a report's delayed ones are.
 */

static void
drop_held(struct parse *p, int colon)
{
	const char *t = p->notice, *held = NULL;
	size_t n = p->sc.nlen, i = 0, k = 0;
	size_t from[8], to[8], nh = 0;
	int fail = 0, in[MAX_HELD_RCPTS];

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - t - i) : n - i;
		int h = colon ? colon_heading(t, i, ll) :
		    framed_heading(t + i, ll);

		if (h && held && nh < 8) {
			from[nh] = (size_t)(held - t);
			to[nh++] = i;
			held = NULL;
		}
		if (h == 1)
			held = t + i;
		else if (h == 2)
			fail = 1;
		i += ll + 1;
	}
	if (held && nh < 8) {
		from[nh] = (size_t)(held - t);
		to[nh++] = n;
	}
	if (!fail || !nh || p->nrs > MAX_HELD_RCPTS)
		return;
	for (i = 0; i < p->nrs; i++) {
		const char *s = p->rs[i].seg;

		in[i] = 0;
		for (size_t j = 0; s && j < nh; j++)
			if (s >= t + from[j] && s < t + to[j])
				in[i] = 1;
		k += (size_t)!in[i];
	}
	/* under plain headings, a notice whose every recipient is under
	 * the delay's is a delay warning (Sun's lists its delayed ones
	 * under a heading beside a failure's) */
	if (colon && !k)
		return;
	p->final_heading = 1;
	k = 0;
	for (i = 0; i < p->nrs; i++) {
		if (in[i])
			free(p->rs[i].address);
		else
			p->rs[k++] = p->rs[i];
	}
	p->nrs = k;
}

/*
 * 1 when nothing but a mail system's From and the layout makes the notice
 * a failure: no report, no X-Failed-Recipients, no status code or reply,
 * no reason and no word of failure or delay we read in its text or its
 * Subject.  Its text is in a language we do not read ("Jūsų laiško
 * nepavyko pristatyti šiam gavėjui:" over an address): whether it says
 * the address failed, is delayed or was reached, we cannot tell, and a
 * guess would suppress a reader.
 */
static int
unread_notice(const struct parse *p)
{
	const struct bounce_scan *sc = &p->sc;
	char st[16];
	size_t sl = strlen(p->wsubj);

	if (p->tally.failed || p->tally.delayed || sc->report_dsn ||
	    p->pec || sc->dsn.len || (p->cues & (BOUNCE_CUE_FAILURE |
	    BOUNCE_CUE_DELAY | BOUNCE_CUE_FINAL)))
		return 0;
	if (bounce_list_match(bounce_failure_subjects, p->wsubj, sl) ||
	    bounce_list_match(bounce_delay_subjects, p->wsubj, sl) ||
	    bounce_find_ci(p->msg, p->hl, "\nx-failed-recipients:"))
		return 0;
	return !bounce_find_status(p->notice, p->sc.nlen, st) &&
	    !bounce_smtp_class(p->notice, p->sc.nlen) &&
	    !bounce_reason_rule(p->notice, p->sc.nlen);
}

/* The length of s[0..n)'s first paragraph: up to its first blank line. */
static size_t
first_paragraph(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k = i + 1;

		if (s[i] != '\n')
			continue;
		while (k < n && bounce_is_blank(s[k]))
			k++;
		if (k < n && s[k] == '\n')
			return i;
	}
	return n;
}

/*
 * What r's own paragraph says: 2 a permanent reply and status ("550
 * 5.1.1") and no delay, 1 a delay or a transient reply and status ("451
 * 4.3.0"), 0 neither.
 */
static int
own_outcome(const struct bounce_seg *r)
{
	size_t n = r->seg ? first_paragraph(r->seg, r->seglen) : 0;
	char st[16];

	if (!n)
		return 0;
	if (bounce_cues(r->seg, n) & BOUNCE_CUE_DELAY)
		return 1;
	if (!bounce_find_status(r->seg, n, st) || bounce_smtp_class(r->seg,
	    n) != st[0] - '0')
		return 0;
	return st[0] == '5' ? 2 : st[0] == '4';
}

/*
 * 1 when a recipient's own paragraph gives a permanent reply with its
 * permanent status and another's says a delay: one failed for good
 * beside one only delayed ("La remise à b est retardée"), and the notice
 * is a bounce, not a warning.  The permanent reply is the failure's word
 * enough: a gateway's table ("Rejected 550 5.1.1 ...") says no other.
 */
static int
failed_for_good(const struct parse *p)
{
	int seen = 0;

	/* a warning that says it is one (Postfix's soft_bounce keeps a
	 * "550 5.1.1" in its "THIS IS A WARNING ONLY") stays one */
	if (p->sc.report_dsn || (p->cues & BOUNCE_CUE_NOT_FINAL))
		return 0;
	for (size_t i = 0; i < p->nrs; i++)
		seen |= 1 << own_outcome(&p->rs[i]);
	return (seen & 6) == 6;
}

/*
 * Keeps the recipients that failed for good: a bounce names no delayed
 * one (a delay suppresses nobody, and its final notice comes later).
 */
static void
keep_failed(struct parse *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nrs; i++) {
		if (own_outcome(&p->rs[i]) == 2) {
			p->rs[k++] = p->rs[i];
			continue;
		}
		free(p->rs[i].address);
		if (p->rs[i].from_dsn == 2)
			free((char *)p->rs[i].seg);
	}
	p->nrs = k;
}

/* The kind find_rcpts' evidence points to; an auto-reply names its sender. */
static enum bounce_kind
decide_kind(struct parse *p)
{
	enum bounce_kind kind = BOUNCE_OTHER;

	if (p->auto_ev && !p->bounce_ev && !p->sc.report_dsn) {
		rcpts_clear(p);
		if (p->from)
			bounce_seg_add(&p->rs, &p->nrs, p->from, NULL, 0);
		return BOUNCE_AUTOREPLY;
	}
	if (!p->tally.failed && !p->tally.delayed && p->nrs)
		drop_held(p, 0);
	if (!p->tally.failed && !p->tally.delayed && p->nrs)
		drop_held(p, 1);
	if (p->tally.failed)
		kind = BOUNCE_BOUNCE;
	else if (p->tally.delayed)
		kind = BOUNCE_DELAY;
	else if (p->nrs && p->bounce_ev && !is_success_notice(p) &&
	    !unread_notice(p))
		kind = BOUNCE_BOUNCE;
	if (kind == BOUNCE_BOUNCE && !p->tally.failed && is_delay_warning(p)) {
		if (failed_for_good(p))
			keep_failed(p);
		else
			kind = BOUNCE_DELAY;
	}
	if (kind == BOUNCE_DELAY && all_expired(p))
		kind = BOUNCE_BOUNCE;
	if (kind == BOUNCE_OTHER)
		rcpts_clear(p);
	return kind;
}

/* Moves the recipients (classified) and the envelope into out. */
static void
fill_report(struct bounce_report *out, struct parse *p,
    enum bounce_kind kind)
{
	int delay = kind == BOUNCE_DELAY;

	out->kind = kind;
	if (p->nrs > 1 && kind != BOUNCE_COMPLAINT && kind != BOUNCE_AUTOREPLY)
		for (size_t i = 0; i < p->nrs; i++)
			bounce_reason_clip(&p->rs[i], p->rs, p->nrs, p->notice,
			    p->sc.rlen);
	if (p->nrs) {
		out->rcpts = xcalloc(p->nrs, sizeof *out->rcpts);
		for (size_t i = 0; i < p->nrs; i++) {
			if (kind == BOUNCE_COMPLAINT ||
			    kind == BOUNCE_AUTOREPLY) {
				out->rcpts[i].address = p->rs[i].address;
				p->rs[i].address = NULL;
				out->rcpts[i].reason = xstrdup(
				    kind == BOUNCE_AUTOREPLY ? "vacation" :
				    out->feedback_malformed ?
				    "malformed-feedback" : "feedback");
			} else
				rcpt_finish(&out->rcpts[i], &p->rs[i],
				    p->notice, p->sc.rlen, delay, p->rs,
				    p->nrs);
		}
		out->nrcpts = p->nrs;
	}
	out->envelope = p->env.v;
	out->nenvelope = p->env.n;
	p->env.v = NULL;
	p->env.n = 0;
}

static void
parse_free(struct parse *p)
{
	for (size_t i = 0; i < p->nrs; i++) {
		free(p->rs[i].address);
		if (p->rs[i].from_dsn == 2)
			free((char *)p->rs[i].seg);
	}
	free(p->rs);
	bounce_addrset_free(&p->env);
	bounce_addrset_free(&p->excl);
	bounce_scan_free(&p->sc);
	free(p->lsubj);
	bounce_hdrs_free(&p->own);
	free(p->nsubj);
	free(p->wsubj);
	free(p->from);
}

/*
 * a message saved from an mbox file starts with its "From " line:
 * no header field, and the MIME parser would then read no header
 * (a notice's base64 text came out as nothing)
 */
static void
skip_mbox_from_line(const char **msg, size_t *len)
{
	if (*len > 5 && !memcmp(*msg, "From ", 5)) {
		const char *nl = memchr(*msg, '\n', *len);

		if (nl) {
			*len -= (size_t)(nl + 1 - *msg);
			*msg = nl + 1;
		}
	}
}

/*
 * lines ended by CR alone (an old Macintosh gateway's copy): no LF
 * anywhere, so every CR is a line's end
 */
static int
cr_only_lines(const char *msg, size_t len)
{
	return len && !memchr(msg, '\n', len) && memchr(msg, '\r', len);
}

/* Parses a copy of msg whose every CR is an LF. */
static void
parse_cr_lines(const char *msg, size_t len, struct bounce_report *out)
{
	char *c = xmalloc(len + 1);

	memcpy(c, msg, len);
	c[len] = '\0';

	for (size_t i = 0; i < len; i++)
		if (c[i] == '\r')
			c[i] = '\n';
	bounce_parse(c, len, out);
	free(c);
}

/* t[0..n) into b without the quote marks ("> ", ">>") opening its lines. */
static void
unquoted(struct buf *b, const char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		size_t k = bounce_indent(t + i, ll);

		if (k < ll && t[i + k] == '>') {
			while (k < ll && (t[i + k] == '>' ||
			    bounce_is_blank(t[i + k])))
				k++;
		} else
			k = 0;
		buf_add(b, t + i + k, ll - k + (eol != NULL));
		i += ll + 1;
	}
}

/*
 * 1 when the notice's header block t[i..run), quoted by a list server,
 * was addressed to the list's own addresses (l-bounces, owner-l) or any
 * of the list server's domain, or to none: it answered the list's mail,
 * the list's own business, as an attached one (inner_to_wrapper).
 */
static int
block_to_list(const struct parse *p, const char *t, size_t i, size_t run)
{
	char *to = bounce_section_block_field(t, i, run,
	    bounce_copy_to_fields);
	char *a = to ? bounce_first_addr(to, strlen(to)) : NULL;
	const char *d = a ? strrchr(a, '@') : NULL;
	const char *fd = p->from ? strrchr(p->from, '@') : NULL;
	int r = !d || bounce_is_list_admin(a, 1) || (fd &&
	    !strcasecmp(d, fd));

	free(a);
	free(to);
	return r;
}

/*
 * A notice quoted whole in a message a program sent, no mail system (a
 * help desk's ticket or its acknowledgement, "Request 512 received"): its
 * header block in the text, quote marks or not, with a daemon's From,
 * and a failure or a delay said below it.  The text below that header
 * becomes the notice read, so the ticket's own words (its agents and
 * watchers, our help desk's address, "we have received your request")
 * are no part of it; so does the text below an attribution line naming a
 * mail system (attribution_at).  Not a person's message: a notice a
 * person pastes or forwards is hearsay unless it shows it answered ours
 * (forwarded_hearsay), and those rules stand.  A list server's message
 * (LISTSERV's error report, "Original message" over the notice) is read
 * so only when the notice's header block was addressed elsewhere than to
 * the list (block_to_list).
 */
static void
quoted_notice(struct parse *p)
{
	struct buf u = BUF_INIT, v = BUF_INIT;
	size_t i = 0, run = 0;
	const struct bounce_scan *sc = &p->sc;
	int skip;

	skip = p->from_daemon || p->human_reply || sc->dsn.len ||
	    sc->report_dsn || sc->arf.len || sc->report_arf ||
	    sc->inner_read || !sc->nlen || (!p->list_from &&
	    (!sent_by_program(p, &v) || forwarded_hearsay(p, &v)));
	buf_free(&v);
	if (skip)
		return;
	/*
	 * LISTSERV's "Original message" line, taken for a returned copy's,
	 * stands over the notice it passes on
	 */
	unquoted(&u, p->notice, p->list_from ? sc->notice.len : sc->nlen);
	while (i < u.len) {
		const char *eol = memchr(u.data + i, '\n', u.len - i);

		if (bounce_section_quoted_header(u.data, u.len, i, &run) &&
		    bounce_section_block_from_daemon(u.data, i, run))
			break;
		run = eol ? (size_t)(eol - u.data) + 1 : u.len;
		/* a list server's notice shows whom it answered, or none */
		if (!p->list_from && attribution_at(u.data, u.len, i,
		    run - i - (eol != NULL)))
			break;
		i = run;
	}
	if (i < u.len && run < u.len && (bounce_cues(u.data + run,
	    u.len - run) & (BOUNCE_CUE_FAILURE | BOUNCE_CUE_DELAY))) {
		if (p->list_from) {
			if (block_to_list(p, u.data, i, run)) {
				buf_free(&u);
				return;
			}
			/* as an attached one addressed elsewhere
			 * (read_list_fields) */
			p->list_passes = 1;
			p->list_admin = 0;
		}
		bounce_mime_renotice(&p->sc, u.data + run, u.len - run);
		p->notice = p->sc.notice.data;
		p->cues = bounce_cues(p->notice, p->sc.nlen);
		p->bounce_ev = 1;
		p->quoted = 1;
	}
	buf_free(&u);
}

/*
 * The notice's own header and the evidence its text adds: an auto-reply's
 * or a list manager's.
 */
static void
parse_notice(struct parse *p, const char *msg, size_t len,
    struct bounce_report *out)
{
	memset(p, 0, sizeof *p);
	p->msg = msg;
	p->hl = bounce_header_len(msg, len);
	bounce_hdrs_index(&p->own, msg, p->hl);
	bounce_mime_scan(&p->sc, msg, len);
	read_own_headers(p, out);
	out->auto_marked = p->auto_ev != 0;
	p->notice = p->sc.notice.data ? p->sc.notice.data : "";
	p->cues = bounce_cues(p->notice, p->sc.nlen);
	quoted_notice(p);
	/*
	 * an absence, a challenge or a help desk's acknowledgement, said by
	 * a message no daemon sent
	 */
	if (!p->bounce_ev && !p->human_reply && (p->cues &
	    (BOUNCE_CUE_ABSENCE | BOUNCE_CUE_CHALLENGE | BOUNCE_CUE_ACK)) &&
	    p->auto_ev < AUTO_TEXT)
		p->auto_ev = AUTO_TEXT;
	/*
	 * a list robot's automatic notice (a held post): not a person's.
	 * And a list manager's own text about a post (rejected, held, not
	 * a member) names the list's addresses, not a failed mailbox: only
	 * an MTA's report (a delivery-status part) can name one.  So does
	 * any sender's notice that a list holds our post for moderation.
	 */
	if ((p->list_from && !p->list_passes && (p->auto_ev ||
	    (!p->sc.dsn.len && !p->sc.inner.len))) || held_notice(p))
		p->list_admin = 1;
}

/*
 * The notice's kind, its recipients found on the way: none in a list's
 * own notice or a feedback report that is no complaint, the complained-of
 * ones in a complaint, an SES notification's own, or those its text and
 * reports name.
 */
static enum bounce_kind
report_kind(struct parse *p, struct bounce_report *out)
{
	enum bounce_kind kind = BOUNCE_OTHER;

	if (p->list_admin || ((p->sc.report_arf || p->sc.arf.len) &&
	    feedback_not_complaint(p))) {
		/* kind OTHER, no recipient */
	} else if (p->sc.report_arf || p->sc.arf.len || p->complaint_ev) {
		kind = BOUNCE_COMPLAINT;
		complaint_rcpts(p);
		out->feedback_malformed = feedback_malformed(p);
	} else if (!p->sc.notice.len || !bounce_ses_json(p->notice,
	    p->sc.nlen, &p->rs, &p->nrs, &kind, out)) {
		find_rcpts(p);
		kind = decide_kind(p);
	}
	return kind;
}

int
bounce_parse(const char *msg, size_t len, struct bounce_report *out)
{
	struct parse p;
	enum bounce_kind kind;

	memset(out, 0, sizeof *out);
	out->kind = BOUNCE_OTHER;
	if (!msg)
		return 0;
	skip_mbox_from_line(&msg, &len);
	if (cr_only_lines(msg, len)) {
		parse_cr_lines(msg, len, out);
		return 0;
	}
	iconvcache_install();
	parse_notice(&p, msg, len, out);
	if (p.sc.orig.len)
		read_orig_headers(&p, out);
	if (p.sc.arf.len)
		read_feedback_mail_from(&p, out);
	if (p.sc.dsn.len)
		read_envelope_id(&p, out);
	kind = report_kind(&p, out);
	fill_report(out, &p, kind);
	parse_free(&p);
	return 0;
}

void
bounce_report_free(struct bounce_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrcpts; i++) {
		free(r->rcpts[i].address);
		free(r->rcpts[i].reason);
	}
	free(r->rcpts);
	for (size_t i = 0; i < r->nenvelope; i++)
		free(r->envelope[i]);
	free(r->envelope);
	free(r->message_id);
	free(r->orig_message_id);
	for (size_t i = 0; i < r->norig_fields; i++)
		free(r->orig_fields[i].value);
	free(r->orig_fields);
	free(r->feedback_mail_from);
	free(r->envelope_id);
	memset(r, 0, sizeof *r);
}

const char *
bounce_kind_name(enum bounce_kind k)
{
	switch (k) {
	case BOUNCE_BOUNCE: return "bounce";
	case BOUNCE_DELAY: return "delay";
	case BOUNCE_AUTOREPLY: return "autoreply";
	case BOUNCE_COMPLAINT: return "complaint";
	case BOUNCE_UNSUBSCRIBE: return "unsubscribe";
	case BOUNCE_OTHER: break;
	}
	return "other";
}

void
bounce_classify_reply(const char *address, const char *reply,
    struct bounce_rcpt *out)
{
	struct bounce_seg r;

	memset(&r, 0, sizeof r);
	memset(out, 0, sizeof *out);
	r.address = xstrdup(address);
	r.seg = reply ? reply : "";
	r.seglen = strlen(r.seg);
	rcpt_finish(out, &r, "", 0, r.seg[0] == '4', &r, 1);
	free(r.address);
}
