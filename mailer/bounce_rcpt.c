/*
 * bounce_rcpt: the recipients a notice is about (see bounce_rcpt.h).
 * RFC 3464 per-recipient fields and Amazon SES JSON notifications; the
 * recipients named in a notice's text are bounce_line.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "bounce_addr.h"
#include "bounce_rcpt.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

/*
 * v[0..n) without its RFC 5322 comments, into out (reset first): "failed
 * (permanent)" is "failed ", so a comment's words ("delayed (returned as
 * failed after 5 days)", "rfc822; (forwarded from a) b") are not read as
 * the field's.  Quoted strings and quoted pairs are kept as they are.
 * Returns 1 when a comment is still open at the end, else 0.
 */
static int
strip_comments(const char *v, size_t n, struct buf *out)
{
	int depth = 0, quoted = 0;

	buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (c == '\\' && i + 1 < n && (depth || quoted)) {
			if (!depth)
				buf_add(out, v + i, 2);
			i++;
		} else if (c == '"' && !depth) {
			quoted = !quoted;
			buf_addc(out, c);
		} else if (c == '(' && !quoted) {
			depth++;
		} else if (c == ')' && depth) {
			if (!--depth)
				buf_addc(out, ' ');
		} else if (!depth)
			buf_addc(out, c);
	}
	buf_add(out, "", 0);
	return depth > 0;
}

/*
 * RFC 6533's EmbeddedUnicodeChar at s[0..n) ("\x{E9}"): sets *cp and
 * returns its length, 0 when s starts with none or names no character an
 * address may hold (a control, a surrogate, past U+10FFFF).
 */
static size_t
embedded_char(const char *s, size_t n, unsigned long *cp)
{
	size_t i = 3;

	if (n < 5 || strncmp(s, "\\x{", 3))
		return 0;
	*cp = 0;
	while (i < n && i < 9 && isxdigit((unsigned char)s[i])) {
		int c = (unsigned char)s[i++];

		*cp = *cp * 16 + (unsigned long)(isdigit(c) ? c - '0' :
		    (c | 0x20) - 'a' + 10);
	}
	if (i == 3 || i >= n || s[i] != '}' || *cp < 0x21 || *cp == 0x7f ||
	    (*cp >= 0xd800 && *cp <= 0xdfff) || *cp > 0x10ffff)
		return 0;
	return i + 1;
}

/*
 * The address of a recipient field that holds UTF-8 or RFC 6533's
 * "\x{HEX}" (t[0..n), the address token after "type;"), decoded into a
 * new string; NULL when it is no address (a local part, an '@' and a
 * dotted domain, no space or bracket).
 */
static char *
utf8_field_addr(const char *t, size_t n)
{
	struct buf a = BUF_INIT;
	const char *at;
	size_t i = 0, k;
	unsigned long cp;

	while (i < n) {
		if ((k = embedded_char(t + i, n - i, &cp))) {
			bounce_add_utf8(&a, cp);
			i += k;
		} else if (t[i] == '\\' || strchr("<>()[],;:", t[i])) {
			buf_free(&a);
			return NULL;
		} else
			buf_addc(&a, t[i++]);
	}
	buf_add(&a, "", 0);
	at = strrchr(a.data, '@');
	if (!at || at == a.data || !strchr(at, '.') || at[1] == '.' ||
	    a.data[a.len - 1] == '.') {
		buf_free(&a);
		return NULL;
	}
	return buf_detach(&a);
}

/*
 * The address of a recipient field's value v[0..n) (RFC 3464 section
 * 2.3.2: "address-type; address", comments taken out), a new string or
 * NULL.  The free-text scanner takes ASCII addresses only; an address of
 * RFC 6533's "utf-8" type, or one holding UTF-8 (RFC 6531), is the whole
 * token after the type, with its "\x{HEX}" decoded.
 */
static char *
field_addr(const char *v, size_t n)
{
	const char *semi = memchr(v, ';', n);
	size_t b, e;

	if (semi) {
		int utf8 = (size_t)(semi - v) >= 5 &&
		    !strncasecmp(semi - 5, "utf-8", 5);

		b = (size_t)(semi + 1 - v);
		while (b < n && bounce_is_blank(v[b]))
			b++;
		if (b < n && v[b] == '<')
			b++;
		for (e = b; e < n && !bounce_is_blank(v[e]) && v[e] != '>';
		    e++)
			utf8 |= (unsigned char)v[e] >= 0x80;
		if (utf8 && e > b) {
			char *a = utf8_field_addr(v + b, e - b);

			if (a)
				return a;
		}
	}
	return bounce_unquote_local(bounce_first_addr(v, n));
}

