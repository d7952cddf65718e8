/* The check and preview commands. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "compose.h"
#include "config.h"
#include "dmarc.h"
#include "edition.h"
#include "exitcode.h"
#include "issue.h"
#include "journal.h"
#include "list.h"
#include "roster.h"
#include "sign.h"
#include "util.h"

static const struct option opts[] = {
	{ "list", required_argument, NULL, 'l' },
	{ "out", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char check_help[] =
    "  Validates the configuration, the issue, the lists and their\n"
    "  subscriber files and the templates, and builds every edition\n"
    "  without sending; names each problem with its file and line.\n"
    "  --dns instead judges the DNS records that decide whether the mail\n"
    "  reaches inboxes (SPF, DKIM, DMARC, reverse DNS of the relays).\n"
    "  Exit 0; 65 a problem in the issue, a list or a template, or a DNS\n"
    "  record that fails; 78 bad configuration or secret;\n"
    "  others: mailer --exit-codes.\n";

static const char preview_help[] =
    "  Writes each edition as ID.eml, ID.html and ID.txt, with its images\n"
    "  and an index.html linking them, into DIR (default ./preview), for\n"
    "  a browser or a mail client; nothing is sent or journalled.\n"
    "  Exit 0; 65 a problem in the issue, a list or a template; 73 DIR is\n"
    "  not a preview folder or cannot be written;\n"
    "  others: mailer --exit-codes.\n";

static int
parse_args(int argc, char **argv, const char *usage, const char *help,
    struct strlist *only, const char **out, const char **issue)
{
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "l:o:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			strlist_add(only, optarg);
			break;
		case 'o':
			if (!out)
				goto bad;
			*out = optarg;
			break;
		case 'h':
			printf("usage: mailer %s\n%s", usage, help);
			return -2;
		default:
			goto bad;
		}
	}
	if (optind + 1 != argc)
		goto bad;
	*issue = argv[optind];
	return 0;
bad:
	fprintf(stderr, "usage: mailer %s\n", usage);
	return -1;
}

struct counter {
	size_t n;
};

static int
count_one(void *arg, const struct subscriber *s)
{
	(void)s;
	((struct counter *)arg)->n++;
	return 0;
}

/*
 * A From at a mailbox provider's domain (gmail.com): every receiver fails
 * its DMARC, whatever else is right.  A warning; check --dns says more.
 */
static void
warn_freemail(const struct config *c)
{
	const char *at = strchr(c->sender_address, '@');

	if (at && dmarc_freemail(at + 1))
		fprintf(stderr, "mailer: %s: warning: sender.address %s is at "
		    "a mailbox provider's domain: only %s's own servers can "
		    "pass DMARC for it, and Gmail, Yahoo and Microsoft "
		    "quarantine or reject bulk mail that impersonates it; use "
		    "an address at a domain you own (mailer check --dns)\n",
		    c->path, c->sender_address, at + 1);
}

/* The issue's warnings: what loads but will not work in a mail. */
static void
print_notes(const struct job *j)
{
	for (size_t i = 0; i < j->issue->notes.n; i++)
		fprintf(stderr, "mailer: %s\n", j->issue->notes.v[i]);
}

/*
 * When run will send it (an archive_only issue: when the archive publishes
 * it), in this machine's time and zone: a send_at
 * without a zone is read in the zone of the machine that runs mailer
 * (cron's), which need not be the editor's.
 */
static void
print_send_at(const struct issue *is)
{
	const char *s = is->send_at;
	size_t n = s ? strlen(s) : 0;
	int zone = n && (s[n - 1] == 'Z' || (n > 6 && s[n - 3] == ':' &&
	    (s[n - 6] == '+' || s[n - 6] == '-')));
	char when[64];
	struct tm tm;

	if (!s || !localtime_r(&is->send_at_t, &tm) ||
	    !strftime(when, sizeof when, "%Y-%m-%d %H:%M %Z (UTC%z)", &tm))
		return;
	printf("%s: %s from %s%s\n", is->id, is->archive_only ?
	    "archive_only: no list is mailed it; mailer archive publishes it" :
	    "run sends it", when, zone ? "" :
	    "; send_at names no zone: the local time of the machine that "
	    "runs mailer");
}

