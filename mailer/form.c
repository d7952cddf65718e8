/* form: urlencoded form bodies.  See form.h. */
#include "form.h"

#include <string.h>

#include "util.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) onto out. */
static void
decode(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		int hi, lo;

		if (s[i] == '+') {
			buf_addc(out, ' ');
		} else if (s[i] == '%' && i + 2 < n &&
		    (hi = hexval(s[i + 1])) >= 0 &&
		    (lo = hexval(s[i + 2])) >= 0) {
			buf_addc(out, hi * 16 + lo);
			i += 2;
		} else {
			buf_addc(out, s[i]);
		}
	}
}

char *
form_value(const char *body, size_t len, const char *name, size_t *vlen)
{
	const char *p = body, *end = body + len;
	struct buf key = BUF_INIT, val = BUF_INIT;

	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		const char *kend = eq ? eq : stop;

		buf_reset(&key);
		buf_adds(&key, "");
		decode(p, (size_t)(kend - p), &key);
		if (!strcmp(key.data, name) && strlen(key.data) == key.len) {
			buf_adds(&val, "");
			if (eq)
				decode(eq + 1, (size_t)(stop - eq - 1), &val);
			buf_free(&key);
			if (vlen)
				*vlen = val.len;
			return buf_detach(&val);
		}
		p = stop + 1;
	}
	buf_free(&key);
	return NULL;
}
