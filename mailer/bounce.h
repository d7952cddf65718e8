/*
 * bounce: classifies a returned message (non-delivery report, delay notice,
 * auto-reply, feedback report) and extracts the failed recipients.
 *
 * Implements the reading side of RFC 3464 (delivery status notifications),
 * RFC 3463 (enhanced status codes), RFC 3834 (auto-replies) and RFC 5965
 * (ARF feedback reports); everything else (qmail, Exim, Sendmail, Exchange,
 * webmail providers...) is recognised by the text rules in bounce_rules.c.
 *
 * Pure buffer parser: no I/O, every size bounded, any input accepted.
 */
#ifndef MAILER_BOUNCE_H
#define MAILER_BOUNCE_H

#include <stddef.h>

enum bounce_kind {
	BOUNCE_BOUNCE,
	BOUNCE_DELAY,
	BOUNCE_AUTOREPLY,
	BOUNCE_COMPLAINT,
	BOUNCE_UNSUBSCRIBE,	/* set by the caller (VERP check), never here */
	BOUNCE_OTHER
};

/* Upper bound on the recipients kept from one message. */
#define BOUNCE_MAX_RCPTS 1000
/* Upper bound on a reason string, in bytes (cut on a UTF-8 boundary). */
#define BOUNCE_REASON_MAX 200

struct bounce_rcpt {
	char *address;
	char status[16];	/* "5.1.1", "" when none found or inferred */
	int hard;		/* 1 the address is dead, 0 may pass later */
	/*
	 * a bounce's or delay's reason name ("userunknown", ...,
	 * "undefined"); "feedback" or "malformed-feedback" for a complaint,
	 * "vacation" for an auto-reply
	 */
	char *reason;
};

/* Upper bound on the returned original's fields kept in orig_fields. */
#define BOUNCE_MAX_ORIG_FIELDS 16

/* One header field of the returned original. */
struct bounce_field {
	const char *name;	/* static: as bounce_parse spells it */
	char *value;		/* unfolded and trimmed */
};

struct bounce_report {
	enum bounce_kind kind;
	struct bounce_rcpt *rcpts;
	size_t nrcpts;
	/* Delivered-To, X-Original-To, To addresses, in that order. */
	char **envelope;
	size_t nenvelope;
	char *message_id;	/* of the bounce itself, may be NULL */
	char *orig_message_id;	/* of the returned original, may be NULL */
	/*
	 * The returned original's Return-Path, List-Unsubscribe and
	 * CFBL-Address fields (every occurrence, in that order): those in
	 * which mailer writes the recipient's VERP token, as Message-ID.
	 * Only the returned copy's header block is read, never the notice's
	 * text or the copy's body.
	 */
	struct bounce_field *orig_fields;
	size_t norig_fields;
	/*
	 * The feedback report's Original-Mail-From (RFC 5965 3.2: the
	 * envelope sender of the message complained about), unfolded and
	 * trimmed; NULL when there is none.
	 */
	char *feedback_mail_from;
	/*
	 * The delivery status's Original-Envelope-Id (RFC 3464 2.2.1: the
	 * ENVID the message was sent with, RFC 3461), xtext decoded; NULL
	 * when there is none.  mailer sends its VERP token there.
	 */
	char *envelope_id;
	/* its headers or Subject mark it an automatic reply (RFC 3834) */
	int auto_marked;
	/*
	 * A complaint whose message/feedback-report part lacks the
	 * Feedback-Type that RFC 5965 3.1 requires, or a multipart/report
	 * of report-type feedback-report without that part (RFC 5965 2):
	 * a malformed report, no proof that a reader complained (its
	 * recipients' reason is "malformed-feedback").
	 */
	int feedback_malformed;
};

/*
 * Parses msg[0..len) and fills out (which the caller later releases with
 * bounce_report_free).  Bad input is not an error: it gives kind
 * BOUNCE_OTHER or a best-effort result.  Returns 0.
 */
int bounce_parse(const char *msg, size_t len, struct bounce_report *out);

/* Releases what bounce_parse allocated; accepts NULL. */
void bounce_report_free(struct bounce_report *r);

/*
 * Classifies an SMTP server's refusal of address (e.g. "550 5.1.1 <a@b>:
 * user unknown") with the same rules as bounces read from the mailbox, so
 * both land in one ledger with one meaning of hard and soft.  out's
 * address and reason are malloc'd: free them.
 */
void bounce_classify_reply(const char *address, const char *reply,
    struct bounce_rcpt *out);

/* "bounce", "delay", "autoreply", "complaint", "unsubscribe", "other". */
const char *bounce_kind_name(enum bounce_kind k);

/*
 * One JSON object (no newline) per the stable interface:
 * {"file", "kind", "recipients": [{"address", "status", "class", "reason"}]},
 * "class" ("hard" or "soft") only when kind is "bounce" or "delay" (a
 * delay's is "soft").
 * The caller frees the returned string.
 */
char *bounce_report_json(const char *file, const struct bounce_report *r);

#endif
