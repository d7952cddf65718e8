/*
 * mailer: publishes a newsletter by e-mail.  This file holds the command
 * table and usage; it is the only place that exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd.h"

const char *cmd_config_path = "config.yaml";

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "check", cmd_check, "validate config, lists, templates and an issue" },
	{ "preview", cmd_preview, "write every edition as .eml, .html, .txt" },
	{ "send", cmd_send, "send an issue (journaled, resumable)" },
	{ "status", cmd_status, "per issue and list delivery counts" },
	{ "bounces", cmd_bounces, "process the bounce mailbox; parse files" },
	{ "run", cmd_run, "cron entry point: due issues, then bounces" },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer [--config FILE] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'mailer COMMAND --help' describes a command.\n"
	    "Exit codes follow sysexits(3): 0 ok, 64 usage, 65 data error,\n"
	    "69 server unavailable, 75 temporary failure or busy, "
	    "76 TLS refused\nor certificate untrusted, 77 login refused, "
	    "78 configuration error.\n");
}

int
main(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			cmd_config_path = argv[i + 1];
			i += 2;
			continue;
		}
		if (!strncmp(argv[i], "--config=", 9)) {
			cmd_config_path = argv[i] + 9;
			i++;
			continue;
		}
		fprintf(stderr, "mailer: unknown option %s\n", argv[i]);
		usage(stderr);
		return EX_USAGE;
	}
	if (i >= argc) {
		usage(stderr);
		return EX_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(argc - i, argv + i);
	fprintf(stderr, "mailer: unknown command \"%s\"\n", argv[i]);
	usage(stderr);
	return EX_USAGE;
}
