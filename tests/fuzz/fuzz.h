/*
 * Shared glue for the libFuzzer targets: each file defines
 * LLVMFuzzerTestOneInput over one parser; tests/fuzz/run.sh runs them with seeds
 * made from the project's own samples.  A property violation abort()s,
 * which libFuzzer reports as a crash.
 */
#ifndef MAILER_FUZZ_H
#define MAILER_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input; the caller frees. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

#define FUZZ_ASSERT(x) do { if (!(x)) abort(); } while (0)

#endif
