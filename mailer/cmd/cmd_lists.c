/*
 * cmd_lists: "mailer lists [ID...]", each list's CSV rows against what the
 * journal says (web subscribers, unsubscribes, suppressions) and what the
 * next send reaches; "mailer lists sync [ID...]", the journal folded back
 * into the editors' CSVs (listsync.c makes the files, this writes them).
 */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "list.h"
#include "listsync.h"
#include "roster.h"
#include "state.h"
#include "util.h"
#include "ydoc.h"

#define LISTS_MAX_CSV (512u * 1024 * 1024)

static void
usage(FILE *f)
{
	fprintf(f, "usage: mailer lists [--json] [ID...]\n"
	    "  Per list (all, or those named): rows of its CSV (valid ones;\n"
	    "  invalid ones are named and counted apart), web subscribers\n"
	    "  (confirmed, not CSV rows), how many of those addresses are\n"
	    "  unsubscribed, suppressed by bounces or by a complaint, and\n"
	    "  how many the next send reaches.\n"
	    "usage: mailer lists sync [--dry-run] [ID...]\n"
	    "  Folds the journal into lists/ID.csv: the rows of unsubscribed\n"
	    "  and suppressed addresses move to lists/ID.removed.csv with\n"
	    "  the date and the reason, confirmed web subscribers are\n"
	    "  appended; every other byte stays.  Each file is replaced\n"
	    "  atomically.  --dry-run prints the change as a unified diff\n"
	    "  (patch -p0 applies it in the config's folder) and writes\n"
	    "  nothing.\n"
	    "  Exit 0; 65 a CSV is invalid (file and line named; that list\n"
	    "  is left alone); 73 a file could not be written; 75 another\n"
	    "  run holds the lock.\n"
	    "usage: mailer lists rename OLD NEW\n"
	    "  Renames lists/OLD.yaml, .csv and .removed.csv to NEW and moves\n"
	    "  what the journal keeps under OLD (unsubscribes, suppressions,\n"
	    "  web subscribers, sends) to NEW; after a git mv of the files,\n"
	    "  moves the journal alone.  Refused while an issue is under way\n"
	    "  on OLD (75); when neither id is a list, the journal already\n"
	    "  has NEW or another rename is unfinished (65); for an id not\n"
	    "  1-40 lowercase letters, digits, - or _ (64).\n");
}

/* The journal when it exists; *jn NULL when there is none yet. */
static int
journal_if_any(const struct config *c, struct journal **jn)
{
	*jn = NULL;
	if (access(c->state_path, F_OK) == -1)
		return 0;
	return (*jn = journal_open(c->state_path)) ? 0 : EXIT_CANTCREAT;
}

static int
load_lists(const struct config *c, int n, char **ids, struct list ***ls,
    size_t *nls)
{
	int rc = 0;

	if (n == 0)
		return list_load_all(c->lists_dir, ls, nls) == -1 ?
		    EXIT_DATAERR : 0;
	*ls = xcalloc((size_t)n, sizeof **ls);
	*nls = 0;
	for (int i = 0; i < n; i++) {
		char *yml = xasprintf("%s/%s.yaml", c->lists_dir, ids[i]);
		struct list *l = NULL;

		/* named as send and suppress name it */
		if (access(yml, F_OK) == -1 && errno == ENOENT)
			warnx("unknown list \"%s\" (no %s)", ids[i], yml);
		else
			l = list_load(c->lists_dir, ids[i]);
		free(yml);
		if (l)
			(*ls)[(*nls)++] = l;
		else
			rc = EXIT_DATAERR;
	}
	return rc;
}

static void
free_lists(struct list **ls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		list_free(ls[i]);
	free(ls);
}

/* One list's figures; every address is counted once. */
struct tally {
	const struct roster *r;
	struct strset rows;	/* the CSV's addresses, any case */
	long n[7];
};
enum { T_ROWS, T_INVALID, T_WEB, T_UNSUB, T_BOUNCED, T_COMPLAINED, T_REACH };
static const char *const tally_names[] = { "rows", "invalid", "web",
	"unsubscribed", "bounced", "complained", "reach" };

static void
count_stop(struct tally *t, const char *email)
{
	switch (roster_stopped(t->r, email, NULL, NULL)) {
	case ROSTER_UNSUBSCRIBED:
		t->n[T_UNSUB]++;
		break;
	case ROSTER_COMPLAINED:
		t->n[T_COMPLAINED]++;
		break;
	case ROSTER_BOUNCED:
		t->n[T_BOUNCED]++;
		break;
	default:
		t->n[T_REACH]++;
	}
}

