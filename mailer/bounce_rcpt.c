/*
 * bounce_rcpt: the recipients a notice is about (see bounce_rcpt.h).
 * RFC 3464 per-recipient fields and Amazon SES JSON notifications; the
 * recipients named in a notice's text are bounce_line.c's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bounce_rcpt.h"
#include "bounce_rules.h"
#include "bounce_text.h"
#include "util.h"

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
			if (body[i] == '!' && i + 1 < n && body[i + 1] == '\n') {
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
	if (!n || *body != '{' || (!memmem(body, n, "notificationType", 16) &&
	    !memmem(body, n, "eventType", 9)))
		return 0;
	if (!(root = ses_load(body, n)))
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
		const char *ft;

		*kind = BOUNCE_COMPLAINT;
		o = json_object_get(root, "complaint");
		list = json_object_get(o, "complainedRecipients");
		/* the ISP's Feedback-Type, as an RFC 5965 report gives it */
		ft = json_string_value(json_object_get(o,
		    "complaintFeedbackType"));
		if (ft && bounce_list_is(bounce_feedback_not_complaint, ft,
		    strlen(ft))) {
			*kind = BOUNCE_OTHER;
			json_decref(root);
			return 1;
		}
	} else if (!strcmp(type, "DeliveryDelay")) {
		/* event publishing: still being retried */
		*kind = BOUNCE_DELAY;
		o = json_object_get(root, "deliveryDelay");
		list = json_object_get(o, "delayedRecipients");
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

		size_t before = *nrs;
		struct bounce_seg *r;

		if (!a)
			continue;
		bounce_seg_add(rs, nrs, a, NULL, 0);
		/* an address listed again keeps its first entry */
		if (*nrs == before)
			continue;
		r = &(*rs)[*nrs - 1];
		if (st)
			bounce_status_at(st, strlen(st), 0, r->status);
		if (dc) {
			/* keep the text alive past json_decref */
			r->seg = xstrdup(dc);
			r->seglen = strlen(dc);
			r->from_dsn = 2;	/* owns seg */
		}
	}
	json_decref(root);
	return 1;
}