/*
 * The address of the first of the recipient fields a block has, or NULL;
 * a field whose comment never closes is read as it is.
 */
static char *
block_addr(const char *blk, size_t bl, struct buf *v, struct buf *tmp)
{
	static const char *const fields[] = {
		"Final-Recipient", "Original-Recipient", "X-Actual-Recipient"
	};
	char *addr = NULL;

	for (size_t k = 0; !addr && k < sizeof fields / sizeof fields[0]; k++)
		if (bounce_header_get(blk, bl, fields[k], 0, v))
			addr = strip_comments(v->data, v->len, tmp) ?
			    field_addr(v->data, v->len) :
			    field_addr(tmp->data, tmp->len);
	return addr;
}

/*
 * The length of the per-recipient block at blk[0..bl): up to a second
 * Final-Recipient field at a line's start (RFC 3464 2.3: one per block),
 * where an MTA that writes no blank line between its blocks starts the
 * next one.
 */
static size_t
block_cut(const char *blk, size_t bl)
{
	int seen = 0;

	for (size_t i = 0; i < bl; ) {
		const char *nl = memchr(blk + i, '\n', bl - i);

		if (bl - i > 16 &&
		    !strncasecmp(blk + i, "final-recipient:", 16)) {
			if (seen)
				return i;
			seen = 1;
		}
		if (!nl)
			break;
		i = (size_t)(nl + 1 - blk);
	}
	return bl;
}

/* 1 failed, 2 delayed, 3 delivered (also relayed, expanded), 0 none. */
static int
block_action(const char *blk, size_t bl, struct buf *v, struct buf *tmp)
{
	if (!bounce_header_get(blk, bl, "Action", 0, v))
		return 0;
	strip_comments(v->data, v->len, tmp);
	if (bounce_find_ci(tmp->data, tmp->len, "fail"))
		return 1;
	if (bounce_find_ci(tmp->data, tmp->len, "delay"))
		return 2;
	if (bounce_find_ci(tmp->data, tmp->len, "deliver") ||
	    bounce_find_ci(tmp->data, tmp->len, "relayed") ||
	    bounce_find_ci(tmp->data, tmp->len, "expanded"))
		return 3;
	return 0;
}

/*
 * Drops from rs[first..*nrs) the recipients marked in delayed[]: in a
 * report where some recipients failed, the others that are only delayed
 * have not failed (and the kind is the failure's).
 */
static void
drop_delayed(struct bounce_seg *rs, size_t *nrs, size_t first,
    const char *delayed)
{
	size_t w = first;

	for (size_t k = first; k < *nrs; k++) {
		if (delayed[k - first]) {
			free(rs[k].address);
			continue;
		}
		rs[w++] = rs[k];
	}
	*nrs = w;
}

/*
 * Reads the per-recipient blocks of a delivery-status body.  Each failed or
 * delayed recipient is appended to rs; the delayed ones only when none
 * failed.
 */
void
bounce_dsn_parse(const char *d, size_t n, struct bounce_seg **rs, size_t *nrs,
    struct bounce_dsn_tally *t)
{
	size_t i = 0, first = *nrs;
	struct buf v = BUF_INIT, tmp = BUF_INIT;
	char *delayed = xcalloc(BOUNCE_MAX_RCPTS, 1);

