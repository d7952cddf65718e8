/* The send command. */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addr.h"
#include "cmd.h"
#include "compose.h"
#include "config.h"
#include "exitcode.h"
#include "issue.h"
#include "list.h"
#include "send.h"
#include "util.h"

static const char send_usage[] =
    "send ISSUE_DIR [--list ID]... [--to ADDRESS] [--dry-run]\n"
    "                   [--resend-changed] [--quiet] [--verbose]";

/*
 * Says why --to arg was refused: a list of addresses and a mail client's
 * "Name <address>" get what to type instead of addr_normalize's why.
 */
static void
to_refused(const char *arg, const char *why)
{
	const char *lt = strrchr(arg, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (strpbrk(arg, ",;") && strchr(strpbrk(arg, ",;"), '@'))
		warnx("--to %s: --to takes one address: send a test to each "
		    "in turn", arg);
	else if (gt && gt > lt + 1)
		warnx("--to %s: give the address alone: --to %.*s", arg,
		    (int)(gt - lt - 1), lt + 1);
	else
		warnx("--to %s: %s", arg, why);
}

/*
 * The options (opts) into *o, *only and *to (normalised, the caller frees
 * it).  1 after --help, -1 when they are wrong (reported); either way
 * *only is freed.  0 with optind at ISSUE_DIR.
 */
static int
send_args(int argc, char **argv, const struct option *opts,
    struct send_opts *o, struct strlist *only, char **to)
{
	const char *why;
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "l:t:nRqvh", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': strlist_add(only, optarg); break;
		case 't':
			if (*to) {
				warnx("--to takes one address (%s, then %s): "
				    "send a test to each in turn", *to, optarg);
				goto usage;
			}
			if (addr_normalize(optarg, to, &why) == -1) {
				to_refused(optarg, why);
				strlist_free(only);
				return -1;
			}
			break;
		case 'n': o->dry_run = 1; break;
		case 'R': o->resend_changed = 1; break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'h':
			printf("usage: mailer %s\n", send_usage);
			strlist_free(only);
			free(*to);
			*to = NULL;
			return 1;
		default:
			goto usage;
		}
	}
	if (optind + 1 != argc)
		goto usage;
	return 0;
usage:
	fprintf(stderr, "usage: mailer %s\n", send_usage);
	strlist_free(only);
	free(*to);
	*to = NULL;
	return -1;
}

/*
 * run takes an issue as sent once every recipient the journal has is
 * done, so lists a send --list leaves before send_at are not run's to
 * send (a list added after an issue went out gets no back issue): says
 * so, naming them and the command that sends them.
 */
static void
warn_lists_left(const struct job *j, const char *dir)
{
	struct buf b = BUF_INIT;
	char **ids, when[64];
	size_t n, k;

	if (j->issue->send_at_t <= time(NULL) ||
	    list_ids(j->cfg->lists_dir, &ids, &n) == -1)
		return;
	for (size_t i = 0; i < n; i++) {
		for (k = 0; k < j->nlists && strcmp(j->lists[k]->id, ids[i]);
		    k++)
			;
		if (k == j->nlists)
			buf_printf(&b, "%s%s", b.len ? ", " : "", ids[i]);
		free(ids[i]);
	}
	free(ids);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z",
	    localtime(&j->issue->send_at_t));
	if (b.len)
		warnx("%s: send_at %s is still to come, and run takes an "
		    "issue as sent once the lists it has are done: the lists "
		    "not named here (%s) get it only from \"mailer send %s\"",
		    j->issue->id, when, b.data, dir);
	buf_free(&b);
}

int
cmd_send(int argc, char **argv)
{
	/* in cmd_send's body, where 0620 reads them for the completion */
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
	struct job j;
	int rc;

	if ((rc = send_args(argc, argv, opts, &o, &only, &to)) != 0)
		return rc == 1 ? 0 : EXIT_USAGE;
	o.to = to;
	o.stop = &cmd_stop;
	cmd_catch_signals();
	rc = job_open(&j, cmd_config_path, argv[optind], &only, 1);
	if (rc == 0 && j.issue->archive_only && !to) {
		warnx("%s: archive_only: true: the archive publishes it, no "
		    "list is mailed it (send --to ADDRESS still sends a test)",
		    j.issue->id);
		rc = EXIT_DATAERR;
	}
	if (rc == 0)
		rc = send_issue(&j, &o, &st);
	if (rc == 0 && only.n && !to && !o.dry_run)
		warn_lists_left(&j, argv[optind]);
	job_close(&j);
	strlist_free(&only);
	free(to);
	return rc;
}
