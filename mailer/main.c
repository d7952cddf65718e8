/*
 * mailer: publishes a newsletter by e-mail.  This file holds the command
 * table and usage; it is the only place that exits: commands return a code
 * from the exit-code table (exitcode.h), and out of memory anywhere ends
 * here too (util_oom).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "exitcode.h"
#include "journal.h"
#include "util.h"
#include "version.h"

const char *cmd_config_path = "config.yaml";

static const struct command {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} commands[] = {
	{ "check", cmd_check,
	    "validate config, lists, templates and an issue" },
	{ "preview", cmd_preview, "write every edition as .eml, .html, .txt" },
	{ "send", cmd_send, "send an issue (journaled, resumable)" },
	{ "status", cmd_status, "per issue and list delivery counts" },
	{ "bounces", cmd_bounces, "process the bounce mailbox; parse files" },
	{ "run", cmd_run, "cron entry point: bounces, then due issues" },
	{ "serve", cmd_serve, "web side: one-click unsubscribe, list pages" },
	{ "archive", cmd_archive, "build the public web archive and feed" },
	{ "dkim", cmd_dkim, "print the DNS records of the DKIM keys" },
	{ "lists", cmd_lists, "per list counts; sync writes the journal back" },
	{ "suppress", cmd_suppress, "lift a bounce suppression (--lift)" },
};

/* "Exit codes (sysexits(3)): 0 success, 64 usage error, ...", wrapped. */
static void
exit_codes_brief(FILE *f)
{
	size_t n, col;
	const struct exit_info *t = exit_table(&n);

	col = (size_t)fprintf(f, "Exit codes (sysexits(3)):");
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(NULL, 0, " %d %s%s", (int)t[i].code,
		    t[i].meaning, i + 1 < n ? "," : ";");

		if (col + (size_t)w > 72) {
			fputc('\n', f);
			col = 0;
		}
		col += (size_t)fprintf(f, "%s%d %s%s", col ? " " : "",
		    (int)t[i].code, t[i].meaning, i + 1 < n ? "," : ";");
	}
	fprintf(f, "\n'mailer --exit-codes' says when each is returned.\n");
}

/* The table, one code a line: CODE TAB NAME TAB MEANING TAB WHEN. */
static void
exit_codes_table(FILE *f)
{
	size_t n;
	const struct exit_info *t = exit_table(&n);

	for (size_t i = 0; i < n; i++)
		fprintf(f, "%d\t%s\t%s\t%s\n", (int)t[i].code, t[i].name,
		    t[i].meaning, t[i].when);
}

static void
oom_exit(const char *what)
{
	fprintf(stderr, "mailer: out of memory (%s)\n", what);
	exit(EXIT_OSERR);
}

/*
 * What a command printed must have reached its standard output (a full
 * disk under "status --json >FILE" wrote nothing and exited 0): a write
 * error is said and is 73, unless the command failed already.  A reader
 * gone (EPIPE: "| head") is no error.
 */
static int
stdout_checked(int rc)
{
	int e;

	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	e = errno;
	if (e == EPIPE)
		return rc;
	fprintf(stderr, "mailer: standard output: %s\n", e ? strerror(e) :
	    "write error");
	return rc ? rc : EXIT_CANTCREAT;
}

/* A command's code must be in the table: the table is the contract. */
static int
checked(const char *cmd, int rc)
{
	rc = stdout_checked(journal_exit_code(rc));
	if (exit_info(rc))
		return rc;
	fprintf(stderr, "mailer: %s returned %d, which is not in the exit "
	    "code table (a bug)\n", cmd, rc);
	return EXIT_SOFTWARE;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer [--config FILE] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(f, "\n'mailer COMMAND --help' describes a command; "
	    "'mailer --version' prints\nthe versions of mailer and its "
	    "libraries.\n");
	exit_codes_brief(f);
}

/*
 * --config among a command's arguments (before any "--"): a crontab's
 * "mailer run --config FILE".  Each command's own parser would call it
 * unrecognized under a usage line that does not show where it goes.
 */
static int
config_after(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--config") ||
		    !strncmp(argv[i], "--config=", 9))
			return 1;
	return 0;
}

/* An option before the command that main does not know, said. */
static void
option_refused(const char *arg)
{
	if (!strcmp(arg, "--config"))
		fprintf(stderr, "mailer: --config needs a FILE\n");
	else
		fprintf(stderr, "mailer: unknown option %s\n", arg);
	usage(stderr);
}

static const struct command *
command_named(const char *name)
{
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(name, commands[c].name))
			return &commands[c];
	return NULL;
}

/*
 * "mailer help send" is "mailer send --help", as git has it; "help" alone
 * (or "help help") the command list.  A topic that is no command is a
 * usage error, as "mailer nosuch" is: a script's typo must not pass.
 */
static int
help_command(int argc, char **argv)
{
	const struct command *cmd = argc > 1 ? command_named(argv[1]) : NULL;

	if (argc > 2) {
		fprintf(stderr, "mailer: help takes one command; \"%s\" is "
		    "one too many\n", argv[2]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cmd) {
		char *av[] = { argv[1], "--help", NULL };

		return checked(argv[1], cmd->fn(2, av));
	}
	if (argc > 1 && strcmp(argv[1], "help")) {
		fprintf(stderr, "mailer: no help on \"%s\": not a command\n",
		    argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	usage(stdout);
	return EXIT_OK;
}

/* argv[0] is the command, the rest its arguments. */
static int
run_command(int argc, char **argv)
{
	const struct command *cmd;

	if (config_after(argc, argv)) {
		fprintf(stderr, "mailer: --config goes before the command: "
		    "mailer --config FILE %s ...\n", argv[0]);
		return EXIT_USAGE;
	}
	if ((cmd = command_named(argv[0])))
		return checked(argv[0], cmd->fn(argc, argv));
	fprintf(stderr, "mailer: unknown command \"%s\"\n", argv[0]);
	usage(stderr);
	return EXIT_USAGE;
}

/*
 * The global options are read here, in main itself: 0620 checks that
 * mailer.bash-completion offers the "--" strings of main's body.
 */
int
main(int argc, char **argv)
{
	int i = 1;

	util_on_oom(oom_exit);
	while (i < argc && argv[i][0] == '-') {
		/* "mailer --help send" is "mailer help send", as git has it */
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help_command(argc - i, argv + i);
		if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
			version_print(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--exit-codes")) {
			exit_codes_table(stdout);
			return EXIT_OK;
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
		option_refused(argv[i]);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help"))
		return help_command(argc - i, argv + i);
	return run_command(argc - i, argv + i);
}
