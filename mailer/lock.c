/* lock: the per-state flock(2).  See lock.h. */
#include "lock.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static long
read_pid(int fd)
{
	char b[32];
	ssize_t n = pread(fd, b, sizeof b - 1, 0);
	char *end;
	long pid;

	if (n <= 0)
		return 0;
	b[n] = '\0';
	pid = strtol(b, &end, 10);
	return end > b && pid > 0 ? pid : 0;
}

/*
 * A mailer writes its pid just after taking the lock and empties the file
 * just before releasing it, so a held lock with no pid is a mailer inside
 * one of those instants, or a program that is not mailer (flock(1)).
 * Asks again for the lock or the pid, whichever comes, for at least
 * PID_WAIT_TRIES * 10 ms; only then is the holder unknown (pid 0).
 * Returns 0 with the lock, 1 held, -1 on an error (errno set).
 */
#define PID_WAIT_TRIES 100

static int
take(int fd, long *holder_pid)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (int i = 0;; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EWOULDBLOCK)
			return -1;
		if ((*holder_pid = read_pid(fd)) > 0 || i == PID_WAIT_TRIES)
			return 1;
		nanosleep(&tick, NULL);
	}
}

int
lock_acquire(const char *state_path, int *fd_out, long *holder_pid)
{
	char *path = xasprintf("%s.lock", state_path);
	char pid[32];
	int fd, n, busy;

	*fd_out = -1;
	*holder_pid = 0;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		warn("%s", path);
		free(path);
		return -1;
	}
	if ((busy = take(fd, holder_pid)) != 0) {
		if (busy == -1)
			warn("%s", path);
		close(fd);
		free(path);
		return busy;
	}
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, n, 0) != n) {
		warn("%s", path);
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	*fd_out = fd;
	return 0;
}

const char *
lock_holder(long pid, char buf[LOCK_HOLDER_MAX])
{
	if (pid > 0)
		snprintf(buf, LOCK_HOLDER_MAX, "another mailer run (pid %ld)",
		    pid);
	else
		snprintf(buf, LOCK_HOLDER_MAX, "another process (pid unknown)");
	return buf;
}

void
lock_release(int fd)
{
	if (fd == -1)
		return;
	/* empty the pid before unlocking, so no reader sees a stale one */
	if (ftruncate(fd, 0) == -1)
		warn("lock");
	close(fd);
}
