/* bounces: the bounce mailbox run.  See bounces.h. */
#include "bounces.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "addr.h"
#include "bounce.h"
#include "exitcode.h"
#include "imap.h"
#include "srs.h"
#include "state.h"
#include "util.h"
#include "verp.h"

#define BOUNCES_MAX_MSG (64u * 1024 * 1024)

enum bounces_addr
bounces_addr_token(const char *addr, const char *domain, char *token,
    size_t tsz)
{
	static const struct {
		const char *prefix;
		enum bounces_addr kind;
	} kinds[] = {
		{ "bounces+", BOUNCES_ADDR_BOUNCE },
		{ "unsubscribe+", BOUNCES_ADDR_UNSUB },
	};
	const char *at, *end;
	size_t alen;

	if (tsz)
		token[0] = '\0';
	while (*addr == ' ' || *addr == '\t' || *addr == '<')
		addr++;
	alen = strcspn(addr, "> \t");
	if (!(at = memchr(addr, '@', alen)) || !domain)
		return BOUNCES_ADDR_NONE;
	end = addr + alen;
	if ((size_t)(end - at - 1) != strlen(domain) ||
	    strncasecmp(at + 1, domain, strlen(domain)))
		return BOUNCES_ADDR_NONE;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t pl = strlen(kinds[k].prefix);
		size_t n = (size_t)(at - addr);

		if (n <= pl || strncasecmp(addr, kinds[k].prefix, pl))
			continue;
		n -= pl;
		if (n >= tsz)
			return BOUNCES_ADDR_NONE;
		for (size_t i = 0; i < n; i++) {
			char ch = addr[pl + i];

			token[i] = ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
		}
		token[n] = '\0';
		return kinds[k].kind;
	}
	return BOUNCES_ADDR_NONE;
}

/* The recipient a valid VERP token names, from the journal. */
struct who {
	enum bounces_addr via;
	char *issue, *list, *email;
};

static void
who_clear(struct who *w)
{
	free(w->issue);
	free(w->list);
	free(w->email);
	memset(w, 0, sizeof *w);
}

/*
 * Whether envelope address i, bounces+X@D, is the rewrite of another one,
 * unsubscribe+X@D, by the alias unsubscribe@ -> bounces@ (its
 * Delivered-To): one token to report, not two.  Only the first few
 * addresses are looked at: Delivered-To and X-Original-To lead.
 */
static int
unsub_alias_of(const struct bounce_report *r, size_t i)
{
	const char *e = r->envelope[i];

	if (strncasecmp(e, "bounces+", 8))
		return 0;
	for (size_t j = 0; j < r->nenvelope && j < 8; j++)
		if (!strncasecmp(r->envelope[j], "unsubscribe+", 12) &&
		    !strcasecmp(r->envelope[j] + 12, e + 8))
			return 1;
	return 0;
}

/* 1 when address a holds a character that hides (a control, a bidi
 * character, one shown as nothing) or bytes that are no UTF-8: no
 * address of ours does. */
static int
hides(const char *a)
{
	unsigned cp;

	return has_hidden(a) || utf8_find(a, strlen(a), cp_unseen, &cp);
}

/*
 * Whether envelope address a is one of our VERP addresses disguised or
 * damaged: with a character that hides in it, and "bounces+" or
 * "unsubscribe+" there once such characters are unseen; or a local part
 * with a '+' at our bounce domain that hides a character or ends in a
 * token's form ("ces+TOKEN@", what is left of "boun<U+3164>ces+TOKEN@"
 * where the address scan stops at a character it does not read as part
 * of an address).  The envelope's addresses are read whole, invisible
 * characters and all (bounce_addr's scan_whole): "<U+202E>bounces+TOKEN@",
 * "bounces+TOKEN<U+2066>@" and "bounces+TOKEN@bounce.test<U+200B>" come
 * here, not cut to a valid or a tokenless address.  Any other ("news+x@",
 * "bounces+" and something too long) is no VERP address of ours in form:
 * the message has no token, as one sent to the plain bounces@ has not.
 */
static int
verp_like(const char *a, const char *domain)
{
	const char *at = strrchr(a, '@'), *plus = NULL;

	if (hides(a) && (starts_hidden(a, "bounces+") ||
	    starts_hidden(a, "unsubscribe+")))
		return 1;
	if (!at || !domain || strcasecmp(at + 1, domain))
		return 0;
	for (const char *p = a; p < at; p++)
		if (*p == '+')
			plus = p;
	return plus && (hides(a) ||
	    verp_token_form(plus + 1, (size_t)(at - plus - 1)));
}

/*
 * Finds an envelope address carrying a token that checks out and names a
 * recipient; an unsubscribe address wins over a bounce address, because an
 * alias unsubscribe@ -> bounces@ may add "Delivered-To: bounces+TOKEN@".
 * Returns 0 with *w filled, 1 when there is none (*bad set when some token
 * was forged or unknown), -1 on a journal error.
 */
static int
find_token(const struct bounces_ctx *bx, const struct bounce_report *r,
    const char *source_key, struct who *w, int *bad)
{
	char tok[VERP_TOKEN_LEN + 1], id[VERP_ID_LEN + 1];

	*bad = 0;
	for (size_t i = 0; i < r->nenvelope && w->via != BOUNCES_ADDR_UNSUB;
	    i++) {
		enum bounces_addr k = bounces_addr_token(r->envelope[i],
		    bx->domain, tok, sizeof tok);
		struct who cand = { 0 };
		int rc;

		/*
		 * "bounces+shop@" claims no token, as the plain bounces@
		 * does not: the tokenless rules then ask the returned copy
		 * for proof; a disguised one claims ours falsely
		 */
		if (k != BOUNCES_ADDR_NONE &&
		    !verp_token_form(tok, strlen(tok)) &&
		    !hides(r->envelope[i]))
			continue;
		if (k == BOUNCES_ADDR_NONE) {
			if (verp_like(r->envelope[i], bx->domain)) {
				if (!unsub_alias_of(r, i))
					warnx("%s: ignored a forged or damaged "
					    "token in %s", source_key,
					    printable(r->envelope[i]));
				*bad = 1;
			}
			continue;
		}
		if (verp_check(bx->key, bx->keylen, tok, id, sizeof id) == -1) {
			if (!unsub_alias_of(r, i))
				warnx("%s: ignored a forged or damaged token "
				    "in %s", source_key,
				    printable(r->envelope[i]));
			*bad = 1;
			continue;
		}
		if (w->via == k)
			continue;	/* the same kind was found already */
		rc = journal_lookup_token(bx->jn, id, &cand.issue, &cand.list,
		    &cand.email);
		if (rc == -1) {
			who_clear(w);
			return -1;
		}
		if (rc == 1) {
			warnx("%s: ignored a token of no recipient in the "
			    "journal in %s", source_key,
			    printable(r->envelope[i]));
			*bad = 1;
			continue;
		}
		cand.via = k;
		who_clear(w);
		*w = cand;
	}
	return w->via == BOUNCES_ADDR_NONE;
}

