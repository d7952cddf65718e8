/* The bounce classifier on whole messages, and its JSON output. */
#include "fuzz.h"
#include "bounce.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bounce_report r;
	char *j;

	FUZZ_ASSERT(bounce_parse((const char *)data, size, &r) == 0);
	FUZZ_ASSERT(r.nrcpts <= BOUNCE_MAX_RCPTS);
	j = bounce_report_json("f.eml", &r);
	FUZZ_ASSERT(j != NULL);
	free(j);
	bounce_report_free(&r);
	return 0;
}
