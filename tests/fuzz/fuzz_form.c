/*
 * mailer serve's request parsers: urlencoded and multipart form bodies,
 * and confirmation tokens.  A value is never longer than its source; a
 * token that checks out names a positive row.
 */
#include "fuzz.h"
#include "form.h"
#include "webtoken.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *v;
	long long id = 0;
	size_t len = 0;

	if ((v = form_value((const char *)data, size, "email", &len)))
		FUZZ_ASSERT(len <= size);
	free(v);
	if ((v = form_value((const char *)data, size, "List-Unsubscribe",
	    &len)))
		FUZZ_ASSERT(len <= size);
	free(v);
	/* the same bytes as a multipart body with a short boundary */
	if ((v = form_field("multipart/form-data; boundary=b",
	    (const char *)data, size, "List-Unsubscribe", &len)))
		FUZZ_ASSERT(len <= size);
	free(v);
	if (webtoken_check(key, sizeof key - 1, 's', "aba", s, 0, &id) ==
	    WT_OK)
		FUZZ_ASSERT(id > 0);
	free(s);
	return 0;
}
