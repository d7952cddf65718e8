/*
 * DKIM canonicalisation and tag lists (dkim_canon.c) on arbitrary bytes:
 * the input as a message (header block, then body) and as a DNS key
 * record.  Properties: relaxed body output has no WSP run, no WSP before
 * a line end, no empty line at the end, ends in CRLF when not empty, and
 * canonicalising it again changes nothing; every header field found lies
 * inside the input; a canonical header field ends in CRLF; tags lie
 * inside the input.
 */
#include "fuzz.h"
#include "dkim_canon.h"

static void
check_body(const char *s, size_t n)
{
	struct buf c = BUF_INIT, again = BUF_INIT;

	dkim_canon_body(s, n, &c);
	for (size_t i = 0; i + 1 < c.len; i++) {
		int wsp = c.data[i] == ' ' || c.data[i] == '\t';

		FUZZ_ASSERT(!(wsp && c.data[i + 1] == ' '));
		FUZZ_ASSERT(c.data[i] != '\t');
		FUZZ_ASSERT(!(wsp && c.data[i + 1] == '\r' && i + 2 < c.len &&
		    c.data[i + 2] == '\n'));
	}
	if (c.len) {
		FUZZ_ASSERT(c.len >= 2 && !memcmp(c.data + c.len - 2, "\r\n",
		    2));
		FUZZ_ASSERT(c.len < 4 || memcmp(c.data + c.len - 4,
		    "\r\n\r\n", 4));
	}
	dkim_canon_body(c.data ? c.data : "", c.len, &again);
	FUZZ_ASSERT(again.len == c.len && (!c.len ||
	    !memcmp(again.data, c.data, c.len)));
	buf_free(&c);
	buf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *sep = memmem(s, size, "\r\n\r\n", 4);
	size_t head = sep ? (size_t)(sep - s) + 4 : size;
	struct dkim_field *f;
	struct dkim_tag t[16];
	struct buf names = BUF_INIT, canon = BUF_INIT;
	const char *why;
	size_t n;
	int nt;

	check_body(s + head, size - head);
	dkim_fields(s, head, &f, &n);
	for (size_t i = 0; i < n; i++) {
		struct buf h = BUF_INIT;

		FUZZ_ASSERT(f[i].start >= s && f[i].start + f[i].len <= s + head);
		FUZZ_ASSERT(f[i].name_len <= f[i].len);
		dkim_canon_header(f[i].start, f[i].len, &h);
		FUZZ_ASSERT(h.len >= 3 && !memcmp(h.data + h.len - 2, "\r\n", 2));
		buf_free(&h);
	}
	dkim_signed_names(f, n, &names);
	dkim_canon_signed(f, n, names.data ? names.data : "", &canon);
	free(f);
	buf_free(&names);
	buf_free(&canon);
	nt = dkim_tags_parse(s, size, t, 16, &why);
	for (int i = 0; i < nt; i++) {
		FUZZ_ASSERT(t[i].name >= s && t[i].name + t[i].name_len <= s + size);
		FUZZ_ASSERT(t[i].value >= s &&
		    t[i].value + t[i].value_len <= s + size);
		FUZZ_ASSERT(dkim_tag_get(t, (size_t)nt, "") == NULL);
	}
	return 0;
}
