/* config.yaml from a buffer: schema binding, paths, transport checks. */
#include "fuzz.h"
#include "config.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	config_free(config_parse("config.yaml", (const char *)data, size));
	return 0;
}
