/*
 * VERP tokens: the checker on arbitrary strings, the bounce and
 * unsubscribe address parser, the returned fields' token reader (SRS and
 * percent-encoded addresses included) and the SRS parser on the raw bytes
 * (it must read no further than the length given); a token that checks
 * out must be well formed.
 */
#include "fuzz.h"
#include "bounces.h"
#include "srs.h"
#include "verp.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	static const char *const fields[] = { "Return-Path",
	    "Original-Mail-From", "List-Unsubscribe", "CFBL-Address" };
	char id[VERP_ID_LEN + 1], tok[VERP_TOKEN_LEN + 1], toks[4][
	    VERP_TOKEN_LEN + 1];
	char *orig = srs_original((const char *)data, size);

	if (verp_check(key, sizeof key - 1, s, id, sizeof id) == 0) {
		FUZZ_ASSERT(strlen(id) == VERP_ID_LEN);
		FUZZ_ASSERT(strlen(s) == VERP_TOKEN_LEN);
	}
	if (bounces_addr_token(s, "bounce.test", tok, sizeof tok) !=
	    BOUNCES_ADDR_NONE)
		FUZZ_ASSERT(strlen(tok) <= VERP_TOKEN_LEN);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		size_t n = bounces_field_tokens(fields[i], s, "bounce.test",
		    toks, 4);

		FUZZ_ASSERT(n <= 4);
		for (size_t k = 0; k < n; k++)
			FUZZ_ASSERT(strlen(toks[k]) == VERP_TOKEN_LEN);
	}
	if (orig)
		FUZZ_ASSERT(strchr(orig, '@') != NULL);
	free(orig);
	free(s);
	return 0;
}
