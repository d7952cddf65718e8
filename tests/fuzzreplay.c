/*
 * Replays files through one fuzz target's LLVMFuzzerTestOneInput without
 * libFuzzer (linked with tests/fuzz/fuzz_NAME.c by the Makefile), so every input
 * that once crashed a target stays a regression test in make check.
 * Usage: fuzzreplay_NAME FILE...  Exit 0 when every file ran through.
 */
#include <stdio.h>

#include "fuzz/fuzz.h"

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct buf b = BUF_INIT;

		if (slurp_file(argv[i], 64u << 20, &b) == -1)
			return 1;
		LLVMFuzzerTestOneInput((const uint8_t *)b.data, b.len);
		buf_free(&b);
		printf("replayed %s\n", argv[i]);
	}
	return 0;
}