static int
tally_row(void *arg, const struct subscriber *s)
{
	struct tally *t = arg;

	t->n[T_ROWS]++;
	strset_add(&t->rows, s->email);
	count_stop(t, s->email);
	return 0;
}

static int
tally_list(struct journal *jn, const struct list *l, struct tally *t)
{
	struct roster *r = roster_load(jn, l->id);
	size_t bad = 0;
	int rc = 0;

	memset(t, 0, sizeof *t);
	t->rows = (struct strset)STRSET_INIT_NOCASE;
	if (!r)
		return EXIT_SOFTWARE;
	t->r = r;
	if (list_each(l, 0, tally_row, t, &bad) == -1)
		rc = EXIT_DATAERR;
	t->n[T_INVALID] = (long)bad;
	for (size_t i = 0; i < roster_web_count(r); i++)
		if (!strset_add(&t->rows, roster_web_email(r, i))) {
			t->n[T_WEB]++;
			count_stop(t, roster_web_email(r, i));
		}
	strset_free(&t->rows);
	roster_free(r);
	return rc;
}

static void
print_row(const char *name, const long *n)
{
	printf("%-20s %7ld %7ld %5ld %12ld %7ld %10ld %7ld\n", name, n[0],
	    n[1], n[2], n[3], n[4], n[5], n[6]);
}

static int
lists_show(const struct config *c, int json, int n, char **ids)
{
	struct list **ls = NULL;
	struct journal *jn = NULL;
	json_t *out = json ? json_array() : NULL;
	size_t nls = 0;
	long tot[7] = { 0 };
	int rc = load_lists(c, n, ids, &ls, &nls), r;

	if (rc && !nls) {	/* nothing to show: no empty table */
		free_lists(ls, nls);
		json_decref(out);
		return rc;
	}

	if ((r = journal_if_any(c, &jn)) != 0) {
		free_lists(ls, nls);
		json_decref(out);
		return r;
	}
	if (!json)
		printf("%-20s %7s %7s %5s %12s %7s %10s %7s\n", "list",
		    "rows", "invalid", "web", "unsubscribed", "bounced",
		    "complained", "reach");
	for (size_t i = 0; i < nls; i++) {
		struct tally t;
		json_t *o;

		if ((r = tally_list(jn, ls[i], &t)) != 0) {
			rc = rc ? rc : r;
			if (r == EXIT_SOFTWARE)
				break;
			continue;
		}
		for (int k = 0; k < 7; k++)
			tot[k] += t.n[k];
		if (!json) {
			print_row(ls[i]->id, t.n);
			continue;
		}
		o = json_pack("{s:s}", "list", ls[i]->id);
		for (int k = 0; k < 7; k++)
			json_object_set_new(o, tally_names[k],
			    json_integer(t.n[k]));
		json_array_append_new(out, o);
	}
	if (!json && nls > 1)
		print_row("total", tot);
	if (json) {
		json_print(out);
		json_decref(out);
	}
	journal_close(jn);
	free_lists(ls, nls);
	return rc;
}

struct leave_arg {
	struct roster *r;
	char date[32];
};

/* listsync's question: does this row leave, when and why. */
static int
leaves(void *arg, const char *email, const char **date, const char **reason)
{
	struct leave_arg *a = arg;
	struct tm tm;
	time_t at;

	if (roster_stopped(a->r, email, reason, &at) == ROSTER_ON)
		return 0;
	strftime(a->date, sizeof a->date, "%Y-%m-%d", gmtime_r(&at, &tm));
	*date = a->date;
	return 1;
}

/* A path as the diff names it: from the config's folder, like patch -p0. */
static const char *
shown(const struct config *c, const char *path)
{
	size_t n = strlen(c->base);

	if (!strncmp(path, c->base, n) && path[n] == '/')
		return path + n + 1;
	return path;
}

struct sync_totals {
	size_t changed, moved, added, escaped;
};

/*
 * The dry run's diff: as it is where patch reads it (a pipe, a file),
 * but on a terminal each line as printable() shows it (its CR LF or LF
 * kept), so a row holding ESC or U+202E neither redraws the screen nor
 * shows reversed, nor one holding U+200B passes for another; adds the
 * lines shown so to *escaped.
 */