/* The report's entry for email, else its first, else NULL. */
static const struct bounce_rcpt *
rcpt_for(const struct bounce_report *r, const char *email)
{
	for (size_t i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].address && addr_same(r->rcpts[i].address,
		    email))
			return &r->rcpts[i];
	return r->nrcpts ? &r->rcpts[0] : NULL;
}

static enum jevent
event_kind(enum bounce_kind k)
{
	switch (k) {
	case BOUNCE_DELAY:
		return JE_DELAY;
	case BOUNCE_AUTOREPLY:
		return JE_AUTOREPLY;
	case BOUNCE_COMPLAINT:
		return JE_COMPLAINT;
	case BOUNCE_UNSUBSCRIBE:
		return JE_UNSUBSCRIBE;
	default:
		return JE_BOUNCE;
	}
}

/*
 * Adds one event for (list, email) and applies the policy; counts a new
 * suppression.  list NULL: every list ("*").  0 / -1.
 */
static int
add_event(const struct bounces_ctx *bx, enum bounce_kind kind,
    const char *issue, const char *list, const char *email,
    const struct bounce_rcpt *rc, const char *key, struct bounces_stats *st)
{
	struct journal_event ev = { 0 };
	int was, now, is_new;

	if ((was = journal_suppressed(bx->jn, list, email)) == -1)
		return -1;
	ev.kind = event_kind(kind);
	ev.issue = issue;
	ev.list = list;
	ev.email = email;
	if (kind == BOUNCE_BOUNCE)
		ev.cls = rc && rc->hard ? JC_HARD : JC_SOFT;
	ev.status = rc && rc->status[0] ? rc->status : NULL;
	ev.reason = rc ? rc->reason : NULL;
	ev.at = time(NULL);
	ev.source_key = key;
	if (journal_event_add(bx->jn, &ev, &is_new) == -1)
		return -1;
	if (kind == BOUNCE_BOUNCE && is_new &&
	    journal_apply_policy(bx->jn, list, email, bx->hard_limit,
	    bx->soft_limit, bx->soft_window_days) == -1)
		return -1;
	if ((now = journal_suppressed(bx->jn, list, email)) == -1)
		return -1;
	if (now && !was)
		st->suppressions++;
	return 0;
}

static void
count(struct bounces_stats *st, enum bounce_kind kind, int hard)
{
	switch (kind) {
	case BOUNCE_BOUNCE:
		st->bounces++;
		if (hard)
			st->hard++;
		else
			st->soft++;
		break;
	case BOUNCE_DELAY:
		st->delays++;
		break;
	case BOUNCE_AUTOREPLY:
		st->autoreplies++;
		break;
	case BOUNCE_COMPLAINT:
		st->complaints++;
		break;
	case BOUNCE_UNSUBSCRIBE:
		st->unsubscribes++;
		break;
	default:
		st->other++;
	}
}

/* 1 when the report lists email among its recipients. */
static int
names(const struct bounce_report *r, const char *email)
{
	for (size_t i = 0; i < r->nrcpts; i++)
		if (r->rcpts[i].address && addr_same(r->rcpts[i].address,
		    email))
			return 1;
	return 0;
}

/*
 * Token candidates read from one report at most: its returned copy's
 * Message-ID's, two a field of that copy (a List-Unsubscribe's mailto and
 * URL), its feedback report's Original-Mail-From's and its delivery
 * status's Original-Envelope-Id.
 */
#define MAX_RETURNED_TOKENS (3 + 2 * BOUNCE_MAX_ORIG_FIELDS)

/*
 * Copies s[0..n) into toks[nt] when it has a token's length; returns the
 * new count.
 */
