/*
 * smtp: sends messages to the configured relays over SMTP (RFC 5321) with
 * STARTTLS (RFC 3207) or implicit TLS (RFC 8314) and AUTH (RFC 4954),
 * through libcurl's multi interface: up to max_connections connections at
 * once, each reused for up to max_messages_per_connection messages.
 *
 * The caller streams messages in through a callback and hears each outcome
 * through another, before the next message starts on that connection: that
 * is where it commits the outcome to the journal.
 */
#ifndef MAILER_SMTP_H
#define MAILER_SMTP_H

#include <signal.h>
#include <stddef.h>

struct config;
struct smtp;

enum smtp_result {
	SMTP_OK,	/* 2xx to the end of DATA: the relay has it */
	SMTP_TEMPFAIL,	/* 4xx, or the connection broke mid-transaction */
	SMTP_PERMFAIL,	/* 5xx to RCPT or to the end of DATA */
	SMTP_CONNFAIL	/* no session: connect, TLS, AUTH or MAIL refused */
};

struct smtp_msg {
	const char *from;	/* envelope sender; "" for the null path */
	const char *rcpt;	/* one recipient */
	const char *data;	/* CRLF lines, unstuffed; valid until done */
	size_t len;
	void *arg;		/* the caller's, handed back to done */
};

/* Fills *msg and returns 1, or returns 0 when there is nothing more. */
typedef int (*smtp_next_fn)(void *arg, struct smtp_msg *msg);

/*
 * One outcome per message.  reply is the server's whole final reply
 * ("250 2.0.0 Ok: queued as 4F2A1"; lines joined with '\n') or libcurl's
 * error text when there was none; valid during the call only.
 */
typedef void (*smtp_done_fn)(void *arg, const struct smtp_msg *msg,
    enum smtp_result r, const char *reply);

/*
 * Prepares sending to the smtp:// and smtps:// relays of c (other relays
 * are ignored).  password may be NULL; it is copied and wiped at close.
 * Returns NULL after reporting.
 */
struct smtp *smtp_open(const struct config *c, const char *password);

/*
 * Sends until next returns 0 or *stop (may be NULL) becomes nonzero; the
 * messages in flight are finished either way.  A relay that fails to give
 * a session (SMTP_CONNFAIL) is skipped for relay_cooldown seconds and the
 * message is tried on the next relay; when no relay is left no new
 * message starts and smtp_run returns -1 after reporting.  Otherwise 0.
 */
int smtp_run(struct smtp *s, smtp_next_fn next, smtp_done_fn done,
    void *arg, volatile sig_atomic_t *stop);

void smtp_close(struct smtp *s);

const char *smtp_result_name(enum smtp_result r);

#endif
