/*
 * lock: one sender at a time per state file, through flock(2) on
 * "<state_path>.lock".  The lock dies with its process, so a crash leaves
 * nothing stale; the pid written into the file only names the holder.
 */
#ifndef MAILER_LOCK_H
#define MAILER_LOCK_H

/*
 * Takes the lock without waiting for its holder: only while a held lock's
 * file names no pid does it ask again, about a second, for the pid or the
 * lock.  Returns 0 with *fd_out holding it; 1 when another process holds
 * it, with *holder_pid its pid (0 if unknown); -1 after reporting an error.
 */
int lock_acquire(const char *state_path, int *fd_out, long *holder_pid);

/*
 * Who holds a lock, for a message: "another mailer run (pid N)", or with
 * pid 0 "another process (pid unknown)": a program that is not mailer
 * (flock(1) on the file), or a mailer taking or releasing the lock, whose
 * pid is not in the file.  Returns buf.
 */
#define LOCK_HOLDER_MAX 48
const char *lock_holder(long pid, char buf[LOCK_HOLDER_MAX]);

/* Releases a lock taken by lock_acquire; accepts -1. */
void lock_release(int fd);

#endif
