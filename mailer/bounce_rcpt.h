/*
 * bounce_rcpt: internal to the bounce modules (bounce*.c), not an interface
 * for the rest of mailer.  Finds the recipients a notice is about, each
 * with the text that speaks of it: the per-recipient fields of an RFC 3464
 * delivery-status part and Amazon SES JSON notifications (bounce_line.h
 * reads the text of the others).
 *
 * Recipients are kept as (array, count) pairs that the caller owns; at most
 * BOUNCE_MAX_RCPTS of them.
 */
#ifndef MAILER_BOUNCE_RCPT_H
#define MAILER_BOUNCE_RCPT_H

#include <stddef.h>

#include "bounce.h"
#include "bounce_addr.h"

struct bounce_seg {
	char *address;		/* owned */
	const char *seg;	/* diagnostic text for this recipient */
	size_t seglen;
	char status[16];
	int from_dsn;		/* 1 from a DSN, 2 also: seg is owned */
	const char *seg2;	/* the notice text's lines for it, if any */
	size_t seg2len;
	int transcript;		/* named only on SMTP transcript lines */
};

struct bounce_dsn_tally {
	int failed, delayed, delivered;
};

/*
 * Reads the per-recipient blocks of the delivery-status body d[0..n),
 * counting actions in t.  Each failed or delayed recipient is appended to
 * rs (its seg points into d).
 */
void bounce_dsn_parse(const char *d, size_t n, struct bounce_seg **rs,
    size_t *nrs, struct bounce_dsn_tally *t);

/*
 * Appends addr with diagnostic seg[0..seglen) (may be NULL) to rs; an
 * address already there has its segment extended instead.
 */
void bounce_seg_add(struct bounce_seg **rs, size_t *nrs, const char *addr,
    const char *seg, size_t seglen);

/*
 * When body[0..n) is an Amazon SES JSON notification, appends its
 * recipients to rs, sets *kind and returns 1; otherwise returns 0.  What
 * it says of the message it is about ("mail": the envelope sender it was
 * sent with, its Message-ID and Return-Path) goes into out's
 * orig_message_id and orig_fields, as a returned copy's header would.
 */
int bounce_ses_json(const char *body, size_t n, struct bounce_seg **rs,
    size_t *nrs, enum bounce_kind *kind, struct bounce_report *out);

/*
 * Appends to rs the recipient an Italian PEC notice's certification data
 * (its daticert.xml, x[0..n)) is about: the address of its <consegna>
 * element, or else of its <destinatari> when the message had no other,
 * with its <errore-esteso> ("5.1.1 - Utente inesistente") as the
 * diagnostic (seg points into x).  Nothing when it names none.
 */
void bounce_pec_daticert(const char *x, size_t n, struct bounce_seg **rs,
    size_t *nrs);

/*
 * Appends the returned original's field name: value to out->orig_fields
 * (name static, value copied); an empty value or a full table is skipped.
 */
void bounce_orig_field_add(struct bounce_report *out, const char *name,
    const char *value);

#endif
