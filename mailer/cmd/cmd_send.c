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
#include "owed.h"
#include "send.h"
#include "util.h"

static const char send_usage[] =
    "send ISSUE_DIR [--list ID]... [--to ADDRESS] [--dry-run]\n"
    "                   [--resend-changed] [--quiet] [--verbose]";
static const char send_help[] =
    "  Builds one edition per list from ISSUE_DIR, signs it as configured,\n"
    "  and sends it to each subscriber not yet sent, suppressed or\n"
    "  unsubscribed, journalling every outcome (a rerun sends what is\n"
    "  left).  --list sends to those lists only; --to sends one test copy\n"
    "  of each edition to ADDRESS, outside the journal; --dry-run builds\n"
    "  and checks, sends nothing.\n"
    "  Exit 0 all sent or failed (5xx); 75 some deferred, stopped or\n"
    "  locked (run again); 65 bad issue, list or template, or an edition\n"
    "  changed since sending began (see --resend-changed);\n"
    "  others: mailer --exit-codes.\n";

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
			if (addr_normalize_eai(optarg, to, &why) == -1) {
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
			printf("usage: mailer %s\n%s", send_usage, send_help);
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
 * After a journaled send: the lists the issue is still owed (a send
 * --list reaches only some, owed.h) are said, with when run sends them;
 * and once every list has it, a list added later is owed nothing.
 * 0, or an exit code after reporting.
 */
static int
lists_left(const struct job *j, const char *dir)
{
	struct buf left = BUF_INIT;
	char when[64];
	int done, rc = owed_check(j->cfg, j->issue->id, &done, &left);
	time_t at = j->issue->send_at_t;

	if (at)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z",
		    localtime(&at));
	if (rc == 0 && left.len && !at)
		warnx("%s: the lists not sent yet (%s) get it from \"mailer "
		    "send %s\" (without send_at, run does not send it)",
		    j->issue->id, left.data, dir);
	else if (rc == 0 && left.len && at > time(NULL))
		warnx("%s: the lists not sent yet (%s) get it from mailer run "
		    "at send_at %s", j->issue->id, left.data, when);
	else if (rc == 0 && left.len)
		warnx("%s: the lists not sent yet (%s) get it from the next "
		    "mailer run (send_at %s has passed)", j->issue->id,
		    left.data, when);
	buf_free(&left);
	return rc;
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
	rc = job_open(&j, cmd_config_path, argv[optind], &only,
	    JOB_SIGNER | JOB_SENDS);
	if (rc == 0 && j.issue->archive_only && !to) {
		warnx("%s: archive_only: true: the archive publishes it, no "
		    "list is mailed it (send --to ADDRESS still sends a test)",
		    j.issue->id);
		rc = EXIT_DATAERR;
	}
	if (rc == 0)
		rc = send_issue(&j, &o, &st);
	if (rc == 0 && !to && !o.dry_run)
		rc = lists_left(&j, argv[optind]);
	job_close(&j);
	strlist_free(&only);
	free(to);
	return rc;
}
