/*
 * maildir: delivers one message into a Maildir (the "maildir:" transport),
 * as an MTA's local delivery would: tmp/ then an atomic rename into new/
 * (https://cr.yp.to/proto/maildir.html).  Lines end in LF, as mail readers
 * expect in Maildir files; CRLF in the message is converted.
 */
#ifndef MAILER_MAILDIR_H
#define MAILER_MAILDIR_H

#include <stddef.h>

/*
 * Creates dir/{tmp,new,cur} (0700) if needed and delivers the message
 * head[0..head_len) then data[0..len) (either may be NULL when its length
 * is 0: a shared body is not copied first), preceded by "Return-Path:
 * <return_path>" and "Delivered-To: rcpt" when those are not NULL.  The
 * file and new/ are fsynced before it returns.  *name_out (may be NULL)
 * receives the file name in new/; caller frees.  Returns 0 / -1 after
 * reporting; then nothing is left in tmp/ or new/.
 */
int maildir_deliver(const char *dir, const char *head, size_t head_len,
    const char *data, size_t len, const char *return_path, const char *rcpt,
    char **name_out);

#endif