static size_t
tok_add(char (*toks)[VERP_TOKEN_LEN + 1], size_t nt, size_t max,
    const char *s, size_t n)
{
	if (nt == max || n != VERP_TOKEN_LEN)
		return nt;
	for (size_t i = 0; i < n; i++)
		toks[nt][i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
	toks[nt][n] = '\0';
	return nt + 1;
}

/*
 * The token of s[0..n), one of our VERP addresses of kind want in domain
 * ("bounces+TOKEN@domain"), into toks[nt]; returns the new count.
 */
static size_t
addr_tok_add(char (*toks)[VERP_TOKEN_LEN + 1], size_t nt, size_t max,
    const char *s, size_t n, const char *domain, enum bounces_addr want)
{
	char *a = xstrndup(s, n), tok[VERP_TOKEN_LEN + 1];

	if (bounces_addr_token(a, domain, tok, sizeof tok) == want)
		nt = tok_add(toks, nt, max, tok, strlen(tok));
	free(a);
	return nt;
}

/*
 * The token of the mailto URI's address u[0..n) (after "mailto:", before
 * any "?"), percent-decoded first (RFC 6068 2: "unsubscribe%2BTOKEN%40
 * domain" is the same address), into toks[nt]; a malformed escape gives
 * none.
 */
static size_t
mailto_tok_add(char (*toks)[VERP_TOKEN_LEN + 1], size_t nt, size_t max,
    const char *u, size_t n, const char *domain)
{
	struct buf a = BUF_INIT;

	if (buf_add_pct_decoded(&a, u, n) == 0 && a.len)
		nt = addr_tok_add(toks, nt, max, a.data, a.len, domain,
		    BOUNCES_ADDR_UNSUB);
	buf_free(&a);
	return nt;
}

/*
 * The value of the query parameter "t" of the URL u[0..n) (RFC 3986: the
 * query runs from the first "?" to a "#") into toks[nt].
 */
static size_t
url_tok_add(char (*toks)[VERP_TOKEN_LEN + 1], size_t nt, size_t max,
    const char *u, size_t n)
{
	const char *end = memchr(u, '#', n), *q;

	if (!end)
		end = u + n;
	q = memchr(u, '?', (size_t)(end - u));
	while (q && q < end) {
		const char *p = q + 1, *e = p;

		while (e < end && *e != '&' && *e != ';')
			e++;
		if (e - p > 2 && p[0] == 't' && p[1] == '=')
			return tok_add(toks, nt, max, p + 2,
			    (size_t)(e - p - 2));
		q = e;
	}
	return nt;
}

/*
 * The token of an envelope sender as a hop delivered it (Return-Path,
 * Original-Mail-From) into toks[0]: ours, or ours inside the SRS0/SRS1
 * address a forwarding hop rewrote it to (srs.h: the forwarder's hash is
 * not ours to check; the token's HMAC is the proof).  Returns the count.
 */
static size_t
sender_tok_add(char (*toks)[VERP_TOKEN_LEN + 1], size_t max,
    const char *value, const char *domain)
{
	size_t n = strcspn(value, ";"), nt;
	char *orig = srs_original(value, n);

	if (!orig)
		return addr_tok_add(toks, 0, max, value, n, domain,
		    BOUNCES_ADDR_BOUNCE);
	nt = addr_tok_add(toks, 0, max, orig, strlen(orig), domain,
	    BOUNCES_ADDR_BOUNCE);
	free(orig);
	return nt;
}

size_t
bounces_field_tokens(const char *name, const char *value,
    const char *domain, char (*toks)[VERP_TOKEN_LEN + 1], size_t max)
{
	const char *s = value, *lt, *gt;
	size_t nt = 0;

	if (!strcasecmp(name, "Return-Path") ||
	    !strcasecmp(name, "Original-Mail-From"))
		return sender_tok_add(toks, max, value, domain);
	if (!strcasecmp(name, "CFBL-Address"))
		return addr_tok_add(toks, 0, max, value, strcspn(value, ";"),
		    domain, BOUNCES_ADDR_BOUNCE);
	if (strcasecmp(name, "List-Unsubscribe"))
		return 0;
	/* RFC 2369: each entry in angle brackets */
	while ((lt = strchr(s, '<')) && (gt = strchr(lt, '>'))) {
		const char *u = lt + 1;
		size_t n = (size_t)(gt - u);

		if (n > 7 && !strncasecmp(u, "mailto:", 7))
			nt = mailto_tok_add(toks, nt, max, u + 7,
			    strcspn(u + 7, "?>"), domain);
		else
			nt = url_tok_add(toks, nt, max, u, n);
		s = gt + 1;
	}
	return nt;
}

/*
 * The token candidates of the returned original's headers: its
 * Message-ID's (edition.c writes the token last in it) and those of
 * bounces_field_tokens; of the feedback report's Original-Mail-From
 * (our envelope sender, as the complaining provider received it); and
 * the delivery status's Original-Envelope-Id (smtp.c sends the token as
 * ENVID).  Returns how many.
 */
static size_t
returned_tokens(const struct bounces_ctx *bx, const struct bounce_report *r,
    char (*toks)[VERP_TOKEN_LEN + 1])
{
	size_t nt = 0;

	if (r->orig_message_id && verp_token_in_msgid(r->orig_message_id,
	    toks[0], sizeof toks[0]) == 0)
		nt = 1;
	for (size_t i = 0; i < r->norig_fields; i++)
		nt += bounces_field_tokens(r->orig_fields[i].name,
		    r->orig_fields[i].value, bx->domain, toks + nt,
		    MAX_RETURNED_TOKENS - nt);
	if (r->feedback_mail_from)
		nt += bounces_field_tokens("Original-Mail-From",
		    r->feedback_mail_from, bx->domain, toks + nt,
		    MAX_RETURNED_TOKENS - nt);
	/* the ENVID send gave a relay that announced DSN: the bare token */
	if (r->envelope_id && strlen(r->envelope_id) == VERP_TOKEN_LEN &&
	    nt < MAX_RETURNED_TOKENS)
		memcpy(toks[nt++], r->envelope_id, VERP_TOKEN_LEN + 1);
	return nt;
}

/* 1 when toks[0..i) holds toks[i] already. */
static int
tok_seen(char (*toks)[VERP_TOKEN_LEN + 1], size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(toks[k], toks[i]))
			return 1;
	return 0;
}

/*
 * The recipient that a token in the returned original's headers proves:
 * one that checks out (verp_check), names a recipient in the journal,
 * and, unless r is a complaint, one that r names as failed.  Anyone can
 * write returned headers too; what makes them proof is the HMAC, which
 * only we can compute, so a forged or altered token proves nothing, and a
 * genuine one proves only that we sent that message to that address.
 * 0 with *w filled, 1 when there is none, -1 on a journal error.
 */
static int
returned_token(const struct bounces_ctx *bx, const struct bounce_report *r,
    struct who *w)
{
	char toks[MAX_RETURNED_TOKENS][VERP_TOKEN_LEN + 1];
	size_t nt = returned_tokens(bx, r, toks);

	for (size_t i = 0; i < nt; i++) {
		char id[VERP_ID_LEN + 1];
		int rc;

		if (tok_seen(toks, i) ||
		    verp_check(bx->key, bx->keylen, toks[i], id, sizeof id) ==
		    -1)
			continue;
		rc = journal_lookup_token(bx->jn, id, &w->issue, &w->list,
		    &w->email);
		if (rc == -1)
			return -1;
		if (rc == 1)
			continue;
		/* a complaint's recipient may be redacted: the copy is proof */
		if (r->kind == BOUNCE_COMPLAINT || names(r, w->email)) {
			w->via = BOUNCES_ADDR_BOUNCE;
			return 0;
		}
		who_clear(w);
	}
	return 1;
}

/*
 * Why a report is kept as unverified evidence, for the log: the places
 * find_token and returned_token read, no more.
 */
static const char unproven[] = "without a valid token proving it in its "
    "envelope (Delivered-To, To, X-Original-To), its returned copy's "
    "Message-ID, Return-Path, List-Unsubscribe or CFBL-Address, its "
    "Original-Mail-From or Original-Envelope-Id, or an SES notification's "
    "mail source";
