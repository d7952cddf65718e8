/* The status command: per issue and list counts, the delivery report. */
#include <err.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "complaint.h"
#include "config.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "report.h"
#include "util.h"

struct table {
	json_t *rows;
	int json;
	long tot[7];	/* the columns; [6]: complaints */
	struct complaint_rate *rates;	/* complaint_rates' rows, copied */
	size_t nrates;
	/* complaint rates per recipient domain, issue NULL-free */
	struct complaint_rate *doms;	/* list: the domain */
	size_t ndoms;
	struct journal_relay_count *relays;	/* copied, ordered */
	size_t nrelays;
	size_t nrows;	/* journal_counts' rows */
};

static void
keep_relay(void *arg, const struct journal_relay_count *r)
{
	struct table *t = arg;
	struct journal_relay_count *c;

	t->relays = xrealloc(t->relays, (t->nrelays + 1) * sizeof *t->relays);
	c = &t->relays[t->nrelays++];
	c->issue = xstrdup(r->issue);
	c->list = xstrdup(r->list);
	c->relay = xstrdup(r->relay);
	c->sent = r->sent;
}

/* {"relay": sent, ...} for (issue, list). */
static json_t *
json_relays(const struct table *t, const char *issue, const char *list)
{
	json_t *o = json_object();

	for (size_t i = 0; i < t->nrelays; i++)
		if (!strcmp(t->relays[i].issue, issue) &&
		    !strcmp(t->relays[i].list, list))
			json_object_set_new(o, t->relays[i].relay,
			    json_integer(t->relays[i].sent));
	return o;
}

/* Under the table: what each relay took, per issue and list. */
static void
print_relays(const struct table *t)
{
	for (size_t i = 0; i < t->nrelays; i++) {
		const struct journal_relay_count *r = &t->relays[i];

		if (i == 0)
			printf("\nsent per relay:\n");
		printf("%-12s %-14s %8ld  %s\n", r->issue, r->list, r->sent,
		    r->relay);
	}
}

static void
keep_rate(void *arg, const struct complaint_rate *r)
{
	struct table *t = arg;
	struct complaint_rate *c;

	t->rates = xrealloc(t->rates, (t->nrates + 1) * sizeof *t->rates);
	c = &t->rates[t->nrates++];
	*c = *r;
	c->issue = r->issue ? xstrdup(r->issue) : NULL;
	c->list = r->list ? xstrdup(r->list) : NULL;
}

static void
keep_domain(void *arg, const struct complaint_rate *d)
{
	struct table *t = arg;
	struct complaint_rate *c;

	t->doms = xrealloc(t->doms, (t->ndoms + 1) * sizeof *t->doms);
	c = &t->doms[t->ndoms++];
	*c = *d;
	c->issue = xstrdup(d->issue);
	c->list = xstrdup(d->list);
}

/* " LIMIT: ...", " warning: ..." or "" for level l. */
static const char *
level_text(enum complaint_level l)
{
	return l == COMPLAINT_LIMIT ? "  LIMIT: at or above 0.3 %" : l ?
	    "  warning: at or above 0.1 %" : "";
}

/* The rate of (issue, list); list NULL: the issue's total. */
static const struct complaint_rate *
rate_of(const struct table *t, const char *issue, const char *list)
{
	for (size_t i = 0; i < t->nrates; i++) {
		const struct complaint_rate *r = &t->rates[i];

		if (r->issue && !strcmp(r->issue, issue) && (list ? r->list &&
		    !strcmp(r->list, list) : !r->list))
			return r;
	}
	return NULL;
}

static json_t *
json_rate(const struct complaint_rate *r)
{
	double v = r ? complaint_rate(r->complaints, r->delivered) : -1;

	return v < 0 ? json_null() : json_real(v);
}

static void
json_rates(json_t *o, const char *prefix, const struct complaint_rate *r)
{
	char key[64];

	snprintf(key, sizeof key, "%sdelivered", prefix);
	json_object_set_new(o, key, json_integer(r ? r->delivered : 0));
	snprintf(key, sizeof key, "%scomplaints", prefix);
	json_object_set_new(o, key, json_integer(r ? r->complaints : 0));
	snprintf(key, sizeof key, "%scomplaint_rate", prefix);
	json_object_set_new(o, key, json_rate(r));
	snprintf(key, sizeof key, "%scomplaint_level", prefix);
	json_object_set_new(o, key, json_string(complaint_level_name(r ?
	    r->level : COMPLAINT_OK)));
}

/*
 * The table, 80 columns: suppressed, remaining (left) and complaints
 * (compl) are shortened to fit; --json spells them out.
 */
#define HEAD "%-9s %-11s %6s %8s %6s %7s %5s %6s %6s %7s\n"
#define ROW "%-9s %-11s %6ld %8ld %6ld %7ld %5ld %6ld %6ld"

