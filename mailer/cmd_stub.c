/* Commands not built yet; each file that implements one removes it here. */
#include <stdio.h>
#include <sysexits.h>

#include "cmd.h"

static int
notyet(const char *name)
{
	fprintf(stderr, "mailer: %s: not implemented yet\n", name);
	return EX_SOFTWARE;
}

int cmd_run(int argc, char **argv) { (void)argc; return notyet(argv[0]); }
