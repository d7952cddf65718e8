/*
 * Subscriber CSV: every row handed on has a non-empty address and a name
 * with no line break (both go into headers).
 */
#include "fuzz.h"
#include "list.h"

static int
row(void *arg, const struct subscriber *s)
{
	(void)arg;
	FUZZ_ASSERT(s->email && *s->email);
	FUZZ_ASSERT(!has_ctl_break(s->email, strlen(s->email)));
	FUZZ_ASSERT(!s->name || !has_ctl_break(s->name, strlen(s->name)));
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t bad = 0;

	list_parse_csv("l.csv", (const char *)data, size, 0, row, NULL, &bad);
	list_parse_csv("l.csv", (const char *)data, size, LIST_STRICT, row,
	    NULL, &bad);
	return 0;
}
