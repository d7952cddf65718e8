/*
 * The run command: the cron entry point.  Under the state lock it
 * processes the bounce mailbox, then sends every issue whose send_at has
 * passed and that is not complete, oldest send_at first (deferred
 * recipients only once their backoff expired), and makes the web archive
 * again when an issue sent something and web: is configured.  Quiet when
 * there is nothing to do; one line per issue that sent something
 * otherwise.
 */
#include <dirent.h>
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "bounces.h"
#include "cmd.h"
#include "complaint.h"
#include "compose.h"
#include "config.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "log.h"
#include "owed.h"
#include "send.h"
#include "state.h"
#include "util.h"
#include "ydoc.h"

/* An issue that is never mailed (a back issue put in the archive). */
static int
archive_only(const struct ynode *root)
{
	const struct ynode *n = ynode_get(root, "archive_only");

	return n && n->type == YNODE_SCALAR && !strcmp(n->value, "true");
}

/*
 * send_at of dir/issue.yaml without loading the whole issue: 1 when due
 * (*at its time), 0 when not, without one or archive_only: true, -1 after
 * reporting.
 */
static int
due(const char *dir, time_t now, time_t *at)
{
	char *yml = path_join(dir, "issue.yaml");
	struct buf b = BUF_INIT;
	struct ynode *root = NULL, *n;
	time_t t;
	int rc = 0;

	if (access(yml, R_OK) == 0 && slurp_file(yml, 1024 * 1024, &b) == 0 &&
	    (root = ynode_parse(yml, b.data, b.len, 0)) &&
	    !archive_only(root) &&
	    (n = ynode_get(root, "send_at")) && n->type == YNODE_SCALAR) {
		if (issue_parse_time(n->value, &t) == -1) {
			warnx("%s:%zu:%zu: send_at \"%s\" is not a time", yml,
			    n->line, n->col, n->value);
			rc = -1;
		} else {
			rc = t <= now;
			*at = t;
		}
	}
	ynode_free(root);
	buf_free(&b);
	free(yml);
	return rc;
}

/*
 * Each issue's complaint level, and each recipient domain's with
 * complaints, to see which ones a run pushed up.
 */
struct levels {
	struct level {
		char *issue;
		char *domain;	/* NULL: the issue's total */
		enum complaint_level level;
		long complaints, delivered;
	} *v;
	size_t n;
};

static void
keep_level(struct levels *l, const struct complaint_rate *r,
    const char *domain)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n].issue = xstrdup(r->issue);
	l->v[l->n].domain = domain ? xstrdup(domain) : NULL;
	l->v[l->n].level = r->level;
	l->v[l->n].complaints = r->complaints;
	l->v[l->n++].delivered = r->delivered;
}

static void
keep_issue(void *arg, const struct complaint_rate *r)
{
	if (r->issue && !r->list)
		keep_level(arg, r, NULL);	/* issue totals only */
}

static void
keep_domain(void *arg, const struct complaint_rate *r)
{
	keep_level(arg, r, r->list);
}

/*
 * 0, or (as owed_check) EXIT_CANTCREAT or EXIT_SOFTWARE after the journal
 * reported why it could not be opened or read: a complaint rate that
 * crossed a threshold must not go unsaid.
 */
static int
levels_read(const struct config *c, struct levels *l)
{
	struct journal *jn;
	int rc = 0;

	if (access(c->state_path, F_OK) == -1)
		return 0;	/* nothing sent yet */
	if (!(jn = journal_open(c->state_path)))
		return EXIT_CANTCREAT;
	if (complaint_rates(jn, NULL, keep_issue, l) == -1 ||
	    complaint_domain_rates(jn, NULL, keep_domain, l) == -1)
		rc = EXIT_SOFTWARE;
	journal_close(jn);
	return rc;
}

static void
levels_free(struct levels *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].issue);
		free(l->v[i].domain);
	}
	free(l->v);
}

/* The level of (issue, domain) in l; domain NULL: the issue's total. */
static enum complaint_level
level_of(const struct levels *l, const char *issue, const char *domain)
{
	for (size_t k = 0; k < l->n; k++) {
		const struct level *v = &l->v[k];

		if (!strcmp(v->issue, issue) && (domain && v->domain ?
		    !strcmp(v->domain, domain) : domain == v->domain))
			return v->level;
	}
	return COMPLAINT_OK;
}

