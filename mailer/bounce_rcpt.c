/*
 * bounce_rcpt: the recipients a notice is about (see bounce_rcpt.h).
 * RFC 3464 per-recipient fields, the listing conventions of qmail, Postfix,
 * Sendmail, Exim, Exchange and webmail notices, Amazon SES JSON.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bounce_rcpt.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

#define MAX_SEGMENT	(16 * 1024)	/* diagnostic text per recipient */

/*
 * Reads the per-recipient blocks of a delivery-status body.  Each failed or
 * delayed recipient is appended to rs.
 */
void
bounce_dsn_parse(const char *d, size_t n, struct bounce_seg **rs, size_t *nrs,
    struct bounce_dsn_tally *t)
{
	size_t i = 0;
	struct buf v = BUF_INIT;

	while (i < n && *nrs < BOUNCE_MAX_RCPTS) {
		size_t bl = bounce_header_len(d + i, n - i);
		const char *blk = d + i;
		char *addr = NULL;
		char st[16] = "";
		int act = 0;	/* 1 failed, 2 delayed, 3 delivered */

		if (bounce_header_get(blk, bl, "Final-Recipient", 0, &v))
			addr = bounce_first_addr(v.data, v.len);
		if (!addr && bounce_header_get(blk, bl, "Original-Recipient", 0,
		    &v))
			addr = bounce_first_addr(v.data, v.len);
		if (!addr && bounce_header_get(blk, bl, "X-Actual-Recipient", 0,
		    &v))
			addr = bounce_first_addr(v.data, v.len);
		if (bounce_header_get(blk, bl, "Status", 0, &v))
			bounce_find_status(v.data, v.len, st);
		if (bounce_header_get(blk, bl, "Action", 0, &v)) {
			if (bounce_find_ci(v.data, v.len, "fail"))
				act = 1;
			else if (bounce_find_ci(v.data, v.len, "delay"))
				act = 2;
			else if (bounce_find_ci(v.data, v.len, "deliver") ||
			    bounce_find_ci(v.data, v.len, "relayed") ||
			    bounce_find_ci(v.data, v.len, "expanded"))
				act = 3;
		}
		if (addr && !act)
			act = st[0] == '2' ? 3 : st[0] == '4' ? 2 : 1;
		if (addr && act == 3)
			t->delivered++;
		if (addr && act != 3) {
			struct bounce_seg *r;
			size_t k;

			for (k = 0; k < *nrs; k++)
				if (!strcasecmp((*rs)[k].address, addr))
					break;
			if (k == *nrs) {
				*rs = xrealloc(*rs, (*nrs + 1) * sizeof **rs);
				r = &(*rs)[(*nrs)++];
				memset(r, 0, sizeof *r);
				r->address = addr;
				addr = NULL;
				r->from_dsn = 1;
				memcpy(r->status, st, sizeof st);
				/* the whole block is the diagnostic */
				r->seg = blk;
				r->seglen = bl;
			}
			if (act == 1)
				t->failed++;
			else
				t->delayed++;
		}
		free(addr);
		i += bl;
		while (i < n && (d[i] == '\n' || d[i] == '\r'))
			i++;
	}
	buf_free(&v);
}

void
bounce_seg_add(struct bounce_seg **rs, size_t *nrs, const char *addr,
    const char *seg, size_t seglen)
{
	struct bounce_seg *r;

	for (size_t k = 0; k < *nrs; k++)
		if (!strcasecmp((*rs)[k].address, addr)) {
			/* seen again (e.g. RCPT TO then reply): extend */
			if (seg && (*rs)[k].seg &&
			    seg + seglen > (*rs)[k].seg + (*rs)[k].seglen &&
			    seg >= (*rs)[k].seg)
				(*rs)[k].seglen = (size_t)(seg + seglen -
				    (*rs)[k].seg);
			return;
		}
	if (*nrs >= BOUNCE_MAX_RCPTS)
		return;
	*rs = xrealloc(*rs, (*nrs + 1) * sizeof **rs);
	r = &(*rs)[(*nrs)++];
	memset(r, 0, sizeof *r);
	r->address = xstrdup(addr);
	r->seg = seg;
	r->seglen = seglen;
}

/*
 * The address l[b..e) when the words just before it name it a recipient
 * ("could not be delivered to: <addr>", "rejected recipient <addr>").
 */
