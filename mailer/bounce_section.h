/*
 * bounce_section: internal to the bounce modules (bounce*.c), not an
 * interface for the rest of mailer.  Where a notice's text speaks of
 * addresses that did not fail, so that bounce_line.c's walk over the lines
 * takes no recipient from there: a section listing the recipients reached,
 * the header block of a quoted message, a command of an SMTP transcript
 * that was accepted, and a recipient whose own lines say delivered.
 *
 * Pure buffer code: no I/O, every scan bounded.
 */
#ifndef MAILER_BOUNCE_SECTION_H
#define MAILER_BOUNCE_SECTION_H

#include <stddef.h>

#include "bounce_rcpt.h"

/*
 * Whether the line t[i..i + n) of t[0..tn) opens (1), closes (0) or
 * leaves (in) a section listing recipients that were reached: a heading
 * ending in ':' (or in a full stop over an address's line) whose sentence
 * says delivered and no failure or negation ("Your message was
 * delivered to the following recipients:", "以下收件人已成功投递:")
 * opens one; a line with failure words, another heading, or a paragraph
 * that names no address closes it.
 */
int bounce_section_success(const char *t, size_t tn, size_t i, size_t n,
    int in);

/*
 * 1 when an addressee field ("To:") of the quoted header block t[i..run)
 * names an address of set: the quoted message went to the notice's own
 * sender or addressees.
 */
int bounce_section_block_to(const char *t, size_t i, size_t run,
    const struct bounce_addrset *set);

/*
 * 1 when the header block t[i..run) has a "To:" (or "收件人:" ...) and
 * each names its addressee by name alone, no address ("To: Quinn Ames",
 * as a mail client shows its user).
 */
int bounce_section_block_to_name(const char *t, size_t i, size_t run);

/*
 * 1 when the first sender field ("From:", "Von:", "发件人:" ...) of the
 * header block t[i..run) is a mail system's (MAILER-DAEMON, postmaster,
 * Exchange's system mailbox; by name alone, as a mail client shows it:
 * "Microsoft Outlook", "Mail Delivery System"): the block is a notice's
 * own.
 */
int bounce_section_block_from_daemon(const char *t, size_t i, size_t run);

/*
 * The value of the first field of the block t[i..run) named in names
 * (bounce_copy_subject_fields...), past its colon and blanks; NULL when
 * none.  The caller frees it.
 */
char *bounce_section_block_field(const char *t, size_t i, size_t run,
    const char *const *names);

/*
 * 1 when the run of field lines that starts at line t[i..] of t[0..n) is
 * the header block of a quoted message: a sender and a subject field among
 * them and no reason.  Its "To:", "收件人:" or "Delivery to:" name the
 * returned message's addressees, not failed recipients.  *run is set to
 * where the run ends, whatever the answer.
 */
int bounce_section_quoted_header(const char *t, size_t n, size_t i,
    size_t *run);

/*
 * Where the text after the mark of the transcript line l[0..n) starts:
 * a command's (reply 0: ">>> RCPT To:<a>", MDaemon's "Sun 2004-12-05
 * 17:59:58: --> RCPT To:<a>", a time stamp before the arrow) or a
 * reply's (reply 1: "<<< 250 ok", "<-- 250 ok"); 0 when it is no such
 * line.
 */
size_t bounce_transcript_mark(const char *l, size_t n, int reply);

/*
 * 1 when l[0..ll) is a command of an SMTP transcript (">>> RCPT To:<a>")
 * whose reply, the next non-blank line of next[0..nn), is a success
 * ("<<< 250 ok") and no later DATA or end of data (">>> .") was refused:
 * that address was accepted and another one failed.
 */
int bounce_section_accepted(const char *l, size_t ll, const char *next,
    size_t nn);

/*
 * 1 when t[0..n) holds an SMTP transcript opened by a line of
 * bounce_transcript_openers ("Conversation with h [ip]:", "... while
 * talking to h:") in which a recipient's command (">>> RCPT TO:<a>") got
 * a failure's reply ("<<< 552 ..."): only a mail system writes so.
 */
int bounce_section_transcript_refused(const char *t, size_t n);

/*
 * Drops rs[from..*nrs) whose first paragraph of lines (seg) says they were
 * no failed recipient: a status field saying delivered ("Status:
 * delivered", "投递状态: 成功"), or words of our own sending limits.
 * Frees the dropped addresses and closes the gaps; *nrs is the new count.
 */
void bounce_section_drop_not_failed(struct bounce_seg *rs, size_t *nrs,
    size_t from);

#endif
