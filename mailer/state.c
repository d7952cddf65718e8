/* state: lock, journal, token key.  See state.h. */
#include "state.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "exitcode.h"
#include "journal.h"
#include "lock.h"
#include "util.h"
#include "verp.h"

static int
make_folder(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int rc = 0;

	if (slash && slash != dir) {
		*slash = '\0';
		rc = mkdir_p(dir, 0700);
	}
	free(dir);
	return rc;
}

/*
 * Whether a mailer holding the lock took it (it writes its pid then, the
 * file's mtime) STATE_BUSY_QUIET or more ago; since is then " since DATE"
 * for the message, else "".
 */
static int
held_long(const char *state_path, char *since, size_t size)
{
	char *path = xasprintf("%s.lock", state_path);
	struct stat st;
	struct tm tm;
	time_t now = time(NULL);
	int old;

	since[0] = '\0';
	old = stat(path, &st) == 0 && now - st.st_mtime >= STATE_BUSY_QUIET;
	free(path);
	if (old && localtime_r(&st.st_mtime, &tm))
		strftime(since, size, " since %Y-%m-%d %H:%M %z", &tm);
	return old;
}

static int
lock_state(const struct config *c, int locked, int quiet_busy,
    struct state *st)
{
	long holder = 0;
	char who[LOCK_HOLDER_MAX], since[48];
	int rc;

	if (make_folder(c->state_path) == -1)
		return EXIT_CANTCREAT;
	if (locked)
		return 0;
	rc = lock_acquire(c->state_path, &st->lockfd, &holder);
	if (rc == 1) {
		/* only a mailer's pid dates the file: its taking the lock */
		since[0] = '\0';
		if (holder > 0 && !held_long(c->state_path, since,
		    sizeof since) && quiet_busy)
			return EXIT_TEMPFAIL;
		warnx("%s holds %s.lock%s; try again later",
		    lock_holder(holder, who), c->state_path, since);
		return EXIT_TEMPFAIL;
	}
	return rc == -1 ? EXIT_CANTCREAT : 0;
}

/*
 * Makes the missing token key, unless the journal holds messages sent
 * under the lost one: a new key would fail every unsubscribe link and
 * bounce of them.  0, or an exit code after reporting.
 */
static int
make_key(const struct config *c, struct state *st)
{
	time_t first;
	char when[32];

	if (!(st->jn = journal_open(c->state_path)))
		return EXIT_CANTCREAT;
	if (journal_first_sent(st->jn, NULL, &first) == -1)
		return EXIT_SOFTWARE;
	if (first) {
		strftime(when, sizeof when, "%Y-%m-%d", localtime(&first));
		warnx("%s: missing, but %s holds messages sent under it since "
		    "%s: their unsubscribe links and bounces are checked "
		    "against it; restore the file (to start with a new key "
		    "anyway, knowing those will fail: (umask 077; head -c 32 "
		    "/dev/urandom >%s))", c->secret_file, c->state_path, when,
		    c->secret_file);
		return EXIT_CONFIG;
	}
	if (verp_make_key(c->secret_file) == 0)
		warnx("created a new token key in %s", c->secret_file);
	return 0;
}

static int
open_all(const struct config *c, int locked, int create_key,
    struct state *st)
{
	int rc;

	if ((rc = lock_state(c, locked, 0, st)) != 0)
		return rc;
	if (!c->secret_file) {
		warnx("%s: secret_file is not set (the HMAC key for VERP and "
		    "unsubscribe tokens)", c->path);
		return EXIT_CONFIG;
	}
	if (create_key && access(c->secret_file, F_OK) == -1 &&
	    (rc = make_key(c, st)) != 0)
		return rc;
	if (verp_load_key(c->secret_file, &st->key, &st->keylen) == -1)
		return EXIT_CONFIG;
	if (!st->jn && !(st->jn = journal_open(c->state_path)))
		return EXIT_CANTCREAT;
	return 0;
}

int
state_open(const struct config *c, int locked, int create_key,
    struct state *st)
{
	int rc;

	memset(st, 0, sizeof *st);
	st->lockfd = -1;
	if ((rc = open_all(c, locked, create_key, st)) != 0)
		state_close(st);
	return rc;
}

int
state_lock(const struct config *c, int quiet_busy, struct state *st)
{
	int rc;

	memset(st, 0, sizeof *st);
	st->lockfd = -1;
	if ((rc = lock_state(c, 0, quiet_busy, st)) != 0)
		state_close(st);
	return rc;
}

void
state_close(struct state *st)
{
	journal_close(st->jn);
	st->jn = NULL;
	if (st->key) {
		explicit_bzero(st->key, st->keylen);
		free(st->key);
		st->key = NULL;
	}
	if (st->lockfd != -1)
		lock_release(st->lockfd);
	st->lockfd = -1;
}
