/*
 * roster: a list's members as the journal sees them, for the commands that
 * show or write them back (lists, lists sync, check): who no longer
 * receives it (unsubscribed, complained, suppressed by bounces: the
 * addresses send skips) and its confirmed web subscribers.
 */
#ifndef MAILER_ROSTER_H
#define MAILER_ROSTER_H

#include <stddef.h>
#include <time.h>

struct journal;
struct roster;

/* Why an address no longer receives the list; ROSTER_ON: it does. */
enum roster_stop { ROSTER_ON, ROSTER_BOUNCED, ROSTER_COMPLAINED,
	ROSTER_UNSUBSCRIBED };

/*
 * Reads list's stops (its own and those for every list) and confirmed web
 * subscribers.  j NULL (no journal yet): an empty roster.  NULL on a
 * journal error (reported).
 */
struct roster *roster_load(struct journal *j, const char *list);
void roster_free(struct roster *r);

/*
 * Whether email (normalised) still receives the list.  When it does not,
 * *reason is the journal's ("unsubscribed", "complaint", "1 hard
 * bounce(s)", ...) and *at when; both may be NULL.  An address with
 * several stops gets the strongest (unsubscribed, complaint, bounces).
 */
enum roster_stop roster_stopped(const struct roster *r, const char *email,
    const char **reason, time_t *at);

/* The confirmed web subscribers, in order of subscription; name may be NULL. */
size_t roster_web_count(const struct roster *r);
const char *roster_web_email(const struct roster *r, size_t i);
const char *roster_web_name(const struct roster *r, size_t i);

/*
 * Warns, with file:line, about each row of l's CSV whose address no
 * longer receives the list (mailer check); *n counts them.  0 / -1 (the
 * CSV could not be read, reported).
 */
struct list;
int roster_warn_rows(const struct roster *r, const struct list *l,
    size_t *n);

/*
 * Adds to emails the addresses unsubscribed or suppressed on a list that
 * lists_dir no longer has (a list renamed keeps neither: the journal
 * keeps both under a list's id); *list is the first such list (malloc'd;
 * left as it is when already set or there is none).  A lists_dir that
 * cannot be read adds none.  0 / -1 (a journal error, reported).
 */
/*
 * A "mailer lists rename" whose rows moved and whose files may not have
 * (killed between the two): a list's readers are unknown until it is run
 * again, so nothing is sent.  1 after saying so, 0 none, -1 an error.
 */
int roster_rename_unfinished(struct journal *j, const char *lists_dir);

struct strset;
int roster_orphans(struct journal *j, const char *lists_dir,
    struct strset *emails, char **list);

#endif
