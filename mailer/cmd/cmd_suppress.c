/*
 * cmd_suppress: "mailer suppress --lift ADDRESS [--list ID] [--force]":
 * ends the suppression of an address that bounced (a mailbox that works
 * again), on one list or on all; a complaint only with --force; an
 * unsubscribe never.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "cmd.h"
#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "list.h"
#include "util.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer suppress --lift ADDRESS [--list ID] "
	    "[--force]\n"
	    "  Lifts the bounce suppressions of ADDRESS, on list ID or on\n"
	    "  every list; the bounce policy then counts only new bounces.\n"
	    "  A complaint stays suppressed unless --force is given; an\n"
	    "  unsubscribe is not lifted (only a new confirmed subscription\n"
	    "  ends it).  With --list, a suppression recorded for every\n"
	    "  list (*) is kept: lift it without --list.  A web\n"
	    "  subscription a complaint ended stays ended (a note says\n"
	    "  so).  Prints each suppression lifted or kept.\n"
	    "  Exit 0; 64 not an address; 65 ID is not a list, or nothing\n"
	    "  was lifted (the address is not suppressed there, or only by a\n"
	    "  complaint).\n");
}

static void
when(time_t t, char *out, size_t n)
{
	struct tm tm;

	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

struct outcome {
	int lifted, kept;
	struct journal *jn;
	int failed;		/* a read of the journal failed (reported) */
};

/*
 * A complaint ended the address's web subscription too (its consent
 * record), which a lift does not renew: "lifted:" alone would read as if
 * the address got the list again.
 */
static void
note_ended(struct outcome *o, const struct journal_suppression *s)
{
	switch (journal_sub_ended_by(o->jn, s->list, s->email, "complaint")) {
	case -1:
		o->failed = 1;
		break;
	case 1:
		printf("note: %s %s: the web subscription the complaint ended "
		    "stays ended: unless a CSV row has the address, it gets "
		    "the list again by subscribing anew\n", s->list,
		    s->email);
	}
}

static void
on_lift(void *arg, const struct journal_suppression *s, int lifted)
{
	struct outcome *o = arg;
	char since[32];

	when(s->at, since, sizeof since);
	if (lifted) {
		o->lifted++;
		printf("lifted: %s %s (%s since %s)\n", s->list, s->email,
		    s->reason, since);
		if (!strcmp(s->reason, "complaint"))
			note_ended(o, s);
		return;
	}
	o->kept++;
	printf("kept: %s %s (complaint since %s): a complaint stays "
	    "suppressed; --force lifts it\n", s->list, s->email, since);
}

/* Unsubscribes are not suppressions: say so rather than say nothing. */
struct unsub_note {
	const char *list, *email;
	int n;
	struct outcome *o;
};

/*
 * With --list ID, a suppression recorded for every list ("*": a complaint
 * or bounce whose report named no list) stops the address on ID too, but
 * lifting it would reach every other list: kept, and the line says which
 * command lifts it, rather than "not suppressed on list ID".
 */
static void
on_every_list(void *arg, const struct journal_suppression *s)
{
	struct unsub_note *u = arg;
	int complaint = !strcmp(s->reason, "complaint");
	char since[32];

	if (!u->list || strcmp(s->list, "*") ||
	    !strcmp(s->reason, "unsubscribed") ||
	    strcasecmp(s->email, u->email))
		return;
	when(s->at, since, sizeof since);
	u->o->kept++;
	printf("kept: * %s (%s since %s): recorded for every list, so "
	    "--list %s cannot lift it there alone; 'mailer suppress --lift "
	    "%s%s' lifts it on every list\n", s->email, s->reason, since,
	    u->list, s->email, complaint ? " --force" : "");
}

static void
on_unsub(void *arg, const struct journal_suppression *s)
{
	struct unsub_note *u = arg;

	if (strcmp(s->reason, "unsubscribed") ||
	    strcasecmp(s->email, u->email) ||
	    (u->list && strcmp(s->list, u->list) && strcmp(s->list, "*")))
		return;
	u->n++;
	printf("unsubscribed: %s %s: not lifted (only a new confirmed "
	    "subscription ends an unsubscribe)\n", s->list, s->email);
}

/* 1 when id names a list (lists/ID.yaml), else 0 (reported) or -1. */
static int
known_list(const struct config *c, const char *id)
{
	char **ids;
	size_t n;
	int found = 0;

	if (list_ids(c->lists_dir, &ids, &n) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		found |= !strcmp(ids[i], id);
		free(ids[i]);
	}
	free(ids);
	if (!found)
		warnx("suppress: unknown list \"%s\" (no %s/%s.yaml)", id,
		    c->lists_dir, id);
	return found;
}

static const struct option opts[] = {
	{ "lift", required_argument, NULL, 'a' },
	{ "list", required_argument, NULL, 'l' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
lift(const struct config *c, const char *list, const char *email,
    int force)
{
	struct outcome o = { 0, 0, NULL, 0 };
	struct unsub_note u = { list, email, 0, &o };
	struct journal *jn;
	int rc = 0;

	if (access(c->state_path, F_OK) == 0) {
		if (!(jn = journal_open(c->state_path)))
			return EXIT_CANTCREAT;
		o.jn = jn;
		if (journal_lift(jn, list, email, force, time(NULL), on_lift,
		    &o) == -1 || journal_suppressions(jn, on_unsub, &u) == -1 ||
		    journal_suppressions(jn, on_every_list, &u) == -1)
			rc = EXIT_SOFTWARE;
		if (o.failed)
			rc = EXIT_SOFTWARE;
		journal_close(jn);
	}
	if (rc == 0 && o.lifted == 0 && o.kept == 0)
		fprintf(stderr, "mailer: suppress: %s is not suppressed%s%s\n",
		    email, list ? " on list " : "", list ? list : "");
	else if (rc == 0 && o.lifted == 0)
		fprintf(stderr, "mailer: suppress: nothing lifted: %s stays "
		    "suppressed (the kept: line%s above say%s why)\n", email,
		    o.kept == 1 ? "" : "s", o.kept == 1 ? "s" : "");
	if (rc == 0 && o.lifted == 0)
		rc = EXIT_DATAERR;
	return rc;
}

int
cmd_suppress(int argc, char **argv)
{
	const char *addr = NULL, *list = NULL, *why;
	struct config *c;
	char *email;
	int force = 0, ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			addr = optarg;
			break;
		case 'l':
			list = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!addr || optind != argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (addr_normalize_eai(addr, &email, &why) == -1) {
		fprintf(stderr, "mailer: suppress: \"%s\": not an address: "
		    "%s\n", addr, why);
		return EXIT_USAGE;
	}
	if (!(c = config_load(cmd_config_path))) {
		free(email);
		return EXIT_CONFIG;
	}
	/* a mistyped id must not read as "not suppressed there" */
	if (list && (rc = known_list(c, list)) != 1)
		rc = EXIT_DATAERR;
	else
		rc = lift(c, list, email, force);
	config_free(c);
	free(email);
	return rc;
}