static const char malformed[] = "in a feedback report without the "
    "message/feedback-report part or its Feedback-Type, which RFC 5965 "
    "requires";

static const char web_returned[] = "returned from the confirmation mail "
    "mailer serve sent to it (web.%lld): an address typed in a form that "
    "takes no mail, nothing to do";
static const char web_reported[] = "about the confirmation mail mailer "
    "serve sent to it (web.%lld): someone typed that address in a form, "
    "and its reader did not ask for the mail";

struct web_mail_match {
	const struct bounce_report *r;
	int found;
};

static void
web_mail_match(void *arg, const struct journal_webmail *m)
{
	struct web_mail_match *x = arg;

	x->found = names(x->r, m->email);
}

/*
 * A bounce of (or a complaint about) a confirmation mail of mailer serve
 * (sent from the bounce address, with no token: the address is nobody's
 * on a list yet) names its returned copy's Message-ID, <web.N.HEX@...>,
 * and the address of journal row N as failed (as the complainant):
 * returns N, 0 when it is no such report, -1 on a journal error.
 */
static long long
web_mail_returned(const struct bounces_ctx *bx, const struct bounce_report *r)
{
	struct web_mail_match x = { r, 0 };
	const char *id = r->orig_message_id;
	long long n;
	int end = 0, rc;

	if (!id || (r->kind != BOUNCE_BOUNCE && r->kind != BOUNCE_DELAY &&
	    r->kind != BOUNCE_COMPLAINT))
		return 0;
	id += strspn(id, " \t<");
	if (sscanf(id, "web.%lld.%*16[0-9a-f]@%n", &n, &end) != 1 || !end ||
	    n <= 0)
		return 0;
	if ((rc = journal_webmail_get(bx->jn, n, web_mail_match, &x)) == -1)
		return -1;
	return rc == 0 && x.found ? n : 0;
}

/*
 * Addresses of one message named a line each as unverified evidence; the
 * rest are counted in one line: a notice naming a thousand of them (a
 * forged one, say) is a thousand rows, not a thousand lines of cron mail.
 */
#define BOUNCES_UNVERIFIED_LINES 10
/*
 * And a run logs that many such lines in all: a mailbox of five thousand
 * forged notices is five thousand rows, and one count in the summary.
 */
#define BOUNCES_UNVERIFIED_RUN_LINES 50

/*
 * Keeps what r says about email (its entry rc, or none) as unverified
 * evidence, and logs it with why when say.  0 / -1.
 */
static int
keep_unverified(const struct bounces_ctx *bx, const struct bounce_report *r,
    const char *email, const struct bounce_rcpt *rc, const char *why,
    const char *key, int say)
{
	struct journal_event ev = { 0 };

	ev.kind = event_kind(r->kind);
	ev.email = email;
	if (rc && r->kind == BOUNCE_BOUNCE)
		ev.cls = rc->hard ? JC_HARD : JC_SOFT;
	ev.status = rc && rc->status[0] ? rc->status : NULL;
	ev.reason = rc ? rc->reason : r->feedback_malformed ?
	    "malformed-feedback" : NULL;
	ev.at = time(NULL);
	ev.source_key = key;
	if (journal_unverified_add(bx->jn, &ev, r->orig_message_id) == -1)
		return -1;
	if (say)
		warnx("%s: a %s for %s %s: kept as unverified evidence, "
		    "nobody suppressed", key, bounce_kind_name(r->kind),
		    printable(email), why);
	return 0;
}

/*
 * Keeps every recipient r names, and also (unless NULL or named) the one
 * a valid token names, as unverified evidence, with why; counts r as
 * other.  0 / -1.
 */
static int
keep_all_unverified(const struct bounces_ctx *bx,
    const struct bounce_report *r, const char *also, const char *why,
    const char *key, struct bounces_stats *st)
{
	size_t any = 0, lines = BOUNCES_UNVERIFIED_LINES;
	int quiet = st->unverified_lines >= BOUNCES_UNVERIFIED_RUN_LINES;

	/* the token's address first: it is the one line that must show */
	if (also && !names(r, also)) {
		if (keep_unverified(bx, r, also, NULL, why, key, !quiet) == -1)
			return -1;
		any++;
	}
	for (size_t i = 0; i < r->nrcpts; i++) {
		if (!r->rcpts[i].address)
			continue;
		if (keep_unverified(bx, r, r->rcpts[i].address, &r->rcpts[i],
		    why, key, !quiet && any < lines) == -1)
			return -1;
		any++;
	}
	count(st, BOUNCE_OTHER, 0);
	if (quiet) {
		st->unverified_quiet++;
		return 0;
	}
	if (any > lines)
		warnx("%s: and %zu more address%s in the same %s, each kept "
		    "as unverified evidence (table unverified), nobody "
		    "suppressed", key, any - lines, any - lines == 1 ? "" :
		    "es", bounce_kind_name(r->kind));
	if (!any)
		warnx("%s: a %s naming nobody %s: nobody suppressed", key,
		    bounce_kind_name(r->kind), why);
	st->unverified_lines += (long)(any > lines ? lines + 1 : any ? any :
	    1);
	return 0;
}

/*
 * A report without a valid token in its envelope counts only when it
 * proves it came back from a message we sent: a token in its returned
 * headers (returned_token) names the recipient, whom (for a bounce or
 * delay) the report names as failed.  It then counts for that recipient's
 * list only.  Tokens in the notice's text or the returned body are not
 * read.  Anything else is logged and kept as unverified evidence, and
 * suppresses nobody: anyone can write a report naming a subscriber.  So
 * is a malformed feedback report, whatever its tokens: it proves no
 * complaint.
 */
