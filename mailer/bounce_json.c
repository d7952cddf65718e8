/*
 * bounce_json: the JSON line of the stable `mailer bounces parse`
 * interface (see bounce_report_json in bounce.h), through jansson.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bounce.h"
#include "bounce_text.h"
#include "util.h"

/* s as a JSON string, made valid UTF-8 (jansson refuses anything else). */
static json_t *
jstr(const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	json_t *v;

	bounce_text_add(&b, s ? s : "", s ? strlen(s) : 0);
	if (b.len > max) {
		size_t k = max;

		while (k > 0 && ((unsigned char)b.data[k] & 0xc0) == 0x80)
			k--;
		b.len = k;
	}
	v = json_stringn(b.data, b.len);
	buf_free(&b);
	return v;
}

char *
bounce_report_json(const char *file, const struct bounce_report *r)
{
	json_t *o = json_object(), *rs = json_array();
	char *s;

	json_object_set_new(o, "file", jstr(file, (size_t)-1 / 2));
	json_object_set_new(o, "kind", json_string(bounce_kind_name(r->kind)));
	for (size_t i = 0; i < r->nrcpts; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "address", jstr(r->rcpts[i].address,
		    512));
		json_object_set_new(x, "status", jstr(r->rcpts[i].status,
		    sizeof r->rcpts[i].status));
		/*
		 * hard or soft is a failure's: a bounce's, and a delay's (a
		 * temporary failure: always soft); a complaint or an
		 * auto-reply has none
		 */
		if (r->kind == BOUNCE_BOUNCE || r->kind == BOUNCE_DELAY)
			json_object_set_new(x, "class", json_string(
			    r->rcpts[i].hard ? "hard" : "soft"));
		json_object_set_new(x, "reason", jstr(r->rcpts[i].reason,
		    BOUNCE_REASON_MAX));
		json_array_append_new(rs, x);
	}
	json_object_set_new(o, "recipients", rs);
	s = json_dumps(o, JSON_PRESERVE_ORDER);
	json_decref(o);
	/* NULL only when jansson ran out of memory (without util_on_oom) */
	if (!s)
		util_oom("jansson");
	return s;
}