/* Stops on lists that lists/ no longer has (a list renamed keeps none). */
struct orphans {
	struct strset emails;
	char *list;		/* the first such list */
	const char *email;	/* the first row of the list in hand */
	size_t hits;
};

static int
orphan_row(void *arg, const struct subscriber *s)
{
	struct orphans *o = arg;

	if (strset_has(&o->emails, s->email) && !o->hits++)
		o->email = xstrdup(s->email);
	return 0;
}

/*
 * What send warns of once it has mailed them: rows of a list stopped
 * under another id that lists/ no longer has.
 */
static int
check_orphans(const struct job *j, struct journal *jn)
{
	struct orphans o = { STRSET_INIT_NOCASE, NULL, NULL, 0 };
	int rc = roster_rename_unfinished(jn, j->cfg->lists_dir);

	if (rc != 0)
		return rc == 1 ? EXIT_DATAERR : EXIT_SOFTWARE;
	if (roster_orphans(jn, j->cfg->lists_dir, &o.emails, &o.list) == -1)
		rc = EXIT_SOFTWARE;
	for (size_t i = 0; rc == 0 && o.list && i < j->nlists; i++) {
		const struct list *l = j->lists[i];

		if (list_each(l, 0, orphan_row, &o, NULL) == -1)
			rc = EXIT_DATAERR;
		if (o.hits)
			warnx("warning: list %s: %zu address%s (such as %s) "
			    "unsubscribed or were suppressed on list %s, "
			    "which %s no longer has, and a send would mail "
			    "%s; if %s is %s renamed, run \"mailer lists "
			    "rename %s %s\" (the journal keeps unsubscribes "
			    "and suppressions under a list's id, its file "
			    "name)", l->id, o.hits, o.hits == 1 ? "" : "es",
			    o.email, o.list, j->cfg->lists_dir,
			    o.hits == 1 ? "it" : "them", l->id, o.list,
			    o.list, l->id);
		free((char *)o.email);
		o.email = NULL;
		o.hits = 0;
	}
	free(o.list);
	strset_free(&o.emails);
	return rc;
}

/*
 * Warnings for CSV rows the journal has stopped (unsubscribed, complained,
 * suppressed): send skips them, lists sync moves them out.  No journal
 * yet: nothing to say (check creates none).
 */
static int
check_stopped_rows(const struct job *j)
{
	struct journal *jn;
	size_t total = 0;
	int rc = 0;

	if (access(j->cfg->state_path, F_OK) == -1)
		return 0;
	if (!(jn = journal_open(j->cfg->state_path)))
		return EXIT_CANTCREAT;
	for (size_t i = 0; rc == 0 && i < j->nlists; i++) {
		struct roster *r = roster_load(jn, j->lists[i]->id);
		size_t n = 0;

		if (!r)
			rc = EXIT_SOFTWARE;
		else if (roster_warn_rows(r, j->lists[i], &n) == -1)
			rc = EXIT_DATAERR;
		total += n;
		roster_free(r);
	}
	if (rc == 0)
		rc = check_orphans(j, jn);
	journal_close(jn);
	if (rc == 0 && total)
		printf("%s: %zu CSV row%s no longer receive%s their list "
		    "(named on standard error)\n", j->issue->id, total,
		    total == 1 ? "" : "s", total == 1 ? "s" : "");
	return rc;
}

/*
 * Postfix's default message_size_limit (10240000 bytes): an edition over
 * it is refused by such a relay (552), every recipient deferred.
 */
#define CHECK_EDITION_WARN 10240000

/* An edition too large for many relays: a warning, once, the largest. */
static void
warn_size(const struct job *j, const char *list, size_t size)
{
	if (size <= CHECK_EDITION_WARN)
		return;
	fprintf(stderr, "mailer: %s: warning: the edition for %s is %.1f MB "
	    "(with its images and attachments, encoded): over the 10 MB "
	    "Postfix takes by default, and near or over what many "
	    "providers take (25 MB); a relay that refuses it defers every "
	    "recipient: make images and attachments smaller, or link to "
	    "them\n", j->issue->id, list, size / 1e6);
}

