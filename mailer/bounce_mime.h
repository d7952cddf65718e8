/*
 * bounce_mime: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Turns a raw message into the texts the
 * classifier reads: the human-readable notice, the RFC 3464
 * message/delivery-status fields, the RFC 5965 message/feedback-report
 * fields, the text of HTML parts, and the header block of the returned
 * original.
 *
 * RFC 2045-2047 MIME through libetpan (transfer decoding, charsets),
 * RFC 3462/6522 multipart/report (its report-type).  Nesting, part count
 * and decoded size are bounded; pathological nesting is refused before
 * libetpan's recursive parser sees it, and the body is then read as text.
 */
#ifndef MAILER_BOUNCE_MIME_H
#define MAILER_BOUNCE_MIME_H

#include <stddef.h>

#include "util.h"

/* The line between two parts of a notice's text: a form feed alone */
#define BOUNCE_PART_SEP "\f\n"

/* What the MIME walk collects; all text is UTF-8 with LF line ends. */
struct bounce_scan {
	struct buf notice;	/* human-readable part(s) of the notice,
				 * BOUNCE_PART_SEP between two */
	struct buf html;	/* text of other text/html parts, if no plain */
	struct buf dsn;		/* message/delivery-status fields */
	struct buf arf;		/* message/feedback-report fields */
	struct buf orig;	/* header block of the returned original */
	/* an attached message that is itself a delivery report, or a mail
	 * daemon's plain-text notice (inner_plain) */
	struct buf inner;
	int inner_plain;
	int inner_read;		/* the notice read is inner's */
	/* an Italian PEC notice's certification data (daticert.xml) */
	struct buf pec;
	int nested;		/* scanning inner: look no deeper */
	/* in a multipart/alternative with a plain part */
	int alt;
	int report_dsn, report_arf;
	int arf_part;		/* a message/feedback-report part was seen */
	size_t nparts;
	/* a multipart libetpan read no part of, or one never closed */
	int unclosed;
	/* notice.data[0..nlen) is the notice before any returned copy */
	size_t nlen;
	/* notice.data[0..rlen) is that part before a copy's header fields
	 * no marker announced: the words a reason is read from */
	size_t rlen;
	/* the returned message's Subject (decoded) from its header, or NULL */
	char *rsubj;
	/* while the walk runs: the header block of the message walked,
	 * where a part's undeclared charset is looked up */
	const char *hdr;
	size_t hdrlen;
};

/*
 * Fills sc (overwritten) from msg[0..len): walks the MIME tree (an HTML
 * part that is the alternative of a plain one is read after it, as part of
 * the notice), falls back to the HTML text when there is no plain notice,
 * and cuts the notice at a returned-copy marker (taking the copy's headers
 * as orig when no MIME part gave them).  A notice without a report of its
 * own whose attached message is a multipart/report delivery-status or a
 * mail daemon's plain text (a gateway, a list server or a rule forwarding
 * the notice it got) is read as that attached notice, one level deep.
 * Any input is accepted.  Release with bounce_scan_free.
 */
void bounce_mime_scan(struct bounce_scan *sc, const char *msg, size_t len);

/*
 * Makes t[0..n) (not sc's own text) sc's notice: its end, the returned
 * copy's header and Subject are read from it again.  For a notice quoted
 * whole in another message (a help desk's ticket).
 */
void bounce_mime_renotice(struct bounce_scan *sc, const char *t, size_t n);

/* Releases the buffers of sc. */
void bounce_scan_free(struct bounce_scan *sc);

#endif