static void
print_count(void *arg, const struct journal_count *c)
{
	struct table *t = arg;
	long v[6] = { c->sent, c->deferred, c->failed, c->bounced,
	    c->suppressed, c->pending };
	const struct complaint_rate *r = rate_of(t, c->issue, c->list);
	char rate[32];

	t->nrows++;
	for (int i = 0; i < 6; i++)
		t->tot[i] += v[i];
	t->tot[6] += r ? r->complaints : 0;
	if (t->json) {
		json_t *o = json_pack("{s:s,s:s,s:i,s:i,s:i,s:i,s:i,s:i,s:i}",
		    "issue", c->issue, "list", c->list, "sent",
		    (json_int_t)c->sent, "deferred", (json_int_t)c->deferred,
		    "failed", (json_int_t)c->failed, "bounced",
		    (json_int_t)c->bounced, "suppressed",
		    (json_int_t)c->suppressed, "remaining",
		    (json_int_t)c->pending, "unsubscribed",
		    (json_int_t)c->unsubscribed);

		json_rates(o, "", r);
		json_rates(o, "issue_", rate_of(t, c->issue, NULL));
		json_object_set_new(o, "relays", json_relays(t, c->issue,
		    c->list));
		json_array_append_new(t->rows, o);
		return;
	}
	complaint_rate_text(r ? r->complaints : 0, r ? r->delivered : 0, rate,
	    sizeof rate);
	printf(ROW " %7s%s\n", c->issue, c->list, c->sent, c->deferred,
	    c->failed, c->bounced, c->suppressed, c->pending,
	    r ? r->complaints : 0, rate,
	    r && r->level ? r->level == COMPLAINT_LIMIT ? " LIMIT" :
	    " warning" : "");
}

/* The per-issue complaint rates under the table, thresholds named. */
static void
print_rates(const struct table *t)
{
	int head = 0;

	for (size_t i = 0; i < t->nrates; i++) {
		const struct complaint_rate *r = &t->rates[i];
		char rate[32];

		if (r->list)
			continue;
		if (!head++)
			printf("\ncomplaint rate = complaints / delivered "
			    "(sent, not bounced);\nthe large mailbox providers "
			    "warn at 0.1 %% and limit at 0.3 %%, each over\n"
			    "its own users: a recipient domain worse than its "
			    "issue is shown under it\n");
		if (!r->issue) {
			printf("%ld complaint%s named no issue (no VERP token) "
			    "and count in no rate\n", r->complaints,
			    r->complaints == 1 ? "" : "s");
			continue;
		}
		complaint_rate_text(r->complaints, r->delivered, rate,
		    sizeof rate);
		printf("%-12s %ld / %ld = %s%s\n", r->issue, r->complaints,
		    r->delivered, rate, level_text(r->level));
		for (size_t k = 0; k < t->ndoms; k++) {
			const struct complaint_rate *d = &t->doms[k];

			if (strcmp(d->issue, r->issue) || d->level <= r->level)
				continue;
			complaint_rate_text(d->complaints, d->delivered, rate,
			    sizeof rate);
			printf("  at %-20s %ld / %ld = %s%s\n", d->list,
			    d->complaints, d->delivered, rate,
			    level_text(d->level));
		}
	}
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrates; i++) {
		free((char *)t->rates[i].issue);
		free((char *)t->rates[i].list);
	}
	free(t->rates);
	for (size_t i = 0; i < t->ndoms; i++) {
		free((char *)t->doms[i].issue);
		free((char *)t->doms[i].list);
	}
	free(t->doms);
	for (size_t i = 0; i < t->nrelays; i++) {
		free((char *)t->relays[i].issue);
		free((char *)t->relays[i].list);
		free((char *)t->relays[i].relay);
	}
	free(t->relays);
	json_decref(t->rows);
}

static const char status_usage[] =
    "usage: mailer status [ISSUE_DIR] [--json] [--html FILE]\n"
    "  --html FILE needs ISSUE_DIR: writes that issue's delivery report.\n";

static const char status_help[] =
    "  Prints per issue and list the recipients sent, deferred, failed,\n"
    "  bounced, suppressed and left, the complaints and the complaint\n"
    "  rate (marked at 0.1 % and 0.3 %); --json the same as JSON.\n"
    "  Exit 0; 73 the journal cannot be opened;\n"
    "  others: mailer --exit-codes.\n";

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

/*
 * The issue named by the folder dir ("issues/2021-01/" -> "2021-01"),
 * malloc'd.  As issue.c names it: the last component of its real path
 * ("." and a symlink name the folder they lead to); a folder that is
 * gone by the last component given.
 */
