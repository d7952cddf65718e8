/*
 * lock: one sender at a time per state file, through flock(2) on
 * "<state_path>.lock".  The lock dies with its process, so a crash leaves
 * nothing stale; the pid written into the file only names the holder.
 */
#ifndef MAILER_LOCK_H
#define MAILER_LOCK_H

/*
 * Takes the lock without waiting.  Returns 0 with *fd_out holding it; 1
 * when another process holds it, with *holder_pid its pid (0 if unknown);
 * -1 after reporting an error.
 */
int lock_acquire(const char *state_path, int *fd_out, long *holder_pid);

/* Releases a lock taken by lock_acquire; accepts -1. */
void lock_release(int fd);

#endif
