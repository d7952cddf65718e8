/*
 * RFC 2047: our encoder against libetpan's decoder.  Valid UTF-8 with no
 * line break is encoded as a Subject, unfolded and decoded: it must come
 * back unchanged.  Then libetpan's decoder alone on the raw input, as
 * bounce_text.c calls it on header values.
 */
#include <libetpan/libetpan.h>

#include "fuzz.h"
#include "rfc2047.h"

static char *
decode(const char *v, size_t len)
{
	size_t idx = 0;
	char *res = NULL;

	if (mailmime_encoded_phrase_parse("iso-8859-1", v, len, &idx,
	    "utf-8", &res) != MAILIMF_NO_ERROR)
		return NULL;
	return res;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *dec;
	struct buf b = BUF_INIT, u = BUF_INIT;

	free(decode(s, strlen(s)));
	/*
	 * Round trip on text a Subject can hold: valid UTF-8, no control
	 * characters, no leading, trailing or doubled white space (header
	 * unfolding cannot keep those apart).
	 */
	if (utf8_valid(s, size, NULL) && size > 0 && s[0] != ' ' &&
	    s[size - 1] != ' ' && !strstr(s, "  ")) {
		int ok = 1;

		for (size_t i = 0; i < size; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				ok = 0;
		if (ok) {
			const char *v;

			rfc2047_unstructured(&b, "Subject", s);
			FUZZ_ASSERT(!memcmp(b.data, "Subject: ", 9));
			for (size_t i = 9; i < b.len; i++) {
				if (b.data[i] == '\r' && b.data[i + 1] == '\n')
					i++;
				else
					buf_addc(&u, b.data[i]);
			}
			v = u.data;
			dec = decode(v, u.len);
			FUZZ_ASSERT(dec != NULL);
			FUZZ_ASSERT(strcmp(dec, s) == 0);
			free(dec);
		}
	}
	buf_free(&b);
	buf_free(&u);
	free(s);
	return 0;
}
