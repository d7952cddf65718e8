/* The send and status commands. */
#include <err.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "cmd.h"
#include "compose.h"
#include "config.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "report.h"
#include "send.h"
#include "util.h"

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static const char send_usage[] =
    "send ISSUE_DIR [--list ID]... [--to ADDRESS] [--dry-run]\n"
    "                   [--resend-changed] [--quiet] [--verbose]";

int
cmd_send(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "list", required_argument, NULL, 'l' },
		{ "to", required_argument, NULL, 't' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "resend-changed", no_argument, NULL, 'R' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct send_opts o = { 0 };
	struct send_stats st;
	struct strlist only = { 0 };
	char *to = NULL;
	const char *why;
	struct job j;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "l:t:nRqvh", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': strlist_add(&only, optarg); break;
		case 't':
			free(to);
			if (addr_normalize(optarg, &to, &why) == -1) {
				warnx("--to %s: %s", optarg, why);
				strlist_free(&only);
				return EXIT_USAGE;
			}
			break;
		case 'n': o.dry_run = 1; break;
		case 'R': o.resend_changed = 1; break;
		case 'q': o.quiet = 1; break;
		case 'v': o.verbose = 1; break;
		case 'h':
			printf("usage: mailer %s\n", send_usage);
			strlist_free(&only);
			return 0;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	o.to = to;
	o.stop = &stop_flag;
	catch_signals();
	rc = job_open(&j, argv[optind], &only, 1);
	if (rc == 0)
		rc = send_issue(&j, &o, &st);
	job_close(&j);
	strlist_free(&only);
	free(to);
	return rc;
usage:
	fprintf(stderr, "usage: mailer %s\n", send_usage);
	strlist_free(&only);
	free(to);
	return EXIT_USAGE;
}

struct table {
	json_t *rows;
	int json;
	long tot[5];
};

static void
print_count(void *arg, const struct journal_count *c)
{
	struct table *t = arg;
	long v[5] = { c->sent, c->deferred, c->failed, c->suppressed,
	    c->pending };

	for (int i = 0; i < 5; i++)
		t->tot[i] += v[i];
	if (t->json) {
		json_array_append_new(t->rows, json_pack("{s:s,s:s,s:i,s:i,"
		    "s:i,s:i,s:i,s:i}", "issue", c->issue, "list", c->list,
		    "sent", (json_int_t)c->sent, "deferred",
		    (json_int_t)c->deferred, "failed", (json_int_t)c->failed,
		    "suppressed", (json_int_t)c->suppressed, "remaining",
		    (json_int_t)c->pending, "unsubscribed",
		    (json_int_t)c->unsubscribed));
		return;
	}
	printf("%-12s %-14s %8ld %8ld %8ld %10ld %9ld\n", c->issue, c->list,
	    c->sent, c->deferred, c->failed, c->suppressed, c->pending);
}

static const char status_usage[] =
    "usage: mailer status [ISSUE_DIR] [--json] [--html FILE]\n"
    "  --html FILE needs ISSUE_DIR: writes that issue's delivery report.\n";

/* The issue's title when ISSUE_DIR still holds it; NULL otherwise. */
static char *
issue_title(const char *dir)
{
	char *p = path_join(dir, "issue.yaml");
	struct issue *is = NULL;
	char *t = NULL;

	if (access(p, R_OK) == 0 && (is = issue_load(dir)) && is->title)
		t = xstrdup(is->title);
	issue_free(is);
	free(p);
	return t;
}

int
cmd_status(int argc, char **argv)
{
	struct table t = { NULL, 0, { 0 } };
	struct config *cfg;
	struct journal *jn = NULL;
	char *issue = NULL, *title = NULL;
	const char *html = NULL, *dir = NULL;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			t.json = 1;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(status_usage, stdout);
			free(issue);
			return 0;
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc)
			html = argv[++i];
		else if (!strncmp(argv[i], "--html=", 7) && argv[i][7])
			html = argv[i] + 7;
		else if (argv[i][0] != '-' && !issue) {
			char *p = xstrdup(argv[i]), *b;

			dir = argv[i];
			while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
				p[strlen(p) - 1] = '\0';
			b = strrchr(p, '/');
			issue = xstrdup(b ? b + 1 : p);
			free(p);
		} else {
			fputs(status_usage, stderr);
			free(issue);
			return EXIT_USAGE;
		}
	}
	if (html && !issue) {
		fputs(status_usage, stderr);
		return EXIT_USAGE;
	}
	if (!(cfg = config_load(cmd_config_path))) {
		free(issue);
		return EXIT_CONFIG;
	}
	if (access(cfg->state_path, F_OK) == -1) {
		printf(t.json ? "[]\n" : "nothing sent yet (no %s)\n",
		    cfg->state_path);
		goto report;
	}
	if (!(jn = journal_open(cfg->state_path))) {
		config_free(cfg);
		free(issue);
		return EXIT_CANTCREAT;
	}
	t.rows = json_array();
	if (!t.json)
		printf("%-12s %-14s %8s %8s %8s %10s %9s\n", "issue", "list",
		    "sent", "deferred", "failed", "suppressed", "remaining");
	if (journal_counts(jn, issue, print_count, &t) == -1)
		rc = EXIT_SOFTWARE;
	if (t.json) {
		char *s = json_dumps(t.rows, JSON_INDENT(1));

		puts(s);
		free(s);
	} else {
		printf("%-12s %-14s %8ld %8ld %8ld %10ld %9ld\n", "total", "",
		    t.tot[0], t.tot[1], t.tot[2], t.tot[3], t.tot[4]);
	}
	json_decref(t.rows);
report:
	if (rc == 0 && html) {
		title = issue_title(dir);
		if (report_write_html(jn, cfg, issue, title, html) == -1)
			rc = EXIT_CANTCREAT;
		else if (!t.json)
			printf("%s: delivery report written to %s\n", issue,
			    html);
	}
	free(title);
	journal_close(jn);
	config_free(cfg);
	free(issue);
	return rc;
}
