/*
 * smtp: sends messages to the configured relays over SMTP (RFC 5321) with
 * STARTTLS (RFC 3207) or implicit TLS (RFC 8314) and AUTH (RFC 4954),
 * through libcurl: up to max_connections connections at once, each with
 * its own thread and reused for up to max_messages_per_connection messages.
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
	SMTP_CONNFAIL,	/* no session: connect failed or MAIL refused */
	SMTP_TLSFAIL,	/* no session: no STARTTLS where required, the
			   handshake failed or the certificate is untrusted */
	SMTP_AUTHFAIL	/* the relay refused the username or password */
};

struct smtp_msg {
	const char *from;	/* envelope sender; "" for the null path */
	const char *rcpt;	/* one recipient */
	/*
	 * The message is head then data (two pieces, so a body shared by
	 * many messages is not copied into each): CRLF lines, unstuffed,
	 * valid until done.  head may be NULL with head_len 0.
	 */
	const char *head;
	size_t head_len;
	const char *data;
	size_t len;
	void *arg;		/* the caller's, handed back to done */
	const char *relay;	/* set for done: the relay last tried, named
				   without credentials (relays_label) */
};

enum smtp_next {
	SMTP_NEXT_END,	/* nothing more, ever: smtp_run stops asking */
	SMTP_NEXT_MSG,	/* *msg is filled */
	SMTP_NEXT_LATER	/* nothing now: ask again after a message ends */
};

/*
 * Fills *msg, or says why not.  With SMTP_NEXT_LATER it may lower *wait_ms
 * to be asked again that soon even if no message ends.
 */
typedef enum smtp_next (*smtp_next_fn)(void *arg, struct smtp_msg *msg,
    long *wait_ms);

/*
 * One outcome per message.  reply is the server's whole final reply
 * ("250 2.0.0 Ok: queued as 4F2A1"; lines joined with '\n') or libcurl's
 * error text when there was none; valid during the call only.
 */
typedef void (*smtp_done_fn)(void *arg, const struct smtp_msg *msg,
    enum smtp_result r, const char *reply);

/*
 * Prepares sending to the smtp:// and smtps:// relays of c (other relays
 * are ignored) by c's relay_mode and weights (relays.h).  password may be
 * NULL; it is copied and wiped at close.  Returns NULL after reporting.
 */
struct smtp *smtp_open(const struct config *c, const char *password);

/*
 * Sends until next returns SMTP_NEXT_END and nothing is in flight, or
 * *stop (may be NULL) becomes nonzero and the messages in flight are
 * finished.  With SMTP_RUN_PUMP it returns as soon as a message has ended
 * and the free connections got what next had, leaving the others in
 * flight: the caller adds messages and calls again, so connections never
 * wait for the slowest message of a batch.
 *
 * Each connection's next session goes to the relay relays_pick chooses
 * for it among the relays that are up.  A relay that fails to give a
 * session (SMTP_CONNFAIL, SMTP_TLSFAIL, SMTP_AUTHFAIL) is skipped for
 * relay_cooldown seconds and the message is tried on another relay; when
 * no relay is left no new message starts and smtp_run returns -1 after
 * reporting.  Otherwise 0.
 */
#define SMTP_RUN_PUMP 1
int smtp_run(struct smtp *s, smtp_next_fn next, smtp_done_fn done,
    void *arg, volatile sig_atomic_t *stop, int flags);

/*
 * Makes a smtp_run waiting for work (after SMTP_NEXT_LATER) ask next()
 * again now.  Safe from any thread.
 */
void smtp_wakeup(struct smtp *s);

/* Finishes the messages in flight, closes the connections (QUIT), frees. */
void smtp_close(struct smtp *s);

const char *smtp_result_name(enum smtp_result r);

#endif
