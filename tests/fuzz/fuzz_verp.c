/*
 * VERP tokens: the checker on arbitrary strings, and the bounce and
 * unsubscribe address parser; a token that checks out must be well formed.
 */
#include "fuzz.h"
#include "bounces.h"
#include "verp.h"

static const unsigned char key[] = "0123456789abcdef0123456789abcdef";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	char id[VERP_ID_LEN + 1], tok[VERP_TOKEN_LEN + 1];

	if (verp_check(key, sizeof key - 1, s, id, sizeof id) == 0) {
		FUZZ_ASSERT(strlen(id) == VERP_ID_LEN);
		FUZZ_ASSERT(strlen(s) == VERP_TOKEN_LEN);
	}
	if (bounces_addr_token(s, "bounce.test", tok, sizeof tok) !=
	    BOUNCES_ADDR_NONE)
		FUZZ_ASSERT(strlen(tok) <= VERP_TOKEN_LEN);
	free(s);
	return 0;
}