static int
record_untokened(const struct bounces_ctx *bx, const struct bounce_report *r,
    const char *key, struct bounces_stats *st)
{
	struct who w = { 0 };
	const struct bounce_rcpt *rc = NULL;
	long long n;
	int found;

	if (r->kind != BOUNCE_BOUNCE && r->kind != BOUNCE_DELAY &&
	    r->kind != BOUNCE_COMPLAINT) {
		count(st, r->kind, 0);
		return 0;
	}
	/* a complaint naming nobody (a redacted one) still has its proof */
	if (!r->nrcpts && r->kind != BOUNCE_COMPLAINT) {
		count(st, BOUNCE_OTHER, 0);
		return 0;
	}
	if (r->feedback_malformed)
		return keep_all_unverified(bx, r, NULL, malformed, key, st);
	if ((found = returned_token(bx, r, &w)) == -1)
		return -1;
	if (found == 0) {
		if (r->kind == BOUNCE_BOUNCE)
			rc = rcpt_for(r, w.email);
		if (add_event(bx, r->kind, w.issue, w.list, w.email, rc, key,
		    st) == -1) {
			who_clear(&w);
			return -1;
		}
		count(st, r->kind, rc && rc->hard);
		who_clear(&w);
		return 0;
	}
	if ((n = web_mail_returned(bx, r)) == -1)
		return -1;
	if (n > 0) {
		char *why = xasprintf(r->kind == BOUNCE_COMPLAINT ?
		    web_reported : web_returned, n);

		found = keep_all_unverified(bx, r, NULL, why, key, st);
		free(why);
		return found;
	}
	return keep_all_unverified(bx, r, NULL, unproven, key, st);
}

static int
record(const struct bounces_ctx *bx, struct bounce_report *r,
    const char *key, struct bounces_stats *st)
{
	struct who w = { 0 };
	const struct bounce_rcpt *rc = NULL;
	enum bounce_kind kind = r->kind;
	int bad, found;

	if ((found = find_token(bx, r, key, &w, &bad)) == -1)
		return -1;
	if (found == 1) {
		if (bad) {
			/* a forged token taints the message: nothing counts */
			count(st, BOUNCE_OTHER, 0);
			return 0;
		}
		return record_untokened(bx, r, key, st);
	}
	/*
	 * an unsubscribe request is any message but an auto-reply its
	 * headers mark as one (a reader may write that she is away) or a
	 * feedback report: a provider's "report spam and unsubscribe" sends
	 * its complaint to the List-Unsubscribe mailto, and a complaint
	 * suppresses as well
	 */
	if (w.via == BOUNCES_ADDR_UNSUB && !(kind == BOUNCE_AUTOREPLY &&
	    r->auto_marked) && !(kind == BOUNCE_COMPLAINT &&
	    !r->feedback_malformed))
		kind = BOUNCE_UNSUBSCRIBE;
	/* a valid token does not make a malformed report a complaint */
	if (kind == BOUNCE_COMPLAINT && r->feedback_malformed) {
		found = keep_all_unverified(bx, r, w.email, malformed, key,
		    st);
		who_clear(&w);
		return found;
	}
	/*
	 * sent to a recipient's own bounce address and none of those: a
	 * person's reply to the Return-Path, say, which nobody else reads
	 */
	if (kind == BOUNCE_OTHER)
		warnx("%s: a message to the bounce address of %s (list %s, "
		    "issue %s) is no bounce, complaint, auto-reply or "
		    "unsubscribe request: counted as other, nobody "
		    "suppressed; a person may have written it", key, w.email,
		    w.list, w.issue);
	if (kind == BOUNCE_BOUNCE)
		rc = rcpt_for(r, w.email);
	if (kind != BOUNCE_OTHER && add_event(bx, kind, w.issue, w.list,
	    w.email, rc, key, st) == -1) {
		who_clear(&w);
		return -1;
	}
	count(st, kind, rc && rc->hard);
	who_clear(&w);
	return 0;
}

/*
 * The name of a message without a Message-ID: "sha256:" and the hex of
 * its bytes' SHA-256, into id.  Met again under another key (the folder's
 * UIDVALIDITY changed, or a client put it back), the same bytes are the
 * same message.
 */
static void
content_id(const char *msg, size_t len,
    char id[sizeof "sha256:" + 2 * SHA256_DIGEST_SIZE])
{
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, len, (const uint8_t *)msg);
	sha256_digest(&h, sizeof d, d);
	memcpy(id, "sha256:", 7);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(id + 7 + 2 * i, 3, "%02x", d[i]);
}

int
bounces_record(const struct bounces_ctx *bx, const char *msg, size_t len,
    const char *source_key, struct bounces_stats *st)
{
	struct bounce_report r;
	char cid[sizeof "sha256:" + 2 * SHA256_DIGEST_SIZE];
	const char *mid;
	int seen, rc = -1;

	bounce_parse(msg, len, &r);
	mid = r.message_id && *r.message_id ? r.message_id : NULL;
	if (!mid) {
		content_id(msg, len, cid);
		mid = cid;
	}
	if (journal_begin(bx->jn) == -1) {
		bounce_report_free(&r);
		return -1;
	}
	seen = journal_message_seen(bx->jn, source_key, mid);
	if (seen > 0)
		rc = seen;
	else if (seen == 0 && record(bx, &r, source_key, st) == 0 &&
	    journal_message_add(bx->jn, source_key, mid,
	    bounce_kind_name(r.kind)) == 0)
		rc = 0;
	if (rc == -1 || journal_commit(bx->jn) == -1) {
		journal_rollback(bx->jn);
		rc = -1;
	}
	if (rc == 0)
		st->messages++;
	bounce_report_free(&r);
	return rc;
}

/* a count's noun ending */
#define PLURAL(n, one, many) ((n) == 1 ? (one) : (many))

char *
bounces_summary(const struct bounces_stats *st)
{
	char *quiet = st->unverified_quiet ? xasprintf("; %ld more message%s "
	    "kept as unverified evidence (table unverified) without a line "
	    "each, nobody suppressed", st->unverified_quiet,
	    PLURAL(st->unverified_quiet, "", "s")) : xstrdup("");
	char *s = xasprintf("bounces: %ld message%s: %ld bounce%s (%ld hard, "
	    "%ld soft), %ld delay%s, %ld autorepl%s, %ld complaint%s, %ld "
	    "unsubscribe%s, %ld other; %ld suppression%s%s", st->messages,
	    PLURAL(st->messages, "", "s"), st->bounces,
	    PLURAL(st->bounces, "", "s"), st->hard, st->soft, st->delays,
	    PLURAL(st->delays, "", "s"), st->autoreplies,
	    PLURAL(st->autoreplies, "y", "ies"), st->complaints,
	    PLURAL(st->complaints, "", "s"), st->unsubscribes,
	    PLURAL(st->unsubscribes, "", "s"), st->other, st->suppressions,
	    PLURAL(st->suppressions, "", "s"), quiet);

	free(quiet);
	return s;
}