/* 0 when the secret what (a *_file or *_env pair) reads, else -1. */
static int
secret_reads(const struct config *c, const char *what, const char *file,
    const char *env)
{
	char *pw = config_secret(c, what, file, env);

	if (!pw)
		return -1;
	explicit_bzero(pw, strlen(pw));
	free(pw);
	return 0;
}

/*
 * The secrets send, run and bounces read first, read as they read them
 * (each problem said there): the relay's password when transport.username
 * is set, the mailbox's with an imap: section, and the OpenPGP key that
 * signing.key names, opened and proven to sign.  A demo key still to make
 * is not made: check writes nothing.  0 or EXIT_CONFIG.
 */
static int
check_secrets(struct config *c)
{
	const char *first = c->relays.n ? c->relays.v[0] : "";
	struct signer *s;
	int rc = 0;

	if (c->username && strncmp(first, "maildir:", 8) &&
	    secret_reads(c, "SMTP password", c->password_file,
	    c->password_env) == -1)
		rc = EXIT_CONFIG;
	if (c->imap && secret_reads(c, "IMAP password", c->imap_password_file,
	    c->imap_password_env) == -1)
		rc = EXIT_CONFIG;
	if (c->sign && c->sign_key) {
		if (!(s = signer_open_config(c)))
			rc = EXIT_CONFIG;
		signer_close(s);
	}
	return rc;
}

int
cmd_check(int argc, char **argv)
{
	struct strlist only = { 0 };
	const char *issue;
	struct job j;
	struct counter total = { 0 };
	int rc, per_sub;
	size_t largest = 0;
	const char *largest_list = NULL;

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--dns"))
			return cmd_check_dns(argc, argv);
	rc = parse_args(argc, argv, "check ISSUE_DIR [--list ID]...\n"
	    "       mailer check --dns [--resolver ADDRESS[:PORT]] "
	    "[--sending-ip ADDRESS]...", check_help, &only, NULL, &issue);
	if (rc != 0) {
		strlist_free(&only);
		return rc == -2 ? 0 : EXIT_USAGE;
	}
	rc = job_open(&j, cmd_config_path, issue, &only, 0);
	if (rc == 0)
		rc = check_secrets(j.cfg);
	for (size_t i = 0; rc == 0 && i < j.nlists; i++) {
		struct edition ed;

		if (list_each(j.lists[i], LIST_STRICT, count_one, &total,
		    NULL) == -1)
			rc = EXIT_DATAERR;
		if (edition_build(j.cp, j.lists[i], NULL, 0, &ed) == -1) {
			rc = EXIT_DATAERR;
			continue;
		}
		if (ed.headers.len + ed.body.len > largest) {
			largest = ed.headers.len + ed.body.len;
			largest_list = j.lists[i]->id;
		}
		edition_clear(&ed);
	}
	if (rc == 0) {
		per_sub = composer_per_subscriber(j.cp);
		printf("%s: ok: %zu article%s in %zu section%s, %zu list%s, "
		    "%zu subscriber%s\n", j.issue->id, j.issue->narticles,
		    j.issue->narticles == 1 ? "" : "s", j.issue->nsections,
		    j.issue->nsections == 1 ? "" : "s", j.nlists,
		    j.nlists == 1 ? "" : "s", total.n,
		    total.n == 1 ? "" : "s");
		printf("%s: %s: a send makes %zu edition%s (%zu signature%s "
		    "when signing)\n", j.issue->id, per_sub ?
		    "templates use subscriber fields, one edition per "
		    "subscriber" : "one edition per association",
		    per_sub ? total.n : j.nlists,
		    (per_sub ? total.n : j.nlists) == 1 ? "" : "s",
		    per_sub ? total.n : j.nlists,
		    (per_sub ? total.n : j.nlists) == 1 ? "" : "s");
		print_send_at(j.issue);
		print_notes(&j);
		warn_size(&j, largest_list, largest);
		warn_freemail(j.cfg);
		rc = check_stopped_rows(&j);
	}
	job_close(&j);
	strlist_free(&only);
	return rc;
}