/*
 * Warns once for each issue whose complaint rate crossed a threshold
 * during this run (bounce processing adds complaints and bounces), and
 * for each recipient domain whose own rate did and is at a worse level
 * than its issue's (as status lists them under the issue).
 */
static void
warn_crossings(const struct levels *before, const struct levels *after)
{
	for (size_t i = 0; i < after->n; i++) {
		const struct level *a = &after->v[i];
		char rate[32];

		if (a->level <= level_of(before, a->issue, a->domain) ||
		    (a->domain && a->level <= level_of(after, a->issue,
		    NULL)))
			continue;
		complaint_rate_text(a->complaints, a->delivered, rate,
		    sizeof rate);
		warnx("warning: issue %s: complaint rate %s%s%s%s (%ld "
		    "complaint%s, %ld delivered) is at or above the %s the "
		    "large mailbox providers set", a->issue,
		    a->domain ? "at " : "", a->domain ? a->domain : "",
		    a->domain ? " " : "", rate, a->complaints,
		    a->complaints == 1 ? "" : "s", a->delivered,
		    a->level == COMPLAINT_LIMIT ? "0.3 % limit" :
		    "0.1 % warning threshold");
	}
}

static int
worse(int a, int b)
{
	/* a hard error outranks "try again later" */
	if (a == 0)
		return b;
	if (b == 0 || a == b)
		return a;
	return a == EXIT_TEMPFAIL ? b : a;
}

static int
run_issue(const struct config *c, const char *dir, const char *id,
    int quiet, int verbose, int *sent)
{
	struct send_opts o = { 0 };
	struct send_stats st = { 0 };
	struct job j;
	int rc, done;

	if ((rc = owed_check(c, id, &done, NULL)) != 0 || done)
		return rc;
	o.respect_backoff = 1;
	o.locked = 1;
	o.run = 1;
	/* --verbose: the per-list lines; not send's line per recipient */
	o.quiet = !verbose;
	o.stop = &cmd_stop;
	rc = job_open(&j, c->path, dir, NULL, JOB_SIGNER | JOB_SENDS);
	if (rc == 0)
		rc = send_issue(&j, &o, &st);
	if (st.sent)
		*sent = 1;
	/* every list reached now: a list added later is owed nothing */
	if (rc == 0)
		rc = owed_check(c, id, &done, NULL);
	if (!quiet && (st.sent || st.deferred || st.failed) &&
	    rc != EXIT_CONFIG)
		printf("%s: sent %ld, deferred %ld, failed %ld, suppressed "
		    "%ld%s\n", id, st.sent, st.deferred, st.failed,
		    st.suppressed, cmd_stop ? "; stopped by a signal: the "
		    "next run sends the rest" : st.stopped ?
		    "; stopped before the end: "
		    "the next run sends the rest" : "");
	job_close(&j);
	return rc;
}

/* A due issue: the folder's name and its send_at. */
struct due_issue {
	char *name;
	time_t at;
};

