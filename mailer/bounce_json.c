/*
 * bounce_json: the JSON line of the stable `mailer bounces parse`
 * interface (see bounce_report_json in bounce.h), written byte for byte as
 * jansson's json_dumps would, without building a jansson tree.
 */
#include <stdio.h>
#include <string.h>

#include "bounce.h"
#include "bounce_text.h"
#include "util.h"

/*
 * Appends s as a JSON string, made valid UTF-8 and cut to max bytes; the
 * escapes are jansson's (json_dumps without flags) so the output of the
 * stable interface stays the same bytes.
 */
static void
json_put(struct buf *o, const char *s, size_t max)
{
	struct buf b = BUF_INIT;
	size_t n = s ? strlen(s) : 0;

	bounce_text_add(&b, s ? s : "", n);
	if (b.len > max) {
		size_t k = max;

		while (k > 0 && ((unsigned char)b.data[k] & 0xc0) == 0x80)
			k--;
		b.len = k;
	}
	buf_addc(o, '"');
	for (size_t i = 0, run = 0; i <= b.len; i++) {
		unsigned char c = i < b.len ? (unsigned char)b.data[i] : 0;
		char esc[8];

		if (i < b.len && c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(o, b.data + run, i - run);
		run = i + 1;
		if (i == b.len)
			break;
		switch (c) {
		case '"': buf_add(o, "\\\"", 2); break;
		case '\\': buf_add(o, "\\\\", 2); break;
		case '\b': buf_add(o, "\\b", 2); break;
		case '\f': buf_add(o, "\\f", 2); break;
		case '\n': buf_add(o, "\\n", 2); break;
		case '\r': buf_add(o, "\\r", 2); break;
		case '\t': buf_add(o, "\\t", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", c);
			buf_add(o, esc, 6);
			break;
		}
	}
	buf_addc(o, '"');
	buf_free(&b);
}

char *
bounce_report_json(const char *file, const struct bounce_report *r)
{
	struct buf o = BUF_INIT;

	buf_adds(&o, "{\"file\": ");
	json_put(&o, file, (size_t)-1 / 2);
	buf_adds(&o, ", \"kind\": ");
	json_put(&o, bounce_kind_name(r->kind), (size_t)-1 / 2);
	buf_adds(&o, ", \"recipients\": [");
	for (size_t i = 0; i < r->nrcpts; i++) {
		if (i)
			buf_adds(&o, ", ");
		buf_adds(&o, "{\"address\": ");
		json_put(&o, r->rcpts[i].address, 512);
		buf_adds(&o, ", \"status\": ");
		json_put(&o, r->rcpts[i].status, sizeof r->rcpts[i].status);
		buf_adds(&o, ", \"class\": ");
		json_put(&o, r->rcpts[i].hard ? "hard" : "soft", 4);
		buf_adds(&o, ", \"reason\": ");
		json_put(&o, r->rcpts[i].reason, BOUNCE_REASON_MAX);
		buf_addc(&o, '}');
	}
	buf_adds(&o, "]}");
	return buf_detach(&o);
}