static int
write_in(const char *dir, const char *name, const char *data, size_t len)
{
	char *p = path_join(dir, name);
	int rc = write_file_atomic(p, data, len, 0644);

	free(p);
	return rc;
}

static int
write_edition(struct job *j, const char *tmp, const struct list *l,
    struct buf *index)
{
	struct recipient r = { "订阅者", "subscriber@example.invalid",
	    "PREVIEW" };
	struct buf msg = BUF_INIT;
	struct edition ed;
	char *html, *name;
	int rc = 0;

	if (edition_build(j->cp, l, NULL, 0, &ed) == -1)
		return 1;	/* bad data, reported */
	message_build(j->cp, &ed, l, &r, NULL, &msg);
	html = issue_html_local(j->issue, ed.html, "assets");
	name = xasprintf("%s.eml", l->id);
	rc |= write_in(tmp, name, msg.data, msg.len);
	free(name);
	name = xasprintf("%s.html", l->id);
	rc |= write_in(tmp, name, html, strlen(html));
	free(name);
	name = xasprintf("%s.txt", l->id);
	rc |= write_in(tmp, name, ed.text, strlen(ed.text));
	free(name);
	/* a link's name names the association: a screen reader's list of
	   links shows it without the line it stands in */
	buf_printf(index, "<li><a href=\"%s.html\">", l->id);
	buf_add_html(index, l->name);
	buf_printf(index, "</a> · <a href=\"%s.txt\" aria-label=\"", l->id);
	buf_add_html(index, l->name);
	buf_printf(index, " 纯文本版\">纯文本版</a> · <a href=\"%s.eml\" "
	    "aria-label=\"", l->id);
	buf_add_html(index, l->name);
	buf_adds(index, " 邮件文件(.eml)\">邮件文件(.eml)</a> · ");
	buf_add_html(index, ed.subject);
	buf_adds(index, "</li>\n");
	free(html);
	buf_free(&msg);
	edition_clear(&ed);
	return rc ? -1 : 0;
}

static int
write_assets(const struct issue *is, const char *tmp)
{
	char *dir = path_join(tmp, "assets");
	int rc = 0;

	/* at their paths, as the archive: two x.png in two folders stay two */
	for (size_t i = 0; rc == 0 && i < is->nimages; i++) {
		char *p = path_join(dir, is->images[i].path);
		char *d = xstrdup(p);

		rc = mkdir_p(dirname(d), 0755);
		if (rc == 0)
			rc = write_file_atomic(p, is->images[i].data,
			    is->images[i].len, 0644);
		free(d);
		free(p);
	}
	free(dir);
	return rc;
}

/* In every folder preview writes: the folder may be replaced. */
#define PREVIEW_MARK ".mailer-preview"

/* index.html, assets, the mark, LIST.eml, LIST.html, LIST.txt */
static int
preview_name(const char *name, int *index, int *eml)
{
	const char *dot = strrchr(name, '.');

	if (!strcmp(name, "index.html"))
		*index = 1;
	if (dot && dot != name && !strcmp(dot, ".eml"))
		*eml = 1;
	return !strcmp(name, "index.html") || !strcmp(name, "assets") ||
	    !strcmp(name, PREVIEW_MARK) || (dot && dot != name &&
	    (!strcmp(dot, ".eml") || !strcmp(dot, ".html") ||
	    !strcmp(dot, ".txt")));
}

/*
 * Whether out may be replaced: it is missing, an empty folder, or a
 * folder preview wrote (its mark; before the mark: index.html, an .eml
 * and only the names preview writes).  "--out ~/Desktop", "--out ." or
 * a file would be renamed away and removed: refused, with what is there.
 */