static void
print_diff(const struct buf *d, size_t *escaped)
{
	const char *s = d->data, *end, *nl;
	struct buf o = BUF_INIT;

	if (!d->len)
		return;
	if (!isatty(STDOUT_FILENO)) {
		fwrite(s, 1, d->len, stdout);
		return;
	}
	end = s + d->len;
	for (; s < end; s = nl) {
		size_t n, body, was = o.len;

		nl = memchr(s, '\n', (size_t)(end - s));
		nl = nl ? nl + 1 : end;
		n = body = (size_t)(nl - s);
		if (body && s[body - 1] == '\n')
			body--;
		if (body && s[body - 1] == '\r')
			body--;
		buf_add_printable(&o, s, body);
		/* an escape is always longer than what it shows */
		if (o.len - was != body)
			(*escaped)++;
		buf_add(&o, s + body, n - body);
	}
	fwrite(o.data ? o.data : "", 1, o.len, stdout);
	buf_free(&o);
}

/* Files of a sync killed before its rename: ID.csv.tmp.PID and the like. */
static void
remove_stale(const char *dir, const char *id)
{
	char *a = xasprintf("%s.csv.tmp.", id);
	char *b = xasprintf("%s.removed.csv.tmp.", id);
	struct strlist gone = { 0 };
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d)))
		if (!strncmp(e->d_name, a, strlen(a)) ||
		    !strncmp(e->d_name, b, strlen(b)))
			strlist_add(&gone, e->d_name);
	if (d)
		closedir(d);
	for (size_t i = 0; i < gone.n; i++) {
		char *p = path_join(dir, gone.v[i]);

		if (unlink(p) == -1)
			warn("%s", p);
		free(p);
	}
	strlist_free(&gone);
	free(a);
	free(b);
}

/*
 * The file a list path names: a symlinked CSV (lists/east.csv ->
 * ../shared/east.csv, as git checks one out) is written where it points,
 * the link kept; rename(2) over the link would replace it with a file.
 */
static char *
write_target(const char *path)
{
	char *r = xrealpath(path);

	return r ? r : xstrdup(path);
}

/* path written, its folder's entry (the rename) on disk too */
static int
write_synced(const char *path, const struct buf *b, int mode)
{
	char *t = write_target(path), *slash = strrchr(t, '/');
	int rc = write_file_atomic_mode(t, b->data, b->len, mode);

	if (rc == 0 && slash) {
		*slash = '\0';
		rc = fsync_dir(*t ? t : "/");
	}
	free(t);
	return rc;
}

/*
 * removed.csv first: killed between the two, the rows are in both files,
 * and the next sync moves them again without writing them twice (a line
 * removed.csv has is not added again); the other order could lose them.
 */
static int
write_plan(const struct config *c, const struct list *l, const char *rm,
    const struct listsync_plan *p)
{
	struct stat st;
	int mode = stat(l->csv_path, &st) == 0 ? (int)(st.st_mode & 07777) :
	    0644;

	if (p->rm_changed && write_synced(rm, &p->rm,
	    stat(rm, &st) == 0 ? (int)(st.st_mode & 07777) : mode) == -1)
		return -1;
	if (p->csv_changed && write_synced(l->csv_path, &p->csv, mode) == -1)
		return -1;
	return fsync_dir(c->lists_dir);
}

