/*
 * owed: whether mailer run still owes an issue anything.  An issue is done
 * when every recipient the journal has for it has a final state (sent,
 * failed, suppressed) and, while the journal marks it owed to every list
 * (journal_owed_begin, at its first send: a send --list, or a run stopped
 * between lists, reaches only some), every list of lists/ was reached.
 * A list added after the issue went to every list gets no back issue.
 */
#ifndef MAILER_OWED_H
#define MAILER_OWED_H

struct buf;
struct config;

/*
 * *done as above; once every list of lists/ was reached, the mark is
 * ended, so a list added later is not owed.  missing, unless NULL, gets
 * the ids of the lists still owed, ", " between them ("" when none).
 * Returns 0, or an exit code after reporting (a journal that cannot be
 * read must not pass for an issue still to send, nor for one sent).
 */
int owed_check(const struct config *c, const char *issue, int *done,
    struct buf *missing);

#endif