static int
replaceable(const char *out)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	char *other = NULL;
	int mark = 0, index = 0, eml = 0, n = 0, ok;

	if (lstat(out, &st) == -1) {
		if (errno == ENOENT)
			return 1;
		warn("%s", out);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		warnx("%s: not a folder: give --out a new or empty folder",
		    out);
		return 0;
	}
	if (!(d = opendir(out))) {
		warn("%s", out);
		return 0;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		n++;
		mark |= !strcmp(e->d_name, PREVIEW_MARK);
		if (!preview_name(e->d_name, &index, &eml) && !other)
			other = xstrdup(e->d_name);
	}
	closedir(d);
	ok = mark || n == 0 || (!other && index && eml);
	if (!ok && other)
		warnx("%s: not a folder preview wrote (it holds \"%s\"): give "
		    "--out a new or empty folder", out, other);
	else if (!ok)
		warnx("%s: not a folder preview wrote (it has no %s): give "
		    "--out a new or empty folder", out, index ? ".eml" :
		    eml ? "index.html" : "index.html and no .eml");
	free(other);
	return ok;
}

/*
 * Everything goes to out.tmp.PID first; out is replaced only on success,
 * and only when it is replaceable().  0, 1 when an edition could not be
 * built (its data, reported), -1 when out could not be written.
 */
static int
preview_all(struct job *j, const char *out)
{
	static const char mark[] = "written by mailer preview: the next "
	    "preview replaces this folder\n";
	char *tmp = xasprintf("%s.tmp.%ld", out, (long)getpid());
	char *old = xasprintf("%s.old.%ld", out, (long)getpid());
	struct buf index = BUF_INIT;
	int rc = 0;

	if (!replaceable(out)) {
		free(tmp);
		free(old);
		return -1;
	}
	rm_rf(tmp);
	if (mkdir_p(tmp, 0755) == -1)
		rc = -1;
	/* the viewport: a phone lays the page out at its own width */
	buf_adds(&index, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>");
	buf_add_html(&index, j->issue->title);
	buf_adds(&index, "</title></head><body>\n<h1>");
	buf_add_html(&index, j->issue->title);
	buf_adds(&index, "</h1>\n<ul>\n");
	for (size_t i = 0; rc == 0 && i < j->nlists; i++)
		rc = write_edition(j, tmp, j->lists[i], &index);
	buf_adds(&index, "</ul>\n</body></html>\n");
	if (rc == 0)
		rc = write_assets(j->issue, tmp);
	if (rc == 0)
		rc = write_in(tmp, "index.html", index.data, index.len);
	if (rc == 0)
		rc = write_in(tmp, PREVIEW_MARK, mark, strlen(mark));
	if (rc == 0 && access(out, F_OK) == 0 && rename(out, old) == -1) {
		warn("%s", out);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, out) == -1) {
		warn("%s", out);
		rename(old, out);
		rc = -1;
	}
	rm_rf(old);
	if (rc != 0)
		rm_rf(tmp);
	buf_free(&index);
	free(tmp);
	free(old);
	return rc;
}

int
cmd_preview(int argc, char **argv)
{
	struct strlist only = { 0 };
	const char *issue, *out = "preview";
	struct job j;
	int rc;

	rc = parse_args(argc, argv,
	    "preview ISSUE_DIR [--list ID]... [--out DIR]", preview_help,
	    &only, &out, &issue);
	if (rc != 0) {
		strlist_free(&only);
		return rc == -2 ? 0 : EXIT_USAGE;
	}
	rc = job_open(&j, cmd_config_path, issue, &only, JOB_SIGNER);
	if (rc == 0)
		print_notes(&j);
	if (rc == 0)
		switch (preview_all(&j, out)) {
		case 1: rc = EXIT_DATAERR; break;
		case -1: rc = EXIT_CANTCREAT; break;
		}
	if (rc == 0)
		printf("%s: %zu edition%s written to %s/ (open %s/index.html)"
		    "\n", j.issue->id, j.nlists, j.nlists == 1 ? "" : "s",
		    out, out);
	job_close(&j);
	strlist_free(&only);
	return rc;
}