static int
fail_code(enum imap_fail why)
{
	switch (why) {
	case IMAP_FAIL_CONFIG:
		return EXIT_CONFIG;
	case IMAP_FAIL_CONN:
		return EXIT_UNAVAILABLE;
	case IMAP_FAIL_TLS:
		return EXIT_TLS;
	case IMAP_FAIL_AUTH:
		return EXIT_LOGIN;
	default:
		return EXIT_TEMPFAIL;
	}
}

/*
 * Names a message too large to read (size bytes, 0 when only the fetch
 * told): where it is and what to do, as every run meets it again.
 */
static void
too_large(const struct config *c, uint32_t uid, size_t size)
{
	char n[32] = "";

	if (size)
		snprintf(n, sizeof n, " (%zu bytes)", size);
	warnx("%s: message UID %u in %s is larger than %u bytes%s: left "
	    "there unread; move or delete it (each run names it until then)",
	    c->imap_url, (unsigned)uid, c->imap_folder, BOUNCES_MAX_MSG, n);
}

/*
 * Names the n messages recorded but left in the folder after the server
 * refused a move (said above): the next run moves them, counting nothing.
 */
static void
left_recorded(const struct config *c, size_t n)
{
	warnx("%s: %zu message%s recorded but left in %s: the server refused "
	    "the move to %s (above); a later run moves %s without counting "
	    "%s again", c->imap_url, n, n == 1 ? "" : "s", c->imap_folder,
	    c->imap_processed_folder, n == 1 ? "it" : "them",
	    n == 1 ? "it" : "them");
}

/*
 * Messages moved with one command (a UID set): 5,000 notices on Dovecot
 * moved one command each took 11-25 ms a message with MOVE, 47-75 by
 * COPY and a plain EXPUNGE, 0.3-1.1 ms in sets (tests/bench/imapmove.sh);
 * a few hundred keep each command line short.
 */
#define BOUNCES_MOVE_BATCH 250

/* The messages recorded and not yet moved, moved BOUNCES_MOVE_BATCH at a
 * time; those an earlier run's move may have copied already (again) in a
 * batch of their own, their copies looked for at once. */
struct mover {
	struct imap *im;
	const char *folder;		/* the processed folder */
	struct bounces_stats *st;
	uint32_t uids[BOUNCES_MOVE_BATCH];
	size_t n;
	uint32_t again_uids[BOUNCES_MOVE_BATCH];
	struct imap_again again[BOUNCES_MOVE_BATCH];
	char *ids[BOUNCES_MOVE_BATCH];	/* their Message-IDs */
	size_t na;
	size_t kept;	/* recorded, left in place: the server refused */
};

/* Moves uids[0..n) (copied: as imap_move_set's).  0 / -1 after
 * reporting a failed session. */
static int
move_set(struct mover *mv, const uint32_t *uids, size_t n, int copied)
{
	int m;

	if (mv->kept || n == 0) {
		/* after a refusal (a full folder) the rest stay */
		mv->kept += n;
		return 0;
	}
	m = imap_move_set(mv->im, uids, n, mv->folder, copied);
	if (m == 0)
		mv->st->moved += (long)n;
	else if (m == 2)
		mv->kept += n;
	/* refused, nothing moved: one by one, to know which and why */
	for (size_t i = 0; m == 1 && i < n; i++) {
		int one = mv->kept ? 1 : imap_move(mv->im, uids[i], mv->folder);

		if (one == -1)
			return -1;
		mv->kept += one == 1;
		mv->st->moved += one == 0;
	}
	return m == -1 ? -1 : 0;
}

/*
 * Moves the again batch: without MOVE its copies looked for first, in one
 * look, those found only flagged and expunged.  0 / -1.
 */
static int
again_flush(struct mover *mv)
{
	size_t n = mv->na, k = 0, j = 0;
	uint32_t had[BOUNCES_MOVE_BATCH], copy[BOUNCES_MOVE_BATCH];
	int found[BOUNCES_MOVE_BATCH] = { 0 }, rc = 0;

	mv->na = 0;
	if (!mv->kept && !imap_has_move(mv->im) &&
	    imap_copied_set(mv->im, mv->folder, mv->again, n, found) == -1)
		rc = -1;
	for (size_t i = 0; i < n; i++) {
		if (found[i])
			had[k++] = mv->again_uids[i];
		else
			copy[j++] = mv->again_uids[i];
		free(mv->ids[i]);
	}
	if (rc == 0 && (move_set(mv, had, k, 1) == -1 ||
	    move_set(mv, copy, j, 0) == -1))
		rc = -1;
	return rc;
}

/* Moves the messages waiting.  0 / -1 after reporting a failed session. */
static int
move_flush(struct mover *mv)
{
	size_t n = mv->n;

	mv->n = 0;
	if (move_set(mv, mv->uids, n, 0) == -1)
		return -1;
	return mv->na ? again_flush(mv) : 0;
}

/* Queues message uid, recorded now, to be moved.  0 / -1. */
static int
move_later(struct mover *mv, uint32_t uid)
{
	mv->uids[mv->n++] = uid;
	return mv->n == BOUNCES_MOVE_BATCH ? move_flush(mv) : 0;
}

/* The Message-ID msg[0..len) has, malloc'd, or NULL. */
static char *
message_id_of(const char *msg, size_t len)
{
	struct bounce_report r;
	char *id;

	bounce_parse(msg, len, &r);
	id = r.message_id && *r.message_id ? xstrdup(r.message_id) : NULL;
	bounce_report_free(&r);
	return id;
}

/* again (and *id, owned by the caller) for m[0..len) (m NULL: empty). */
static void
again_of(struct imap_again *again, char **id, const char *m, size_t len)
{
	m = m ? m : "";
	*id = message_id_of(m, len);
	imap_again_set(again, m, len, *id);
}

/*
 * Queues message uid, recorded under its UID by an earlier run whose move
 * of it may have made its copy already (msg[0..len) its bytes, msg NULL:
 * empty).  0 / -1.
 */
