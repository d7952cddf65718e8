/*
 * transport: the one interface and its back ends.  See transport.h.  The
 * SMTP back end is smtp.c; the local ones (maildir, dry-run) deliver one
 * message at a time, synchronously, and are here.
 */
#include "transport.h"

#include <err.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "exitcode.h"
#include "maildir.h"
#include "smtp.h"
#include "util.h"

struct local {
	const char *dir;	/* the Maildir; NULL for a dry run */
	int wake[2];		/* a byte in wake[1] ends a wait */
};

struct transport_ops {
	const char *name;
	int remote;
	int (*run)(void *b, transport_next_fn next, transport_done_fn done,
	    transport_sync_fn sync, void *arg, volatile sig_atomic_t *stop,
	    int flags);
	void (*wakeup)(void *b);
	void (*close)(void *b);
};

struct transport {
	const struct transport_ops *ops;
	void *b;		/* the back end's own state */
};

const char *
transport_result_name(enum transport_result r)
{
	static const char *const n[] = { "OK", "TEMPFAIL", "NOREPLY",
	    "PERMFAIL", "CONNFAIL", "TLSFAIL", "AUTHFAIL", "LOCALFAIL",
	    "UNSENT", "HELD" };

	return n[r];
}

/* Waits up to ms for a wakeup; drains what woke it. */
static void
local_wait(struct local *l, long ms)
{
	struct pollfd p = { l->wake[0], POLLIN, 0 };
	char sink[64];

	if (poll(&p, 1, (int)ms) > 0)
		while (read(l->wake[0], sink, sizeof sink) > 0)
			;
}

/*
 * One message at a time: next, deliver, done.  done runs before next is
 * asked again, as on an SMTP connection.
 */
static int
local_run(void *b, transport_next_fn next, transport_done_fn done,
    transport_sync_fn sync, void *arg, volatile sig_atomic_t *stop, int flags)
{
	struct local *l = b;

	(void)sync;	/* next() is asked again after each done() */
	for (;;) {
		struct transport_msg m;
		long wait_ms = 200;	/* as smtp.c: *stop is seen soon */

		if (stop && *stop)
			return 0;
		memset(&m, 0, sizeof m);
		switch (next(arg, &m, &wait_ms)) {
		case TRANSPORT_NEXT_END:
			return 0;
		case TRANSPORT_NEXT_LATER:
			local_wait(l, wait_ms);
			continue;
		case TRANSPORT_NEXT_MSG:
			break;
		}
		if (!l->dir) {
			done(arg, &m, TRANSPORT_OK, "dry run");
		} else if (maildir_deliver(l->dir, m.head, m.head_len, m.data,
		    m.len, m.from, m.rcpt, NULL) == -1) {
			/* maildir_deliver said why, with the file name */
			done(arg, &m, TRANSPORT_LOCALFAIL,
			    "the Maildir could not be written");
			return -1;
		} else {
			done(arg, &m, TRANSPORT_OK, "250 delivered to maildir");
		}
		if (flags & TRANSPORT_RUN_PUMP)
			return 0;
	}
}

static void
local_wakeup(void *b)
{
	struct local *l = b;

	/* a full pipe already holds a wakeup */
	(void)!write(l->wake[1], "", 1);
}

static void
local_close(void *b)
{
	struct local *l = b;

	close(l->wake[0]);
	close(l->wake[1]);
	free(l);
}

static int
run_smtp(void *b, transport_next_fn next, transport_done_fn done,
    transport_sync_fn sync, void *arg, volatile sig_atomic_t *stop, int flags)
{
	return smtp_run(b, next, done, sync, arg, stop, flags);
}

static void
wakeup_smtp(void *b)
{
	smtp_wakeup(b);
}

static void
close_smtp(void *b)
{
	smtp_close(b);
}

static const struct transport_ops smtp_ops = {
	"smtp", 1, run_smtp, wakeup_smtp, close_smtp
};
static const struct transport_ops maildir_ops = {
	"maildir", 0, local_run, local_wakeup, local_close
};
static const struct transport_ops dry_run_ops = {
	"dry-run", 0, local_run, local_wakeup, local_close
};

static int
open_local(const char *dir, struct transport *t)
{
	struct local *l = xcalloc(1, sizeof *l);

	if (pipe2(l->wake, O_CLOEXEC | O_NONBLOCK) == -1) {
		warn("pipe");
		free(l);
		return EXIT_OSERR;
	}
	l->dir = dir;
	t->b = l;
	return 0;
}

static int
open_smtp(const struct config *c, struct transport *t)
{
	char *pw = NULL;

	if (c->username) {
		pw = config_secret(c, "SMTP password", c->password_file,
		    c->password_env);
		if (!pw)
			return EXIT_CONFIG;
	}
	t->b = smtp_open(c, pw);
	if (pw) {
		explicit_bzero(pw, strlen(pw));
		free(pw);
	}
	/* config.c let only smtp://, smtps:// and maildir: relays in */
	return t->b ? 0 : EXIT_SOFTWARE;
}

int
transport_open(const struct config *c, int dry_run, struct transport **out)
{
	struct transport *t = xcalloc(1, sizeof *t);
	const char *first = c->relays.n ? c->relays.v[0] : "";
	int rc;

	if (dry_run) {
		t->ops = &dry_run_ops;
		rc = open_local(NULL, t);
	} else if (!strncmp(first, "maildir:", 8)) {
		t->ops = &maildir_ops;
		rc = open_local(first + 8, t);
	} else {
		t->ops = &smtp_ops;
		rc = open_smtp(c, t);
	}
	if (rc != 0) {
		free(t);
		t = NULL;
	}
	*out = t;
	return rc;
}

int
transport_run(struct transport *t, transport_next_fn next,
    transport_done_fn done, transport_sync_fn sync, void *arg,
    volatile sig_atomic_t *stop, int flags)
{
	return t->ops->run(t->b, next, done, sync, arg, stop, flags);
}

void
transport_wakeup(struct transport *t)
{
	t->ops->wakeup(t->b);
}

int
transport_remote(const struct transport *t)
{
	return t->ops->remote;
}

const char *
transport_name(const struct transport *t)
{
	return t->ops->name;
}

void
transport_close(struct transport *t)
{
	if (!t)
		return;
	t->ops->close(t->b);
	free(t);
}
