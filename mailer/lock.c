/* lock: the per-state flock(2).  See lock.h. */
#include "lock.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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

int
lock_acquire(const char *state_path, int *fd_out, long *holder_pid)
{
	char *path = xasprintf("%s.lock", state_path);
	char pid[32];
	int fd, n;

	*fd_out = -1;
	*holder_pid = 0;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		warn("%s", path);
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		int busy = errno == EWOULDBLOCK;

		if (busy)
			*holder_pid = read_pid(fd);
		else
			warn("%s", path);
		close(fd);
		free(path);
		return busy ? 1 : -1;
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
