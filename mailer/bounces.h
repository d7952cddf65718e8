/*
 * bounces: reads the bounce mailbox, classifies each message (bounce.c),
 * trusts only VERP tokens that check out (verp.c), records the outcome in
 * the journal and applies the suppression policy, then files the message
 * away in the processed folder.
 *
 * Exactly once: a message's events and its "processed" mark (by
 * "imap:UIDVALIDITY:UID" and by Message-ID, or the SHA-256 of its bytes
 * when it has none) are committed in one
 * transaction before the message is moved; a run killed anywhere and run
 * again neither counts a message twice nor loses one.
 */
#ifndef MAILER_BOUNCES_H
#define MAILER_BOUNCES_H

#include <stddef.h>

#include "config.h"
#include "journal.h"
#include "verp.h"

enum bounces_addr {
	BOUNCES_ADDR_NONE,	/* not one of our VERP addresses */
	BOUNCES_ADDR_BOUNCE,	/* bounces+TOKEN@bounce_domain */
	BOUNCES_ADDR_UNSUB	/* unsubscribe+TOKEN@bounce_domain */
};

/*
 * Recognises addr ("local@domain", optionally in angle brackets) as one of
 * our VERP addresses in domain, case-insensitively, and copies its token,
 * lowercased, into token (tsz > VERP_TOKEN_LEN).  The token is not checked
 * here.  Returns BOUNCES_ADDR_NONE (token "") for anything else, including
 * a token too long for tsz.  Pure: no I/O.
 */
enum bounces_addr bounces_addr_token(const char *addr, const char *domain,
    char *token, size_t tsz);

/*
 * Copies into toks (at most max) the token candidates that a returned
 * original's header field name: value carries where mailer writes them:
 * "bounces+TOKEN@domain" in Return-Path and CFBL-Address (and in a
 * feedback report's Original-Mail-From, which this reads the same way;
 * in these two also inside an SRS0/SRS1 address, srs.h),
 * "mailto:unsubscribe+TOKEN@domain" (percent-decoded first, RFC 6068)
 * and a URL's "t=TOKEN" parameter in List-Unsubscribe.  Each is
 * lowercased and not checked here.  Returns how many were copied.  Pure:
 * no I/O.
 */
size_t bounces_field_tokens(const char *name, const char *value,
    const char *domain, char (*toks)[VERP_TOKEN_LEN + 1], size_t max);

struct bounces_stats {
	long messages;		/* new messages recorded */
	long bounces, hard, soft, delays, autoreplies, complaints;
	long unsubscribes, other;
	long suppressions;	/* (list, address) pairs newly suppressed */
	long moved;		/* messages moved to the processed folder */
	/* lines logged of unverified evidence, and messages not logged */
	long unverified_lines, unverified_quiet;
};

/* What bounces_record needs; the caller owns everything in it. */
struct bounces_ctx {
	struct journal *jn;
	const unsigned char *key;	/* VERP HMAC key */
	size_t keylen;
	const char *domain;		/* bounce_domain */
	long hard_limit, soft_limit, soft_window_days;
};

/*
 * Records the message msg[0..len) found under source_key, unless it (or a
 * message with the same Message-ID; without one, the same bytes) was
 * recorded before, in one journal transaction, and adds it to st.
 * Returns 0 when recorded now, 1 when already recorded under another
 * key (the same Message-ID or bytes), 2 when under source_key itself (an
 * earlier run's, whose move of it did not end), -1 after reporting a
 * journal error (nothing recorded).
 */
int bounces_record(const struct bounces_ctx *bx, const char *msg,
    size_t len, const char *source_key, struct bounces_stats *st);

/*
 * The summary line "bounces: N messages: ..." for st; the caller frees it.
 */
char *bounces_summary(const struct bounces_stats *st);

/* When bounces_run prints its summary line. */
enum bounces_say {
	BOUNCES_SAY_NOTHING,	/* run --quiet: problems only */
	BOUNCES_SAY_NEW,	/* when a message was new (cron) */
	BOUNCES_SAY_ALWAYS	/* --verbose */
};

/*
 * The whole run against the imap: mailbox of c, holding the state lock
 * (taken here unless locked: the caller, mailer run, holds it).
 * Prints the summary on standard output as say tells.  Returns a code of
 * exitcode.h: 0; EXIT_TEMPFAIL the lock is held, the server failed
 * mid-run (what was committed stays) or refused a move (the rest were
 * recorded and left in the folder);
 * EXIT_UNAVAILABLE the server is unreachable; EXIT_TLS TLS could not be set
 * up or the certificate is not trusted; EXIT_LOGIN the login was refused;
 * EXIT_CONFIG no or bad imap: configuration.
 */
int bounces_run(const struct config *c, enum bounces_say say, int locked);

#endif
