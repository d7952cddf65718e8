/*
 * ckpt: a journal's WAL checkpoints from a background thread with its own
 * connection, so that no commit of the writing thread waits for an fsync
 * or for copying the log (mailer serve's request handlers, mailer send's
 * sending thread).  The writer first turns its own checkpoints off
 * (journal_checkpoint_elsewhere).
 *
 * Passive checkpoints copy the bulk of the log holding no one back; a
 * passive checkpoint never rewinds the log while writes keep coming, so
 * now and then the thread resets it (journal_wal_reset) holding the
 * writers' mutex, to copy only the little left.  The writer holds that
 * mutex around each of its write transactions.  The first write after a
 * reset fsyncs the log's new header, in the writer's thread: a writer
 * that must rarely wait resets seldom.
 */
#ifndef MAILER_CKPT_H
#define MAILER_CKPT_H

#include <pthread.h>

struct ckpt;

/*
 * Starts the thread on the journal at path, checkpointing every
 * interval_ms, and resetting the log when it has reset_pages or more, or
 * when no write came since the last tick (0: at every tick).  NULL after
 * reporting.
 */
struct ckpt *ckpt_start(const char *path, pthread_mutex_t *writers,
    int interval_ms, int reset_pages);
/*
 * Ends the thread (after the checkpoint in progress).  The caller must not
 * hold the writers' mutex.  NULL is ok.
 */
void ckpt_stop(struct ckpt *k);

#endif