	while (i < n && *nrs < BOUNCE_MAX_RCPTS) {
		size_t bl = block_cut(d + i, bounce_header_len(d + i, n - i));
		const char *blk = d + i;
		char *addr = block_addr(blk, bl, &v, &tmp);
		char st[16] = "";
		int act = block_action(blk, bl, &v, &tmp);

		if (bounce_header_get(blk, bl, "Status", 0, &v)) {
			strip_comments(v.data, v.len, &tmp);
			bounce_find_status(tmp.data, tmp.len, st);
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
			} else if (k >= first && delayed[k - first] &&
			    act == 1)
				r = &(*rs)[k];	/* delayed, then failed */
			else
				r = NULL;
			if (r) {
				memcpy(r->status, st, sizeof st);
				/* the whole block is the diagnostic */
				r->seg = blk;
				r->seglen = bl;
				if (k >= first)
					delayed[k - first] = act == 2;
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
	if (t->failed)
		drop_delayed(*rs, nrs, first, delayed);
	free(delayed);
	buf_free(&v);
	buf_free(&tmp);
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
 * The JSON document at body[0..n): as it is, else with the line breaks
 * Sendmail inserts into over-long lines ("!" at the end, a space at the
 * start of the next) taken out; an SNS envelope's "Message" is opened.
 */
static json_t *
ses_load(const char *body, size_t n)
{
	json_t *root = json_loadb(body, n, JSON_DISABLE_EOF_CHECK, NULL);
	const char *msg;

	if (!root && memmem(body, n, "!\n", 2)) {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < n; i++) {
			if (body[i] == '!' && i + 1 < n &&
			    body[i + 1] == '\n') {
				i += 1 + (i + 2 < n && body[i + 2] == ' ');
				continue;
			}
			buf_addc(&b, body[i]);
		}
		root = json_loadb(b.data, b.len, JSON_DISABLE_EOF_CHECK, NULL);
		buf_free(&b);
	}
	if (root && !json_object_get(root, "notificationType") &&
	    (msg = json_string_value(json_object_get(root, "Message")))) {
		json_t *inner = json_loads(msg, 0, NULL);

		json_decref(root);
		root = inner;
	}
	return root;
}

void
bounce_orig_field_add(struct bounce_report *out, const char *name,
    const char *value)
{
	struct bounce_field *f;

	if (!value || !*value || out->norig_fields >= BOUNCE_MAX_ORIG_FIELDS)
		return;
	if (!out->orig_fields)
		out->orig_fields = xcalloc(BOUNCE_MAX_ORIG_FIELDS, sizeof *f);
	f = &out->orig_fields[out->norig_fields++];
	f->name = name;
	f->value = xstrdup(value);
}

/*
 * The notification's "mail": the message it is about, as SES sent it.  Its
 * "source" is the envelope sender (our VERP address), and its "headers"
 * (when the sender asked SES to include them) the header we wrote: its
 * Return-Path and Message-ID are read.  Not List-Unsubscribe: body is the
 * notice's text, in which a "<mailto:a>" has already become "<a>".
 */
static void
ses_mail(json_t *mail, struct bounce_report *out)
{
	const char *id;
	size_t i;
	json_t *h;

	bounce_orig_field_add(out, "Return-Path", json_string_value(
	    json_object_get(mail, "source")));
	json_array_foreach(json_object_get(mail, "headers"), i, h) {
		const char *name = json_string_value(json_object_get(h,
		    "name"));
		const char *value = json_string_value(json_object_get(h,
		    "value"));

		if (!name || !value)
			continue;
		if (!strcasecmp(name, "Message-ID") && !out->orig_message_id)
			out->orig_message_id = xstrdup(value);
		if (!strcasecmp(name, "Return-Path"))
			bounce_orig_field_add(out, "Return-Path", value);
	}
	id = json_string_value(json_object_get(json_object_get(mail,
	    "commonHeaders"), "messageId"));
	if (id && !out->orig_message_id)
		out->orig_message_id = xstrdup(id);
}

/*
 * The notification in body[0..n), or NULL when it is none: a JSON object
 * that names its type.
 */
static json_t *
ses_notification(const char *body, size_t n, const char **type)
{
	json_t *root;

	while (n && isspace((unsigned char)*body)) {
		body++;
		n--;
	}
	if (!n || *body != '{' || (!memmem(body, n, "notificationType", 16) &&
	    !memmem(body, n, "eventType", 9)))
		return NULL;
	if (!(root = ses_load(body, n)))
		return NULL;
	*type = json_string_value(json_object_get(root, "notificationType"));
	if (!*type)
		*type = json_string_value(json_object_get(root, "eventType"));
	if (!*type) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/*
 * The kind a notification of type says, to *kind, and its list of
 * recipients, to *list; 0 when its recipients are none of ours to read
 * (a feedback report that is no complaint, another type).
 */
static int
ses_kind(json_t *root, const char *type, enum bounce_kind *kind,
    json_t **list)
{
	json_t *o;

	if (!strcmp(type, "Bounce")) {
		*kind = BOUNCE_BOUNCE;
		o = json_object_get(root, "bounce");
		*list = json_object_get(o, "bouncedRecipients");
	} else if (!strcmp(type, "Complaint")) {
		const char *ft;

		*kind = BOUNCE_COMPLAINT;
		o = json_object_get(root, "complaint");
		*list = json_object_get(o, "complainedRecipients");
		/* the ISP's Feedback-Type, as an RFC 5965 report gives it */
		ft = json_string_value(json_object_get(o,
		    "complaintFeedbackType"));
		if (ft && bounce_list_is(bounce_feedback_not_complaint, ft,
		    strlen(ft))) {
			*kind = BOUNCE_OTHER;
			return 0;
		}
	} else if (!strcmp(type, "DeliveryDelay")) {
		/* event publishing: still being retried */
		*kind = BOUNCE_DELAY;
		o = json_object_get(root, "deliveryDelay");
		*list = json_object_get(o, "delayedRecipients");
	} else {
		*kind = BOUNCE_OTHER;
		return 0;
	}
	return 1;
}

/* Adds list's recipients to rs, each with its status and diagnostic. */
static void
ses_rcpts(json_t *list, struct bounce_seg **rs, size_t *nrs)
{
	size_t i;
	json_t *r;

	json_array_foreach(list, i, r) {
		const char *a = json_string_value(json_object_get(r,
		    "emailAddress"));
		const char *st = json_string_value(json_object_get(r,
		    "status"));
		const char *dc = json_string_value(json_object_get(r,
		    "diagnosticCode"));

		size_t before = *nrs;
		struct bounce_seg *seg;

		if (!a)
			continue;
		bounce_seg_add(rs, nrs, a, NULL, 0);
		/* an address listed again keeps its first entry */
		if (*nrs == before)
			continue;
		seg = &(*rs)[*nrs - 1];
		if (st)
			bounce_status_at(st, strlen(st), 0, seg->status);
		if (dc) {
			/* keep the text alive past json_decref */
			seg->seg = xstrdup(dc);
			seg->seglen = strlen(dc);
			seg->from_dsn = 2;	/* owns seg */
		}
	}
}

/* Amazon SES notifications arrive as a JSON body. */
int
bounce_ses_json(const char *body, size_t n, struct bounce_seg **rs, size_t *nrs,
    enum bounce_kind *kind, struct bounce_report *out)
{
	json_t *root, *list;
	const char *type;

	if (!(root = ses_notification(body, n, &type)))
		return 0;
	ses_mail(json_object_get(root, "mail"), out);
	if (ses_kind(root, type, kind, &list))
		ses_rcpts(list, rs, nrs);
	json_decref(root);
	return 1;
}

/*
 * The text of the first element <name>...</name> in x[0..n): *len bytes
 * from the returned pointer, blanks at either end left out; NULL when
 * there is none.
 */
static const char *
xml_element(const char *x, size_t n, const char *name, size_t *len)
{
	char open[32], close[32];
	const char *a, *b;

	snprintf(open, sizeof open, "<%s>", name);
	snprintf(close, sizeof close, "</%s>", name);
	if (!(a = memmem(x, n, open, strlen(open))))
		return NULL;
	a += strlen(open);
	if (!(b = memmem(a, n - (size_t)(a - x), close, strlen(close))))
		return NULL;
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	*len = (size_t)(b - a);
	return a;
}

/*
 * The text of the one <destinatari ...> element of x[0..n) (it has
 * attributes: tipo="certificato"), NULL when there is none or more: of
 * two addressees, which one failed the data does not say.
 */
static const char *
sole_addressee(const char *x, size_t n, size_t *len)
{
	static const char tag[] = "<destinatari", end[] = "</destinatari>";
	const char *a = memmem(x, n, tag, sizeof tag - 1), *b;

	if (!a || memmem(a + 1, n - (size_t)(a + 1 - x), tag, sizeof tag - 1))
		return NULL;
	if (!(a = memchr(a, '>', n - (size_t)(a - x))))
		return NULL;
	a++;
	if (!(b = memmem(a, n - (size_t)(a - x), end, sizeof end - 1)))
		return NULL;
	*len = (size_t)(b - a);
	return a;
}

void
bounce_pec_daticert(const char *x, size_t n, struct bounce_seg **rs,
    size_t *nrs)
{
	size_t al, el = 0;
	const char *a = xml_element(x, n, "consegna", &al);
	const char *e = xml_element(x, n, "errore-esteso", &el);
	char *addr;

	if (!a)
		a = sole_addressee(x, n, &al);
	if (!a || !(addr = bounce_first_addr(a, al)))
		return;
	bounce_seg_add(rs, nrs, addr, e, e ? el : 0);
	free(addr);
}