/* send_at order, the folder's name between issues due at the same time */
static int
due_cmp(const void *a, const void *b)
{
	const struct due_issue *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Sends the due issues oldest send_at first: after the machine was down,
 * issue 9 goes out before issue 10 whatever their folders' names.
 */
static int
run_due(const struct config *c, int quiet, int verbose, int *sent)
{
	struct dirent **ents;
	struct due_issue *v;
	time_t now = time(NULL);
	size_t nv = 0;
	int n, rc = 0;

	if ((n = dir_scan(c->issues_dir, &ents, NULL, alphasort)) == -1)
		return EXIT_CONFIG;
	v = xmalloc((n ? n : 1) * sizeof *v);
	for (int i = 0; i < n; i++) {
		char *dir = path_join(c->issues_dir, ents[i]->d_name);
		time_t at = 0;
		int d = ents[i]->d_name[0] == '.' ? 0 :
		    due(dir, now, &at);

		if (d == -1)
			rc = worse(rc, EXIT_DATAERR);
		else if (d == 1) {
			v[nv].name = xstrdup(ents[i]->d_name);
			v[nv++].at = at;
		}
		free(dir);
		free(ents[i]);
	}
	free(ents);
	qsort(v, nv, sizeof *v, due_cmp);
	for (size_t i = 0; i < nv; i++) {
		char *dir = path_join(c->issues_dir, v[i].name);

		if (!cmd_stop)
			rc = worse(rc, run_issue(c, dir, v[i].name, quiet,
			    verbose, sent));
		free(dir);
		free(v[i].name);
	}
	free(v);
	return rc;
}

/* The web archive, made again once an issue went out (web: is set). */
static int
run_archive(const struct config *c, int quiet)
{
	struct archive_opts o = { 0 };
	struct archive_stats st;
	int rc = archive_build(c, &o, &st);

	if (rc == 0 && !quiet && st.written)
		printf("archive: %zu issue%s, %zu file%s written\n", st.issues,
		    st.issues == 1 ? "" : "s", st.written,
		    st.written == 1 ? "" : "s");
	free(st.out);
	return rc;
}

/*
 * The options into *quiet and *verbose.  1 after --help, -1 when they
 * are wrong (an unknown option or an extra argument: said with the usage
 * line), else 0.
 */
static const char run_help[] =
    "  For cron: reads the bounce mailbox (its complaints, unsubscribes\n"
    "  and hard bounces suppress addresses before the send), then sends\n"
    "  every issue whose send_at has come and that is not completely sent\n"
    "  (deferred recipients once their retry is due) and rebuilds the web\n"
    "  archive when something was sent.  Prints nothing when there was\n"
    "  nothing to do.\n"
    "  Exit 0; 75 deferred, stopped, or another run holds the lock (run\n"
    "  again); others: mailer --exit-codes.\n";

static int
run_args(int argc, char **argv, int *quiet, int *verbose)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "qvh", opts, NULL)) != -1) {
		switch (ch) {
		case 'q': *quiet = 1; break;
		case 'v': *verbose = 1; break;
		case 'h':
			printf("usage: mailer run [--quiet] [--verbose]\n%s",
			    run_help);
			return 1;
		default:
			goto usage;
		}
	}
	if (optind == argc)
		return 0;
usage:
	fprintf(stderr, "usage: mailer run [--quiet] [--verbose]\n");
	return -1;
}

/*
 * Under the lock: the bounce mailbox, the due issues, the archive when
 * one sent something, then a warning for each complaint rate this run
 * pushed over a threshold.  The mailbox goes first so that a complaint,
 * unsubscribe or hard bounce that came since the last run suppresses
 * its address before the next issue goes out.  0 or the worst exit code.
 */
static int
run_locked(const struct config *c, int quiet, int verbose)
{
	struct levels before = { NULL, 0 }, after = { NULL, 0 };
	int rc, sent = 0;

	rc = levels_read(c, &before);
	if (c->imap)
		rc = worse(rc, bounces_run(c, quiet ? BOUNCES_SAY_NOTHING :
		    verbose ? BOUNCES_SAY_ALWAYS : BOUNCES_SAY_NEW, 1));
	if (!cmd_stop)
		rc = worse(rc, run_due(c, quiet, verbose, &sent));
	if (c->web && sent && !cmd_stop)
		rc = worse(rc, run_archive(c, quiet));
	rc = worse(rc, levels_read(c, &after));
	warn_crossings(&before, &after);
	levels_free(&before);
	levels_free(&after);
	return rc;
}

int
cmd_run(int argc, char **argv)
{
	struct config *c;
	struct state lock;
	int quiet = 0, verbose = 0, rc;

	if ((rc = run_args(argc, argv, &quiet, &verbose)) != 0)
		return rc == 1 ? 0 : EXIT_USAGE;
	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	if (log_setup(c) == -1) {
		config_free(c);
		return EXIT_OSERR;
	}
	cmd_catch_signals();
	/*
	 * one lock over every issue and the bounces: they run "locked";
	 * --quiet (cron) is silent while another mailer holds it, as a long
	 * send does over the next runs
	 */
	if ((rc = state_lock(c, quiet, &lock)) != 0) {
		config_free(c);
		return rc;
	}
	rc = run_locked(c, quiet, verbose);
	state_close(&lock);
	config_free(c);
	return rc;
}