static char *
cue_rcpt(const char *l, size_t n, size_t b, size_t e)
{
	size_t k = b, start;
	char *low;
	int hit = 0;

	(void)n;
	while (k > 0 && strchr(" \t<\"'", l[k - 1]))
		k--;
	start = k > 40 ? k - 40 : 0;
	low = bounce_lower_dup(l + start, k - start);
	for (const char *const *c = bounce_rcpt_cues; *c && !hit; c++) {
		size_t cl = strlen(*c);

		hit = k - start >= cl && !strcmp(low + (k - start - cl), *c);
	}
	free(low);
	return hit ? xstrndup(l + b, e - b) : NULL;
}

/*
 * If the trimmed line l[0..n) names a recipient the way MTAs list failed
 * addresses, returns it (caller frees).  Recognised: "<addr>..." (qmail,
 * Postfix, Sendmail "550 <addr>... reason"), a line that is just an
 * address (Exim, Gmail), "RCPT TO:<addr>", "Final-Recipient: rfc822; addr".
 */
static char *
line_rcpt(const char *l, size_t n)
{
	size_t i = 0, b, e;

	while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '>'))
		i++;
	/* SMTP reply prefix: "550 ", "550-", "550 5.1.1 " */
	if (i + 4 <= n && isdigit((unsigned char)l[i]) &&
	    isdigit((unsigned char)l[i + 1]) &&
	    isdigit((unsigned char)l[i + 2]) &&
	    (l[i + 3] == ' ' || l[i + 3] == '-')) {
		char st[16];

		i += 4;
		if (bounce_status_at(l, n, i, st))
			i += strlen(st);
		while (i < n && l[i] == ' ')
			i++;
		if (i < n && l[i] != '<')
			return NULL;
	}
	if (n - i > 8 && !strncasecmp(l + i, "rcpt to:", 8))
		i += 8;
	else if (n - i > 16 && !strncasecmp(l + i, "final-recipient:", 16))
		i += 16;
	else if (n - i > 19 && !strncasecmp(l + i, "original-recipient:", 19))
		i += 19;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (n - i > 7 && !strncasecmp(l + i, "rfc822;", 7))
		i += 7;
	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	if (i < n && l[i] == '<') {
		const char *gt = memchr(l + i, '>', n - i);
		const char *at = gt ? memchr(l + i, '@', (size_t)(gt - l - i))
		    : NULL;

		if (!at || !bounce_addr_around(l, (size_t)(gt - l),
		    (size_t)(at - l), &b, &e) || b != i + 1 || l + e != gt)
			return NULL;
		/* "<addr>)" closes a remark quoting someone else's text */
		if (gt + 1 < l + n && gt[1] == ')')
			return NULL;
		return xstrndup(l + b, e - b);
	}
	if (i < n && !isalnum((unsigned char)l[i])) {
		const char *at = memchr(l + i, '@', n - i);

		if (!at || !bounce_addr_around(l, n, (size_t)(at - l), &b, &e))
			return NULL;
		return cue_rcpt(l, n, b, e);
	}
	/* a bare address, then nothing, ':' or a parenthesised remark */
	{
		const char *at = memchr(l + i, '@', n - i);
		size_t k;

		if (!at || !bounce_addr_around(l, n, (size_t)(at - l), &b, &e))
			return NULL;
		if (b != i)
			return cue_rcpt(l, n, b, e);
		k = e;
		while (k < n && (l[k] == ' ' || l[k] == '\t'))
			k++;
		/* Exchange: "user@example.org on <date>" */
		if (k > e && n - k > 3 && !strncmp(l + k, "on ", 3))
			return xstrndup(l + b, e - b);
		if (k < n && l[k] != ':' && l[k] != '(' && l[k] != '<' &&
		    l[k] != ',' && l[k] != ';')
			return NULL;
		/* "bare@x <real@y>": the bracketed one is the address */
		if (k < n && l[k] == '<') {
			const char *gt = memchr(l + k, '>', n - k);
			const char *at2 = gt ? memchr(l + k, '@',
			    (size_t)(gt - l - k)) : NULL;

			if (at2 && bounce_addr_around(l, (size_t)(gt - l),
			    (size_t)(at2 - l), &b, &e) && b == k + 1)
				return xstrndup(l + b, e - b);
		}
		if (k < n && l[k] == ':' && k + 1 < n && l[k + 1] != ' ' &&
		    l[k + 1] != '\t')
			return NULL;
		return xstrndup(l + b, e - b);
	}
}