static int
move_again(struct mover *mv, uint32_t uid, const char *msg, size_t len)
{
	size_t i = mv->na++;

	mv->again_uids[i] = uid;
	again_of(&mv->again[i], &mv->ids[i], msg, len);
	return mv->na == BOUNCES_MOVE_BATCH ? again_flush(mv) : 0;
}

/* What finish_deleted's fetch fills: again[i] and ids[i] of each message
 * the server returned, got[i] set. */
struct deleted_read {
	struct imap_again *again;
	char **ids;
	int *got;
};

static int
deleted_fetched(void *arg, size_t i, const char *msg, size_t len)
{
	struct deleted_read *dr = arg;

	again_of(&dr->again[i], &dr->ids[i], msg, len);
	dr->got[i] = 1;
	return 0;
}

/*
 * Keeps of del[0..*n) the \Deleted messages our moves flagged: recorded
 * under their very UIDs; the others are someone else's deletions.  0, or
 * EXIT_SOFTWARE after a journal error.
 */
static int
ours_deleted(const struct bounces_ctx *bx, uint32_t validity, uint32_t *del,
    size_t *n)
{
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		char *key = xasprintf("imap:%u:%u", (unsigned)validity,
		    (unsigned)del[i]);
		int seen = journal_message_seen(bx->jn, key, NULL);

		free(key);
		if (seen == -1)
			return EXIT_SOFTWARE;
		if (seen == 2)
			del[k++] = del[i];
	}
	*n = k;
	return 0;
}

/*
 * Settles ours[0..n), \Deleted messages our moves flagged: those whose
 * copy is in the processed folder are expunged (the move cut before its
 * EXPUNGE); those whose copy is not (a person deleted it there, or
 * flagged the original after a refused move) get \Deleted cleared, and
 * the run moves them as any recorded message, copying them once: else
 * each run would read them and look for the copy again, for good.  The
 * \Deleted is cleared before the EXPUNGE, which without UIDPLUS is a
 * plain one and would take them uncopied.  0, or a code of exitcode.h.
 */
static int
settle_deleted(const struct config *c, struct imap *im,
    const uint32_t *ours, const struct imap_again *again, size_t n)
{
	uint32_t *copied = xcalloc(n ? n : 1, sizeof *copied),
	    *lost = xcalloc(n ? n : 1, sizeof *lost);
	int *had = xcalloc(n ? n : 1, sizeof *had), rc = 0;
	size_t k = 0, j = 0;

	if (imap_copied_set(im, c->imap_processed_folder, again, n, had) == -1)
		rc = EXIT_TEMPFAIL;
	for (size_t i = 0; i < n; i++) {
		if (had[i])
			copied[k++] = ours[i];
		else
			lost[j++] = ours[i];
	}
	/* refused (reported): the notices count all the same */
	if (rc == 0 && (imap_undelete(im, lost, j) == -1 ||
	    imap_expunge(im, copied, k) == -1))
		rc = EXIT_TEMPFAIL;
	free(had);
	free(lost);
	free(copied);
	return rc;
}

/*
 * Ends the moves an earlier run left between \Deleted and EXPUNGE (killed
 * there): those messages stayed in the folder for good, skipped as
 * \Deleted.  Any other \Deleted message is someone else's, and stays.
 * Without UIDPLUS the EXPUNGE is a plain one and also expunges those:
 * it is the one the cut move would have sent, and every move there
 * sends one.  Returns a code of exitcode.h.
 */
static int
finish_deleted(const struct config *c, struct imap *im,
    const struct bounces_ctx *bx, uint32_t validity)
{
	uint32_t *del = NULL;
	struct deleted_read dr;
	size_t n = 0, k = 0;
	int rc;

	if (imap_list_deleted(im, &del, &n) == -1)
		return EXIT_TEMPFAIL;
	if ((rc = ours_deleted(bx, validity, del, &n)) != 0 || n == 0) {
		free(del);
		return rc;
	}
	dr.again = xcalloc(n, sizeof *dr.again);
	dr.ids = xcalloc(n, sizeof *dr.ids);
	dr.got = xcalloc(n, sizeof *dr.got);
	/* all in a few commands: one each cost a UID FETCH a message */
	if (imap_fetch_set(im, del, NULL, n, deleted_fetched, &dr) == -1)
		rc = EXIT_TEMPFAIL;
	/* one expunged meanwhile is nothing to settle */
	for (size_t i = 0; i < n; i++) {
		if (!dr.got[i])
			continue;
		del[k] = del[i];
		dr.again[k] = dr.again[i];
		dr.ids[k++] = dr.ids[i];
	}
	if (rc == 0 && k)
		rc = settle_deleted(c, im, del, dr.again, k);
	for (size_t i = 0; i < k; i++)
		free(dr.ids[i]);
	free(dr.got);
	free(dr.ids);
	free(dr.again);
	free(del);
	return rc;
}

/* What drain's fetch carries from one message to the next. */
struct draining {
	const struct config *c;
	const struct bounces_ctx *bx;
	struct bounces_stats *st;
	struct mover *mv;
	uint32_t validity;
	const uint32_t *uids;	/* those fetched */
	int rc;			/* a code of exitcode.h */
};

/*
 * Records message uids[i], msg[0..len) (msg NULL: empty), and queues its
 * move.  0 to go on; else d->rc says why not.
 */
static int
drain_one(void *arg, size_t i, const char *msg, size_t len)
{
	struct draining *d = arg;
	uint32_t uid = d->uids[i];
	char *key;
	int seen;

	/* its RFC822.SIZE said less, or nothing */
	if (len > BOUNCES_MAX_MSG) {
		too_large(d->c, uid, len);
		return 0;
	}
	key = xasprintf("imap:%u:%u", (unsigned)d->validity, (unsigned)uid);
	seen = bounces_record(d->bx, msg ? msg : "", len, key, d->st);
	free(key);
	if (seen == -1)
		d->rc = EXIT_SOFTWARE;
	else if ((seen == 2 ? move_again(d->mv, uid, msg, len) :
	    move_later(d->mv, uid)) == -1)
		d->rc = EXIT_TEMPFAIL;
	return d->rc;
}

