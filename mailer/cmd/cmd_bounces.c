/*
 * cmd_bounces: "mailer bounces": the bounce mailbox run (bounces.c),
 * "--list" of the suppressions, and "parse FILE..." (one JSON line per
 * file, for tests and for the evaluation).
 */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bounce.h"
#include "bounces.h"
#include "cmd.h"
#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "log.h"
#include "util.h"

#define BOUNCES_MAX_FILE (64u * 1024 * 1024)

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer bounces [--verbose | -v]\n"
	    "  Reads the imap: mailbox, records bounces, delays, "
	    "auto-replies,\n"
	    "  complaints and unsubscribe requests (trusting only valid "
	    "VERP\n"
	    "  tokens), suppresses addresses per the bounces: policy, and "
	    "moves\n"
	    "  each message (but one over 64 MiB) to the processed folder.  "
	    "Prints\n"
	    "  one summary line when something was new (always with "
	    "--verbose).\n"
	    "  Exit 0; 75 another run holds the state lock or the server "
	    "failed\n"
	    "  mid-run or refused a move (rerun: nothing is counted twice); "
	    "69 server\n"
	    "  unreachable; 76 no TLS or untrusted certificate (nothing was "
	    "sent);\n"
	    "  77 login refused; 78 no or bad imap: configuration or token "
	    "key; 73 the\n"
	    "  journal or its lock cannot be written; 70 the journal failed "
	    "mid-run.\n"
	    "usage: mailer bounces --list [--json]\n"
	    "  Prints the suppressed and unsubscribed addresses: list, "
	    "email,\n"
	    "  reason, since (list * means every list).  Exit 0; 73 the "
	    "journal\n"
	    "  cannot be opened; 70 it failed a query; 78 bad "
	    "configuration.\n"
	    "usage: mailer bounces parse FILE...\n"
	    "  Classifies each message file ('-' for standard input) and\n"
	    "  prints one JSON line per file:\n"
	    "  {\"file\", \"kind\", \"recipients\": [{\"address\", \"status\","
	    " \"class\", \"reason\"}]}\n"
	    "  kind: bounce, delay, autoreply, complaint or other; \"class\" "
	    "(hard or\n"
	    "  soft) only in a bounce or a delay (a delay's is soft).\n"
	    "  Exit 0, 66 when some file could not be read, or 64 when no "
	    "file is\n"
	    "  named.\n");
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
	/* one buffer for every file: no allocation of a file's size each */
	struct buf b = BUF_INIT;
	int rc = 0;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	/* a file called so is named "./--help" */
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		struct bounce_report r;
		char *json;
		int got;

		buf_reset(&b);
		got = strcmp(argv[i], "-") ?
		    slurp_file(argv[i], BOUNCES_MAX_FILE, &b) :
		    slurp_stdin(BOUNCES_MAX_FILE, &b);
		if (got < 0) {
			rc = EXIT_NOINPUT;
			continue;
		}
		bounce_parse(b.data ? b.data : "", b.len, &r);
		json = bounce_report_json(argv[i], &r);
		printf("%s\n", json);
		fflush(stdout);
		free(json);
		bounce_report_free(&r);
	}
	buf_free(&b);
	return rc;
}

static void
print_suppression(void *arg, const struct journal_suppression *s)
{
	json_t *rows = arg;
	char since[32];
	struct tm tm;

	strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ",
	    gmtime_r(&s->at, &tm));
	if (rows) {
		json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:s}",
		    "list", s->list, "email", s->email, "reason", s->reason,
		    "since", since));
		return;
	}
	printf("%-14s %-32s %-28s %s\n", s->list, printable(s->email),
	    printable(s->reason), since);
}

static int
bounces_list(const struct config *c, int json)
{
	json_t *rows = json ? json_array() : NULL;
	struct journal *jn;
	int rc = 0;

	if (access(c->state_path, F_OK) == -1) {
		if (json)
			printf("[]\n");
		json_decref(rows);
		return 0;
	}
	if (!(jn = journal_open(c->state_path))) {
		json_decref(rows);
		return EXIT_CANTCREAT;
	}
	if (!json)
		printf("%-14s %-32s %-28s %s\n", "list", "email", "reason",
		    "since");
	if (journal_suppressions(jn, print_suppression, rows) == -1)
		rc = EXIT_SOFTWARE;
	if (json) {
		json_print(rows);
		json_decref(rows);
	}
	journal_close(jn);
	return rc;
}

int
cmd_bounces(int argc, char **argv)
{
	struct config *c;
	int list = 0, json = 0, quiet = 1, rc;

	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "parse"))
		return bounces_parse(argc - 1, argv + 1);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list"))
			list = 1;
		else if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--verbose") ||
		    !strcmp(argv[i], "-v"))
			quiet = 0;
		else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	/* --json shapes the list and --verbose the run's summary: each
	 * alone where the other mode would silently ignore it. */
	if ((json && !list) || (list && !quiet)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	/* libetpan writes LOGOUT to a session the server may have closed:
	 * an error (75 after a lost connection), not death by SIGPIPE */
	if (!list)
		signal(SIGPIPE, SIG_IGN);
	/* the mailbox run is cron's, as run is: log: syslog holds */
	if (!list && log_setup(c) == -1) {
		config_free(c);
		return EXIT_OSERR;
	}
	rc = list ? bounces_list(c, json) : bounces_run(c,
	    quiet ? BOUNCES_SAY_NEW : BOUNCES_SAY_ALWAYS, 0);
	config_free(c);
	return rc;
}
