/*
 * cmd_bounces: "mailer bounces".  For now only "parse FILE..." (one JSON line
 * per file, for tests and for the evaluation); the IMAP run comes later.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "bounce.h"
#include "cmd.h"
#include "util.h"

#define BOUNCES_MAX_FILE (64u * 1024 * 1024)

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer bounces parse FILE...\n"
	    "  Classifies each message file ('-' for standard input) and\n"
	    "  prints one JSON line per file:\n"
	    "  {\"file\", \"kind\", \"recipients\": [{\"address\", \"status\","
	    " \"class\", \"reason\"}]}\n"
	    "  Exit 0, or 66 when some file could not be read.\n");
}

/* Reads standard input into out, refusing more than max bytes. */
static int
slurp_stdin(size_t max, struct buf *out)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		if (out->len + n > max) {
			fprintf(stderr, "mailer: -: larger than %zu bytes\n",
			    max);
			return -1;
		}
		buf_add(out, chunk, n);
	}
	if (ferror(stdin)) {
		fprintf(stderr, "mailer: -: read error\n");
		return -1;
	}
	return 0;
}

static int
bounces_parse(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2) {
		usage(stderr);
		return EX_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		struct buf b = BUF_INIT;
		struct bounce_report r;
		char *json;
		int got = strcmp(argv[i], "-") ?
		    slurp_file(argv[i], BOUNCES_MAX_FILE, &b) :
		    slurp_stdin(BOUNCES_MAX_FILE, &b);

		if (got < 0) {
			rc = EX_NOINPUT;
			buf_free(&b);
			continue;
		}
		bounce_parse(b.data ? b.data : "", b.len, &r);
		json = bounce_report_json(argv[i], &r);
		printf("%s\n", json);
		fflush(stdout);
		free(json);
		bounce_report_free(&r);
		buf_free(&b);
	}
	return rc;
}

int
cmd_bounces(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "parse"))
		return bounces_parse(argc - 1, argv + 1);
	/* the mailbox run (and --list) are still to come */
	fprintf(stderr, "mailer: bounces: not implemented yet\n");
	return EX_SOFTWARE;
}