/*
 * Keeps of uids[0..*n) and sizes[0..*n) the messages of at most
 * BOUNCES_MAX_MSG bytes; names the others, left unread.
 */
static void
small_enough(const struct config *c, uint32_t *uids, uint32_t *sizes,
    size_t *n)
{
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		/* one the server gave no size of is read, and refused
		 * then if it is too large */
		if (sizes[i] > BOUNCES_MAX_MSG &&
		    sizes[i] != IMAP_SIZE_UNKNOWN) {
			too_large(c, uids[i], sizes[i]);
			continue;
		}
		uids[k] = uids[i];
		sizes[k++] = sizes[i];
	}
	*n = k;
}

/*
 * Processes every message of the folder: each one's events and its
 * "processed" mark are committed before it is moved, so a crash between
 * the two (tests/t/0520 stops the process there with gdb) costs a rerun
 * nothing.  They are read in UID sets, a few megabytes a command (one
 * command a message cost a round trip each: 5,000 notices from a server
 * 30 ms away took 150 s), and processed one by one in UID order.  The
 * moves go BOUNCES_MOVE_BATCH at a time; the messages recorded under
 * their UID before (an earlier run's move cut short) go in batches of
 * their own, their copies looked for first, one look a batch.  A message
 * whose RFC822.SIZE is over BOUNCES_MAX_MSG is not fetched.  Once the
 * server refuses a move (the processed folder over quota), the rest are
 * recorded and left where they are: a full folder must not stop the
 * bounces from counting.  Returns a code of exitcode.h.
 */
static int
drain(const struct config *c, struct imap *im, const struct bounces_ctx *bx,
    struct bounces_stats *st)
{
	uint32_t validity, *uids = NULL, *sizes = NULL;
	struct mover mv = { .im = im, .folder = c->imap_processed_folder,
	    .st = st };
	struct draining d = { .c = c, .bx = bx, .st = st, .mv = &mv };
	size_t n = 0;
	int rc = 0;

	/* a folder that is not there is a setting to fix, not a server to
	 * try again later */
	if ((rc = imap_folder_exists(im, c->imap_folder)) != 1) {
		if (rc == 0)
			warnx("%s: imap.folder \"%s\": no such folder on %s",
			    c->path, printable(c->imap_folder), c->imap_url);
		return rc == 0 ? EXIT_CONFIG : EXIT_TEMPFAIL;
	}
	/* so is a processed folder the server will not create */
	if ((rc = imap_ensure_folder(im, c->imap_processed_folder)) != 0) {
		if (rc == 1)
			warnx("%s: imap.processed_folder \"%s\": %s does not "
			    "create it (above); name another, or create it "
			    "there", c->path,
			    printable(c->imap_processed_folder),
			    c->imap_url);
		return rc == 1 ? EXIT_CONFIG : EXIT_TEMPFAIL;
	}
	if (imap_select(im, c->imap_folder, &validity) == -1)
		return EXIT_TEMPFAIL;
	if ((rc = finish_deleted(c, im, bx, validity)) != 0)
		return rc;
	if (imap_list_uids(im, &uids, &n) == -1)
		return EXIT_TEMPFAIL;
	sizes = xcalloc(n ? n : 1, sizeof *sizes);
	if (imap_sizes(im, uids, n, sizes) == -1)
		rc = EXIT_TEMPFAIL;
	else {
		small_enough(c, uids, sizes, &n);
		d.validity = validity;
		d.uids = uids;
		switch (imap_fetch_set(im, uids, sizes, n, drain_one, &d)) {
		case -1:
			rc = EXIT_TEMPFAIL;
			break;
		case 1:
			rc = d.rc;
			break;
		}
	}
	if (rc == 0 && move_flush(&mv) == -1)
		rc = EXIT_TEMPFAIL;
	if (mv.kept && rc == 0) {
		left_recorded(c, mv.kept);
		rc = EXIT_TEMPFAIL;
	}
	for (size_t i = 0; i < mv.na; i++)
		free(mv.ids[i]);
	free(sizes);
	free(uids);
	return rc;
}

int
bounces_run(const struct config *c, enum bounces_say say, int locked)
{
	struct bounces_stats st = { 0 };
	struct bounces_ctx bx = { 0 };
	struct state state = { .lockfd = -1 };
	struct imap *im = NULL;
	enum imap_fail why;
	char *pw = NULL, *line;
	int rc = 0, unsent;

	if (!c->imap) {
		warnx("%s: no imap: section: the bounce mailbox is not "
		    "configured", c->path);
		return EXIT_CONFIG;
	}
	/*
	 * no key is made here: a new key could not check old tokens.  With
	 * neither key nor journal nothing was ever sent: no message can be
	 * ours yet, and cron's runs before the first send log in (to name a
	 * wrong setting at once) and leave the mailbox as it is.
	 */
	unsent = c->secret_file && access(c->secret_file, F_OK) == -1 &&
	    errno == ENOENT && access(c->state_path, F_OK) == -1 &&
	    errno == ENOENT;
	if (!unsent && (rc = state_open(c, locked, 0, &state)) != 0)
		return rc;
	if (!(pw = config_secret(c, "IMAP password", c->imap_password_file,
	    c->imap_password_env))) {
		rc = EXIT_CONFIG;
		goto out;
	}
	im = imap_open(c, pw, &why);
	explicit_bzero(pw, strlen(pw));
	if (!im) {
		rc = fail_code(why);
		goto out;
	}
	if (unsent) {
		if (say == BOUNCES_SAY_ALWAYS)
			printf("bounces: nothing sent yet (no %s): the mailbox "
			    "is read from the first send on\n", c->secret_file);
		goto out;
	}
	bx.jn = state.jn;
	bx.key = state.key;
	bx.keylen = state.keylen;
	bx.domain = c->bounce_domain;
	bx.hard_limit = c->hard_limit;
	bx.soft_limit = c->soft_limit;
	bx.soft_window_days = c->soft_window_days;
	rc = drain(c, im, &bx, &st);
	if (say == BOUNCES_SAY_ALWAYS ||
	    (say == BOUNCES_SAY_NEW && st.messages)) {
		line = bounces_summary(&st);
		printf("%s\n", line);
		fflush(stdout);
		free(line);
	}
out:
	imap_close(im);
	free(pw);
	state_close(&state);
	return rc;
}