static char *
issue_of_dir(const char *dir)
{
	char *real = xrealpath(dir);
	char *p = real ? real : xstrdup(dir), *b, *issue;

	while (strlen(p) > 1 && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	b = strrchr(p, '/');
	issue = xstrdup(b ? b + 1 : p);
	free(p);
	return issue;
}

/*
 * Reads status's arguments into t->json, *html, *dir and *issue
 * (malloc'd).  0 to go on, 1 after --help, -1 on a usage error (the
 * usage printed; *issue freed).
 */
static int
status_args(int argc, char **argv, struct table *t, const char **html,
    const char **dir, char **issue)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			t->json = 1;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(status_usage, stdout);
			fputs(status_help, stdout);
			free(*issue);
			*issue = NULL;
			return 1;
		} else if (!strcmp(argv[i], "--html") && i + 1 < argc)
			*html = argv[++i];
		else if (!strncmp(argv[i], "--html=", 7) && argv[i][7])
			*html = argv[i] + 7;
		else if (argv[i][0] != '-' && !*issue) {
			*dir = argv[i];
			*issue = issue_of_dir(argv[i]);
		} else {
			fputs(status_usage, stderr);
			free(*issue);
			*issue = NULL;
			return -1;
		}
	}
	if (*html && !*issue) {
		fputs(status_usage, stderr);
		return -1;
	}
	return 0;
}

/*
 * Prints the journal's counts for issue (every issue when NULL; named by
 * the folder dir) as the table or (t->json) as JSON, with complaint rates
 * and relay counts.  0, or EXIT_SOFTWARE when a query failed (what was
 * read is printed).
 */
static int
print_status(struct journal *jn, const char *issue, const char *dir,
    struct table *t)
{
	int rc = 0;

	t->rows = json_array();
	if (!t->json)
		printf(HEAD, "issue", "list", "sent", "deferred", "failed",
		    "bounced", "suppr", "left", "compl", "rate");
	if (complaint_rates(jn, issue, keep_rate, t) == -1 ||
	    (!t->json && complaint_domain_rates(jn, issue, keep_domain,
	    t) == -1) ||
	    journal_relay_counts(jn, issue, keep_relay, t) == -1 ||
	    journal_counts(jn, issue, print_count, t) == -1)
		rc = EXIT_SOFTWARE;
	/* a mistyped folder would print an empty table, and no word */
	if (rc == 0 && issue && !t->nrows && access(dir, F_OK) == -1)
		warnx("nothing of issue \"%s\" is in the journal, and there "
		    "is no folder %s either: a typo?", issue, dir);
	else if (rc == 0 && issue && !t->nrows)
		warnx("nothing of issue \"%s\" is in the journal: it was "
		    "never sent", issue);
	if (t->json) {
		json_print(t->rows);
	} else {
		printf(ROW "\n", "total", "", t->tot[0], t->tot[1],
		    t->tot[2], t->tot[3], t->tot[4], t->tot[5], t->tot[6]);
		print_rates(t);
		print_relays(t);
	}
	table_free(t);
	return rc;
}

/*
 * Writes issue's delivery report to html from the journal jn (NULL when
 * nothing was sent yet) and says so unless json.  An exit code.
 */
static int
write_report(struct journal *jn, const struct config *cfg, const char *issue,
    const char *dir, const char *html, int json)
{
	char *title = issue_title(dir);
	int rc = 0;

	switch (report_write_html(jn, cfg, issue, title, html)) {
	case REPORT_TEMPLATE: rc = EXIT_DATAERR; break;
	case REPORT_JOURNAL: rc = EXIT_SOFTWARE; break;
	case REPORT_WRITE: rc = EXIT_CANTCREAT; break;
	case REPORT_OK: break;
	}
	if (rc == 0 && !json)
		printf("%s: delivery report written to %s\n", issue, html);
	free(title);
	return rc;
}

int
cmd_status(int argc, char **argv)
{
	struct table t = { NULL, 0, { 0 }, NULL, 0, NULL, 0, NULL, 0, 0 };
	struct config *cfg;
	struct journal *jn = NULL;
	char *issue = NULL;
	const char *html = NULL, *dir = NULL;
	int rc;

	if ((rc = status_args(argc, argv, &t, &html, &dir, &issue)) != 0)
		return rc == 1 ? 0 : EXIT_USAGE;
	if (!(cfg = config_load(cmd_config_path))) {
		free(issue);
		return EXIT_CONFIG;
	}
	if (access(cfg->state_path, F_OK) == -1)
		printf(t.json ? "[]\n" : "nothing sent yet (no %s)\n",
		    cfg->state_path);
	else if (!(jn = journal_open(cfg->state_path))) {
		config_free(cfg);
		free(issue);
		return EXIT_CANTCREAT;
	} else
		rc = print_status(jn, issue, dir, &t);
	if (rc == 0 && html)
		rc = write_report(jn, cfg, issue, dir, html, t.json);
	journal_close(jn);
	config_free(cfg);
	free(issue);
	return rc;
}
