/*
 * bounce_json: the JSON line of the stable `mailer bounces parse`
 * interface (see bounce_report_json in bounce.h).
 *
 * Written directly rather than through jansson's object model: for this
 * one fixed shape, building and dumping a jansson tree took 6.7 % of the
 * parser's instructions over the corpus (tests/bench/bounces.sh).  The
 * bytes are those jansson wrote with JSON_PRESERVE_ORDER (", " and ": "
 * separators, its escapes), so the interface did not change;
 * tests/unit/test_bounce.c compares the two.  Like every JSON mailer
 * prints, C1 and bidi controls are escaped too (buf_add_json_shown):
 * a reason holding U+202E must not reverse the line jq shows.
 */
#include <stdlib.h>
#include <string.h>

#include "bounce.h"
#include "bounce_text.h"
#include "util.h"

/*
 * s[0..n), valid UTF-8, as a JSON string with jansson's escapes and
 * buf_add_json_shown's.
 */
static void
put_str(struct buf *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;

	buf_addc(o, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
		size_t el = 6;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add_json_shown(o, s + run, i - run);
		run = i + 1;
		el = 2;
		switch (c) {
		case '"': e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default: el = 6; break;
		}
		buf_add(o, e, el);
	}
	buf_add_json_shown(o, s + run, n - run);
	buf_addc(o, '"');
}

/*
 * "key": s, with s made valid UTF-8 and cut to max bytes at a character's
 * start; tmp is scratch space.
 */
static void
put_field(struct buf *o, struct buf *tmp, const char *key, const char *s,
    size_t max)
{
	buf_reset(tmp);
	bounce_text_add(tmp, s ? s : "", s ? strlen(s) : 0);
	if (tmp->len > max) {
		size_t k = max;

		while (k > 0 && ((unsigned char)tmp->data[k] & 0xc0) == 0x80)
			k--;
		tmp->len = k;
	}
	buf_addc(o, '"');
	buf_adds(o, key);
	buf_add(o, "\": ", 3);
	put_str(o, tmp->data, tmp->len);
}

char *
bounce_report_json(const char *file, const struct bounce_report *r)
{
	struct buf o = BUF_INIT, tmp = BUF_INIT;

	buf_addc(&o, '{');
	put_field(&o, &tmp, "file", file, (size_t)-1 / 2);
	buf_adds(&o, ", \"kind\": \"");
	buf_adds(&o, bounce_kind_name(r->kind));
	buf_adds(&o, "\", \"recipients\": [");
	for (size_t i = 0; i < r->nrcpts; i++) {
		buf_adds(&o, i ? ", {" : "{");
		put_field(&o, &tmp, "address", r->rcpts[i].address, 512);
		buf_add(&o, ", ", 2);
		put_field(&o, &tmp, "status", r->rcpts[i].status,
		    sizeof r->rcpts[i].status);
		/*
		 * hard or soft is a failure's: a bounce's, and a delay's (a
		 * temporary failure: always soft); a complaint or an
		 * auto-reply has none
		 */
		if (r->kind == BOUNCE_BOUNCE || r->kind == BOUNCE_DELAY)
			buf_adds(&o, r->rcpts[i].hard ?
			    ", \"class\": \"hard\"" : ", \"class\": \"soft\"");
		buf_add(&o, ", ", 2);
		put_field(&o, &tmp, "reason", r->rcpts[i].reason,
		    BOUNCE_REASON_MAX);
		buf_addc(&o, '}');
	}
	buf_add(&o, "]}", 3);	/* with its NUL: o.data is returned */
	buf_free(&tmp);
	return o.data;
}