/* Recipients named on their own lines of the notice text t[0..n). */
void
bounce_notice_rcpts(const char *t, size_t n, const struct bounce_addrset *excl,
    struct bounce_seg **rs, size_t *nrs)
{
	size_t i = 0;
	struct bounce_seg *cur = NULL;
	size_t curidx = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		char *a = ll < 1024 ? line_rcpt(t + i, ll) : NULL;

		if (a && !excl->n) {
			/* nothing to exclude against: accept */
		}
		if (a && !bounce_addrset_has(excl, a) && !bounce_is_daemon(a)) {
			size_t before = *nrs;

			bounce_seg_add(rs, nrs, a, t + i, ll);
			curidx = *nrs > before ? *nrs - 1 : curidx;
			for (size_t k = 0; k < *nrs; k++)
				if (!strcasecmp((*rs)[k].address, a))
					curidx = k;
			cur = &(*rs)[curidx];
		} else if (cur && (size_t)(t + i + ll - cur->seg) <=
		    MAX_SEGMENT) {
			cur->seglen = (size_t)(t + i + ll - cur->seg);
		}
		free(a);
		i += ll + 1;
	}
}

/* Addresses of the notice text, skipping Message-ID-like lines. */
void
bounce_notice_addrs(struct bounce_addrset *set, const char *t, size_t n,
    size_t max)
{
	size_t i = 0;

	while (i < n) {
		const char *eol = memchr(t + i, '\n', n - i);
		size_t ll = eol ? (size_t)(eol - (t + i)) : n - i;
		const char *l = t + i;

		while (ll && (*l == ' ' || *l == '\t')) {
			l++;
			ll--;
		}
		if (!(ll > 10 && !strncasecmp(l, "message-id", 10)) &&
		    !(ll > 11 && !strncasecmp(l, "in-reply-to", 11)) &&
		    !(ll > 10 && !strncasecmp(l, "references", 10)) &&
		    !(ll > 0 && *l == '<' && l[ll - 1] == '>' &&
		    !memchr(l, ' ', ll)))
			bounce_addrset_scan(set, l, ll, max);
		i = (size_t)(l - t) + ll + 1;
	}
}

/* Gives each recipient the notice lines that name it (diagnostics). */
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

/* Amazon SES notifications arrive as a JSON body. */
int
bounce_ses_json(const char *body, size_t n, struct bounce_seg **rs, size_t *nrs,
    enum bounce_kind *kind)
{
	json_t *root, *o, *list;
	const char *type;
	size_t i;
	json_t *r;

	while (n && isspace((unsigned char)*body)) {
		body++;
		n--;
	}
	if (!n || *body != '{' || !memmem(body, n, "notificationType", 16))
		return 0;
	root = json_loadb(body, n, JSON_DISABLE_EOF_CHECK, NULL);
	if (!root)
		return 0;
	type = json_string_value(json_object_get(root, "notificationType"));
	if (!type)
		type = json_string_value(json_object_get(root, "eventType"));
	if (!type) {
		json_decref(root);
		return 0;
	}
	if (!strcmp(type, "Bounce")) {
		*kind = BOUNCE_BOUNCE;
		o = json_object_get(root, "bounce");
		list = json_object_get(o, "bouncedRecipients");
	} else if (!strcmp(type, "Complaint")) {
		*kind = BOUNCE_COMPLAINT;
		o = json_object_get(root, "complaint");
		list = json_object_get(o, "complainedRecipients");
	} else {
		*kind = BOUNCE_OTHER;
		json_decref(root);
		return 1;
	}
	json_array_foreach(list, i, r) {
		const char *a = json_string_value(json_object_get(r,
		    "emailAddress"));
		const char *st = json_string_value(json_object_get(r,
		    "status"));
		const char *dc = json_string_value(json_object_get(r,
		    "diagnosticCode"));

		if (!a || *nrs >= BOUNCE_MAX_RCPTS)
			continue;
		bounce_seg_add(rs, nrs, a, NULL, 0);
		if (st)
			bounce_status_at(st, strlen(st), 0,
			    (*rs)[*nrs - 1].status);
		if (dc) {
			/* keep the text alive past json_decref */
			char *copy = xstrdup(dc);

			(*rs)[*nrs - 1].seg = copy;
			(*rs)[*nrs - 1].seglen = strlen(copy);
			(*rs)[*nrs - 1].from_dsn = 2;	/* owns seg */
		}
	}
	json_decref(root);
	return 1;
}
