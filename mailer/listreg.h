/*
 * listreg: the registry of a project's associations: every
 * lists/<id>.yaml profile loaded once (list.c) and looked up by id, and
 * the checks that an issue names only associations that exist (an
 * article's source, the sponsors).
 */
#ifndef MAILER_LISTREG_H
#define MAILER_LISTREG_H

#include <stddef.h>

struct issue;
struct list;
struct listreg;

/*
 * Loads every profile in dir.  Reports each one that does not load and
 * returns NULL when any did not (or dir cannot be read).
 */
struct listreg *listreg_load(const char *dir);
void listreg_free(struct listreg *r);

/* The profile of list id, or NULL when there is no such list. */
const struct list *listreg_get(const struct listreg *r, const char *id);

/*
 * Checks that every article source and sponsor of is names a list of r
 * (dir names the lists folder in the messages).  0, or -1 after reporting
 * each one that does not.
 */
int listreg_check_issue(const struct listreg *r, const struct issue *is,
    const char *dir);

#endif
