/*
 * bounce_line: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Finds the failed recipients a notice that is not
 * an RFC 3464 report names in its text, line by line.
 *
 * Precision first: an address counts only where the shape of its line says
 * it is a recipient that failed: a listing line led by the address
 * (qmail "<a>:", Postfix "<a>: reason", Sendmail "<a>... reason", Exim and
 * Gmail indented lines, Exchange "a on DATE"), an SMTP reply about it
 * ("550 5.1.1 <a>: ..."), a recipient label ("Intended recipient: a",
 * "RCPT TO:<a>"), or a sentence that says delivery to it failed ("Unable
 * to deliver message to <a>", "Your message to a couldn't be delivered"),
 * also with a display name before the address ("Delivery to Maria Rossi
 * <a> failed").  An address merely mentioned (a contact, the sender, the
 * returned message's headers, a list whose members failed) does not.
 */
#ifndef MAILER_BOUNCE_LINE_H
#define MAILER_BOUNCE_LINE_H

#include <stddef.h>

#include "bounce_addr.h"
#include "bounce_rcpt.h"

/*
 * Appends to rs the recipients the notice text t[0..n) names, except those
 * in excl and mailer-daemons; each gets the lines that follow it, up to the
 * next recipient, as its diagnostic (seg points into t).
 */
void bounce_notice_rcpts(const char *t, size_t n,
    const struct bounce_addrset *excl, struct bounce_seg **rs, size_t *nrs);

/*
 * A plain-text notice that names its failed recipient only in words no
 * line shape reads and gives the server's reply on a line of its own
 * ("550 5.1.1 user unknown"): when t[0..n) holds one such reply, however
 * many lines it takes, and names one address that is none of excl, no
 * daemon's and none that its words make a sender's or a contact's,
 * appends that address to rs with the reply as its diagnostic.  With
 * delay (the notice says it is a delay's), no reply is needed: its words
 * are the context.  Returns the reply's class (4 or 5; 4 for a delay
 * without one), 0 when it appended none.
 */
int bounce_status_line_rcpt(const char *t, size_t n,
    const struct bounce_addrset *excl, int delay, struct bounce_seg **rs,
    size_t *nrs);

/* Gives each of rs the notice lines that name it (seg2). */
void bounce_attach_notice(struct bounce_seg **rs, size_t nrs,
    const char *notice, size_t nlen, const struct bounce_addrset *excl);

#endif
