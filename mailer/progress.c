/* progress: live line or log lines.  See progress.h. */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

struct progress {
	char *issue;
	int tty, quiet, verbose;
	double start, last;
	int drawn;
	/* relays that took messages, first seen first */
	char **relay;
	long *relay_sent;
	size_t nrelay;
};

static double
now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

struct progress *
progress_new(const char *issue, int quiet, int verbose)
{
	struct progress *p = xcalloc(1, sizeof *p);

	p->issue = xstrdup(issue);
	p->tty = isatty(STDERR_FILENO);
	p->quiet = quiet;
	p->verbose = verbose;
	p->start = p->last = now();
	return p;
}

static void
clear_line(struct progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = 0;
	}
}

void
progress_update(struct progress *p, long sent, long deferred, long failed)
{
	double t = now(), el;

	if (!p || !p->tty || p->quiet || t - p->last < 0.2)
		return;
	p->last = t;
	el = t - p->start;
	fprintf(stderr, "\r\033[K%s: sent %ld  deferred %ld  failed %ld  "
	    "%.0f msg/s  %.0fs", p->issue, sent, deferred, failed,
	    el > 0 ? sent / el : 0.0, el);
	p->drawn = 1;
}

static void
vlog(struct progress *p, const char *fmt, va_list ap)
{
	char ts[32];
	time_t t = time(NULL);

	clear_line(p);
	strftime(ts, sizeof ts, "%Y-%m-%d %H:%M:%S", localtime(&t));
	fprintf(stderr, "%s %s: ", ts, p->issue);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
progress_log(struct progress *p, const char *fmt, ...)
{
	va_list ap;

	if (!p || (p->quiet && !p->verbose))
		return;
	va_start(ap, fmt);
	vlog(p, fmt, ap);
	va_end(ap);
}

void
progress_warn(struct progress *p, const char *fmt, ...)
{
	va_list ap;

	if (!p)
		return;
	va_start(ap, fmt);
	vlog(p, fmt, ap);
	va_end(ap);
}

void
progress_done(struct progress *p, const struct progress_summary *st,
    int mode)
{
	double el = now() - p->start;
	int test = mode == PROGRESS_TEST;

	clear_line(p);
	if (p->quiet)
		return;
	if (mode == PROGRESS_DRY_RUN) {
		printf("%s: dry run: would send %ld, suppressed %ld, already "
		    "done %ld; %ld edition%s, %ld signature%s made, nothing "
		    "sent\n", p->issue, st->sent, st->suppressed, st->already,
		    st->editions, st->editions == 1 ? "" : "s", st->signatures,
		    st->signatures == 1 ? "" : "s");
		return;
	}
	if (!st->sent && !st->deferred && !st->failed && !test &&
	    !st->stopped_short) {
		printf("%s: nothing to send: %ld recipient%s already done, "
		    "%ld suppressed\n", p->issue, st->already,
		    st->already == 1 ? "" : "s", st->suppressed);
		return;
	}
	printf("%s: %ssent %ld, deferred %ld, failed %ld, suppressed %ld, "
	    "already done %ld; %ld edition%s", p->issue, test ? "test " : "",
	    st->sent, st->deferred, st->failed, st->suppressed, st->already,
	    st->editions, st->editions == 1 ? "" : "s");
	if (st->signatures)
		printf(", %ld signature%s", st->signatures,
		    st->signatures == 1 ? "" : "s");
	printf(" in %.1fs (%.0f msg/s)", el, el > 0 ? st->sent / el : 0.0);
	for (size_t i = 0; i < p->nrelay; i++)
		printf("%s %s %ld", i ? "," : "; sent via", p->relay[i],
		    p->relay_sent[i]);
	/* the counts alone read as a finished issue; stderr says why */
	if (st->stopped_short && !test)
		printf("; stopped before the end: the rest stays pending for "
		    "the next send or run");
	putchar('\n');
}

void
progress_relay(struct progress *p, const char *relay)
{
	size_t i;

	if (!p || !relay)
		return;
	for (i = 0; i < p->nrelay && strcmp(p->relay[i], relay); i++)
		;
	if (i == p->nrelay) {
		p->relay = xrealloc(p->relay, (i + 1) * sizeof *p->relay);
		p->relay_sent = xrealloc(p->relay_sent, (i + 1) *
		    sizeof *p->relay_sent);
		p->relay[i] = xstrdup(relay);
		p->relay_sent[i] = 0;
		p->nrelay++;
	}
	p->relay_sent[i]++;
}

void
progress_free(struct progress *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nrelay; i++)
		free(p->relay[i]);
	free(p->relay);
	free(p->relay_sent);
	free(p->issue);
	free(p);
}