static int
sync_list(const struct config *c, struct journal *jn, const struct list *l,
    int dry, struct sync_totals *t)
{
	struct buf csv = BUF_INIT, rmb = BUF_INIT;
	struct listsync_plan p = { 0 };
	struct leave_arg la = { roster_load(jn, l->id), "" };
	char *rm = xasprintf("%s/%s.removed.csv", c->lists_dir, l->id);
	const char **emails = NULL, **names = NULL;
	size_t nadd = 0;
	int rc = 0, has_rm = access(rm, F_OK) == 0;

	if (!la.r)
		rc = EXIT_SOFTWARE;
	else if (slurp_file(l->csv_path, LISTS_MAX_CSV, &csv) == -1 ||
	    (has_rm && slurp_file(rm, LISTS_MAX_CSV, &rmb) == -1))
		rc = EXIT_DATAERR;
	if (rc == 0) {
		size_t nweb = roster_web_count(la.r);

		emails = xcalloc(nweb + 1, sizeof *emails);
		names = xcalloc(nweb + 1, sizeof *names);
		for (; nadd < nweb; nadd++) {
			emails[nadd] = roster_web_email(la.r, nadd);
			names[nadd] = roster_web_name(la.r, nadd);
		}
	}
	if (rc == 0) {
		struct listsync_in in = { l->csv_path, csv.data ? csv.data :
			"", csv.len, shown(c, l->csv_path), rm,
			has_rm ? (rmb.data ? rmb.data : "") : NULL, rmb.len,
			shown(c, rm), leaves, &la, nadd, emails, names };

		if (listsync_make(&in, &p) == -1)
			rc = EXIT_DATAERR;
	}
	if (rc == 0 && dry)
		print_diff(&p.diff, &t->escaped);
	else if (rc == 0 && (p.csv_changed || p.rm_changed) &&
	    write_plan(c, l, rm, &p) == -1) {
		warnx("%s: not synced; run lists sync again once the error "
		    "above is mended: rows already in %s are not written "
		    "there twice", l->id, shown(c, rm));
		rc = EXIT_CANTCREAT;
	}
	if (rc == 0 && (p.removed || p.added)) {
		t->changed++;
		t->moved += p.removed;
		t->added += p.added;
		if (!dry)
			printf("%s: %zu row%s moved to %s, %zu web "
			    "subscriber%s appended\n", l->id, p.removed,
			    p.removed == 1 ? "" : "s", shown(c, rm), p.added,
			    p.added == 1 ? "" : "s");
	}
	listsync_plan_free(&p);
	roster_free(la.r);
	free(emails);
	free(names);
	buf_free(&csv);
	buf_free(&rmb);
	free(rm);
	return rc;
}

static int
lists_sync(const struct config *c, int dry, int n, char **ids)
{
	struct sync_totals t = { 0, 0, 0, 0 };
	struct state st = { -1, NULL, NULL, 0 };
	struct list **ls = NULL;
	struct journal *jn = NULL;
	size_t nls = 0;
	int rc, r;

	/* one sync at a time, and not while a send reads the CSVs */
	if (!dry && (rc = state_lock(c, 0, &st)) != 0)
		return rc;
	rc = load_lists(c, n, ids, &ls, &nls);
	if ((r = journal_if_any(c, &jn)) != 0)
		rc = r;
	for (size_t i = 0; r == 0 && i < nls; i++) {
		if (!dry)
			remove_stale(c->lists_dir, ls[i]->id);
		if ((r = sync_list(c, jn, ls[i], dry, &t)) != 0)
			rc = rc ? rc : r;
		/* a list that cannot be read stops nothing but itself */
		if (r == EXIT_DATAERR)
			r = 0;
	}
	if (dry && t.escaped)
		fprintf(stderr, "lists sync: dry run: %zu line%s of the diff "
		    "hold%s control, bidi or invisible characters, shown "
		    "escaped (\\xNN, <U+XXXX>) on this terminal: the diff "
		    "applies with patch only when piped or written to a "
		    "file\n", t.escaped,
		    t.escaped == 1 ? "" : "s", t.escaped == 1 ? "s" : "");
	if (dry)
		fprintf(stderr, "lists sync: dry run: %zu row%s to move, %zu "
		    "web subscriber%s to append, in %zu of %zu list%s; nothing "
		    "written\n", t.moved, t.moved == 1 ? "" : "s", t.added,
		    t.added == 1 ? "" : "s", t.changed, nls,
		    nls == 1 ? "" : "s");
	else
		printf("lists sync: %zu row%s moved, %zu web subscriber%s "
		    "appended, %zu of %zu list%s changed%s\n", t.moved,
		    t.moved == 1 ? "" : "s", t.added, t.added == 1 ? "" : "s",
		    t.changed, nls, nls == 1 ? "" : "s",
		    r ? "; stopped before the end: run it "
		    "again once the error is mended" : "");
	journal_close(jn);
	free_lists(ls, nls);
	state_close(&st);
	return rc;
}

static const struct option opts[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

int
cmd_lists(int argc, char **argv)
{
	struct config *c;
	int sync = argc > 1 && !strcmp(argv[1], "sync");
	int ren = argc > 1 && !strcmp(argv[1], "rename");
	int json = 0, dry = 0, ch, rc;

	optind = 1;
	if (sync || ren) {
		argc--;
		argv++;
	}
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'n':
			dry = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if ((sync && json) || (!sync && dry) || (ren && json)) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!(c = config_load(cmd_config_path)))
		return EXIT_CONFIG;
	rc = ren ? cmd_lists_rename(c, argc - optind, argv + optind) :
	    sync ? lists_sync(c, dry, argc - optind, argv + optind) :
	    lists_show(c, json, argc - optind, argv + optind);
	config_free(c);
	return rc;
}
